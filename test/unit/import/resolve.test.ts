import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { analyseCoverage } from '../../../src/core/coverage/engine';
import { coverageInputFrom } from '../../../src/core/coverage/model-input';
import { IMPORT_CODES, resolveImports } from '../../../src/core/import/index';
import { parseControlInventory } from '../../../src/core/model/control-inventory';
import { parseThreatModel } from '../../../src/core/model/threat-model';
import type { ControlInventory, ThreatModel } from '../../../src/core/model/types';
import { miniIndex } from '../coverage/fixture';
import { fixture, fixtureText, readFromDisk } from './helpers';

const index = miniIndex();
const modelFile = fixture('workspace', 'imports.threatmodel.yaml');
const controlsFile = fixture('workspace', 'imports.controls.yaml');
const model = parseThreatModel(fixtureText('workspace', 'imports.threatmodel.yaml'), modelFile).model as ThreatModel;
const inventory = parseControlInventory(fixtureText('workspace', 'imports.controls.yaml'), controlsFile).model as ControlInventory;
const modelLines = fixtureText('workspace', 'imports.threatmodel.yaml').split('\n');
const controlLines = fixtureText('workspace', 'imports.controls.yaml').split('\n');
const lineOf = (lines: string[], text: string) => lines.findIndex((l) => l.includes(text));

