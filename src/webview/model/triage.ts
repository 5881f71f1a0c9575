/**
 * Gap triage in the heatmap's words: the outcome of a cell (a mark that differs in shape, not only in colour), the
 * outcome filter, the headline counts, a technique's decision path and points, what closes it and its acceptance,
 * and the next best mitigations. Pure; the phrasing comes from the reports' own (src/core/report/triage-words.ts).
 */
import type { CoverageResult, TechniqueResult } from '../../core/coverage/types';
import { DECISION_POINT_NAMES, OUTCOME_LABELS, type DecisionPoint, type Outcome } from '../../core/triage/decision-table';
import { mitigationsByEffort, mitigationUseWords, mitigationWords, nextBestRows, nonZeroWords, OUTCOMES_DOWN, pointParts, topWords } from '../../core/report/triage-words';
import type { OutcomeFilter } from '../../protocol';
import { OUTCOME_FILTERS } from '../../protocol';
import type { WireMitigationOption } from '../../protocol-triage';

/** The mark a gap cell shows for its outcome instead of the gap's ✕: distinct shapes, most urgent the loudest. */
export const OUTCOME_GLYPH: Readonly<Record<Outcome, string>> = { act: '‼', attend: '!', 'track*': '✱', track: '–' };
export const ACCEPTED_GLYPH = '◔';

export const OUTCOME_FILTER_NAME: Readonly<Record<OutcomeFilter, string>> = { ...OUTCOME_LABELS, accepted: 'Accepted' };
export const OUTCOME_FILTER_GLYPH: Readonly<Record<OutcomeFilter, string>> = { ...OUTCOME_GLYPH, accepted: ACCEPTED_GLYPH };

/** What each outcome asks for (the meanings of docs/triage.md). */
export const OUTCOME_HELP: Readonly<Record<OutcomeFilter, string>> = {
  act: 'a gap to act on now, at the highest level of attention',
  attend: 'a gap to attend to out of the normal cycle, soon',
  'track*': 'a gap to handle in the normal cycle, and watch: it may need attention',
  track: 'a gap to handle in the normal cycle',
  accepted: 'risk accepted by an owner until a date (not a gap while it holds)',
};

/** A technique's place in the outcome filter: its gap outcome, `accepted`, or none (any other state). */
export function outcomeFilterOf(t: TechniqueResult): OutcomeFilter | undefined {
  if (t.state === 'accepted') return 'accepted';
  if (t.state === 'gap') return t.triage?.outcome ?? 'track';
  return undefined;
}

/** How many of `list` are in each place of the outcome filter (gaps by outcome, accepted). */
export function countOutcomes(list: Iterable<TechniqueResult>): Record<OutcomeFilter, number> {
  const counts: Record<OutcomeFilter, number> = { act: 0, attend: 0, 'track*': 0, track: 0, accepted: 0 };
  for (const t of list) {
    const o = outcomeFilterOf(t);
    if (o !== undefined) counts[o]++;
  }
  return counts;
}

/** Order of the table's Outcome column: Act first, then Attend, Track*, Track, accepted, everything else last. */
export function outcomeOrder(t: TechniqueResult): number {
  const o = outcomeFilterOf(t);
  return o === undefined ? OUTCOME_FILTERS.length : OUTCOME_FILTERS.indexOf(o);
}

/** "‼ Act", "◔ Accepted until 2027-03-31", or '' for a technique that is neither a gap nor accepted. */
export function outcomeText(t: TechniqueResult): string {
  const o = outcomeFilterOf(t);
  if (o === undefined) return '';
  const until = o === 'accepted' && t.acceptance ? ` until ${t.acceptance.until}` : '';
  return `${OUTCOME_FILTER_GLYPH[o]} ${OUTCOME_FILTER_NAME[o]}${until}`;
}

/** "1 Act · 91 Attend · 22 Track* · 63 Track gaps · 3 accepted · as of 2026-12-03" (or "· no triage date"). */
export function headlineCounts(result: CoverageResult): string {
  const s = result.summary;
  const gaps = OUTCOMES_DOWN.map((o) => `${s.outcomes[o]} ${OUTCOME_LABELS[o]}`).join(' · ');
  return `${gaps} gaps · ${s.accepted} accepted · ${result.triage.asOf !== undefined ? `as of ${result.triage.asOf}` : 'no triage date'}`;
}

