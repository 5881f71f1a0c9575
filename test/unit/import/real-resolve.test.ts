/**
 * resolveImports end to end on the real files against real Enterprise 18.1, and the Navigator round trip:
 * our layer export, re-imported, gives the same technique set and scores.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { analyseCoverage } from '../../../src/core/coverage/engine';
import { coverageInputFrom } from '../../../src/core/coverage/model-input';
import { layerAdversaryTechniques, readNavigatorLayer, resolveImports } from '../../../src/core/import/index';
import { parseControlInventory } from '../../../src/core/model/control-inventory';
import { parseThreatModel } from '../../../src/core/model/threat-model';
import type { ControlInventory, ThreatModel } from '../../../src/core/model/types';
import { navigatorLayer } from '../../../src/core/report/navigator-layer';
import { realIndex, skipUnless } from '../../fixtures/model/real-data';
import { SHARED, readFromDisk } from './helpers';

const E18 = 'enterprise-attack-18.1.json';
const base = SHARED('');
const skip = skipUnless(E18) || (!existsSync(SHARED('control-mappings')) && process.env.CI !== 'true' ? 'no ../shared import data' : false);
const modelFile = `${base}/virtual.threatmodel.yaml`;
const controlsFile = `${base}/virtual.controls.yaml`;
const modelText = `threatModel: 1
name: Real imports
attack: { domain: enterprise-attack, version: "18.1" }
techStack:
  - { id: cloud, platforms: [IaaS, Identity Provider, Office Suite, SaaS] }
  - { id: endpoints, platforms: [Windows, Linux, macOS] }
adversaries:
  - layer: ./navigator-layers/Bear_APT.json
  - layer: ./navigator-layers/heatmap_layer.json
    minScore: 90
  - layer: ./navigator-layers/ATTACKcon_Red_Pins.json
  - layer: ./dettect/groups.yaml
  - layer: ./dettect/20220322-RedCanary.yaml
    minScore: 1000
controls: [./virtual.controls.yaml]
`;
const controlsText = `controlInventory: 1
controls:
  - id: AWS
    appliesTo: [cloud]
    framework: { file: ./control-mappings/aws-12.12.2024_attack-16.1-enterprise.json, capabilities: [amazon_guardduty, aws_cloudtrail, amazon_gaurdduty] }
  - id: M365
    appliesTo: [cloud]
    framework: { file: ./control-mappings/m365-07.18.2025_attack-16.1-enterprise.json, capabilities: [entra-id] }
  - id: NIST
    framework: { file: ./control-mappings/nist_800_53-rev5_attack-16.1-enterprise.json, capabilities: [AC-2, SI-4, CM-7, SI-2] }
  - id: DETTECT
    appliesTo: [endpoints]
    framework: { file: ./dettect/techniques-administration-endpoints.yaml, capabilities: [all] }
  - id: KEV
    framework: { file: ./control-mappings/kev-07.28.2025_attack-16.1-enterprise.json, capabilities: [CVE-2024-34102] }
  - id: DATASOURCES
    framework: { file: ./dettect/data-sources-endpoints.yaml, capabilities: [all] }
`;

describe('real imports through resolveImports and the engine (Enterprise 18.1)', { skip }, async () => {
  const index = realIndex(E18);
  const model = parseThreatModel(modelText, modelFile).model as ThreatModel;
  const inventory = parseControlInventory(controlsText, controlsFile).model as ControlInventory;
  const imports = await resolveImports(model, [inventory], { readFile: readFromDisk, index });
  const result = analyseCoverage(index, coverageInputFrom(model, [inventory], imports));
  const summary = (suffix: string) => imports.summaries.find((s) => s.file.endsWith(suffix));

  test('adversary imports contribute what the files hold', () => {
    assert.equal(summary('Bear_APT.json')?.techniques, 126);
    assert.equal(summary('ATTACKcon_Red_Pins.json')?.techniques, 16); // 18 IDs: 8 revoked (two to T1573), T1062 deprecated
    assert.equal(summary('groups.yaml')?.techniques, 21); // the disabled Ransomware campaign is left out
    assert.equal(summary('20220322-RedCanary.yaml')?.techniques, 11); // counts ≥ 1000
    const heat = summary('heatmap_layer.json');
    assert.ok(heat && heat.techniques > 0 && heat.techniques < 428);
  });
  test('revoked IDs are reported with their replacement on the layer line', () => {
    const pins = imports.diagnostics.find((d) => d.code === 'import.layer-revoked' && d.data?.['path'] === './navigator-layers/ATTACKcon_Red_Pins.json');
    assert.ok(pins);
    assert.equal(pins.range.start.line, modelText.split('\n').findIndex((l) => l.includes('ATTACKcon')));
    assert.ok((pins.data?.['revoked'] as { id: string }[]).some((r) => r.id === 'T1155'));
    assert.ok(imports.diagnostics.some((d) => d.code === 'import.layer-deprecated' && /T1062/.test(d.message)));
    assert.ok(imports.diagnostics.some((d) => d.code === 'import.layer-upgraded'));
  });
  test('framework controls: AWS scores, NIST default, DeTT&CT levels; revoked-since-16.1 and unknown capabilities reported', () => {
    const unknown = imports.diagnostics.filter((d) => d.code === 'import.unknown-capability');
    assert.deepEqual(unknown.map((d) => [d.data?.['capability'], d.data?.['replacement']]), [['amazon_gaurdduty', 'amazon_guardduty']]); // AC-2 matches AC-02
    assert.ok(imports.diagnostics.some((d) => d.code === 'import.mapping-revoked' && /T1574\.002 → T1574\.001/.test(d.message)));
    assert.ok(imports.diagnostics.some((d) => d.code === 'import.dettect-unknown-id'));
    assert.ok(imports.diagnostics.some((d) => d.code === 'import.unsupported-kind' && /kev/.test(String(d.data?.['path']))));
    assert.ok(imports.diagnostics.some((d) => d.code === 'import.unsupported-kind' && /data-sources/.test(String(d.data?.['path']))));
    const controls = new Set(result.techniques.flatMap((t) => t.components.flatMap((c) => c.controls.map((k) => k.control))));
    assert.deepEqual([...controls].sort(), ['AWS', 'DETTECT', 'M365', 'NIST']);
    assert.ok(summary('techniques-administration-endpoints.yaml')!.techniques > 0);
    assert.ok(result.summary.covered > 0 && result.summary.gaps > 0);
  });

  test('round trip: our Navigator layer export re-imported gives the same technique set and scores', () => {
    const exported = navigatorLayer({ result, modelName: 'Real imports', modelFile, baseDir: base, diagnostics: [], toolVersion: 'test' });
    const layer = readNavigatorLayer(JSON.parse(JSON.stringify(exported)) as Record<string, unknown>);
    assert.equal(layer.formatVersion, '4.5');
    assert.deepEqual(layer.upgrades, []);
    assert.deepEqual(layer.techniques.map((t) => t.techniqueID), result.techniques.map((t) => t.id));
    const scored = layerAdversaryTechniques(layer, 0);
    const adversary = result.techniques.filter((t) => t.adversary);
    assert.deepEqual([...scored.keys()], adversary.map((t) => t.id));
    assert.deepEqual([...scored.values()], adversary.map((t) => t.priority?.score ?? 0));
  });
});
