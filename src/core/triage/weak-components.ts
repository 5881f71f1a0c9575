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

export function weakComponents(t: Pick<TechniqueResult, 'components'>, min: Level): WeakComponents {
  const policy = levelRank(min);
  const ids: string[] = [];
  let key = '';
  for (const c of t.components) {
    if (levelRank(c.coverage) >= policy) continue;
    key = ids.length === 0 ? c.component : `${key}\n${c.component}`;
    ids.push(c.component);
  }
  return { ids, key };
}
