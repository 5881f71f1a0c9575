/**
 * What the text and Markdown reports say about triage, in one place: the gaps grouped by outcome, a decision point
 * with its evidence, the mitigations that would close a gap (cheapest change first), the next best mitigations with
 * their running totals, and the accepted risks. Plain strings: each report escapes them its own way.
 */
import type { CoverageResult, TechniqueResult } from '../coverage/types';
import type { DecisionPoint, Outcome } from '../triage/decision-table';
import { DECISION_POINT_NAMES, OUTCOMES, OUTCOME_LABELS } from '../triage/decision-table';
import type { MitigationOption, NextBestPick } from '../triage/mitigations';
import type { TopScores } from '../triage/types';
import { gapsInPriorityOrder } from './context';

/** Outcomes, most urgent first: the order the reports group gaps in. */
export const OUTCOMES_DOWN: readonly Outcome[] = [...OUTCOMES].reverse();

/** How many mitigations a report lists for one gap (the JSON report lists every one). */
export const MITIGATION_WORDS_LIMIT = 5;

export type OutcomeCounts = Readonly<Record<Outcome, number>>;

/** The gaps of each outcome, in priority order, most urgent outcome first (every outcome present, maybe empty). */
export function gapsByOutcome(result: CoverageResult): [Outcome, TechniqueResult[]][] {
  const groups = new Map<Outcome, TechniqueResult[]>(OUTCOMES_DOWN.map((o) => [o, []]));
  for (const t of gapsInPriorityOrder(result)) groups.get(t.triage?.outcome ?? 'track')!.push(t);
  return [...groups];
}

/** "Act 1 · Attend 91 · Track* 22 · Track 63". */
export function outcomeCountWords(counts: OutcomeCounts, separator = ' · '): string {
  return OUTCOMES_DOWN.map((o) => `${OUTCOME_LABELS[o]} ${counts[o]}`).join(separator);
}

const total = (counts: OutcomeCounts): number => OUTCOMES.reduce((n, o) => n + counts[o], 0);

/** The decision table and the triage date, as the reports head their triage with. */
export function triageWords(result: CoverageResult): string {
  const date = result.triage.asOf !== undefined
    ? `as of ${result.triage.asOf}`
    : 'no triage date (so no intelligence or campaign counts as current activity, and no acceptance holds)';
  return `decision table "${result.triage.table}", ${date}`;
}

/** One decision point of a gap: its value and the evidence that set it ("intelligence of 2026-10-15 …; … and 2 more"). */
export function pointParts(t: TechniqueResult, p: DecisionPoint): { value: string; evidence: string } {
  const point = t.triage?.[p];
  if (!point) return { value: '', evidence: '' };
  const more = point.more ? ` and ${point.more} more` : '';
  return { value: point.value, evidence: point.evidence.length > 0 ? `${point.evidence.join('; ')}${more}` : '' };
}

/** "active: intelligence of 2026-10-15 …". */
export function pointWords(t: TechniqueResult, p: DecisionPoint): string {
  const { value, evidence } = pointParts(t, p);
  return evidence ? `${value}: ${evidence}` : value;
}

/** Every decision point of a gap, in table order, as `[name, words]`. */
export function pointLines(t: TechniqueResult): [DecisionPoint, string][] {
  return t.triage ? DECISION_POINT_NAMES.map((p) => [p, pointWords(t, p)]) : [];
}

/** "prevalence 0.52 · choke point 0.31 · actionability 0.60 (combined 1.43; scored as T1xxx)". */
export function topWords(top: TopScores | undefined): string | undefined {
  if (!top) return undefined;
  const n = (x: number) => x.toFixed(2);
  return `prevalence ${n(top.prevalence)} · choke point ${n(top.chokePoint)} · actionability ${n(top.actionability)} (combined ${n(top.combined)}${top.from ? `; scored as ${top.from}` : ''})`;
}

