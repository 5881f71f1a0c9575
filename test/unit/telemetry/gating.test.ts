/** Telemetry gating of rule-backed controls, end to end through checkModel on a temporary workspace. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { buildIndexFromText } from '../../../src/core/attack/index';
import { checkModel } from '../../../src/core/check/check-model';
import type { TechniqueResult } from '../../../src/core/coverage/types';
import { text } from '../../fixtures/attack/bundles';
import { detectionBundle } from '../../fixtures/attack/detection';
import { huntWorkspace } from '../../fixtures/hunt/workspace';

const index = buildIndexFromText(text(detectionBundle()), 'enterprise-attack-18.1.json');

async function analyse(telemetry: string): Promise<Map<string, TechniqueResult>> {
  const ws = huntWorkspace();
  after(() => ws.dispose());
  writeFileSync(join(ws.dir, 'soc.controls.yaml'), `controlInventory: 1
controls:
  - id: SIGMA
    name: SOC Sigma rules
    rules: [ { path: ./library/**/*.yml, format: sigma } ]
${telemetry}`);
  const outcome = await checkModel({ modelFile: ws.model, baseDir: ws.dir, toolVersion: 'test', loadIndex: async () => index });
  assert.equal(outcome.kind, 'analysed', JSON.stringify(outcome.diagnostics));
  if (outcome.kind !== 'analysed') throw new Error('not analysed');
  return new Map(outcome.report.result.techniques.map((t) => [t.id, t]));
}
const on = (t: TechniqueResult | undefined, component: string) => t?.components.find((c) => c.component === component);

test('without telemetry every rule counts, and its evidence says what it needs is not declared', async () => {
  const byId = await analyse('');
  const laptops = on(byId.get('T1059.001'), 'laptops');
  assert.equal(laptops?.coverage, 'significant', 'the stable Windows rule counts');
  const rule = laptops?.controls[0]?.rules?.find((r) => r.title === 'Encoded PowerShell');
  assert.equal(rule?.telemetry?.state, 'undeclared');
  assert.match(rule?.telemetry?.note ?? '', /needs Sigma logsource product: windows, category: process_creation, and no telemetry is declared for Staff laptops/);
});

test('with telemetry declared, a rule counts on a component only when its logsource is collected there', async () => {
  const byId = await analyse(`telemetry:
  - appliesTo: [laptops]
    collects: [DC0032]
  - appliesTo: [office]
    collects: [NSM:Flow]
`);
  const ps = byId.get('T1059.001');
  assert.equal(on(ps, 'laptops')?.coverage, 'significant', 'process creation collected on laptops');
  assert.equal(on(ps, 'laptops')?.controls[0]?.rules?.find((r) => r.title === 'Encoded PowerShell')?.telemetry?.state, 'collected');
  assert.equal(on(ps, 'office')?.coverage, 'none', 'the office PC collects only NSM:Flow: the rule does not count there');
  assert.equal(on(ps, 'office')?.controls.length, 0);
  assert.equal(ps?.coverage, 'none', 'the weakest component decides');
  const ransom = on(byId.get('T1486'), 'laptops');
  assert.equal(ransom?.coverage, 'none', 'file_event is not collected on laptops (only process creation)');
});
