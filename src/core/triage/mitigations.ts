/**
 * What closes a gap: the ATT&CK mitigations that `mitigate` the technique, what the inventories already do with each
 * (a control that lists it for other components, with a `planned` or `retired` status, or at a level below the
 * policy), and the one change that would close the gap with it. Across the model, the "next best mitigations": the
 * few that together close the most gaps, weighted by outcome (greedy weighted set cover, set-cover.ts).
 *
 * "Closes" means: a counting control gives the mitigation at the policy level on every component where the
 * technique is below it. A mitigation gives its level to the techniques it mitigates (not to their sub-techniques),
 * so this is exactly what would make the gap covered.
 */
import type { AttackIndex } from '../attack/types';
import type { ControlInput, CoverageInput, Level, SourceRef, TechniqueResult } from '../coverage/types';
import { levelRank, minLevel } from '../coverage/types';
import type { Outcome } from './decision-table';
import { greedyCoverNumbered } from './set-cover';
import type { WeakComponents } from './weak-components';

/** One control that lists the mitigation, and why it does not close the gap yet. */
export interface MitigationUse {
  readonly control: string;
  readonly status: ControlInput['status'];
  /** The level it gives (after a `partial` status's cap). */
  readonly level: Level;
  /** Weak components it does not apply to. */
  readonly missing: readonly string[];
  readonly source?: SourceRef;
}

export interface MitigationOption {
  readonly id: string;
  readonly name: string;
  readonly uses: readonly MitigationUse[];
  /** The change that would close the gap with this mitigation, in words. */
  readonly action: string;
}

/** Weights of the outcomes in the next-best ranking: one Act gap counts as two Attend, four Track*, eight Track. */
export const OUTCOME_WEIGHTS: Readonly<Record<Outcome, number>> = { act: 8, attend: 4, 'track*': 2, track: 1 };

export interface NextBestPick {
  readonly id: string;
  readonly name: string;
  /** Gaps it closes that no earlier pick closes. */
  readonly closes: readonly string[];
  readonly byOutcome: Readonly<Record<Outcome, number>>;
  readonly weight: number;
}

export interface NextBest {
  readonly picks: readonly NextBestPick[];
  /** Gaps no pick closes, by outcome (those no mitigation of ATT&CK addresses included). */
  readonly remaining: Readonly<Record<Outcome, number>>;
  /** Gaps that no ATT&CK mitigation mitigates at all. */
  readonly unmitigable: number;
}

type MitigationEntry = ControlInput['mitigations'][number];

/** Technique → its ATT&CK mitigations: the data's alone, so kept per index across analyses. */
const mitigationsByIndex = new WeakMap<AttackIndex, Map<string, readonly string[]>>();

/**
 * The mitigations of the ATT&CK data and the controls that list each, indexed once per analysis: the options of
 * every gap are looked up, not searched for (a model can have hundreds of gaps and controls listing every mitigation).
 */
export class MitigationCatalogue {
  private readonly listedBy = new Map<string, { readonly control: ControlInput; readonly entry: MitigationEntry }[]>();
  private readonly names = new Map<string, string>();
  /** Weak components key → mitigation → its option. */
  private readonly optionCache = new Map<string, Map<string, MitigationOption>>();

  constructor(
    private readonly index: AttackIndex,
    private readonly input: CoverageInput,
  ) {
    for (const control of input.controls) {
      const seen = new Set<string>();
      for (const entry of control.mitigations) {
        // The first entry of a control for a mitigation is the one that counts, as the engine reads it.
        if (seen.has(entry.id)) continue;
        seen.add(entry.id);
        const list = this.listedBy.get(entry.id);
        if (list) list.push({ control, entry });
        else this.listedBy.set(entry.id, [{ control, entry }]);
      }
    }
  }

  /** The ATT&CK mitigations of a technique, ID order. */
  mitigationsOf(techniqueId: string): readonly string[] {
    let ids = this.ofTechnique.get(techniqueId);
    if (!ids) {
      ids = [...new Set(this.index.relatedFrom(techniqueId, 'mitigates'))].filter((m) => this.index.get(m, 'mitigation')).sort();
      this.ofTechnique.set(techniqueId, ids);
    }
    return ids;
  }

  private get ofTechnique(): Map<string, readonly string[]> {
    let map = mitigationsByIndex.get(this.index);
    if (!map) mitigationsByIndex.set(this.index, (map = new Map()));
    return map;
  }

