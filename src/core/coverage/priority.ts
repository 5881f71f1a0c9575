/**
 * Gap priority score: how many of the model's adversaries use the technique (the intersection weight users asked
 * ATT&CK Navigator for), exposure (internet-facing components), crown jewels, and how little coverage there is.
 * Score = 10·adversaries + 5·internet-facing components + 5·crown jewels + 2·(levels below the policy).
 */
import { extendResult } from './extend-result';
import type { Outcome } from '../triage/decision-table';
import type { CoverageInput, Priority, TechniqueResult } from './types';
import { levelRank } from './types';

/** Scores every gap (rank 0 until the engine ranks them). */
export function scoreGaps(results: readonly TechniqueResult[], input: CoverageInput): TechniqueResult[] {
  const components = componentsById(input);
  return results.map((r) => (r.state === 'gap' ? extendResult(r, { priority: scoreGap(r, input, components) }) : r));
}

export const componentsById = (input: CoverageInput): ReadonlyMap<string, CoverageInput['components'][number]> => new Map(input.components.map((c) => [c.id, c]));

/** The priority of one gap (rank 0: the caller ranks). */
export function scoreGap(
  r: TechniqueResult,
  input: CoverageInput,
  components: ReadonlyMap<string, CoverageInput['components'][number]>,
): Priority {
  const adversaries = new Set(r.adversaries.map((a) => a.adversary)).size;
  const exposed = r.components.filter((c) => components.get(c.component)?.exposure === 'internet-facing');
  const jewels = r.components.filter((c) => components.get(c.component)?.crownJewel);
  const shortfall = levelRank(input.minCoverage) - levelRank(r.coverage);
  const reasons = [
    `used by ${adversaries} of ${input.adversaries.length} adversaries`,
    ...(exposed.length ? [`internet-facing: ${exposed.map((c) => c.component).join(', ')}`] : []),
    ...(jewels.length ? [`crown jewel: ${jewels.map((c) => c.component).join(', ')}`] : []),
    `coverage ${r.coverage} (policy ${input.minCoverage})`,
  ];
  return { score: 10 * adversaries + 5 * exposed.length + 5 * jewels.length + 2 * shortfall, rank: 0, reasons };
}

export type GapSeverity = 'error' | 'warning' | 'information' | 'hint';

const OUTCOME_SEVERITY: Readonly<Record<Outcome, GapSeverity>> = { act: 'error', attend: 'warning', 'track*': 'information', track: 'hint' };

/**
 * How loudly a gap is reported (Problems panel, SARIF level, CLI marker): by its triage outcome, Act → error,
 * Attend → warning, Track* → information, Track → hint.
 */
export function gapSeverity(t: Pick<TechniqueResult, 'triage'>): GapSeverity {
  return OUTCOME_SEVERITY[t.triage?.outcome ?? 'track'];
}
