import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseControlInventory, parseThreatModel } from '../../../src/core/model/index';
import type { Diagnostic } from '../../../src/core/diagnostics';
import { addControlFileEdit, filesAffectedBy, fixesFor, validateWorkspace } from '../../../src/core/validation/index';
import { applyEdits, brief, rangeOf, withCode } from '../../fixtures/model/text';
import { ENTERPRISE, ENTERPRISE_OLD, applied, fixes, model, semantic } from '../../fixtures/model/validation';

const MODEL = '/ws/app.threatmodel.yaml';
const EDR = '/ws/edr.controls.yaml';
const CLOUD = '/ws/cloud.controls.yaml';

const APP = model(`techStack:
  - { id: laptops, platforms: [Windows] }
  - { id: k8s, platforms: [Containers] }
controls: [./edr.controls.yaml, ./cloud.controls.yaml]
`);
const EDR_TEXT = `controlInventory: 1
controls:
  - id: EDR-01
    name: EDR
    appliesTo: [laptops, laptop]
    mitigations: [M0001, M0002]
    techniques:
      - T1000
      - T1002   # Deploy Container
`;
const CLOUD_TEXT = `controlInventory: 1
controls:
  - { id: POL-01, name: Policy, appliesTo: [k8s], techniques: [T1002] }
  - { id: EDR-01, name: Second EDR }
`;

/** Validates the given texts as one workspace (files not given do not exist). */
function run(files: Record<string, string>, only?: string[], versions: { available?: string } = {}): Map<string, Diagnostic[]> {
  const models = Object.entries(files).filter(([f]) => f.includes('threatmodel')).map(([f, t]) => parseThreatModel(t, f));
  const inventories = Object.entries(files).filter(([f]) => f.includes('controls')).map(([f, t]) => parseControlInventory(t, f));
  return validateWorkspace({
    models, inventories, fileExists: () => false,
    indexFor: (_domain, version) => (version === '1.0' ? ENTERPRISE_OLD : ENTERPRISE),
    ...(versions.available !== undefined ? { availableVersion: () => versions.available } : {}),
  }, only);
}

const WS = { [MODEL]: APP, [EDR]: EDR_TEXT, [CLOUD]: CLOUD_TEXT };

describe('an inventory in the context of the models that list it', () => {
  const result = run(WS);

  test('every file gets its own diagnostics, stamped with its name', () => {
    assert.deepEqual([...result.keys()].sort(), [MODEL, CLOUD, EDR]);
    assert.deepEqual(result.get(MODEL), []);
    for (const [file, ds] of result) assert.ok(ds.every((d) => d.file === file));
  });

  test('model.stack-unknown-component: an appliesTo id no listing model defines, with the closest as fix', () => {
    const [d] = withCode(result.get(EDR) ?? [], 'model.stack-unknown-component');
    assert.equal(brief(d), 'model.stack-unknown-component@5:26-5:32');
    assert.deepEqual(d.range, rangeOf(EDR_TEXT, 'laptop', 2));
    assert.equal(d.severity, 'warning');
    assert.equal(d.message, "no techStack component 'laptop' in Test: EDR-01 counts nowhere for it (did you mean 'laptops'?)");
    assert.deepEqual(d.data, { id: 'laptop', control: 'EDR-01', known: ['laptops', 'k8s'], replacement: 'laptops' });
    const fixed = applied(EDR_TEXT, fixes(EDR_TEXT, d)[0]);
    assert.match(fixed, /appliesTo: \[laptops, laptops\]/);
  });

  test('control.not-applicable: entries none of the control\'s components can run; the fix removes the entry', () => {
    const ds = withCode(result.get(EDR) ?? [], 'control.not-applicable');
    assert.deepEqual(ds.map(brief), ['control.not-applicable@6:26-6:31', 'control.not-applicable@9:9-9:14']);
    assert.equal(ds[0].message, "the one technique M0002 mitigates cannot run on EDR-01's components (laptops: Windows)");
    assert.equal(ds[1].message, "T1002 (Deploy Container) runs on Containers; none of EDR-01's components (laptops: Windows) can run it");
    assert.deepEqual(ds[1].data, { id: 'T1002', control: 'EDR-01', entryRange: rangeOf(EDR_TEXT, 'T1002') });
    const [fix] = fixes(EDR_TEXT, ds[1]);
    assert.equal(fix.title, 'Remove T1002 from EDR-01');
    assert.equal(applied(EDR_TEXT, fix), EDR_TEXT.replace('      - T1002   # Deploy Container\n', ''));
    assert.equal(applied(EDR_TEXT, fixes(EDR_TEXT, ds[0])[0]), EDR_TEXT.replace('[M0001, M0002]', '[M0001]'));
  });

  test('negative for control.not-applicable: the same technique on a component that runs it, and no techStack', () => {
    assert.deepEqual(withCode(result.get(CLOUD) ?? [], 'control.not-applicable'), []);
    const noStack = run({ [MODEL]: model('controls: [./edr.controls.yaml]\n'), [EDR]: EDR_TEXT });
    assert.deepEqual(withCode(noStack.get(EDR) ?? [], 'control.not-applicable'), []);
  });

  test('a parent technique counts for its sub-techniques: applicable when one sub-technique runs there', () => {
    const text = model('techStack:\n  - { id: box, platforms: [Linux] }\ncontrols: [./edr.controls.yaml]\n');
    const inv = 'controlInventory: 1\ncontrols:\n  - { id: C, name: C, techniques: [T1000, T1000.001] }\n';
    const ds = run({ [MODEL]: text, [EDR]: inv }).get(EDR) ?? [];
    assert.deepEqual(ds.map(brief), ['control.not-applicable@3:43-3:52'], 'T1000 runs on Linux; PowerShell does not');
  });

  test('model.duplicate-id across the inventories of one model, at the second definition', () => {
    const [d] = withCode(result.get(CLOUD) ?? [], 'model.duplicate-id');
    assert.deepEqual(d.range, rangeOf(CLOUD_TEXT, 'EDR-01'));
    assert.equal(d.severity, 'error');
    assert.equal(d.message, "control 'EDR-01' is also defined in edr.controls.yaml, and Test lists both inventories");
    assert.deepEqual(d.data, { id: 'EDR-01', firstFile: EDR, firstRange: rangeOf(EDR_TEXT, 'EDR-01') });
    assert.deepEqual(withCode(result.get(EDR) ?? [], 'model.duplicate-id'), [], 'the first definition is not reported');
  });

  test('an inventory no model lists: checked against the default data, no stack checks', () => {
    const alone = run({ [EDR]: EDR_TEXT }).get(EDR) ?? [];
    assert.deepEqual(alone, []);
  });
});

