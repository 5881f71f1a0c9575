/** The decision table: the shipped data is complete, schema-valid and monotone; broken tables say what is wrong. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import tableData from '../../../data/decision-table.json';
import schema from '../../../schemas/decision-table.schema.json';
import {
  allCombinations, buildDecisionTable, DECISION_POINT_NAMES, DECISION_POINTS, DEFAULT_DECISION_TABLE, monotonicityViolations,
  outcomeRank, pathLabel, type DecisionValues,
} from '../../../src/core/triage/decision-table';

const rank = (p: keyof typeof DECISION_POINTS, v: string) => (DECISION_POINTS[p] as readonly string[]).indexOf(v);
/** a ≤ b in every decision point. */
const dominated = (a: DecisionValues, b: DecisionValues) => DECISION_POINT_NAMES.every((p) => rank(p, a[p]) <= rank(p, b[p]));

describe('decision table', () => {
  test('the shipped table is valid against its JSON Schema', () => {
    const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
    assert.ok(validate(tableData), JSON.stringify(validate.errors));
  });

  test('36 combinations, each exactly once', () => {
    assert.equal(allCombinations().length, 36);
    assert.equal(tableData.rows.length, 36);
    assert.deepEqual(buildDecisionTable('x', tableData.rows).problems, []);
  });

  test('monotone: for every pair of combinations where one is at least the other in every point, so is its outcome', () => {
    const all = allCombinations();
    let pairs = 0;
    for (const a of all) {
      for (const b of all) {
        if (!dominated(a, b)) continue;
        pairs++;
        const [oa, ob] = [DEFAULT_DECISION_TABLE.outcome(a), DEFAULT_DECISION_TABLE.outcome(b)];
        assert.ok(outcomeRank(oa) <= outcomeRank(ob), `${pathLabel(a)} → ${oa} but ${pathLabel(b)} → ${ob}`);
      }
    }
    assert.equal(pairs, 3 * 3 * 6 * 6, 'every comparable pair was walked (per point: 3, 3, 6, 6 ordered pairs with a ≤ b)');
  });

  test('Act is the top corner only: active, open, and high impact or automatable medium', () => {
    const act = DEFAULT_DECISION_TABLE.rows.filter((r) => r.outcome === 'act').map(pathLabel);
    assert.deepEqual(act, ['active · not automatable · open · high', 'active · automatable · open · medium', 'active · automatable · open · high']);
    const counts = Object.fromEntries(['track', 'track*', 'attend', 'act'].map((o) => [o, DEFAULT_DECISION_TABLE.rows.filter((r) => r.outcome === o).length]));
    assert.deepEqual(counts, { track: 11, 'track*': 13, attend: 9, act: 3 });
  });

  test('a broken table: duplicates, missing rows and invalid rows make it unusable, with each problem named', () => {
    const rows = [...tableData.rows.slice(1), tableData.rows[2], { activity: 'sometimes', outcome: 'act' }];
    const { table, problems } = buildDecisionTable('broken', rows);
    assert.equal(table, undefined);
    assert.deepEqual(problems.map((p) => [p.kind, p.row, p.message]), [
      ['duplicate', 35, 'row 36 repeats reported · not automatable · small · high'],
      ['invalid', 36, "row 37 is not a combination of the decision points' values with an outcome"],
      ['missing', undefined, 'no row for reported · not automatable · small · low'],
    ]);
  });

  test('a non-monotone table is usable, and each step down is reported', () => {
    const rows = tableData.rows.map((r) => (pathLabel(r as DecisionValues) === 'active · automatable · open · high' ? { ...r, outcome: 'track' } : r));
    const { table, problems } = buildDecisionTable('odd', rows);
    assert.ok(table);
    assert.deepEqual(problems.map((p) => p.message).sort(), [
      'raising activity from reported to active lowers reported · automatable · open · high from Attend to Track',
      'raising automatable from no to yes lowers active · not automatable · open · high from Act to Track',
      'raising exposure from controlled to open lowers active · automatable · controlled · high from Attend to Track',
      'raising missionImpact from medium to high lowers active · automatable · open · medium from Act to Track',
    ]);
    assert.equal(monotonicityViolations(DEFAULT_DECISION_TABLE).length, 0);
  });
});
