import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyseCoverage } from '../../../src/core/coverage/engine';
import { coverageInputFrom } from '../../../src/core/coverage/model-input';
import { resolveImports } from '../../../src/core/import/index';
import { parseControlInventory } from '../../../src/core/model/control-inventory';
import { parseThreatModel } from '../../../src/core/model/threat-model';
import type { ControlInventory, ThreatModel } from '../../../src/core/model/types';
import { RULE_CODES } from '../../../src/core/rules/report';
import type { RuleSetSummary } from '../../../src/core/rules/report';
import { RuleFileCache } from '../../../src/core/rules/cache';
import { miniIndex } from '../coverage/fixture';
import { readFromDisk } from '../import/helpers';
import { ruleFixture } from './helpers';

const index = miniIndex();

function load(dir: string): { model: ThreatModel; inventory: ControlInventory } {
  const modelFile = join(dir, 'rules.threatmodel.yaml');
  const controlsFile = join(dir, 'rules.controls.yaml');
  return {
    model: parseThreatModel(readFileSync(modelFile, 'utf8'), modelFile).model as ThreatModel,
    inventory: parseControlInventory(readFileSync(controlsFile, 'utf8'), controlsFile).model as ControlInventory,
  };
}

const dir = ruleFixture('workspace');
const controlsFile = join(dir, 'rules.controls.yaml');

describe('rules: entries of a control inventory (mini ATT&CK)', async () => {
  const { model, inventory } = load(dir);
  const imports = await resolveImports(model, [inventory], { readFile: readFromDisk, index });
  const result = analyseCoverage(index, coverageInputFrom(model, [inventory], imports));
  const tech = (id: string) => result.techniques.find((t) => t.id === id);
  const evidence = (id: string, control: string) => tech(id)?.components.flatMap((c) => c.controls.filter((e) => e.control === control).map((e) => ({ component: c.component, ...e })));

  test('the inventory schema accepts rules entries and the parse keeps path, format and level overrides', () => {
    const parse = parseControlInventory(readFileSync(controlsFile, 'utf8'), controlsFile);
    assert.deepEqual(parse.diagnostics, []);
    const elastic = inventory.controls.find((c) => c.id === 'ELASTIC')?.rules?.[0];
    assert.equal(elastic?.path?.value, './elastic/*.toml');
    assert.equal(elastic?.format?.value, 'elastic');
    assert.deepEqual(elastic?.levels.map((l) => [l.status, l.level]), [['development', 'partial']]);
    const bad = parseControlInventory('controlInventory: 1\ncontrols:\n  - id: X\n    name: X\n    rules: [{ path: ./r/*.yml, format: splunk, levels: { test: lots } }]\n', 'x.controls.yaml');
    assert.ok(bad.diagnostics.filter((d) => d.code.startsWith('schema.')).length >= 2, JSON.stringify(bad.diagnostics.map((d) => d.code)));
  });

  test('each rule gives its techniques at the level of its status; deprecated rules count for nothing; an entry on a parent covers its sub-techniques', () => {
    assert.deepEqual(evidence('T1000.001', 'SIGMA')?.map((e) => [e.component, e.level, e.via]), [['win', 'significant', 'technique']]);
    assert.deepEqual(evidence('T1001', 'SIGMA')?.map((e) => [e.component, e.level]), [['lin', 'partial']]);
    assert.equal(evidence('T1000', 'SIGMA')?.[0]?.level, 'minimal');
    assert.deepEqual(evidence('T1000.002', 'SIGMA')?.map((e) => [e.level, e.via, e.from]), [['minimal', 'parent', 'T1000']]);
    assert.deepEqual(evidence('T1003', 'SIGMA'), []);
    // The Elastic control applies to win only; its production rule gives T1003 significant there.
    assert.deepEqual(evidence('T1003', 'ELASTIC')?.map((e) => [e.component, e.level]), [['win', 'significant']]);
    assert.equal(tech('T1003')?.state, 'covered');
  });

  test('rule evidence: title, id, file and line of each rule, per technique and control; the function is detect', () => {
    const e = evidence('T1000.001', 'SIGMA')?.[0];
    assert.equal(e?.ruleCount, 1);
    assert.deepEqual(e?.rules?.map((r) => [r.format, r.title, r.id, r.file, r.line, r.status, r.level]), [
      ['sigma', 'Stable Child Rule', '00000000-0000-4000-8000-00000000000a', join(dir, 'sigma', 'a_stable.yml'), 1, 'stable', 'significant'],
    ]);
    assert.deepEqual(e?.rules?.[0]?.logsource, { product: 'windows', category: 'process_creation' });
    assert.equal(e?.source?.file, join(dir, 'sigma', 'a_stable.yml'));
    assert.equal(e?.source?.range.start.line, 5); // the attack.t1000.001 tag (0-based)
    const input = coverageInputFrom(model, [inventory], imports);
    const sigma = input.controls.find((c) => c.id === 'SIGMA');
    assert.ok(sigma?.techniques.every((t) => t.function === 'detect' && t.rule !== undefined));
    // One entry per rule and technique: the revoked T1004 counts as T1000.001, once for the rule.
    assert.deepEqual(sigma?.techniques.map((t) => `${t.id}:${t.rule?.title}`).sort(), ['T1000.001:Stable Child Rule', 'T1000:Experimental Parent Rule', 'T1001:Test Entry Rule']);
  });

  test('an override in levels: a development Elastic rule counts as partial', () => {
    const elastic = coverageInputFrom(model, [inventory], imports).controls.find((c) => c.id === 'ELASTIC');
    assert.deepEqual(elastic?.techniques.map((t) => [t.id, t.level, t.rule?.status]).sort(), [['T1002', 'partial', 'development'], ['T1003', 'significant', 'production']]);
  });

  test('diagnostics: a broken file on the file at its line, retired and unknown tags on their lines, no-match and a summary on the entry; all documented; none an error', () => {
    const found = imports.diagnostics.map((d) => [d.code, d.file === controlsFile ? 'inventory' : d.file?.slice(dir.length + 1), d.range.start.line]);
    assert.deepEqual(found.filter((f) => f[1] !== 'inventory').sort(), [
      ['rules.deprecated-technique', 'sigma/a_stable.yml', 7],
      ['rules.parse-error', 'sigma/broken.yml', 2],
      ['rules.revoked-technique', 'sigma/a_stable.yml', 6],
      ['rules.unknown-technique', 'sigma/a_stable.yml', 8],
    ]);
    assert.deepEqual(found.filter((f) => f[1] === 'inventory').map((f) => f[0]), ['rules.summary', 'rules.summary', 'rules.no-match']);
    for (const d of imports.diagnostics) assert.equal(d.severity, RULE_CODES[d.code]?.severity, d.code);
    assert.ok(imports.diagnostics.every((d) => d.severity !== 'error'));
    const revoked = imports.diagnostics.find((d) => d.code === 'rules.revoked-technique');
    assert.match(revoked?.message ?? '', /T1004 is revoked in ATT&CK .*: the rule counts for T1000\.001/);
  });

  test('the summary accounts for every matched file: used, broken, skipped by status, without techniques', () => {
    const sigma = imports.rules?.summaries.find((s) => s.written === './sigma/**/*.yml') as RuleSetSummary;
    assert.deepEqual({ files: sigma.files, rules: sigma.rules, counted: sigma.counted, techniques: sigma.techniques, skipped: sigma.skippedByStatus, none: sigma.noTechniques, broken: sigma.broken, refused: sigma.refused },
      { files: 6, rules: 5, counted: 3, techniques: 3, skipped: { deprecated: 1 }, none: 1, broken: 1, refused: 0 });
    assert.equal(sigma.rules, sigma.counted + Object.values(sigma.skippedByStatus).reduce((a, b) => a + b, 0) + sigma.noTechniques + sigma.noLiveTechniques);
    const message = imports.diagnostics.find((d) => d.code === 'rules.summary')?.message ?? '';
    assert.match(message, /6 Sigma rule file\(s\), 5 rule\(s\): 3 give 3 technique\(s\); skipped by status: deprecated 1; 1 without technique tags; 1 broken file/);
    assert.equal(imports.rules?.files.length, 8);
  });
});