describe('model.duplicate-id within one file', () => {
  test('components (error), adversaries (warning), controls (error)', () => {
    const text = model('techStack:\n  - { id: a }\n  - { id: a }\nadversaries:\n  - { group: G0001 }\n  - { group: G0001, name: again }\n');
    const ds = parseThreatModel(text).diagnostics;
    assert.deepEqual(ds.map((d) => `${brief(d)} ${d.severity}`), ['model.duplicate-id@6:11-6:12 error', 'model.duplicate-id@9:14-9:19 warning']);
    assert.deepEqual(ds[0].data, { id: 'a', firstRange: { start: { line: 4, character: 10 }, end: { line: 4, character: 11 } } });
    const inv = 'controlInventory: 1\ncontrols:\n  - { id: X, name: one }\n  - { id: X, name: two }\n';
    assert.deepEqual(parseControlInventory(inv).diagnostics.map(brief), ['model.duplicate-id@4:11-4:12']);
  });
});

describe('model.control-file-missing', () => {
  test('a listed path naming no file: error at the path, the unlisted inventory of the same name as fix', () => {
    const text = model('controls: [./edr.controls.yaml, ./clod.controls.yaml]\n');
    const ds = run({ [MODEL]: text, [EDR]: EDR_TEXT, [CLOUD]: CLOUD_TEXT }).get(MODEL) ?? [];
    const [d] = withCode(ds, 'model.control-file-missing');
    assert.deepEqual(d.range, rangeOf(text, './clod.controls.yaml'));
    assert.equal(d.message, "control inventory './clod.controls.yaml' not found (did you mean './cloud.controls.yaml'?)");
    assert.deepEqual(d.data, { path: './clod.controls.yaml', resolved: '/ws/clod.controls.yaml', replacement: './cloud.controls.yaml' });
    const fixed = applied(text, fixes(text, d)[0]);
    assert.equal(fixed, model('controls: [./edr.controls.yaml, ./cloud.controls.yaml]\n'));
    assert.deepEqual(withCode(run({ [MODEL]: fixed, [EDR]: EDR_TEXT, [CLOUD]: CLOUD_TEXT }).get(MODEL) ?? [], 'model.control-file-missing'), []);
  });

  test('negative: a file on disk that is not open counts as present', () => {
    const text = model('controls: [./disk.controls.yaml]\n');
    const result = validateWorkspace({ models: [parseThreatModel(text, MODEL)], inventories: [], indexFor: () => ENTERPRISE, fileExists: (f) => f === '/ws/disk.controls.yaml' });
    assert.deepEqual(result.get(MODEL), []);
  });

  test('"add a missing control reference": addControlFileEdit appends to the list, or creates it', () => {
    const text = model('controls: [./edr.controls.yaml]\n');
    const edit = addControlFileEdit(parseThreatModel(text).yaml, './cloud.controls.yaml');
    assert.equal(applyEdits(text, edit ? [edit] : []), model('controls: [./edr.controls.yaml, ./cloud.controls.yaml]\n'));
    const bare = model('');
    const created = addControlFileEdit(parseThreatModel(bare).yaml, './cloud.controls.yaml');
    const out = applyEdits(bare, created ? [created] : []);
    assert.deepEqual(parseThreatModel(out).model?.controlFiles.map((c) => c.value), ['./cloud.controls.yaml']);
  });
});

