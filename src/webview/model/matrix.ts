/**
 * The matrix view-model: engine result + view state → columns of cells. Tactics are columns in matrix order;
 * a technique appears once in every tactic it belongs to; sub-techniques follow their parent when it is expanded
 * (or when a filter matches them). Parent cells carry a summary of their sub-techniques' states.
 */
import type { CoverageResult, TacticInfo, TechniqueResult, TechniqueState } from '../../core/coverage/types';
import type { ColumnChoice, HeatmapFilters, SortMode } from '../../protocol';
import { STATE_KEYS } from '../../protocol';
import { isCollapsed } from './collapse';
import { adversaryCount, isUnfiltered, techniqueFilter } from './filters';
import { countOutcomes } from './triage';
import type { OutcomeFilter } from '../../protocol';

export type StateCounts = Record<TechniqueState, number>;

export interface CellModel {
  /** Unique per cell: `tactic|id` (a technique sits in several tactics). */
  readonly key: string;
  readonly tactic: string;
  readonly column: number;
  readonly row: number;
  readonly technique: TechniqueResult;
  readonly adversaries: number;
  /** Parents only: how many sub-techniques, by state (all of them, not just the visible ones). */
  readonly subs?: StateCounts;
  readonly subCount: number;
  readonly expanded: boolean;
  /** Shown only because a sub-technique matches the filters. */
  readonly context: boolean;
}

export interface ColumnModel {
  readonly tactic: TacticInfo;
  /** No cells when the column is collapsed. */
  readonly cells: readonly CellModel[];
  /** Techniques (not sub-techniques) of the tactic that pass the filters. */
  readonly techniqueCount: number;
  /** Those techniques by state. */
  readonly techniqueStates: StateCounts;
  readonly gaps: number;
  /** Folded to a narrow strip (see ./collapse.ts); `hiddenCells` is how many cells it would draw when opened. */
  readonly collapsed: boolean;
  readonly hiddenCells: number;
}

export interface MatrixModel {
  readonly columns: readonly ColumnModel[];
  readonly rows: number;
  readonly cellCount: number;
  /** Distinct techniques shown, by state. */
  readonly states: StateCounts;
  /** Distinct techniques shown, by outcome (gaps) and accepted. */
  readonly outcomes: Record<OutcomeFilter, number>;
  readonly techniques: number;
}

export interface MatrixOptions {
  readonly filters: HeatmapFilters;
  readonly sort: SortMode;
  readonly expanded: ReadonlySet<string>;
  readonly allExpanded: boolean;
  /** Tactic columns: the user's choices and the tactics collapsed by default (none given: every column open). */
  readonly columns?: { readonly choices: ReadonlyMap<string, ColumnChoice>; readonly defaults: ReadonlySet<string> };
}

export const emptyCounts = (): StateCounts => ({ gap: 0, accepted: 0, covered: 0, applicable: 0, 'not-applicable': 0, excluded: 0 });

const STATE_ORDER = new Map(STATE_KEYS.map((s, i) => [s, i]));
const collator = new Intl.Collator('en', { sensitivity: 'base' });

