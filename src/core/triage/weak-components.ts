/**
 * The components where a gap's technique applies and is below the policy. Exposure, mission impact and what closes
 * the gap depend on them alone, so the engine finds them once per gap and the key lets gaps alike share results.
 */
import type { Level, TechniqueResult } from '../coverage/types';
import { levelRank } from '../coverage/types';

export interface WeakComponents {
  readonly ids: readonly string[];
  /** The ids joined: equal keys, equal components. */
  readonly key: string;
}

/**
 * The weak components of every gap of one analysis, one shared object per distinct set: most gaps of a model repeat
 * a few sets, and building ids and key anew for each cost more than the triage's decisions (a 2,000-line model has
 * ~600 gaps over many components). A set is found by a hash of its components' positions, then compared.
 */
export class WeakComponentSets {
  private readonly policy: number;
  private readonly position = new Map<string, number>();
  private readonly byHash = new Map<number, WeakComponents[]>();

  constructor(components: readonly { readonly id: string }[], min: Level) {
    this.policy = levelRank(min);
    components.forEach((c, n) => this.position.set(c.id, n));
  }

  of(t: Pick<TechniqueResult, 'components'>): WeakComponents {
    let hash = 0x811c9dc5;
    let count = 0;
    for (const c of t.components) {
      if (levelRank(c.coverage) >= this.policy) continue;
      hash = Math.imul(hash ^ (this.position.get(c.component) ?? -1), 0x01000193);
      count++;
    }
    const bucket = this.byHash.get(hash);
    const found = bucket?.find((w) => w.ids.length === count && this.same(w.ids, t));
    if (found) return found;
    const made = weakComponents(t, this.policy);
    if (bucket) bucket.push(made);
    else this.byHash.set(hash, [made]);
    return made;
  }

  private same(ids: readonly string[], t: Pick<TechniqueResult, 'components'>): boolean {
    let i = 0;
    for (const c of t.components) {
      if (levelRank(c.coverage) >= this.policy) continue;
      if (ids[i++] !== c.component) return false;
    }
    return true;
  }
}

function weakComponents(t: Pick<TechniqueResult, 'components'>, policy: number): WeakComponents {
  const ids: string[] = [];
  for (const c of t.components) if (levelRank(c.coverage) < policy) ids.push(c.component);
  return { ids, key: ids.join('\n') };
}
