/** Glyphs, labels and screen-reader text for states and coverage levels (one place, used by every view). */
import type { Level, TechniqueResult, TechniqueState } from '../../core/coverage/types';
import type { CellModel, ColumnModel, StateCounts } from './matrix';
import { OUTCOME_FILTER_NAME, OUTCOME_GLYPH, outcomeFilterOf } from './triage';
import { assuranceText } from './assurance';

/** A shape per state so colour is never the only cue. */
export const STATE_GLYPH: Readonly<Record<TechniqueState, string>> = {
  gap: '✕',
  accepted: '◔',
  covered: '✓',
  applicable: '○',
  'not-applicable': '·',
  excluded: '⊘',
};

export const STATE_NAME: Readonly<Record<TechniqueState, string>> = {
  gap: 'Gap',
  accepted: 'Accepted',
  covered: 'Covered',
  applicable: 'Applicable',
  'not-applicable': 'Not applicable',
  excluded: 'Excluded',
};

export const STATE_HELP: Readonly<Record<TechniqueState, string>> = {
  gap: 'used by an adversary, runs on our stack, coverage below the policy',
  accepted: 'a gap whose risk is accepted until a date, by an owner',
  covered: 'used by an adversary, runs on our stack, covered at the policy level',
  applicable: 'runs on our stack, no adversary of this model uses it',
  'not-applicable': 'runs on none of our components',
  excluded: 'excluded from scope, with a reason',
};

const PIPS: Readonly<Record<Level, string>> = { none: '▱▱▱', minimal: '▰▱▱', partial: '▰▰▱', significant: '▰▰▰' };

/** Coverage as three pips: none ▱▱▱ … significant ▰▰▰. */
export function coveragePips(level: Level): string {
  return PIPS[level];
}

/** "2 gaps, 1 covered, 4 applicable" (zero counts left out). */
export function countWords(counts: StateCounts): string {
  return (Object.keys(counts) as TechniqueState[])
    .filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${STATE_NAME[s].toLowerCase()}`)
    .join(', ');
}

/** The accessible name of a cell: everything the cell shows, in words. */
export function cellLabel(c: CellModel): string {
  const t = c.technique;
  const parts = [
    `${t.id} ${t.name}`,
    stateWords(t),
    `coverage ${t.coverage}`,
    ...(t.assurance ? [`claims ${assuranceText(t).toLowerCase()}`] : []),
    c.adversaries === 1 ? 'used by 1 adversary' : `used by ${c.adversaries} adversaries`,
  ];
  if (t.priority) parts.push(`priority ${t.priority.rank}`);
  if (c.subs) parts.push(`${c.subCount} sub-techniques: ${countWords(c.subs)}`);
  return parts.join(', ');
}

/** A cell's mark: a gap's outcome (‼ ! ✱ –), else its state's glyph. */
export function cellGlyph(t: TechniqueResult): string {
  return t.state === 'gap' ? OUTCOME_GLYPH[t.triage?.outcome ?? 'track'] : STATE_GLYPH[t.state];
}

/** "Gap, Act (active · automatable · open · high)", "Accepted until 2027-03-31 by Jane", "Covered". */
export function stateWords(t: TechniqueResult): string {
  const o = outcomeFilterOf(t);
  if (o === 'accepted') return `Accepted${t.acceptance ? ` until ${t.acceptance.until} by ${t.acceptance.owner}` : ''}`;
  if (o !== undefined) return `Gap, ${OUTCOME_FILTER_NAME[o]}${t.triage ? ` (${t.triage.path.replace(/ → .*$/, '')})` : ''}`;
  return STATE_NAME[t.state];
}

/** The text a cell shows for the label mode, cut to `max` characters with an ellipsis. */
export function cellText(id: string, name: string, mode: 'id' | 'name' | 'both', max: number): string {
  const text = mode === 'id' ? id : mode === 'name' ? name : `${id} ${name}`;
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}

/**
 * The accessible name of a tactic column's header: what it holds and how to fold or open it, e.g.
 * "Reconnaissance: 11 techniques, all not applicable, collapsed; press Enter to expand".
 */
export function columnLabel(c: ColumnModel): string {
  const n = c.techniqueCount;
  const count = plural(n, 'technique');
  if (!c.collapsed) return `${c.tactic.name}: ${count}, ${plural(c.gaps, 'gap')}; press Enter to collapse`;
  const states = n > 0 && c.techniqueStates['not-applicable'] === n ? (n === 1 ? 'not applicable' : 'all not applicable') : countWords(c.techniqueStates);
  return `${c.tactic.name}: ${count}${states ? `, ${states}` : ''}, collapsed; press Enter to expand`;
}

/** "1 technique", "3 techniques". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
