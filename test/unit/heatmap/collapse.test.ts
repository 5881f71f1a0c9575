import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyseCoverage } from '../../../src/core/coverage/engine';
import type { CoverageResult } from '../../../src/core/coverage/types';
import { defaultViewState, type ColumnChoice, type HeatmapFilters } from '../../../src/protocol';
import { columnChoices, isCollapsed, notApplicableTactics, toggledColumns } from '../../../src/webview/model/collapse';
import { buildMatrix } from '../../../src/webview/model/matrix';
import { columnLabel } from '../../../src/webview/model/words';
import { miniIndex } from '../coverage/fixture';
import { heatmapInput, heatmapResult } from './fixture';

// The mini world of ./fixture.ts: initial-access holds only T1001 (Linux), not applicable to the Windows laptops;
// execution holds T1000 (a gap) with T1000.001 and T1000.002; impact holds T1002 (macOS, n/a) and T1003 (a gap).
const filters = (more: Partial<HeatmapFilters> = {}): HeatmapFilters => ({ ...defaultViewState('x').filters, ...more });
const view = (result: CoverageResult, choices: Record<string, ColumnChoice> = {}, more: Partial<HeatmapFilters> = {}) =>
  buildMatrix(result, {
    filters: filters(more),
    sort: 'id',
    expanded: new Set(),
    allExpanded: false,
    columns: { choices: columnChoices(choices), defaults: notApplicableTactics(result) },
  });
const collapsedOf = (m: ReturnType<typeof view>) => m.columns.filter((c) => c.collapsed).map((c) => c.tactic.shortname);
/** The tactics whose techniques are all not applicable, read straight from the engine's states. */
const allNotApplicable = (r: CoverageResult) =>
  r.tactics
    .map((t) => t.shortname)
    .filter((s) => {
      const techniques = r.techniques.filter((t) => t.tactics.includes(s));
      return techniques.length > 0 && techniques.every((t) => t.state === 'not-applicable');
    });