  /**
   * The options of one gap (or accepted technique), mitigation ID order. An option depends only on the mitigation and
   * the components below the policy, so gaps alike share the same (read-only) option objects.
   */
  options(techniqueId: string, weak: WeakComponents): MitigationOption[] {
    let byMitigation = this.optionCache.get(weak.key);
    if (!byMitigation) this.optionCache.set(weak.key, (byMitigation = new Map()));
    const options = byMitigation;
    return this.mitigationsOf(techniqueId).map((m) => {
      let option = options.get(m);
      if (!option) options.set(m, (option = this.option(m, weak.ids)));
      return option;
    });
  }

  private option(m: string, weak: readonly string[]): MitigationOption {
    const uses: MitigationUse[] = [];
    for (const { control: c, entry } of this.listedBy.get(m) ?? []) {
      const level = c.status === 'partial' ? minLevel(entry.level, 'partial') : entry.level;
      const missing = c.appliesTo ? weak.filter((w) => w !== '*' && !c.appliesTo!.includes(w)) : [];
      uses.push({ control: c.id, status: c.status, level, missing, ...(entry.source ? { source: entry.source } : {}) });
    }
    return { id: m, name: this.nameOf(m), uses, action: actionFor(m, uses, this.input.minCoverage) };
  }

  nameOf(id: string): string {
    let n = this.names.get(id);
    if (n === undefined) this.names.set(id, (n = this.index.get(id)?.name ?? id));
    return n;
  }
}

/** The smallest change with this mitigation that closes the gap. */
function actionFor(m: string, uses: readonly MitigationUse[], policy: Level): string {
  if (uses.length === 0) return `${m} is not in any inventory: add it to a control at ${policy} or more`;
  const counting = uses.filter((u) => u.status === 'implemented' || u.status === 'partial');
  const strongEnough = (u: MitigationUse) => levelRank(u.level) >= levelRank(policy);
  const reach = counting.find((u) => strongEnough(u) && u.missing.length > 0);
  if (reach) return `extend ${reach.control}'s appliesTo to ${reach.missing.join(', ')}`;
  const weakUse = counting.find((u) => !strongEnough(u));
  if (weakUse) {
    return weakUse.status === 'partial' && policy === 'significant'
      ? `${weakUse.control} is partial, which caps it at partial: complete it to give ${m} at ${policy}`
      : `raise ${weakUse.control}'s ${m} from ${weakUse.level} to ${policy}${weakUse.missing.length > 0 ? ` and extend its appliesTo to ${weakUse.missing.join(', ')}` : ''}`;
  }
  const planned = uses.find((u) => u.status === 'planned') ?? uses[0]!;
  return `implement the ${planned.status} control ${planned.control}${levelRank(planned.level) < levelRank(policy) ? ` with ${m} at ${policy}` : ''}${planned.missing.length > 0 ? ` for ${planned.missing.join(', ')} too` : ''}`;
}

/** The next best mitigations over every gap, weighted by outcome (at most `max` picks). */
export function nextBestMitigations(catalogue: MitigationCatalogue, gaps: readonly TechniqueResult[], max = 10): NextBest {
  const outcomes = gaps.map((g): Outcome => g.triage?.outcome ?? 'track');
  const weight = Float64Array.from(outcomes, (o) => OUTCOME_WEIGHTS[o]);
  const byMitigation = new Map<string, number[]>();
  let unmitigable = 0;
  gaps.forEach((g, n) => {
    const ms = catalogue.mitigationsOf(g.id);
    if (ms.length === 0) unmitigable++;
    for (const m of ms) {
      const list = byMitigation.get(m);
      if (list) list.push(n);
      else byMitigation.set(m, [n]);
    }
  });
  const candidates = [...byMitigation].map(([id, closes]) => ({ id, closes: Int32Array.from(closes) }));
  const { picks, open } = greedyCoverNumbered(candidates, weight, max);
  const countsOf = (numbers: Iterable<number>): Record<Outcome, number> => {
    const out: Record<Outcome, number> = { act: 0, attend: 0, 'track*': 0, track: 0 };
    for (const n of numbers) out[outcomes[n]!]++;
    return out;
  };
  const remaining: number[] = [];
  open.forEach((o, n) => o === 1 && remaining.push(n));
  return {
    picks: picks.map((p) => ({ id: p.id, name: catalogue.nameOf(p.id), closes: p.adds.map((n) => gaps[n]!.id), byOutcome: countsOf(p.adds), weight: p.weight })),
    remaining: countsOf(remaining),
    unmitigable,
  };
}
