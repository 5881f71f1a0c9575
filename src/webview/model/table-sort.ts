/**
 * Sorting the table view by a column, as in a spreadsheet: pure, so the order is unit-tested. Ties keep the order
 * of the toolbar's sort (the rows arrive in it), so "by state, then by priority" is one click on State.
 */
import { LEVELS, type TechniqueResult } from '../../core/coverage/types';
import { STATE_KEYS, type TableColumn, type TableSort } from '../../protocol';
import { adversaryCount } from './filters';
import { outcomeOrder } from './triage';
import { assuranceOrder } from './assurance';

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
const stateRank = new Map(STATE_KEYS.map((s, i) => [s, i]));
const levelRank = new Map(LEVELS.map((l, i) => [l, i]));

/** The value a column sorts by: numbers compare as numbers, text with a numeric-aware collator. */
function key(column: TableColumn, t: TechniqueResult, tacticName: (shortname: string) => string): number | string {
  switch (column) {
    case 'id':
      return t.id;
    case 'name':
      return t.name;
    case 'tactics':
      return t.tactics.map(tacticName).join(', ');
    case 'state':
      return stateRank.get(t.state) ?? STATE_KEYS.length;
    case 'outcome':
      // Act, Attend, Track*, Track, accepted, then every other state (ties: the toolbar's order, so priority).
      return outcomeOrder(t);
    case 'coverage':
      return levelRank.get(t.coverage) ?? -1;
    case 'assurance':
      // Failed, stale, untested, validated, then techniques nothing claims.
      return assuranceOrder(t);
    case 'adversaries':
      return adversaryCount(t);
    case 'priority':
      return t.priority?.rank ?? Number.POSITIVE_INFINITY;
  }
}

/** `rows` ordered by `sort` (a stable sort: equal keys keep their incoming order); `rows` itself is untouched. */
export function sortTableRows(rows: readonly TechniqueResult[], sort: TableSort | undefined, tacticName: (shortname: string) => string = (s) => s): TechniqueResult[] {
  if (!sort) return [...rows];
  const keyed = rows.map((t, i) => ({ t, i, k: key(sort.column, t, tacticName) }));
  const sign = sort.descending ? -1 : 1;
  keyed.sort((a, b) => {
    // Rows without a priority stay last either way: "no rank" is not "the lowest rank".
    if (sort.column === 'priority' && a.k !== b.k && (a.k === Number.POSITIVE_INFINITY || b.k === Number.POSITIVE_INFINITY)) return a.k === Number.POSITIVE_INFINITY ? 1 : -1;
    const c = typeof a.k === 'number' && typeof b.k === 'number' ? a.k - b.k : collator.compare(String(a.k), String(b.k));
    return sign * c || a.i - b.i;
  });
  return keyed.map((x) => x.t);
}

/** The next sort after a click on `column`: ascending first, then descending, then the toolbar's order again. */
export function nextTableSort(current: TableSort | undefined, column: TableColumn): TableSort | undefined {
  if (current?.column !== column) return { column, descending: false };
  return current.descending ? undefined : { column, descending: true };
}
