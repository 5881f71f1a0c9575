/**
 * Hostile YAML (alias bombs, deep nesting, huge mappings and files, tags, directives, encodings, duplicate
 * keys) through the pipeline and through the CLI: typed diagnostics, never an exception or a hang.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { parseThreatModel } from '../../../src/core/model';
import { HOSTILE_CASES } from '../../fixtures/robustness/hostile-yaml';
import { CliSample } from './cli-sample';
import { Figures, NO_HANG_MS, VALID_INVENTORY, VALID_MODEL, runPipeline } from './pipeline';

describe('hostile YAML', () => {
  const figures = new Figures('hostile YAML classes');
  const cli = new CliSample();
  let cliWorst = 0;
  after(() => cli.remove());

  for (const c of HOSTILE_CASES) {
    test(`${c.kind}: ${c.name}`, () => {
      const before = { crashes: figures.crashes.length, hangs: figures.hangs.length };
      const run = figures.run(c.name, () => (c.kind === 'model' ? runPipeline(c.text, VALID_INVENTORY) : runPipeline(VALID_MODEL, c.text)));
      assert.deepEqual([figures.crashes.slice(before.crashes), figures.hangs.slice(before.hangs)], [[], []]);
      const diagnostics = c.kind === 'model' ? run!.model : run!.inventory;
      const codes = new Set(diagnostics.map((d) => d.code));
      for (const code of c.expect) assert.ok(codes.has(code), `expected ${code}, got ${[...codes].join(', ') || 'nothing'}`);
      for (const code of c.forbid ?? []) assert.ok(!codes.has(code), `unexpected ${code}: ${diagnostics.find((d) => d.code === code)?.message}`);
    });
  }

  test('the CLI on every hostile case: documented exits, diagnostics printed', async () => {
    for (const c of HOSTILE_CASES) {
      const started = performance.now();
      await cli.run(c.text, c.kind === 'model' ? 'threatmodel' : 'controls');
      cliWorst = Math.max(cliWorst, performance.now() - started);
    }
    figures.print(`CLI validate + check on all ${HOSTILE_CASES.length}: worst ${cliWorst.toFixed(0)} ms`);
    // A no-hang check, not a budget: the worst measured here was 0.6 s per case (two CLI processes).
    assert.ok(cliWorst < NO_HANG_MS, `validate + check of one case took ${cliWorst.toFixed(0)} ms, over the ${NO_HANG_MS / 1000} s no-hang limit`);
  });

  test('tags stay strings: no Buffer, Date or Set reaches the model', () => {
    const r = parseThreatModel('threatModel: 1\nname: !!binary aGVsbG8=\nowner: !!timestamp 2025-01-01\ndescription: !!str 12\n');
    assert.equal(r.model?.name, 'aGVsbG8=');
    assert.equal(r.model?.owner, '2025-01-01');
    assert.ok(r.diagnostics.some((d) => d.code === 'yaml.warning' && d.data?.yamlCode === 'TAG_RESOLVE_FAILED'));
  });

  test('%YAML 1.1 does not switch to 1.1 booleans or octals, and the directive says so', () => {
    const r = parseThreatModel('%YAML 1.1\n---\nthreatModel: 1\nname: on\ntechStack:\n  - { id: a, crownJewel: yes }\n');
    assert.equal(r.model?.name, 'on');
    assert.ok(r.diagnostics.some((d) => d.code === 'schema.type'), 'yes is a string, not a boolean');
    const version = r.diagnostics.filter((d) => d.code === 'yaml.version');
    assert.equal(version.length, 1);
    assert.equal(version[0]?.severity, 'warning');
    assert.deepEqual(version[0]?.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 9 } });
    assert.deepEqual(version[0]?.data, { version: '1.1' });
    assert.match(version[0]?.message ?? '', /declares YAML 1\.1, but Threat Overlap reads every file as YAML 1\.2: yes\/no\/on\/off are strings/);
    assert.equal(parseThreatModel('%YAML 1.2\n---\nthreatModel: 1\n').diagnostics.filter((d) => d.code === 'yaml.version').length, 0, '1.2 is what we read');
  });

  test('the size cap names the size and the limit, at the top of the file', () => {
    const r = parseThreatModel(`threatModel: 1\nnotes: "${'x'.repeat(600_000)}"\n`);
    assert.equal(r.diagnostics.length, 1);
    const d = r.diagnostics[0];
    assert.equal(d.code, 'yaml.too-large');
    assert.match(d.message, /^the file is 586 KB, over the 256 KB limit/);
    assert.deepEqual(d.range.start, { line: 0, character: 0 });
    assert.equal(r.model, undefined);
  });

  test('duplicate keys: at the second key, naming the first line, also past 32 keys (indexed lookups)', () => {
    const many = Array.from({ length: 40 }, (_, i) => `  k${i}: ${i}\n`).join('');
    const r = parseThreatModel(`threatModel: 1\nnotes:\n${many}  k3: again\nname: A\nname: B\n`);
    const dups = r.diagnostics.filter((d) => d.code === 'yaml.duplicate-key');
    assert.deepEqual(dups.map((d) => [d.data?.key, d.range.start.line, d.message.match(/line (\d+)/)?.[1]]), [['k3', 42, '6'], ['name', 44, '44']]);
    assert.equal(r.model?.name, 'B', 'the last one counts');
  });
});
