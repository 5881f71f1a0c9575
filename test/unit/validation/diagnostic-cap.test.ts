import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { countSeverities } from '../../../src/core/check/check-model';
import { MAX_DIAGNOSTICS_PER_FILE, TOO_MANY_CODE, capDiagnostics, capDiagnosticsPerFile } from '../../../src/core/diagnostic-cap';
import type { Diagnostic, Severity } from '../../../src/core/diagnostics';
import { parseControlInventory, parseThreatModel } from '../../../src/core/model/index';
import { validateWorkspace } from '../../../src/core/validation/index';
import { ENTERPRISE, model } from '../../fixtures/model/validation';

const at = (line: number, severity: Severity, code = 'test.x', file = '/ws/a.controls.yaml'): Diagnostic =>
  ({ code, severity, message: `line ${line}`, range: { start: { line, character: 0 }, end: { line, character: 1 } }, file });

describe('at most a few hundred diagnostics per file', () => {
  test('the most severe are kept, each severity in document order; they are listed in document order, the count of the rest last', () => {
    // Warnings on even lines, errors on odd lines, notes after them: 150 + 100 + 10.
    const input = [
      ...Array.from({ length: 150 }, (_, i) => at(2 * i, 'warning')),
      ...Array.from({ length: 100 }, (_, i) => at(2 * i + 1, 'error')),
      ...Array.from({ length: 10 }, (_, i) => at(1000 + i, 'information')),
    ];
    const out = capDiagnostics(input);
    assert.equal(out.length, MAX_DIAGNOSTICS_PER_FILE + 1);
    const kept = out.slice(0, -1);
    assert.equal(kept.filter((d) => d.severity === 'error').length, 100, 'every error is kept');
    assert.deepEqual(kept.filter((d) => d.severity === 'warning').map((d) => d.range.start.line), Array.from({ length: 100 }, (_, i) => 2 * i), 'the first 100 warnings in document order');
    assert.deepEqual(kept.map((d) => d.range.start.line), [...kept.map((d) => d.range.start.line)].sort((a, b) => a - b), 'listed in document order');
    const summary = out[out.length - 1];
    assert.equal(summary.code, TOO_MANY_CODE);
    assert.equal(summary.severity, 'warning', 'the severity of the most severe left out');
    assert.equal(summary.message, '60 more problems in this file not listed (50 warnings, 10 notes): only 200 are shown, the most severe first; fix these and the rest appear');
    assert.deepEqual(summary.data, { limit: 200, omitted: { error: 0, warning: 50, information: 10, hint: 0 }, total: 60 });
    assert.equal(summary.file, '/ws/a.controls.yaml');
    assert.deepEqual(countSeverities(out), { error: 100, warning: 150, information: 10, hint: 0 }, 'counts stand for every diagnostic');
  });

  test('a list within the limit is left as it is', () => {
    const input = Array.from({ length: 200 }, (_, i) => at(i, 'error'));
    assert.deepEqual(capDiagnostics(input), input);
  });

  test('capping again (more diagnostics were added) folds the earlier count into one summary', () => {
    const first = capDiagnostics(Array.from({ length: 300 }, (_, i) => at(i, 'warning')));
    const again = capDiagnostics([...first, ...Array.from({ length: 50 }, (_, i) => at(500 + i, 'error'))]);
    assert.equal(again.filter((d) => d.code === TOO_MANY_CODE).length, 1);
    assert.equal(again.filter((d) => d.severity === 'error' && d.code !== TOO_MANY_CODE).length, 50, 'the new errors come first');
    assert.deepEqual(again[again.length - 1].data?.omitted, { error: 0, warning: 150, information: 0, hint: 0 }, '100 from the first cap + 50 more');
    assert.deepEqual(countSeverities(again), { error: 50, warning: 300, information: 0, hint: 0 });
  });

  test('per file in a list that mixes files, each file keeping its place', () => {
    const mixed = [...Array.from({ length: 250 }, (_, i) => at(i, 'error', 'test.x', '/ws/a.yaml')), at(0, 'warning', 'test.y', '/ws/b.yaml')];
    const out = capDiagnosticsPerFile(mixed);
    assert.equal(out.filter((d) => d.file === '/ws/a.yaml').length, 201);
    assert.deepEqual(out.filter((d) => d.file === '/ws/b.yaml').map((d) => d.code), ['test.y']);
  });
});

describe('one rule across every source of a file', () => {
  // Each control: a misspelt key (schema, error) and an appliesTo naming no component (cross-file, warning).
  const controls = (n: number) => `controlInventory: 1\ncontrols:\n${Array.from({ length: n }, (_, i) => `  - { id: K${i}, name: N, nmae: x, appliesTo: [zz${i}] }\n`).join('')}`;
  const run = (inventory: string) => {
    const m = parseThreatModel(model('techStack:\n  - { id: laptops }\ncontrols: [./a.controls.yaml]\n'), '/ws/m.threatmodel.yaml');
    const inv = parseControlInventory(inventory, '/ws/a.controls.yaml');
    return validateWorkspace({ models: [m], inventories: [inv], indexFor: () => ENTERPRISE, fileExists: () => false }).get('/ws/a.controls.yaml') ?? [];
  };

  test('150 schema errors and 150 cross-file warnings: every error, then the first 50 warnings, then the count', () => {
    const out = run(controls(150));
    const codes = (d: Diagnostic) => d.code;
    assert.equal(out.length, 201);
    assert.equal(out.filter((d) => d.code === 'schema.additional-property').length, 150);
    const warnings = out.filter((d) => d.code === 'model.stack-unknown-component');
    assert.deepEqual(warnings.map((d) => d.data?.id), Array.from({ length: 50 }, (_, i) => `zz${i}`));
    assert.deepEqual(out.slice(-1).map(codes), [TOO_MANY_CODE]);
    assert.deepEqual(out[out.length - 1].data?.omitted, { error: 0, warning: 100, information: 0, hint: 0 });
  });

  test('1,500 schema problems: no schema.too-many any more, one count of all that are not listed', () => {
    const out = run(controls(1500));
    assert.equal(out.length, 201);
    assert.ok(!out.some((d) => d.code === 'schema.too-many'));
    assert.ok(out.slice(0, 200).every((d) => d.severity === 'error'), 'the 200 listed are errors: the most severe first');
    assert.deepEqual(out[200].data?.omitted, { error: 1300, warning: 1500, information: 0, hint: 0 });
  });

  test('the editor leaves out what it does not show before the cap, so those take no place', () => {
    const m = parseThreatModel(model('techStack:\n  - { id: laptops }\ncontrols: [./a.controls.yaml]\n'), '/ws/m.threatmodel.yaml');
    const inv = parseControlInventory(controls(150), '/ws/a.controls.yaml');
    const out = validateWorkspace({
      models: [m], inventories: [inv], indexFor: () => ENTERPRISE, fileExists: () => false,
      shows: () => (d) => !d.code.startsWith('schema.'),
    }).get('/ws/a.controls.yaml') ?? [];
    assert.equal(out.length, 150, 'the 150 warnings, with no schema problem and no count');
    assert.ok(out.every((d) => d.code === 'model.stack-unknown-component'));
  });
});
