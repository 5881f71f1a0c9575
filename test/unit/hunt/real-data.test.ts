/**
 * The hunt plan of the example model (data/examples) on ATT&CK Enterprise 18.1 and the real SigmaHQ folder: its top
 * gaps have hypotheses whose data components exist in 18.1, testability follows the example's declared telemetry,
 * and candidate rules come from the library.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkModel } from '../../../src/core/check/check-model';
import { buildHuntPlan } from '../../../src/core/hunt/plan';
import { loadRuleLibrary } from '../../../src/core/hunt/rule-library';
import { realIndex, skipUnless } from '../../fixtures/model/real-data';

const FILE = 'enterprise-attack-18.1.json';
const SIGMA_DIR = process.env.THREAT_OVERLAP_SIGMA_RULES ?? join('..', 'shared', 'detection-rules', 'sigma', 'rules');

test('hunt plan of the example model: top gaps have hypotheses on 18.1 data components, and candidate SigmaHQ rules', { skip: skipUnless(FILE) || (existsSync(SIGMA_DIR) || process.env.CI === 'true' ? false : 'no Sigma rules') }, async () => {
  const index = realIndex(FILE);
  const outcome = await checkModel({ modelFile: 'data/examples/payments.threatmodel.yaml', baseDir: process.cwd(), toolVersion: 'test', loadIndex: async () => index });
  assert.equal(outcome.kind, 'analysed');
  if (outcome.kind !== 'analysed') return;
  const library = await loadRuleLibrary(SIGMA_DIR);
  const plan = buildHuntPlan({ index, result: outcome.report.result, model: outcome.model, inventories: outcome.inventories, modelName: 'Payments platform', library });
  assert.equal(plan.gaps.length, outcome.report.result.summary.gaps, 'every gap is in the plan');
  assert.deepEqual(plan.gaps.map((g) => g.technique), outcome.report.result.prioritizedGaps, 'most urgent first');
  const top = plan.gaps.slice(0, 10);
  const rank = (o: string | undefined) => ['act', 'attend', 'track*', 'track'].indexOf(o ?? 'track');
  assert.ok(plan.gaps.every((g, i) => i === 0 || rank(plan.gaps[i - 1].outcome) <= rank(g.outcome)), 'Act and Attend first');
  let hypotheses = 0, needs = 0;
  const testable = { yes: 0, no: 0, undeclared: 0 };
  for (const g of top) {
    const all = g.components.flatMap((c) => c.hypotheses);
    assert.ok(all.length > 0, `${g.technique} has hypotheses`);
    for (const h of all) {
      hypotheses++;
      testable[h.testable]++;
      assert.ok(h.text.startsWith(`If ${g.adversaries[0]}`), h.text);
      assert.ok(index.get(h.analytic.id, 'analytic') && index.get(h.strategy.id, 'detection-strategy'));
      for (const n of h.needs) {
        needs++;
        assert.ok(index.get(n.dataComponent, 'data-component'), `${g.technique} ${h.analytic.id}: ${n.dataComponent} exists in 18.1`);
      }
    }
  }
  const candidates = plan.gaps.reduce((n, g) => n + g.components.reduce((m, c) => m + c.candidates.length + c.moreCandidates, 0), 0);
  console.log(`example hunt plan: ${plan.gaps.length} gaps; top 10: ${hypotheses} hypotheses (${testable.yes} testable, ${testable.no} not, ${testable.undeclared} undeclared), ${needs} data needs, all in 18.1; ${candidates} candidate rules over all gaps from ${library.summary.rules} SigmaHQ rules`);
  assert.ok(testable.yes > 0 && testable.no + testable.undeclared > 0, 'the example telemetry makes some hypotheses testable and not others');
  assert.ok(candidates > 0);
  const office = plan.gaps.flatMap((g) => g.components).filter((c) => c.component === 'office');
  assert.ok(office.every((c) => !c.telemetryDeclared), 'the example declares no telemetry for the office suite');
});
