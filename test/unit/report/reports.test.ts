import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import { analyseCoverage } from '../../../src/core/coverage/engine';
import type { CoverageInput } from '../../../src/core/coverage/types';
import { jsonReport, markdownReport, navigatorLayer, renderReport, sarifReport, textReport, type ReportContext } from '../../../src/core/report/index';
import { md } from '../../../src/core/report/markdown-report';
import { relativePath } from '../../../src/core/report/context';
import { miniIndex } from '../coverage/fixture';

const index = miniIndex();
const at = (file: string, line: number) => ({ file, range: { start: { line, character: 2 }, end: { line, character: 20 } } });
const input: CoverageInput = {
  minCoverage: 'partial',
  components: [
    { id: 'win', platforms: ['Windows'], assets: [] },
    { id: 'lin', platforms: ['Linux'], assets: [], exposure: 'internet-facing', crownJewel: true },
  ],
  adversaries: [
    { kind: 'group', ref: 'G0001', label: 'Alpha Group', includeSoftware: true, techniques: [], source: at('/w/m.threatmodel.yaml', 9) },
    { kind: 'group', ref: 'G0002', label: 'Beta | <b>', includeSoftware: true, techniques: [], source: at('/w/m.threatmodel.yaml', 10) },
  ],
  exclusions: [{ id: 'T1003', reason: 'Only *test* hosts', source: at('/w/m.threatmodel.yaml', 14) }],
  controls: [{ id: 'EDR', status: 'implemented', appliesTo: ['win'], mitigations: [{ id: 'M0001', level: 'significant', source: at('/w/c.controls.yaml', 5) }], techniques: [] }],
};
const result = analyseCoverage(index, input);
const ctx: ReportContext = {
  result,
  modelName: 'Test model',
  modelFile: '/w/m.threatmodel.yaml',
  baseDir: '/w',
  diagnostics: [{ code: 'attack.revoked', severity: 'warning', message: 'T1004 is revoked', range: at('', 3).range, file: '/w/m.threatmodel.yaml' }],
  toolVersion: '0.0.0-test',
};

describe('json report', () => {
  test('one entry per live technique, summary as SPEC names it, 1-based locations relative to the base dir', () => {
    const r = jsonReport(ctx) as { summary: Record<string, number>; techniques: { id: string; state: string; evidence: { adversaries: { location?: { file: string; line: number } }[] } }[] };
    assert.deepEqual(r.techniques.map((t) => t.id), index.techniques.map((t) => t.id));
    for (const k of ['adversary', 'relevant', 'covered', 'gaps']) assert.equal(typeof r.summary[k], 'number');
    const gap = r.techniques.find((t) => t.id === 'T1001');
    assert.equal(gap?.state, 'gap');
    assert.deepEqual(gap?.evidence.adversaries[0]?.location, { file: 'm.threatmodel.yaml', line: 10, column: 3 });
  });
});

describe('text and markdown reports', () => {
  test('text lists the gaps by outcome, in priority order, with where they came from', () => {
    const text = textReport(ctx);
    // Mitigations do not pass to sub-techniques, so T1000.001 is a gap too. No triage date: nothing is active.
    assert.match(text, /gaps 4 \(Act 0 · Attend 1 · Track\* 2 · Track 1\)/);
    assert.ok(text.indexOf('Attend (1):') < text.indexOf('Track* (2):') && text.indexOf('Track* (2):') < text.indexOf('Track (1), by decision path'));
    assert.match(text, /^ {3}1\. warning {5}T1000\.002 Linux Child — score 24\n {8}reported · automatable · open · high → Attend$/m, 'BetaTool brings it onto the crown jewel');
    assert.ok(text.indexOf('2. information T1000 Parent') < text.indexOf('3. information T1001 Linux Entry'), 'inside Track*: score, then ID');
    assert.match(text, /from m\.threatmodel\.yaml:10/);
    assert.match(text, /^ {10}M0001 Harden Things — extend EDR's appliesTo to lin$/m);
    assert.match(text, /^ {3}reported · automatable · small · medium \(1\): T1000\.001$/m, 'Track summarised by path');
    assert.doesNotMatch(text, /T1000\.001 Windows Child — score/, 'a Track gap gets no full entry');
  });
  test('markdown escapes user text so it cannot break tables or inject markup', () => {
    const out = markdownReport(ctx);
    assert.ok(out.includes('Beta \\| \\<b\\>'));
    assert.ok(out.includes('Only \\*test\\* hosts'));
    assert.ok(!out.includes('<b>'));
    assert.equal(md('a|b\nc'), 'a\\|b&#xA;c', 'a newline is kept as a character reference: the row stays one line');
  });
});

describe('sarif', () => {
  test('SARIF 2.1.0: a result per gap on the line that brought it in, and one per diagnostic', () => {
    const s = sarifReport(ctx) as { version: string; runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }[] }[] }[] };
    assert.equal(s.version, '2.1.0');
    const run = s.runs[0];
    assert.equal(run.results.length, result.summary.gaps + 1);
    for (const r of run.results) assert.equal(run.tool.driver.rules[r.ruleIndex]?.id, r.ruleId);
    const t1001 = run.results.find((r) => r.ruleId === 'T1001');
    assert.equal(t1001?.locations[0]?.physicalLocation.artifactLocation.uri, 'm.threatmodel.yaml');
    assert.equal(t1001?.locations[0]?.physicalLocation.region?.startLine, 10);
    assert.equal(t1001?.level, 'note', 'two adversaries on an internet-facing crown jewel, but no date and no software: Track*');
    assert.ok(run.results.some((r) => r.ruleId === 'attack.revoked' && r.level === 'warning'));
  });
});