/** "triage as of 2026-12-03, decision table "…"" (no date: what that means for activity and acceptance). */
export function triageDateWords(result: CoverageResult): string {
  const table = `decision table "${result.triage.table}"`;
  return result.triage.asOf !== undefined ? `triage as of ${result.triage.asOf}, ${table}` : `no triage date (no intelligence counts as current, no acceptance holds), ${table}`;
}

/** One decision point as the details pane lists it. */
export interface PointRow {
  readonly point: DecisionPoint;
  readonly value: string;
  /** The evidence sentences, then "and N more" when the core counted more. */
  readonly evidence: readonly string[];
  /** Set by `techniques.assess`: "assessed (computed: yes): the reason". */
  readonly assessed?: string;
}

export function pointRows(t: TechniqueResult): PointRow[] {
  const triage = t.triage;
  if (!triage) return [];
  return DECISION_POINT_NAMES.map((p) => {
    const point = triage[p];
    const evidence = [...point.evidence, ...(point.more ? [`and ${point.more} more`] : [])];
    const assessed = point.assessed ? `assessed by the model (computed: ${point.assessed.computed}): ${point.assessed.reason}` : undefined;
    return { point: p, value: pointParts(t, p).value, evidence, ...(assessed ? { assessed } : {}) };
  });
}

/** "prevalence 0.52 · choke point 0.31 · actionability 0.60 (combined 1.43)", when the user gave Top Techniques data. */
export const topScoreWords = (t: TechniqueResult): string | undefined => topWords(t.triage?.top);

/** One mitigation that would close a gap: what it is, what our inventories do with it, the change that closes it. */
export interface MitigationRow {
  readonly id: string;
  /** "M1040 Behavior Prevention on Endpoint — extend EDR-01's appliesTo to k8s". */
  readonly words: string;
  /** "EDR-01 (implemented, partial), … and 3 more controls", or "not in any inventory". */
  readonly uses: string;
  /** The smallest change first (a control that already lists it), as the reports order them. */
  readonly action: string;
}

export function mitigationRows(t: TechniqueResult): MitigationRow[] {
  return mitigationsByEffort(t).map((m) => {
    const more = (m as WireMitigationOption).moreUses;
    const uses = `${mitigationUseWords(m)}${more ? ` and ${more} more control${more === 1 ? '' : 's'}` : ''}`;
    return { id: m.id, words: mitigationWords(m), uses, action: m.action };
  });
}

/** The acceptance of an accepted technique as label/value pairs. */
export function acceptanceFacts(t: TechniqueResult): [string, string][] {
  const a = t.acceptance;
  if (!a) return [];
  return [['Owner', a.owner], ['Until', a.until], ['Reason', a.reason || '(no reason given)'], ...(a.ref ? ([['Ref', a.ref]] as [string, string][]) : [])];
}

/** One pick of the next best mitigations, as the list and the table show it. */
export interface NextBestItem {
  readonly rank: number;
  readonly id: string;
  readonly name: string;
  /** "Act 1, Attend 12" of the gaps this pick closes (that no earlier pick closes). */
  readonly closes: string;
  readonly closesTotal: number;
  readonly byOutcome: Readonly<Record<Outcome, number>>;
  /** What the inventories do with it: "EDR-01 (planned, partial)" or "not in any inventory". */
  readonly uses: string;
  /** Gaps no pick up to this one closes. */
  readonly remaining: string;
}

export function nextBestItems(result: CoverageResult): NextBestItem[] {
  return nextBestRows(result).map((row, i) => ({
    rank: i + 1,
    id: row.pick.id,
    name: row.pick.name,
    closes: nonZeroWords(row.pick.byOutcome),
    closesTotal: row.pick.closes.length,
    byOutcome: row.pick.byOutcome,
    uses: mitigationUseWords(row.option),
    remaining: nonZeroWords(row.remaining),
  }));
}

/** What remains after every pick, and the gaps no ATT&CK mitigation addresses. */
export function nextBestRemaining(result: CoverageResult): string {
  const n = result.nextBest;
  return `Remaining after these: ${nonZeroWords(n.remaining)}${n.unmitigable > 0 ? ` (${n.unmitigable} gap${n.unmitigable === 1 ? '' : 's'} no ATT&CK mitigation addresses)` : ''}`;
}