describe('resolveImports on the fixture workspace (mini ATT&CK)', async () => {
  const imports = await resolveImports(model, [inventory], { readFile: readFromDisk, index });
  const result = analyseCoverage(index, coverageInputFrom(model, [inventory], imports));
  const tech = (id: string) => result.techniques.find((t) => t.id === id);
  const codes = (file: string) => imports.diagnostics.filter((d) => d.file === file).map((d) => d.code);

  test('every diagnostic has a documented import.* code and sits in the YAML file that referenced the import', () => {
    for (const d of imports.diagnostics) {
      assert.ok(IMPORT_CODES[d.code], d.code);
      assert.equal(d.severity, IMPORT_CODES[d.code]?.severity);
      assert.ok(d.file === modelFile || d.file === controlsFile);
    }
  });

  test('a layer adversary: minScore, 3.x upgrade note, revoked mapped via revoked-by, deprecated and unknown reported', () => {
    const layerLine = lineOf(modelLines, 'v3-enterprise.json');
    const diagnostics = imports.diagnostics.filter((d) => d.file === modelFile && d.range.start.line === layerLine);
    assert.deepEqual(diagnostics.map((d) => d.code), ['import.layer-upgraded', 'import.layer-revoked', 'import.layer-deprecated']);
    assert.deepEqual(diagnostics[1]?.data?.['revoked'], [{ id: 'T1004', replacement: 'T1000.001' }]);
    const layerAdversary = result.techniques.filter((t) => t.adversaries.some((a) => a.label === 'Sector layer')).map((t) => t.id);
    assert.deepEqual(layerAdversary, ['T1000', 'T1000.001', 'T1001']); // T1004 (4) counts as T1000.001; T1003 unscored; T9999 (1) under minScore
    const evidence = tech('T1000.001')?.adversaries.find((a) => a.label === 'Sector layer');
    assert.equal(evidence?.via, 'listed');
    assert.equal(evidence?.source?.range.start.line, layerLine);
  });

  test('a DeTT&CT group file: one adversary per enabled group, software as software adversaries, retired and unknown IDs reported', () => {
    const labels = new Set(result.techniques.flatMap((t) => t.adversaries.map((a) => a.label)));
    assert.ok(labels.has('Listed crew (Scenario 1)'));
    assert.ok(labels.has('Counted report'));
    assert.ok(labels.has('Listed crew (Scenario 1) via AlphaRAT'));
    assert.ok(![...labels].some((l) => l.startsWith('Switched off')));
    assert.ok(tech('T1002')?.adversaries.some((a) => a.label === 'Listed crew (Scenario 1) via AlphaRAT' && a.via === 'direct'));
    const line = lineOf(modelLines, 'groups.yaml');
    const here = imports.diagnostics.filter((d) => d.range.start.line === line && d.file === modelFile);
    assert.deepEqual(here.map((d) => d.code), ['import.dettect-revoked', 'import.dettect-deprecated', 'import.dettect-unknown-id']);
    assert.deepEqual(here[2]?.data?.['ids'], ['T9999']);
  });

  test('a missing file and a file of the wrong kind are errors on their line', () => {
    const missing = imports.diagnostics.find((d) => d.code === 'import.file-missing');
    assert.equal(missing?.range.start.line, lineOf(modelLines, 'missing.json'));
    const wrong = imports.diagnostics.find((d) => d.code === 'import.unsupported-kind' && d.file === modelFile);
    assert.equal(wrong?.range.start.line, lineOf(modelLines, 'nist-style.json'));
    assert.match(wrong?.message ?? '', /framework/);
  });

  test('a CTID framework control: scores per capability (IDs and groups), revoked since the mapping version mapped, did-you-mean, non_mappable', () => {
    const cloud = imports.diagnostics.filter((d) => d.file === controlsFile && d.data?.['path'] === '../mappings/cloud-scores.json');
    assert.deepEqual(cloud.map((d) => d.code).sort(), ['import.mapping-revoked', 'import.non-mappable', 'import.unknown-capability']);
    const unknown = cloud.find((d) => d.code === 'import.unknown-capability');
    assert.equal(unknown?.data?.['replacement'], 'guard');
    assert.equal(unknown?.range.start.line, lineOf(controlLines, 'gaurd'));
    assert.match(cloud.find((d) => d.code === 'import.mapping-revoked')?.message ?? '', /since the mapping's ATT&CK 16\.1 in ATT&CK 1\.0.*T1004 → T1000\.001/);
    const cloudOn = (id: string) => tech(id)?.components[0]?.controls.find((c) => c.control === 'CLOUD');
    assert.equal(cloudOn('T1000')?.level, 'partial'); // detect partial beats protect minimal
    assert.equal(cloudOn('T1000.001')?.level, 'significant'); // respond significant, and the revoked T1004 row (partial) maps here too
    assert.equal(cloudOn('T1001')?.level, 'significant'); // via the `identity` capability group
    assert.equal(cloudOn('T1000.002')?.level, 'partial'); // inherits the parent's entry (SPEC rule)
    assert.equal(cloudOn('T1000')?.source?.file, controlsFile);
    assert.equal(cloudOn('T1000')?.source?.range.start.line, lineOf(controlLines, 'capabilities: [guard'));
  });

  test('a NIST-style control gives mitigates rows the default level, capped by status partial', () => {
    const nist = (id: string) => tech(id)?.components[0]?.controls.find((c) => c.control === 'NIST');
    assert.equal(nist('T1003')?.level, 'partial');
    assert.equal(nist('T1000.002')?.level, 'partial');
    assert.equal(nist('T1002'), undefined);
  });

  test('a DeTT&CT technique-administration control counts on its appliesTo components, for the chosen systems', () => {
    const dettect = (id: string, component: string) => tech(id)?.components.find((c) => c.component === component)?.controls.find((c) => c.control === 'DETTECT');
    assert.equal(dettect('T1001', 'lin')?.level, 'significant');
    assert.equal(dettect('T1000.001', 'win'), undefined);
    assert.equal(dettect('T1000', 'lin')?.level, 'significant');
  });

  test('a Navigator layer control: levels from the gradient; a KEV mapping and a 2.x layer give nothing, with diagnostics', () => {
    const layer = (id: string) => tech(id)?.components[0]?.controls.find((c) => c.control === 'EDR-LAYER');
    assert.equal(layer('T1000')?.level, 'significant');
    assert.equal(layer('T1003')?.level, 'partial');
    assert.ok(codes(controlsFile).includes('import.unsupported-kind'));
    assert.ok(imports.diagnostics.some((d) => d.code === 'import.invalid' && /layer format 2\.2/.test(d.message)));
    assert.ok(result.techniques.every((t) => t.components.every((c) => c.controls.every((k) => k.control !== 'KEV' && k.control !== 'BROKEN'))));
  });

  test('summaries count the techniques each reference contributes', () => {
    const byPath = new Map(imports.summaries.map((s) => [s.file.split('/').slice(-2).join('/'), s]));
    assert.equal(byPath.get('layers/v3-enterprise.json')?.techniques, 3);
    assert.equal(byPath.get('layers/v3-enterprise.json')?.format, 'navigator-layer');
    assert.equal(byPath.get('layers/missing.json')?.format, undefined);
    assert.equal(byPath.get('mappings/nist-style.json')?.use, 'control');
  });
});

describe('coverageInputFrom', () => {
  test('without imports, layer adversaries and framework entries contribute nothing (existing callers unchanged)', () => {
    const input = coverageInputFrom(model, [inventory]);
    assert.deepEqual(input.adversaries.map((a) => a.label), ['G0002']);
    assert.ok(input.controls.every((c) => c.techniques.length === 0));
  });
  test('a minScore nobody reaches is reported as giving no technique', async () => {
    const text = fixtureText('workspace', 'imports.threatmodel.yaml').replace('minScore: 3', 'minScore: 50');
    const strict = parseThreatModel(text, modelFile).model as ThreatModel;
    const r = await resolveImports(strict, [], { readFile: readFromDisk, index });
    assert.ok(r.diagnostics.some((d) => d.code === 'import.no-techniques' && /at least 50/.test(d.message)));
  });
  test('another domain is reported', async () => {
    const text = fixtureText('workspace', 'imports.threatmodel.yaml').replace('v3-enterprise.json', 'mobile.json');
    const mobile = parseThreatModel(text, modelFile).model as ThreatModel;
    const r = await resolveImports(mobile, [], { readFile: readFromDisk, index });
    assert.ok(r.diagnostics.some((d) => d.code === 'import.domain-mismatch' && d.data?.['domain'] === 'mobile-attack'));
  });
  test('each file is read once however often it is referenced', async () => {
    const reads: string[] = [];
    await resolveImports(model, [inventory, inventory], { readFile: async (f) => (reads.push(f), readFromDisk(f)), index });
    assert.equal(reads.length, new Set(reads).size);
  });
});
