/** Telemetry in inventories: reading, diagnostics (codes, data for quick fixes), per-component views and Sigma gating. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildIndexFromText } from '../../../src/core/attack/index';
import { parseControlInventory } from '../../../src/core/model/control-inventory';
import { parseThreatModel } from '../../../src/core/model/threat-model';
import { parseYaml } from '../../../src/core/model/parsed-yaml';
import { checkTelemetry } from '../../../src/core/telemetry/checks';
import { collectsReference, componentTelemetry, sigmaNeed } from '../../../src/core/telemetry/resolve';
import { fixesFor } from '../../../src/core/validation/quick-fixes';
import { stix20Bundle, text } from '../../fixtures/attack/bundles';
import { detectionBundle } from '../../fixtures/attack/detection';
import { MODEL } from '../../fixtures/hunt/workspace';

const index = buildIndexFromText(text(detectionBundle()), 'enterprise-attack-18.1.json');
const model = parseThreatModel(MODEL, 'hunt.threatmodel.yaml').model!;

const INVENTORY = `controlInventory: 1
controls: []
telemetry:
  - appliesTo: [laptops, laptop]
    collects:
      - DC0032
      - process creation
      - winEventLog:Security
      - DC0033
      - DC0099
      - WinEventLog:Secrity
      - { sigma: { product: Windows, category: process_creation } }
      - { sigma: { product: windows, category: no_such_category } }
      - 42
  - collects: [NSM:Flow]
`;

describe('telemetry entries', () => {
  const parse = parseControlInventory(INVENTORY, 'soc.controls.yaml');
  const inventory = parse.model!;

  test('read with ranges; Sigma fields lower-cased; non-string, non-sigma items left to the schema', () => {
    assert.equal(inventory.telemetry.length, 2);
    const [first, second] = inventory.telemetry;
    assert.deepEqual(first.appliesTo?.map((a) => a.value), ['laptops', 'laptop']);
    assert.equal(first.collects.length, 8);
    assert.deepEqual(first.collects[6], { kind: 'sigma', logsource: { product: 'windows', category: 'process_creation' }, range: first.collects[6].range });
    assert.equal(second.appliesTo, undefined);
    assert.ok(parse.diagnostics.some((d) => d.code.startsWith('schema.')), 'the schema reports the number');
  });

  test('diagnostics: unknown component, unknown / deprecated data component, unknown log source, unmapped Sigma logsource', () => {
    const ds = checkTelemetry(inventory, [model], index);
    const by = (code: string) => ds.filter((d) => d.code === code);
    assert.deepEqual(by('telemetry.unknown-component').map((d) => d.data?.replacement), ['laptops']);
    assert.deepEqual(by('telemetry.unknown-data-component').map((d) => [d.data?.id, d.data?.replacement]), [['DC0033', 'DC0032']]);
    assert.deepEqual(by('telemetry.deprecated-data-component').map((d) => d.data?.id), ['DC0099']);
    assert.deepEqual(by('telemetry.unknown-log-source').map((d) => [d.data?.value, d.data?.replacement]), [['WinEventLog:Secrity', 'WinEventLog:Security']]);
    assert.equal(by('telemetry.sigma-unmapped').length, 1);
    assert.equal(ds.length, 5, 'DC0032, a data component name, a log source name in another case and a mapped logsource are fine');
    const line = (d: (typeof ds)[number]) => INVENTORY.split('\n')[d.range.start.line];
    assert.match(line(by('telemetry.unknown-log-source')[0]), /Secrity/);
  });

  test('quick fixes from code and data: replace with the suggestion', () => {
    const { yaml } = parseYaml(INVENTORY);
    const d = checkTelemetry(inventory, [model], index).find((x) => x.code === 'telemetry.unknown-log-source')!;
    const [fix] = fixesFor(d, yaml);
    assert.equal(fix.title, "Change to 'WinEventLog:Security'");
    assert.equal(fix.edits[0].newText, '"WinEventLog:Security"', 'quoted: a plain scalar may hold ": " but the edit stays safe');
  });

  test('a release without detection data (before v18): one note per entry with names, no per-item warnings', () => {
    const old = buildIndexFromText(text(stix20Bundle()), 'enterprise-attack-15.1.json');
    const ds = checkTelemetry(inventory, [model], old);
    assert.deepEqual(ds.filter((d) => d.code.startsWith('telemetry.') && d.code !== 'telemetry.unknown-component').map((d) => d.code),
      ['telemetry.no-detection-data', 'telemetry.sigma-unmapped', 'telemetry.no-detection-data']);
  });

  test('per component: what appliesTo names, or every component; undeclared elsewhere', () => {
    const t = componentTelemetry(index, [inventory], ['laptops', 'servers']);
    const laptops = t.get('laptops')!;
    assert.deepEqual([...laptops.dataComponents].sort(), ['DC0032']);
    assert.ok(laptops.logSources.has('winevntlog:security') === false && laptops.logSources.has('wineventlog:security'));
    assert.ok(laptops.channels.has('wineventlog:sysmon|eventcode=1'), 'process_creation stands for Sysmon EventCode=1 and Security 4688');
    assert.equal(t.get('servers')!.declared, true, 'the entry without appliesTo applies everywhere');
    assert.ok(collectsReference(t.get('servers')!, { dataComponentId: 'DC0078', name: 'NSM:Flow', channel: 'conn.log' }));
    assert.ok(!collectsReference(t.get('servers')!, { dataComponentId: 'DC0032', name: 'auditd:SYSCALL', channel: 'execve' }));
  });

  test('Sigma gating: same logsource, a mapped data component, or a mapped log source name (service: the channel as a whole)', () => {
    const inv = (collects: string) => parseControlInventory(`controlInventory: 1\ncontrols: []\ntelemetry:\n  - collects: ${collects}\n`).model!;
    const view = (collects: string) => componentTelemetry(index, [inv(collects)], ['c']).get('c')!;
    const proc = { product: 'windows', category: 'process_creation' };
    const security = { product: 'windows', service: 'security' };
    assert.equal(sigmaNeed(view('[{ sigma: { product: windows, category: process_creation } }]'), proc).collected, true);
    assert.equal(sigmaNeed(view('[DC0032]'), proc).collected, true, 'the data component the table maps it to');
    assert.equal(sigmaNeed(view('[WinEventLog:Sysmon]'), proc).collected, true, 'a log source name the table maps it to');
    assert.equal(sigmaNeed(view('[DC0032]'), security).collected, false, 'a service needs its log source, not one of its components');
    assert.equal(sigmaNeed(view('[WinEventLog:Security]'), security).collected, true);
    assert.equal(sigmaNeed(view('[{ sigma: { product: windows, category: image_load } }]'), { product: 'windows', category: 'file_event' }).collected, false,
      'one Sysmon category does not stand for the others');
    const unmapped = sigmaNeed(view('[DC0032]'), { product: 'acme', category: 'widget' });
    assert.deepEqual([unmapped.collected, unmapped.mapped], [false, false]);
  });
});