describe('tactic columns collapsed by default', () => {
  test('the tactics whose techniques are all not applicable, per the engine', () => {
    assert.deepEqual(allNotApplicable(heatmapResult), ['initial-access']);
    assert.deepEqual([...notApplicableTactics(heatmapResult)], allNotApplicable(heatmapResult));
    assert.deepEqual(collapsedOf(view(heatmapResult)), ['initial-access']);
  });

  test('a collapsed column draws no cells but still counts its techniques; the others are as before', () => {
    const m = view(heatmapResult);
    const open = buildMatrix(heatmapResult, { filters: filters(), sort: 'id', expanded: new Set(), allExpanded: false });
    const initial = m.columns[0];
    assert.equal(initial?.collapsed, true);
    assert.deepEqual(initial?.cells, []);
    assert.equal(initial?.techniqueCount, 1);
    assert.equal(initial?.hiddenCells, 1);
    assert.equal(initial?.techniqueStates['not-applicable'], 1);
    assert.equal(m.cellCount, open.cellCount - 1);
    assert.deepEqual(m.columns.slice(1).map((c) => c.cells.map((x) => x.key)), open.columns.slice(1).map((c) => c.cells.map((x) => x.key)));
    assert.equal(m.techniques, open.techniques, 'the view still holds every technique');
    assert.deepEqual(m.states, open.states);
    assert.equal(open.columns.some((c) => c.collapsed), false, 'no column option: every column open');
  });

  test('the header says what a collapsed column is, how many techniques it holds and how to open it', () => {
    const [initial, execution] = view(heatmapResult).columns;
    assert.ok(initial && execution);
    assert.equal(columnLabel(initial), 'Initial Access: 1 technique, not applicable, collapsed; press Enter to expand');
    assert.equal(columnLabel(execution), 'Execution: 1 technique, 1 gap; press Enter to collapse');
    const userCollapsed = view(heatmapResult, { impact: 'collapsed' }).columns[2];
    assert.ok(userCollapsed);
    assert.equal(columnLabel(userCollapsed), 'Impact: 2 techniques, 1 gap, 1 not applicable, collapsed; press Enter to expand');
  });

  test('the user choice wins over the default, both ways', () => {
    assert.deepEqual(collapsedOf(view(heatmapResult, { 'initial-access': 'open' })), []);
    assert.deepEqual(collapsedOf(view(heatmapResult, { execution: 'collapsed' })), ['initial-access', 'execution']);
    const opened = toggledColumns(undefined, 'initial-access', true);
    assert.deepEqual(opened, { 'initial-access': 'open' });
    assert.deepEqual(toggledColumns(opened, 'impact', false), { 'initial-access': 'open', impact: 'collapsed' });
    assert.deepEqual(toggledColumns(opened, 'initial-access', false), { 'initial-access': 'collapsed' });
  });

  test('after an edit, a column the user never touched follows the data; one they touched keeps their choice', () => {
    // The edit: a Linux server joins the stack, so T1001 (initial-access) applies.
    const edited = analyseCoverage(miniIndex(), { ...heatmapInput, components: [...heatmapInput.components, { id: 'srv', name: 'Servers', platforms: ['Linux'], assets: [] }] });
    assert.notEqual(edited.techniques.find((t) => t.id === 'T1001')?.state, 'not-applicable');
    assert.deepEqual(collapsedOf(view(edited)), [], 'untouched: opens with the data');
    assert.deepEqual(collapsedOf(view(edited, { 'initial-access': 'collapsed' })), ['initial-access'], 'touched: stays collapsed');
    assert.deepEqual(collapsedOf(view(heatmapResult, { 'initial-access': 'open' })), [], 'touched: stays open while not applicable');
  });

  test('filters: a search or state filter that matches in a folded tactic opens it; one that matches nothing leaves it folded', () => {
    assert.deepEqual(collapsedOf(view(heatmapResult, {}, { search: 'T1001' })), []);
    assert.deepEqual(collapsedOf(view(heatmapResult, {}, { states: ['not-applicable'] })), []);
    assert.deepEqual(collapsedOf(view(heatmapResult, {}, { states: ['gap'] })), ['initial-access']);
    assert.deepEqual(collapsedOf(view(heatmapResult, {}, { tactic: 'initial-access' })), [], 'the tactic filter picks it');
    assert.deepEqual(collapsedOf(view(heatmapResult, { 'initial-access': 'collapsed' }, { search: 'T1001' })), ['initial-access'], 'an explicit choice still wins');
    const ctx = { tacticFilter: '', filtered: true, matches: 0 };
    assert.equal(isCollapsed('x', new Map(), new Set(['x']), ctx), true);
    assert.equal(isCollapsed('x', new Map(), new Set(), ctx), false);
  });

  test('every tactic not applicable: none collapses (nothing would be left to look at), every column drawn', () => {
    const nothing = analyseCoverage(miniIndex(), { ...heatmapInput, components: [{ id: 'phone', name: 'Phones', platforms: ['Android'], assets: [] }] });
    assert.ok(nothing.techniques.every((t) => t.state === 'not-applicable'), 'the engine finds nothing applicable');
    assert.deepEqual([...notApplicableTactics(nothing)], []);
    const m = view(nothing);
    assert.deepEqual(collapsedOf(m), []);
    assert.equal(m.cellCount, 4);
    assert.deepEqual(collapsedOf(view(nothing, { impact: 'collapsed' })), ['impact'], 'the user can still fold one');
  });

  test('a tactic without techniques is not folded', () => {
    const withEmpty: CoverageResult = { ...heatmapResult, tactics: [...heatmapResult.tactics, { id: 'TA9999', shortname: 'empty', name: 'Empty' }] };
    assert.deepEqual([...notApplicableTactics(withEmpty)], ['initial-access']);
  });

  test('column choices come from the view state as its own keys only', () => {
    const parsed = JSON.parse('{"__proto__": "open", "impact": "collapsed"}') as Record<string, ColumnChoice>;
    assert.deepEqual([...columnChoices(parsed)], [['__proto__', 'open'], ['impact', 'collapsed']]);
    assert.equal(columnChoices(parsed).get('toString'), undefined);
    assert.deepEqual([...columnChoices(undefined)], []);
  });
});
