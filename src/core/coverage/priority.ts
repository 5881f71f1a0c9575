/**
 * Gap priority: how many of the model's adversaries use the technique (the intersection weight users asked
 * ATT&CK Navigator for), exposure (internet-facing components), crown jewels, and how little coverage there is.
 * Score = 10·adversaries + 5·internet-facing components + 5·crown jewels + 2·(levels below the policy).
 */
import type { CoverageInput, Priority, TechniqueResult } from './types';
import { levelRank } from './types';

export function prioritise(results: readonly TechniqueResult[], input: CoverageInput): TechniqueResult[] {
  const components = new Map(input.components.map((c) => [c.id, c]));
  const scored = results.map((r) => (r.state === 'gap' ? { ...r, priority: scoreGap(r, input, components) } : r));
  const gaps = scored
    .filter((r) => r.priority)
    .sort((a, b) => (b.priority?.score ?? 0) - (a.priority?.score ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const rank = new Map(gaps.map((g, i) => [g.id, i + 1]));
  return scored.map((r) => (r.priority ? { ...r, priority: { ...r.priority, rank: rank.get(r.id) ?? 0 } } : r));
}

function scoreGap(
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

export type GapSeverity = 'error' | 'warning' | 'information';

/**
 * How loudly a gap is reported (Problems panel, SARIF level, CLI marker). Two or more adversaries, or one
 * adversary on an exposed crown jewel, is an error; one adversary on an exposed or crown-jewel component a
 * warning; the rest information.
 */
export function gapSeverity(priority: Priority): GapSeverity {
  if (priority.score >= 24) return 'error';
  if (priority.score >= 15) return 'warning';
  return 'information';
}