/** How much a mitigation's change takes: a counting control that lists it (0), a planned or retired one (1), none (2). */
function effort(m: MitigationOption): number {
  if (m.uses.some((u) => u.status === 'implemented' || u.status === 'partial')) return 0;
  return m.uses.length > 0 ? 1 : 2;
}

/** A gap's mitigations, the smallest change first (a control that already lists it), then by ID. */
export function mitigationsByEffort(t: TechniqueResult): MitigationOption[] {
  return [...(t.mitigations ?? [])].sort((a, b) => effort(a) - effort(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** "M1040 Behavior Prevention on Endpoint — extend EDR-01's appliesTo to k8s" (the action without repeating the ID). */
export function mitigationWords(m: MitigationOption): string {
  const action = m.action.startsWith(`${m.id} is `) ? m.action.slice(m.id.length + 4) : m.action;
  return `${m.id} ${m.name} — ${action}`;
}

/** The inventories' controls that list a mitigation: "EDR-01 (implemented, partial), BACKUP-01 (planned, significant)". */
export function mitigationUseWords(m: MitigationOption | undefined): string {
  if (!m || m.uses.length === 0) return 'not in any inventory';
  return m.uses.map((u) => `${u.control} (${u.status}, ${u.level})`).join(', ');
}

/** One pick of the next best mitigations with what it and the picks before it close, and what remains after it. */
export interface NextBestRow {
  readonly pick: NextBestPick;
  /** Gaps the picks up to this one close, by outcome. */
  readonly cumulative: OutcomeCounts;
  readonly cumulativeTotal: number;
  /** Gaps none of the picks up to this one closes, by outcome. */
  readonly remaining: OutcomeCounts;
  /** The mitigation as the gaps it closes see it (its controls in the inventories). */
  readonly option?: MitigationOption;
}

/** The next best mitigations with running totals: cumulative from the first pick on, remaining of the model's gaps. */
export function nextBestRows(result: CoverageResult): NextBestRow[] {
  const byId = new Map(result.techniques.map((t) => [t.id, t]));
  const cumulative: Record<Outcome, number> = { act: 0, attend: 0, 'track*': 0, track: 0 };
  return result.nextBest.picks.map((pick) => {
    for (const o of OUTCOMES) cumulative[o] += pick.byOutcome[o];
    const remaining = Object.fromEntries(OUTCOMES.map((o) => [o, result.summary.outcomes[o] - cumulative[o]])) as Record<Outcome, number>;
    const option = pick.closes.map((id) => byId.get(id)?.mitigations?.find((m) => m.id === pick.id)).find((m) => m !== undefined);
    return { pick, cumulative: { ...cumulative }, cumulativeTotal: total(cumulative), remaining, ...(option ? { option } : {}) };
  });
}

/** "Act 1, Attend 2" (the outcomes with a count, most urgent first), or "none". */
export function nonZeroWords(counts: OutcomeCounts): string {
  const parts = OUTCOMES_DOWN.filter((o) => counts[o] > 0).map((o) => `${OUTCOME_LABELS[o]} ${counts[o]}`);
  return parts.length > 0 ? parts.join(', ') : 'none';
}

/** Accepted techniques, the acceptance that ends first first, then by ID. */
export function acceptedInOrder(result: CoverageResult): TechniqueResult[] {
  return result.techniques
    .filter((t) => t.state === 'accepted')
    .sort((a, b) => (a.acceptance?.until ?? '').localeCompare(b.acceptance?.until ?? '') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Gaps grouped by their decision path (without the outcome), the most common path first, then the path's order. */
export function byPath(gaps: readonly TechniqueResult[]): { path: string; gaps: TechniqueResult[] }[] {
  const groups = new Map<string, TechniqueResult[]>();
  for (const g of gaps) {
    const path = (g.triage?.path ?? '').replace(/ → .*$/, '');
    const list = groups.get(path);
    if (list) list.push(g);
    else groups.set(path, [g]);
  }
  return [...groups].map(([path, list]) => ({ path, gaps: list })).sort((a, b) => b.gaps.length - a.gaps.length || a.path.localeCompare(b.path));
}