describe('the rule file cache', () => {
  test('a second analysis reads no rule file; after one file changes only that file is read again; a new file is read', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'rules-cache-'));
    try {
      cpSync(dir, copy, { recursive: true });
      const cache = new RuleFileCache();
      const run = async () => {
        const { model, inventory } = load(copy);
        const before = cache.reads;
        const imports = await resolveImports(model, [inventory], { readFile: readFromDisk, index, ruleCache: cache });
        return { reads: cache.reads - before, imports };
      };
      assert.equal((await run()).reads, 8);
      assert.equal((await run()).reads, 0);
      const b = join(copy, 'sigma', 'b_test.yml');
      writeFileSync(b, readFileSync(b, 'utf8').replace('status: test', 'status: stable'));
      const changed = await run();
      assert.equal(changed.reads, 1);
      const t1001 = changed.imports.controls.get([...changed.imports.controls.keys()].find((c) => c.id === 'SIGMA')!)?.find((t) => t.id === 'T1001');
      assert.equal(t1001?.level, 'significant');
      writeFileSync(join(copy, 'sigma', 'new.yml'), 'title: New\nstatus: stable\ntags: [attack.t1002]\n');
      assert.equal((await run()).reads, 1);
      // A stamp from the editor (an open document's version) wins over the disk's.
      const { model, inventory } = load(copy);
      const before = cache.reads;
      await resolveImports(model, [inventory], { readFile: readFromDisk, index, ruleCache: cache, openStamp: (f) => (f === b ? 'open:1' : undefined) });
      assert.equal(cache.reads - before, 1);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