/** Sort keys: priority puts gaps (most urgent first) on top, then covered, applicable, …; name and id are plain. */
export function compareTechniques(sort: SortMode): (a: TechniqueResult, b: TechniqueResult) => number {
  const byName = (a: TechniqueResult, b: TechniqueResult) => collator.compare(a.name, b.name) || cmp(a.id, b.id);
  if (sort === 'name') return byName;
  if (sort === 'id') return (a, b) => cmp(a.id, b.id);
  return (a, b) =>
    (a.priority?.rank ?? Infinity) - (b.priority?.rank ?? Infinity) ||
    (STATE_ORDER.get(a.state) ?? 9) - (STATE_ORDER.get(b.state) ?? 9) ||
    byName(a, b);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** For priority sorting a parent ranks as its most urgent part (itself or a sub-technique). */
function sortProxy(parent: TechniqueResult, subs: readonly TechniqueResult[], sort: SortMode): TechniqueResult {
  if (sort !== 'priority' || subs.length === 0) return parent;
  const compare = compareTechniques('priority');
  const best = [parent, ...subs].reduce((a, b) => (compare(b, a) < 0 ? b : a));
  return best === parent ? parent : { ...parent, priority: best.priority, state: best.state };
}

/** Sub-techniques of every parent, in the result's order. */
export function subTechniquesByParent(result: CoverageResult): Map<string, TechniqueResult[]> {
  const map = new Map<string, TechniqueResult[]>();
  for (const t of result.techniques) {
    if (!t.isSubtechnique || !t.parentId) continue;
    const list = map.get(t.parentId);
    if (list) list.push(t);
    else map.set(t.parentId, [t]);
  }
  return map;
}

export function countStates(list: readonly TechniqueResult[]): StateCounts {
  const counts = emptyCounts();
  for (const t of list) counts[t.state]++;
  return counts;
}

/** Builds the columns and cells for the current result and view state. */
export function buildMatrix(result: CoverageResult, options: MatrixOptions): MatrixModel {
  const { filters, sort } = options;
  const passes = techniqueFilter(result, filters);
  const unfiltered = isUnfiltered(filters);
  const subsOf = subTechniquesByParent(result);
  const compare = compareTechniques(sort);
  const tactics = result.tactics.filter((t) => filters.tactic === '' || t.shortname === filters.tactic);
  const shown = new Map<string, TechniqueResult>();
  const columns: ColumnModel[] = [];
  let cellCount = 0;
  tactics.forEach((tactic, column) => {
    const parents = result.techniques.filter((t) => !t.isSubtechnique && t.tactics.includes(tactic.shortname));
    const entries: { parent: TechniqueResult; subs: TechniqueResult[]; matchingSubs: TechniqueResult[]; self: boolean }[] = [];
    for (const parent of parents) {
      const subs = (subsOf.get(parent.id) ?? []).filter((s) => s.tactics.includes(tactic.shortname));
      const self = passes(parent);
      const matchingSubs = subs.filter(passes);
      if (self || matchingSubs.length > 0) entries.push({ parent, subs, matchingSubs, self });
    }
    const collapsed =
      options.columns !== undefined &&
      isCollapsed(tactic.shortname, options.columns.choices, options.columns.defaults, { tacticFilter: filters.tactic, filtered: !unfiltered, matches: entries.length });
    const proxies = new Map(entries.map((e) => [e.parent.id, sortProxy(e.parent, e.matchingSubs, sort)]));
    entries.sort((a, b) => compare(proxies.get(a.parent.id) ?? a.parent, proxies.get(b.parent.id) ?? b.parent));
    const cells: CellModel[] = [];
    let gaps = 0;
    for (const e of entries) {
      // Filtering opens parents so that matching sub-techniques are visible.
      const expanded = e.subs.length > 0 && (options.allExpanded || options.expanded.has(e.parent.id) || (!unfiltered && e.matchingSubs.length > 0));
      cells.push(cell(tactic.shortname, column, cells.length, e.parent, e.subs, expanded, !e.self));
      if (e.self) shown.set(e.parent.id, e.parent);
      if (e.parent.state === 'gap') gaps++;
      if (!expanded) continue;
      for (const sub of [...e.matchingSubs].sort(compare)) {
        cells.push(cell(tactic.shortname, column, cells.length, sub, [], false, false));
        shown.set(sub.id, sub);
        if (sub.state === 'gap') gaps++;
      }
    }
    const selfs = entries.filter((e) => e.self).map((e) => e.parent);
    // A collapsed column draws no cells, but the techniques it holds are still those the view shows.
    if (!collapsed) cellCount += cells.length;
    columns.push({ tactic, cells: collapsed ? [] : cells, techniqueCount: selfs.length, techniqueStates: countStates(selfs), gaps, collapsed, hiddenCells: collapsed ? cells.length : 0 });
  });
  return {
    columns,
    rows: Math.max(0, ...columns.map((c) => c.cells.length)),
    cellCount,
    states: countStates([...shown.values()]),
    outcomes: countOutcomes(shown.values()),
    techniques: shown.size,
  };
}

function cell(
  tactic: string,
  column: number,
  row: number,
  technique: TechniqueResult,
  subs: readonly TechniqueResult[],
  expanded: boolean,
  context: boolean,
): CellModel {
  return {
    key: `${tactic}|${technique.id}`,
    tactic,
    column,
    row,
    technique,
    adversaries: adversaryCount(technique),
    ...(subs.length > 0 ? { subs: countStates(subs) } : {}),
    subCount: subs.length,
    expanded,
    context,
  };
}

/** The table view: every technique that passes the filters (tactic included), parents before their subs. */
export function tableRows(result: CoverageResult, filters: HeatmapFilters, sort: SortMode): TechniqueResult[] {
  const passes = techniqueFilter(result, filters);
  const compare = compareTechniques(sort);
  return result.techniques.filter((t) => passes(t) && (filters.tactic === '' || t.tactics.includes(filters.tactic))).sort(compare);
}