describe('navigator layer', () => {
  const validate = new Ajv2020({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync('schemas/navigator-layer-4.5.schema.json', 'utf8')));
  test('validates against the 4.5 layer format and colours each state', () => {
    const layer = navigatorLayer(ctx) as { versions: { layer: string }; techniques: { techniqueID: string; color: string; enabled: boolean; score?: number }[] };
    assert.ok(validate(layer), JSON.stringify(validate.errors));
    assert.equal(layer.versions.layer, '4.5');
    const by = new Map(layer.techniques.map((t) => [t.techniqueID, t]));
    assert.equal(by.get('T1001')?.color, '#f0e442', 'a Track* gap: yellow');
    assert.equal(by.get('T1000.002')?.color, '#e69f00', 'an Attend gap: orange');
    assert.equal(by.get('T1002')?.enabled, false, 'macOS only: not applicable');
    assert.equal(typeof by.get('T1001')?.score, 'number');
  });
  test('the schema rejects what the format forbids', () => {
    assert.equal(validate({ name: 'x', domain: 'mitre-enterprise', versions: { layer: '4.5', navigator: '5.1.0' } }), false);
    assert.equal(validate({ name: 'x', domain: 'enterprise-attack', versions: { layer: '4.5', navigator: '5.1.0' }, techniques: [{ techniqueID: 'T1', score: 'high' }] }), false);
  });
});

describe('rendering', () => {
  test('every format renders newline-terminated text; JSON formats parse', () => {
    for (const f of ['text', 'json', 'markdown', 'sarif', 'navigator'] as const) {
      const out = renderReport(f, ctx);
      assert.ok(out.endsWith('\n'), f);
      if (f === 'json' || f === 'sarif' || f === 'navigator') JSON.parse(out);
    }
  });
  test('relativePath', () => {
    assert.equal(relativePath('/w', '/w/a/b.yaml'), 'a/b.yaml');
    assert.equal(relativePath('/w/x', '/w/a.yaml'), '../a.yaml');
    assert.equal(relativePath('/w', 'rel/a.yaml'), 'rel/a.yaml');
  });
});

describe('sarif limits', () => {
  test('over the result limit the most urgent results are kept and the rest counted', () => {
    const r = sarifReport(ctx, 2) as { runs: { results: { ruleId: string }[]; tool: { driver: { rules: { id: string }[] } }; invocations: { toolExecutionNotifications?: { message: { text: string } }[] }[] }[] };
    const run = r.runs[0]!;
    assert.deepEqual(run.results.map((x) => x.ruleId), result.prioritizedGaps.slice(0, 2));
    assert.deepEqual(run.tool.driver.rules.map((x) => x.id), result.prioritizedGaps.slice(0, 2), 'only the rules of kept results');
    assert.match(run.invocations[0]!.toolExecutionNotifications![0]!.message.text, /^3 of 5 results left out/);
    const full = sarifReport(ctx) as typeof r;
    assert.equal(full.runs[0]!.results.length, 5);
    assert.equal(full.runs[0]!.invocations[0]!.toolExecutionNotifications, undefined);
  });
});