describe('model.version-behind', () => {
  test('information at the pinned version, with both versions in data', () => {
    const text = model('', '1.0');
    const ds = semantic(text, ENTERPRISE_OLD, '2.0');
    assert.deepEqual(ds.map((d) => `${brief(d)} ${d.severity}`), ['model.version-behind@3:47-3:52 information']);
    assert.deepEqual(ds[0].range, rangeOf(text, '"1.0"'));
    assert.deepEqual(ds[0].data, { pinned: '1.0', available: '2.0', domain: 'enterprise-attack' });
    assert.match(ds[0].message, /Upgrade Model to ATT&CK v2\.0/);
  });

  test('negative: current, newer than the data, or no data at hand', () => {
    assert.deepEqual(semantic(model(''), ENTERPRISE, '2.0'), []);
    assert.deepEqual(semantic(model('', '3.0'), ENTERPRISE, '2.0'), []);
    assert.deepEqual(semantic(model('', '1.0'), ENTERPRISE_OLD), []);
  });

  test('through the workspace: availableVersion per domain', () => {
    const ds = run({ [MODEL]: model('', '1.0') }, undefined, { available: '2.0' }).get(MODEL) ?? [];
    assert.deepEqual(ds.map((d) => d.code), ['model.version-behind']);
  });
});

describe('editing one file re-validates the other', () => {
  test('filesAffectedBy: a model brings its inventories; an inventory its models and their other inventories', () => {
    const models = [parseThreatModel(APP, MODEL), parseThreatModel(model('controls: [./edr.controls.yaml]\n'), '/ws/other.threatmodel.yaml')];
    assert.deepEqual(filesAffectedBy(MODEL, models).sort(), [MODEL, CLOUD, EDR]);
    assert.deepEqual(filesAffectedBy(CLOUD, models).sort(), [MODEL, CLOUD, EDR]);
    assert.deepEqual(filesAffectedBy(EDR, models).sort(), [MODEL, CLOUD, EDR, '/ws/other.threatmodel.yaml']);
    assert.deepEqual(filesAffectedBy('/ws/unrelated.controls.yaml', models), ['/ws/unrelated.controls.yaml']);
  });

  test('renaming a component in the model: the inventory\'s appliesTo goes stale, and back', () => {
    const renamed = APP.replace('id: k8s', 'id: cluster');
    const models = [parseThreatModel(renamed, MODEL)];
    const only = filesAffectedBy(MODEL, models);
    const result = run({ [MODEL]: renamed, [EDR]: EDR_TEXT, [CLOUD]: CLOUD_TEXT }, only);
    const stale = withCode(result.get(CLOUD) ?? [], 'model.stack-unknown-component');
    assert.deepEqual(stale.map((d) => d.data?.id), ['k8s']);
    assert.equal(stale[0].data?.replacement, undefined);
    assert.deepEqual(withCode(run(WS, only).get(CLOUD) ?? [], 'model.stack-unknown-component'), []);
  });

  test('a model that stops listing an inventory: the previous parse names it, so its diagnostics are refreshed', () => {
    const before = [parseThreatModel(APP, MODEL)];
    const edited = APP.replace(', ./cloud.controls.yaml', '');
    const after = [parseThreatModel(edited, MODEL)];
    assert.ok(!filesAffectedBy(MODEL, after).includes(CLOUD));
    assert.ok(filesAffectedBy(MODEL, after, before).includes(CLOUD));
    const refreshed = run({ [MODEL]: edited, [EDR]: EDR_TEXT, [CLOUD]: CLOUD_TEXT }, filesAffectedBy(MODEL, after, before));
    assert.deepEqual(withCode(refreshed.get(CLOUD) ?? [], 'model.duplicate-id'), [], 'no longer a duplicate: the model lists one inventory');
  });

  test('validateWorkspace(only) returns just the files asked for', () => {
    assert.deepEqual([...run(WS, [EDR]).keys()], [EDR]);
  });

  test('quick fixes apply to the inventory they came from', () => {
    const [d] = withCode(run(WS).get(EDR) ?? [], 'model.stack-unknown-component');
    const parse = parseControlInventory(EDR_TEXT, EDR);
    assert.deepEqual(fixesFor(d, parse.yaml).map((f) => f.title), ["Change to 'laptops'"]);
  });
});

describe('imported files', () => {
  test('a Navigator layer adversary and a framework mapping pass validation without findings: resolveImports reads and checks them', () => {
    const text = model('adversaries:\n  - { layer: ./apt.json, minScore: 2 }\n  - { group: G0001 }\n');
    assert.deepEqual(semantic(text), []);
    const inv = 'controlInventory: 1\ncontrols:\n  - id: C\n    name: C\n    framework: { file: map.json, capabilities: [AC-2] }\n  - { id: D, name: D }\n';
    assert.deepEqual(run({ [EDR]: inv }).get(EDR) ?? [], []);
  });
});
