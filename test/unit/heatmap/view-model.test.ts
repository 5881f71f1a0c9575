import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { defaultViewState, type HeatmapFilters } from '../../../src/protocol';
import { nextCell } from '../../../src/webview/keyboard';
import { isUnfiltered, platformsOf } from '../../../src/webview/model/filters';
import { buildMatrix, tableRows } from '../../../src/webview/model/matrix';
import { regionCounts, regionOf, setSize } from '../../../src/webview/model/overlap';
import { cellLabel, cellText } from '../../../src/webview/model/words';
import { heatmapResult } from './fixture';

// The mini world of ./fixture.ts (T1000 with two sub-techniques, T1001, T1002, T1003; adversaries One and Two).
const result = heatmapResult;
const filters = (more: Partial<HeatmapFilters> = {}): HeatmapFilters => ({ ...defaultViewState('x').filters, ...more });
const matrix = (more: Partial<HeatmapFilters> = {}, opts: { expanded?: string[]; allExpanded?: boolean; sort?: 'priority' | 'name' | 'id' } = {}) =>
  buildMatrix(result, { filters: filters(more), sort: opts.sort ?? 'id', expanded: new Set(opts.expanded ?? []), allExpanded: opts.allExpanded ?? false });
const column = (m: ReturnType<typeof matrix>, tactic: string) => m.columns.find((c) => c.tactic.shortname === tactic)?.cells.map((c) => c.technique.id);

describe('engine states the view-model is checked against', () => {
  test('the mini result', () => {
    const state = Object.fromEntries(result.techniques.map((t) => [t.id, t.state]));
    assert.deepEqual(state, { T1000: 'gap', 'T1000.001': 'covered', 'T1000.002': 'not-applicable', T1001: 'not-applicable', T1002: 'not-applicable', T1003: 'gap' });
  });
});

describe('matrix', () => {
  test('tactics are columns in matrix order; sub-techniques are hidden until expanded', () => {
    const m = matrix();
    assert.deepEqual(m.columns.map((c) => c.tactic.shortname), ['initial-access', 'execution', 'impact']);
    assert.deepEqual(column(m, 'execution'), ['T1000']);
    assert.deepEqual(column(matrix({}, { expanded: ['T1000'] }), 'execution'), ['T1000', 'T1000.001', 'T1000.002']);
    assert.deepEqual(column(matrix({}, { allExpanded: true }), 'execution'), ['T1000', 'T1000.001', 'T1000.002']);
    assert.equal(m.rows, 2);
    assert.equal(m.cellCount, 4);
  });

  test('a parent cell summarises its sub-techniques and carries the adversary count', () => {
    const parent = matrix().columns[1]?.cells[0];
    assert.deepEqual(parent?.subs, { gap: 0, accepted: 0, covered: 1, applicable: 0, 'not-applicable': 1, excluded: 0 });
    assert.equal(parent?.subCount, 2);
    assert.equal(parent?.adversaries, 1);
    const t1003 = matrix().columns[2]?.cells.find((c) => c.technique.id === 'T1003');
    assert.equal(t1003?.adversaries, 2);
    assert.match(cellLabel(parent!), /^T1000 Parent Technique, Gap, Track \(reported · not automatable · small · medium\), coverage none, used by 1 adversary, priority \d+, 2 sub-techniques: 1 covered, 1 not applicable$/);
  });

  test('priority sort puts gaps first, most urgent on top', () => {
    assert.deepEqual(column(matrix({}, { sort: 'priority' }), 'impact'), ['T1003', 'T1002']);
    assert.deepEqual(column(matrix({}, { sort: 'name' }), 'impact'), ['T1002', 'T1003']);
  });

  test('filters: state, search (opening parents of matching sub-techniques), component, platform, adversary, tactic', () => {
    assert.deepEqual(matrix({ states: ['gap'] }).columns.map((c) => c.cells.map((x) => x.technique.id)), [[], ['T1000'], ['T1003']]);
    const bySearch = matrix({ search: 'windows child' });
    const exec = bySearch.columns[1]?.cells ?? [];
    assert.deepEqual(exec.map((c) => [c.technique.id, c.context]), [['T1000', true], ['T1000.001', false]]);
    assert.equal(bySearch.techniques, 1, 'the context parent is not counted');
    assert.deepEqual(column(matrix({ search: 't1003' }), 'impact'), ['T1003']);
    assert.deepEqual(column(matrix({ component: 'win' }), 'impact'), ['T1003']);
    assert.deepEqual(column(matrix({ platform: 'macOS' }), 'impact'), ['T1002']);
    assert.deepEqual(column(matrix({ adversary: '1' }), 'impact'), ['T1003']);
    assert.deepEqual(column(matrix({ adversary: '1' }), 'execution'), []);
    assert.deepEqual(matrix({ tactic: 'impact' }).columns.map((c) => c.tactic.shortname), ['impact']);
    assert.equal(isUnfiltered(filters({ tactic: 'impact' })), true);
    assert.equal(isUnfiltered(filters({ search: ' x ' })), false);
  });

  test('the table has every matching technique, sub-techniques included', () => {
    assert.deepEqual(tableRows(result, filters(), 'id').map((t) => t.id), result.techniques.map((t) => t.id));
    assert.deepEqual(tableRows(result, filters({ tactic: 'execution', states: ['covered', 'gap'] }), 'priority').map((t) => t.id), ['T1000', 'T1000.001']);
    assert.deepEqual(platformsOf(result), ['Linux', 'Windows', 'macOS']);
  });
});

