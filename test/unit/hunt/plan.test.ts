/** Hunt plans on fixtures: hypotheses per analytic and platform, testability from telemetry, tunables, candidate rules. */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { buildIndexFromText } from '../../../src/core/attack/index';
import type { AttackIndex } from '../../../src/core/attack/types';
import { checkModel } from '../../../src/core/check/check-model';
import { buildHuntPlan } from '../../../src/core/hunt/plan';
import { renderHuntPlan } from '../../../src/core/hunt/render';
import { loadRuleLibrary } from '../../../src/core/hunt/rule-library';
import type { HuntPlan } from '../../../src/core/hunt/types';
import { stix20Bundle, text } from '../../fixtures/attack/bundles';
import { detectionBundle } from '../../fixtures/attack/detection';
import { huntWorkspace } from '../../fixtures/hunt/workspace';

async function planFor(index: AttackIndex, withLibrary: boolean): Promise<HuntPlan> {
  const ws = huntWorkspace();
  after(() => ws.dispose());
  const outcome = await checkModel({ modelFile: ws.model, baseDir: ws.dir, toolVersion: 'test', loadIndex: async () => index });
  assert.equal(outcome.kind, 'analysed', JSON.stringify(outcome.diagnostics));
  if (outcome.kind !== 'analysed') throw new Error('not analysed');
  const library = withLibrary ? await loadRuleLibrary(ws.library) : undefined;
  return buildHuntPlan({ index, result: outcome.report.result, model: outcome.model, inventories: outcome.inventories, modelName: 'Hunt fixture', ...(library ? { library } : {}) });
}

describe('hunt plan (fixture world with detection data)', async () => {
  const index = buildIndexFromText(text(detectionBundle()), 'enterprise-attack-18.1.json');
  const plan = await planFor(index, true);
  const gap = (id: string) => {
    const g = plan.gaps.find((x) => x.technique === id);
    assert.ok(g, `${id} is in the plan`);
    return g;
  };
  const on = (id: string, component: string) => {
    const c = gap(id).components.find((x) => x.component === component);
    assert.ok(c, `${id} on ${component}`);
    return c;
  };

  test('every gap, in the engine order, on the components it applies to', () => {
    assert.deepEqual(new Set(plan.gaps.map((g) => g.technique)), new Set(['T1059.001', 'T1059.004', 'T1486']));
    assert.deepEqual(gap('T1059.001').components.map((c) => c.component), ['laptops', 'office']);
    assert.deepEqual(plan.gaps.map((g) => g.rank), [...plan.gaps.map((g) => g.rank)].sort((a, b) => a - b));
  });

  test('a hypothesis per analytic of the platform: text, data needed, testable yes where the component collects it, tunables', () => {
    const [h, ...rest] = on('T1059.001', 'laptops').hypotheses;
    assert.equal(rest.length, 0);
    assert.equal(h.analytic.id, 'AN0101');
    assert.equal(h.strategy.id, 'DET0001');
    assert.equal(h.text, 'If Crew Alpha used PowerShell (T1059.001) on Staff laptops, WinEventLog:Sysmon (EventCode=1) would show it: detects PowerShell launched with encoded commands from an unusual parent.');
    assert.deepEqual(h.needs, [{ dataComponent: 'DC0032', dataComponentName: 'Process Creation', logSource: 'WinEventLog:Sysmon', channel: 'EventCode=1', collected: true }]);
    assert.equal(h.testable, 'yes');
    assert.deepEqual(h.toCollect, []);
    assert.deepEqual(h.tunable.map((m) => m.field), ['ParentProcessName', 'TimeWindow']);
  });

  test('not testable where telemetry is declared but does not carry it: says what to collect', () => {
    const [h] = on('T1059.004', 'servers').hypotheses;
    assert.equal(h.testable, 'no');
    assert.deepEqual(h.toCollect, ['auditd:SYSCALL (execve) — DC0032 Process Creation']);
    assert.equal(h.needs[0].collected, false);
  });

  test('an analytic for several platforms gives one hypothesis per component, testable per its telemetry', () => {
    assert.equal(on('T1486', 'laptops').hypotheses[0].testable, 'no');
    assert.equal(on('T1486', 'servers').hypotheses[0].testable, 'yes', 'servers collect NSM:Flow');
    assert.deepEqual(on('T1486', 'laptops').hypotheses[0].analytic.platforms, ['Windows']);
  });

  test('a component without declared telemetry: undeclared, and the needs are listed to declare or collect', () => {
    const c = on('T1059.001', 'office');
    assert.equal(c.telemetryDeclared, false);
    assert.equal(c.hypotheses[0].testable, 'undeclared');
    assert.equal(c.hypotheses[0].needs[0].collected, undefined);
    assert.equal(c.hypotheses[0].toCollect.length, 1);
  });

  test('candidate rules: tagged with the technique, for the platform, usable when their logsource is collected', () => {
    assert.deepEqual(on('T1059.001', 'laptops').candidates.map((r) => [r.title, r.file, r.usable]), [['Encoded PowerShell', 'windows/encoded_ps.yml', 'yes']]);
    assert.deepEqual(on('T1059.001', 'office').candidates.map((r) => r.usable), ['undeclared']);
    const ransom = on('T1486', 'laptops').candidates;
    assert.deepEqual(ransom.map((r) => [r.title, r.usable, r.needs]), [['Ransom Note Written', 'no', ['WinEventLog:Sysmon']]]);
    assert.deepEqual(on('T1486', 'servers').candidates, [], 'a Windows rule is no candidate on Linux servers');
    assert.deepEqual(plan.ruleLibrary && [plan.ruleLibrary.files, plan.ruleLibrary.rules, plan.ruleLibrary.problems], [4, 3, 1]);
  });

  test('Markdown and JSON carry the same plan', () => {
    const md = renderHuntPlan('markdown', plan);
    assert.match(md, /^# Hunt plan: Hunt fixture$/m);
    assert.match(md, /Testable: no — none of the data it needs is collected there/);
    assert.match(md, /To collect: auditd\\:SYSCALL \\\(execve\\\) — DC0032 Process Creation/);
    assert.match(md, /Tune: `ParentProcessName`/);
    const json = JSON.parse(renderHuntPlan('json', plan)) as HuntPlan & { huntPlan: number };
    assert.equal(json.huntPlan, 1);
    assert.deepEqual(json.gaps, JSON.parse(JSON.stringify(plan.gaps)));
  });

  test('without a rule library: no candidates, and a note says how to add one', async () => {
    const bare = await planFor(index, false);
    assert.ok(bare.notes.some((n) => n.includes('--rule-library')));
    assert.ok(bare.gaps.every((g) => g.components.every((c) => c.candidates.length === 0)));
  });
});

test('a release without detection strategies (before ATT&CK 18): a plan with a note and no hypotheses, never a crash', async () => {
  const bundle = stix20Bundle();
  bundle.objects = bundle.objects.filter((o) => o.type !== 'x-mitre-detection-strategy' && o.type !== 'x-mitre-analytic');
  const index = buildIndexFromText(text(bundle), 'enterprise-attack-15.1.json');
  const plan = await planFor(index, true);
  assert.ok(plan.notes.some((n) => n.includes('no detection strategies or analytics')));
  assert.ok(plan.gaps.length > 0);
  assert.ok(plan.gaps.every((g) => g.components.every((c) => c.hypotheses.length === 0)));
  assert.ok(plan.gaps.some((g) => g.components.some((c) => c.candidates.length > 0)), 'candidate rules are still listed');
});
