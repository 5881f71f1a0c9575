import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { TechniqueResult } from '../../../src/core/coverage/types';
import { defaultViewState, isHeatmapViewState } from '../../../src/protocol';
import { tableRows } from '../../../src/webview/model/matrix';
import { nextTableSort, sortTableRows } from '../../../src/webview/model/table-sort';
import { heatmapResult } from './fixture';

// The mini world of ./fixture.ts: T1000 gap (One), T1000.001 covered (significant), T1000.002, T1001, T1002 not
// applicable, T1003 gap (One and Two).
const result = heatmapResult;
const byId = tableRows(result, defaultViewState('x').filters, 'id');
const ids = (rows: readonly TechniqueResult[]) => rows.map((t) => t.id);

describe('table view column sort', () => {
  test('no column sort keeps the toolbar order (a copy, the input untouched)', () => {
    const rows = sortTableRows(byId, undefined);
    assert.deepEqual(ids(rows), ids(byId));
    assert.notEqual(rows, byId);
  });

  test('state sorts gap, covered, applicable, not applicable, excluded; ties keep the toolbar order', () => {
    assert.deepEqual(ids(sortTableRows(byId, { column: 'state', descending: false })), ['T1000', 'T1003', 'T1000.001', 'T1000.002', 'T1001', 'T1002']);
    assert.deepEqual(ids(sortTableRows(byId, { column: 'state', descending: true })), ['T1000.002', 'T1001', 'T1002', 'T1000.001', 'T1000', 'T1003']);
  });

  test('adversaries sort as numbers, coverage by level (none < … < significant)', () => {
    assert.deepEqual(ids(sortTableRows(byId, { column: 'adversaries', descending: true })).slice(0, 1), ['T1003']);
    assert.deepEqual(ids(sortTableRows(byId, { column: 'coverage', descending: true })).slice(0, 1), ['T1000.001']);
  });

  test('priority ranks ascending or descending; techniques without a rank stay last both ways', () => {
    const ranked = byId.filter((t) => t.priority).length;
    assert.ok(ranked >= 2, 'two gaps have a priority rank');
    const up = sortTableRows(byId, { column: 'priority', descending: false });
    const down = sortTableRows(byId, { column: 'priority', descending: true });
    assert.deepEqual(up.slice(0, ranked).map((t) => t.priority?.rank), [1, 2]);
    assert.deepEqual(down.slice(0, ranked).map((t) => t.priority?.rank), [2, 1]);
    assert.ok(up.slice(ranked).every((t) => !t.priority) && down.slice(ranked).every((t) => !t.priority));
  });

  test('text columns use a numeric-aware collator, tactics by their names', () => {
    const names = sortTableRows(byId, { column: 'name', descending: false }).map((t) => t.name);
    assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' })));
    const tactic = (s: string) => ({ execution: 'Execution', 'initial-access': 'Initial Access', impact: 'Impact' })[s] ?? s;
    const first = sortTableRows(byId, { column: 'tactics', descending: false }, tactic)[0];
    assert.deepEqual(first?.tactics, ['execution']);
  });

  test('a header click sorts ascending, then descending, then back to the toolbar order', () => {
    const a = nextTableSort(undefined, 'state');
    assert.deepEqual(a, { column: 'state', descending: false });
    const b = nextTableSort(a, 'state');
    assert.deepEqual(b, { column: 'state', descending: true });
    assert.equal(nextTableSort(b, 'state'), undefined);
    assert.deepEqual(nextTableSort(b, 'id'), { column: 'id', descending: false });
  });

  test('the view state keeps the column sort and the sidebar choice, and older states without them stay valid', () => {
    const base = defaultViewState('file:///m.threatmodel.yaml');
    assert.equal(isHeatmapViewState(base), true);
    assert.equal(isHeatmapViewState({ ...base, tableSort: { column: 'priority', descending: true }, sidebar: 'hidden' }), true);
    assert.equal(isHeatmapViewState({ ...base, tableSort: { column: 'colour', descending: true } }), false);
    assert.equal(isHeatmapViewState({ ...base, tableSort: { column: 'id', descending: 'yes' } }), false);
    assert.equal(isHeatmapViewState({ ...base, sidebar: 'maybe' }), false);
  });
});