describe('overlap regions', () => {
  test('every technique has one region; A∩S without C is exactly the gaps', () => {
    const counts = regionCounts(result);
    assert.equal(counts.AS, result.summary.gaps);
    assert.equal(counts.ASC, 1);
    assert.equal(counts.A, 1, 'T1002: an adversary technique on no component');
    assert.equal(counts.none, 2);
    assert.equal(Object.values(counts).reduce((a, b) => a + b, 0), result.techniques.length);
    assert.equal(setSize(counts, 'A'), result.summary.adversary);
    assert.equal(regionOf(result.techniques.find((t) => t.id === 'T1000.001')!, 'partial'), 'ASC');
    assert.equal(regionOf(result.techniques.find((t) => t.id === 'T1000.001')!, 'significant'), 'ASC');
    assert.deepEqual(column(matrix({ region: 'AS' }), 'impact'), ['T1003']);
  });
});

describe('keyboard navigation', () => {
  const cols = [{ cells: ['a0', 'a1', 'a2'] }, { cells: [] }, { cells: ['c0'] }];
  test('up/down in a column, left/right skip empty columns and clamp the row', () => {
    assert.equal(nextCell(cols, 0, 1, 'down'), 'a2');
    assert.equal(nextCell(cols, 0, 2, 'down'), undefined);
    assert.equal(nextCell(cols, 0, 0, 'up'), undefined);
    assert.equal(nextCell(cols, 0, 2, 'right'), 'c0');
    assert.equal(nextCell(cols, 2, 0, 'left'), 'a0');
    assert.equal(nextCell(cols, 2, 0, 'right'), undefined);
    assert.equal(nextCell(cols, 0, 1, 'end'), 'a2');
    assert.equal(nextCell(cols, 0, 2, 'home'), 'a0');
    assert.equal(nextCell(cols, 0, 0, 'pageDown'), 'a2');
  });
});

describe('cell text', () => {
  test('label modes and truncation', () => {
    assert.equal(cellText('T1', 'Name', 'both', 20), 'T1 Name');
    assert.equal(cellText('T1', 'Name', 'id', 20), 'T1');
    assert.equal(cellText('T1', 'A very long technique name', 'name', 10), 'A very lo…');
  });
});

describe('filters open parents whose sub-techniques match, even when the parent matches too', () => {
  test('a covered sub-technique under a gap parent shows up when filtering on covered and on the parent ID', () => {
    assert.deepEqual(column(matrix({ states: ['covered'] }), 'execution'), ['T1000', 'T1000.001']);
    assert.deepEqual(column(matrix({ search: 'T1000' }), 'execution'), ['T1000', 'T1000.001', 'T1000.002']);
    assert.deepEqual(column(matrix({ states: ['gap'] }), 'execution'), ['T1000'], 'no matching sub-technique: stays closed');
  });
});
