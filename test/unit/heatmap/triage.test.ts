/**
 * The heatmap's triage: the protocol's triage fields (validated, bounded), the outcome filter, the Outcome column's
 * order, the marks and words of cells, the headline, the details' rows and the next best mitigations, on the
 * reports' triage fixture (one gap of each outcome and an accepted risk, as of 2026-12-03).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CoverageResult, TechniqueResult } from '../../../src/core/coverage/types';
import { defaultViewState, isFromWebviewMessage, isHeatmapViewState, isToWebviewMessage, type HeatmapFilters, type OutcomeFilter } from '../../../src/protocol';
import { boundForWebview, MAX_MITIGATION_USES, MAX_TEXT } from '../../../src/protocol-triage';
import { techniqueFilter } from '../../../src/webview/model/filters';
import { sortTableRows } from '../../../src/webview/model/table-sort';
import {
  acceptanceFacts,
  headlineCounts,
  mitigationRows,
  nextBestItems,
  nextBestRemaining,
  OUTCOME_GLYPH,
  outcomeText,
  pointRows,
} from '../../../src/webview/model/triage';
import { cellGlyph, cellLabel, STATE_GLYPH, stateWords } from '../../../src/webview/model/words';
import { triageContext } from '../report/triage-fixture';

const result = triageContext().result;
const byId = (id: string): TechniqueResult => {
  const t = result.techniques.find((x) => x.id === id);
  assert.ok(t, id);
  return t;
};
const without = (o: object, key: string) => Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));
const message = (r: unknown) => ({ type: 'result', modelUri: 'file:///w/triage.threatmodel.yaml', modelName: 'T', components: [], adversaries: [], result: r });
const wire = (r: CoverageResult) => JSON.parse(JSON.stringify(message(r)));
const withTechnique = (id: string, patch: (t: Record<string, unknown>) => Record<string, unknown>) =>
  wire({ ...result, techniques: result.techniques.map((t) => (t.id === id ? (patch(JSON.parse(JSON.stringify(t))) as unknown as TechniqueResult) : t)) });

describe('the fixture the heatmap triage is checked against', () => {
  test('one gap of each outcome and an accepted risk', () => {
    const outcomes = Object.fromEntries(result.techniques.filter((t) => t.triage).map((t) => [t.id, t.state === 'accepted' ? 'accepted' : t.triage?.outcome]));
    assert.deepEqual(outcomes, { T1000: 'attend', 'T1000.001': 'track', 'T1000.002': 'act', T1001: 'track*', T1003: 'accepted' });
  });
});

describe('protocol: triage in a result message', () => {
  test('a triaged result is valid after a JSON round trip, and after the host bounds it', () => {
    assert.equal(isToWebviewMessage(wire(result)), true);
    assert.equal(isToWebviewMessage(wire(boundForWebview(result))), true);
    assert.deepEqual(boundForWebview(result), result, 'a small result is not changed by bounding');
  });

  test('broken triage fields make the message invalid', () => {
    const bad = [
      withTechnique('T1000.002', (t) => ({ ...t, triage: { ...(t.triage as object), outcome: 'panic' } })),
      withTechnique('T1000.002', (t) => ({ ...t, triage: { ...(t.triage as object), exposure: { value: 'wide', evidence: [] } } })),
      withTechnique('T1000.002', (t) => ({ ...t, triage: { ...(t.triage as object), activity: { value: 'active', evidence: 'x' } } })),
      withTechnique('T1000', (t) => ({ ...t, triage: { ...(t.triage as Record<string, Record<string, unknown>>), automatable: { value: 'yes', evidence: [], assessed: { computed: 'maybe', reason: 'r' } } } })),
      withTechnique('T1003', (t) => ({ ...t, acceptance: { ...(t.acceptance as object), until: 'March' } })),
      withTechnique('T1003', (t) => ({ ...t, acceptance: { ...(t.acceptance as object), owner: 7 } })),
      withTechnique('T1000', (t) => ({ ...t, mitigations: [{ id: 'M0001', name: 'x', uses: [{ control: 'EDR', status: 'sometimes', level: 'none', missing: [] }], action: 'a' }] })),
      withTechnique('T1000', (t) => ({ ...t, mitigations: [{ id: 'M0001', name: 'x', uses: Array.from({ length: MAX_MITIGATION_USES + 1 }, () => ({ control: 'C', status: 'planned', level: 'none', missing: [] })), action: 'a' }] })),
      wire({ ...result, summary: { ...result.summary, outcomes: { act: 1 } } } as unknown as CoverageResult),
      wire({ ...result, summary: { ...result.summary, accepted: -1 } }),
      wire({ ...result, triage: { table: 'x', asOf: 'today' } }),
      wire({ ...result, nextBest: { ...result.nextBest, picks: [{ id: 'M1', name: 'n', closes: ['T1000'], byOutcome: {}, weight: 1 }] } } as unknown as CoverageResult),
    ];
    bad.forEach((m, i) => assert.equal(isToWebviewMessage(m), false, `case ${i}`));
  });

  test('the host bounds long lists and texts (saying how much it left out), so the message stays valid', () => {
    const uses = Array.from({ length: 45 }, (_x, i) => ({ control: `C${i}`, status: 'implemented' as const, level: 'minimal' as const, missing: Array.from({ length: 60 }, (_y, j) => `c${j}`) }));
    const big = {
      ...result,
      techniques: result.techniques.map((t) =>
        t.id === 'T1000'
          ? { ...t, mitigations: [{ id: 'M0001', name: 'Harden Things', uses, action: 'x'.repeat(5000) }] }
          : t.id === 'T1003' && t.acceptance
            ? { ...t, acceptance: { ...t.acceptance, reason: 'r'.repeat(9000) } }
            : t,
      ),
    };
    assert.equal(isToWebviewMessage(wire(big)), false, 'unbounded: refused');
    const bounded = boundForWebview(big);
    assert.equal(isToWebviewMessage(wire(bounded)), true);
    const m = bounded.techniques.find((t) => t.id === 'T1000')?.mitigations?.[0] as unknown as { uses: { missing: string[]; moreMissing?: number }[]; moreUses?: number; action: string };
    assert.equal(m.uses.length, MAX_MITIGATION_USES);
    assert.equal(m.moreUses, 45 - MAX_MITIGATION_USES);
    assert.equal(m.uses[0]?.missing.length, 50);
    assert.equal(m.uses[0]?.moreMissing, 10);
    assert.equal(m.action.length, MAX_TEXT);
    assert.ok(m.action.endsWith('…'));
    assert.equal(bounded.techniques.find((t) => t.id === 'T1003')?.acceptance?.reason.length, MAX_TEXT);
    const row = mitigationRows(bounded.techniques.find((t) => t.id === 'T1000')!)[0];
    assert.match(row?.uses ?? '', / and 25 more controls$/);
  });

  test('view states: the outcome filter is validated; a state saved before triage (no outcomes) still loads', () => {
    const state = defaultViewState('file:///m');
    assert.deepEqual(state.filters.outcomes, []);
    assert.equal(isHeatmapViewState({ ...state, filters: { ...state.filters, outcomes: ['act', 'accepted'] } }), true);
    const old = without(state.filters, 'outcomes');
    assert.equal(isHeatmapViewState({ ...state, filters: old }), true);
    assert.equal(isHeatmapViewState({ ...state, filters: { ...state.filters, outcomes: ['urgent'] } }), false);
    assert.equal(isHeatmapViewState({ ...state, filters: { ...state.filters, outcomes: 'act' } }), false);
    assert.equal(isHeatmapViewState({ ...state, tableSort: { column: 'outcome', descending: false } }), true);
    const states = { gap: 4, accepted: 1, covered: 0, applicable: 0, 'not-applicable': 1, excluded: 0 };
    const outcomes = { act: 1, attend: 1, 'track*': 1, track: 1, accepted: 1 };
    const rendered = { type: 'rendered', version: 1, cells: 6, techniques: 6, states, outcomes, collapsed: 0, renderMs: 1 };
    assert.equal(isFromWebviewMessage(rendered), true);
    const noAccepted = without(states, 'accepted');
    assert.equal(isFromWebviewMessage({ ...rendered, states: noAccepted }), false);
    assert.equal(isFromWebviewMessage({ ...rendered, outcomes: { ...outcomes, act: -1 } }), false);
    const noOutcomes = without(rendered, 'outcomes');
    assert.equal(isFromWebviewMessage(noOutcomes), false);
  });
});

describe('outcome filter and Outcome column', () => {
  const filters = (outcomes: OutcomeFilter[], more: Partial<HeatmapFilters> = {}): HeatmapFilters => ({ ...defaultViewState('x').filters, outcomes, ...more });
  const passing = (f: HeatmapFilters) => result.techniques.filter(techniqueFilter(result, f)).map((t) => t.id);

  test('each outcome, accepted, several at once, and with the state filter', () => {
    assert.deepEqual(passing(filters(['act'])), ['T1000.002']);
    assert.deepEqual(passing(filters(['attend'])), ['T1000']);
    assert.deepEqual(passing(filters(['track*'])), ['T1001']);
    assert.deepEqual(passing(filters(['track'])), ['T1000.001']);
    assert.deepEqual(passing(filters(['accepted'])), ['T1003']);
    assert.deepEqual(passing(filters(['act', 'track'])), ['T1000.001', 'T1000.002']);
    assert.deepEqual(passing(filters([])).length, result.techniques.length);
    assert.deepEqual(passing(filters(['accepted'], { states: ['gap'] })), [], 'both filters hold');
  });

  test('the Outcome column sorts Act, Attend, Track*, Track, accepted, then the rest; descending reverses', () => {
    const rows = [...result.techniques].sort((a, b) => (a.id < b.id ? 1 : -1));
    assert.deepEqual(sortTableRows(rows, { column: 'outcome', descending: false }).map((t) => t.id), ['T1000.002', 'T1000', 'T1001', 'T1000.001', 'T1003', 'T1002']);
    assert.deepEqual(sortTableRows(rows, { column: 'outcome', descending: true }).map((t) => t.id), ['T1002', 'T1003', 'T1000.001', 'T1001', 'T1000', 'T1000.002']);
    assert.equal(outcomeText(byId('T1000.002')), '‼ Act');
    assert.equal(outcomeText(byId('T1003')), '◔ Accepted until 2027-03-31');
    assert.equal(outcomeText(byId('T1002')), '');
  });
});

describe('marks and words', () => {
  test('every outcome has its own mark, distinct from every state glyph (no colour needed to tell them apart)', () => {
    const marks = [...Object.values(OUTCOME_GLYPH), ...Object.values(STATE_GLYPH)];
    assert.equal(new Set(marks).size, marks.length);
    assert.equal(cellGlyph(byId('T1000.002')), '‼');
    assert.equal(cellGlyph(byId('T1000')), '!');
    assert.equal(cellGlyph(byId('T1001')), '✱');
    assert.equal(cellGlyph(byId('T1000.001')), '–');
    assert.equal(cellGlyph(byId('T1003')), STATE_GLYPH.accepted);
  });

  test('cell labels say the outcome and path, or the acceptance', () => {
    assert.equal(stateWords(byId('T1000.002')), 'Gap, Act (active · automatable · open · high)');
    assert.equal(stateWords(byId('T1003')), 'Accepted until 2027-03-31 by secops@example.com');
    const label = cellLabel({ key: 'k', tactic: 'execution', column: 0, row: 0, technique: byId('T1001'), adversaries: 1, subCount: 0, expanded: false, context: false });
    assert.match(label, /^T1001 Linux Entry, Gap, Track\* \(reported · not automatable · open · high\), coverage none/);
  });

  test('headline: Act and Attend first, accepted, and the triage date', () => {
    assert.equal(headlineCounts(result), '1 Act · 1 Attend · 1 Track* · 1 Track gaps · 1 accepted · as of 2026-12-03');
    const undated = { ...result, triage: { table: result.triage.table } };
    assert.match(headlineCounts(undated), /· no triage date$/);
  });
});

describe('details and next best', () => {
  test('decision points with evidence, and the assess override with its reason', () => {
    const rows = pointRows(byId('T1000'));
    assert.deepEqual(rows.map((r) => `${r.point}=${r.value}`), ['activity=reported', 'automatable=yes', 'exposure=open', 'missionImpact=high']);
    assert.equal(rows[1]?.assessed, 'assessed by the model (computed: no): Scripted by commodity kits');
    assert.ok(rows.every((r) => r.evidence.length > 0 || r.point === 'automatable'), JSON.stringify(rows));
    assert.deepEqual(pointRows(byId('T1002')), [], 'no triage, no rows');
  });

  test('what closes it: the mitigation, what our inventories do with it, the change', () => {
    assert.deepEqual(mitigationRows(byId('T1000')), [
      { id: 'M0001', words: "M0001 Harden Things — extend EDR's appliesTo to lin", uses: 'EDR (implemented, significant)', action: "extend EDR's appliesTo to lin" },
    ]);
    assert.deepEqual(mitigationRows(byId('T1000.002')), []);
  });

  test('an acceptance: owner, until, reason, ref', () => {
    assert.deepEqual(acceptanceFacts(byId('T1003')), [
      ['Owner', 'secops@example.com'],
      ['Until', '2027-03-31'],
      ['Reason', 'Lab hosts | retired in Q1 *soon*'],
      ['Ref', 'RISK-7'],
    ]);
    assert.deepEqual(acceptanceFacts(byId('T1000')), []);
  });

  test('next best: what each pick closes by outcome, what our inventories do with it, what remains', () => {
    const items = nextBestItems(result);
    assert.deepEqual(items.map((i) => [i.rank, i.id, i.closes, i.closesTotal, i.uses, i.remaining]), [[1, 'M0001', 'Attend 1, Track* 1', 2, 'EDR (implemented, significant)', 'Act 1, Track 1']]);
    assert.equal(nextBestRemaining(result), 'Remaining after these: Act 1, Track 1 (2 gaps no ATT&CK mitigation addresses)');
  });
});
