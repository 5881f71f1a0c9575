import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/run';
import { miniBundle } from '../coverage/fixture';

let dir = '';
const model = (more = '') => `threatModel: 1
name: Mini
attack: { domain: enterprise-attack, version: "1.0" }
techStack:
  - { id: win, platforms: [Windows] }
  - { id: lin, platforms: [Linux], exposure: internet-facing }
adversaries:
  - group: G0001
controls: [./mini.controls.yaml]
${more}`;
const controls = (more = '') => `controlInventory: 1
controls:
  - id: HARDEN
    name: Hardening
    appliesTo: [win]
    mitigations: [{ id: M0001, coverage: significant }]
${more}`;

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const status = await runCli(argv, { out: (t) => void (out += t), err: (t) => void (err += t), env: { THREAT_OVERLAP_CACHE_DIR: join(dir, 'cache') }, cwd: dir });
  return { status, out, err };
}
const write = (name: string, text: string) => writeFileSync(join(dir, name), text);

describe('threat-overlap check', () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'to-check-'));
    write('enterprise-attack-1.0.json', miniBundle());
    write('m.threatmodel.yaml', model());
    write('mini.controls.yaml', controls());
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('text report on stdout, exit 1 when there are gaps', async () => {
    const r = await cli('check', 'm.threatmodel.yaml', '--attack-data', dir);
    assert.equal(r.status, 1, r.err);
    assert.match(r.out, /^Mini — ATT&CK enterprise-attack 1\.0/);
    assert.match(r.out, /gaps 3/);
    assert.match(r.out, /T1000 Parent Technique/);
    assert.match(r.out, /Track \(1\), by decision path[^]*T1000\.001/);
  });

  test('--fail-on follows the outcome: Track* and Track gaps fail only --fail-on gap', async () => {
    const status = async (failOn: string) => (await cli('check', 'm.threatmodel.yaml', '--attack-data', dir, '--fail-on', failOn)).status;
    assert.equal(await status('act'), 0, 'no Act gap');
    assert.equal(await status('attend'), 0, 'no Act or Attend gap');
    assert.equal(await status('gap'), 1, 'three gaps');
    const later = await cli('check', 'm.threatmodel.yaml', '--attack-data', dir, '--fail-on', 'gap', '--format', 'json');
    const summary = (JSON.parse(later.out) as { summary: { outcomes: Record<string, number> } }).summary;
    assert.deepEqual(summary.outcomes, { act: 0, attend: 0, 'track*': 2, track: 1 });
  });

  test('--fail-on never exits 0 with the same report', async () => {
    const r = await cli('check', 'm.threatmodel.yaml', '--attack-data', dir, '--fail-on', 'never');
    assert.equal(r.status, 0);
    assert.match(r.out, /gaps 3/);
  });

  test('--format json: summary and one entry per live technique with the SPEC fields', async () => {
    const r = await cli('check', 'm.threatmodel.yaml', '--attack-data', join(dir, 'enterprise-attack-1.0.json'), '--format', 'json');
    const json = JSON.parse(r.out) as { summary: Record<string, number>; techniques: Record<string, unknown>[]; diagnostics: unknown[] };
    assert.deepEqual(Object.keys(json.summary).filter((k) => ['adversary', 'relevant', 'covered', 'gaps'].includes(k)).sort(), ['adversary', 'covered', 'gaps', 'relevant']);
    assert.deepEqual(json.techniques.map((t) => t.id), ['T1000', 'T1000.001', 'T1000.002', 'T1001', 'T1002', 'T1003']);
    for (const key of ['id', 'name', 'tactics', 'adversary', 'applicable', 'coverage', 'state', 'evidence']) assert.ok(key in json.techniques[0]!, key);
    const byId = new Map(json.techniques.map((t) => [t.id, t]));
    assert.equal(byId.get('T1000')?.state, 'gap', 'significant on Windows, none on Linux: the weakest link');
    assert.equal(byId.get('T1000')?.coverage, 'none');
    assert.equal(byId.get('T1002')?.state, 'not-applicable');
    assert.equal(json.summary.gaps, 3);
  });

  test('all relevant techniques covered: exit 0', async () => {
    write('covered.controls.yaml', controls(`  - id: LINUX
    name: Linux
    appliesTo: [lin]
    techniques: [T1000, T1001]
  - id: WIN
    name: Windows
    appliesTo: [win]
    techniques: [T1000.001]
`));
    write('covered.threatmodel.yaml', model().replace('./mini.controls.yaml', './covered.controls.yaml'));
    const r = await cli('check', 'covered.threatmodel.yaml', '--attack-data', dir);
    assert.equal(r.status, 0, r.out + r.err);
    assert.match(r.out, /No gaps/);
  });

  test('--out replaces the file atomically and leaves no temporary file', async () => {
    write('report.sarif', 'old');
    const r = await cli('check', 'm.threatmodel.yaml', '--attack-data', dir, '--format', 'sarif', '--out', 'report.sarif');
    assert.equal(r.status, 1);
    assert.equal(r.out, '');
    const sarif = JSON.parse(readFileSync(join(dir, 'report.sarif'), 'utf8')) as { version: string; runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
    assert.equal(sarif.version, '2.1.0');
    const gap = sarif.runs[0]!.results.find((x) => x.ruleId === 'T1001');
    assert.deepEqual(gap?.locations[0]?.physicalLocation.artifactLocation.uri, 'm.threatmodel.yaml');
    assert.equal(gap?.locations[0]?.physicalLocation.region.startLine, 8, 'the adversary line that brought T1001 in');
    assert.deepEqual(readdirSync(dir).filter((f) => f.includes('.tmp')), []);
  });

  test('a Navigator layer as an adversary source joins the adversary set, pointing at the layer: line', async () => {
    write('intel.layer.json', JSON.stringify({
      name: 'intel', domain: 'enterprise-attack', versions: { layer: '4.5', attack: '1', navigator: '5.1.0' },
      techniques: [{ techniqueID: 'T1000.002', score: 3 }, { techniqueID: 'T1003', score: 0 }],
    }));
    write('layer.threatmodel.yaml', model().replace('adversaries:\n  - group: G0001', 'adversaries:\n  - { layer: ./intel.layer.json, minScore: 1 }'));
    const r = await cli('check', 'layer.threatmodel.yaml', '--attack-data', dir, '--format', 'json');
    const json = JSON.parse(r.out) as { techniques: { id: string; adversary: boolean; state: string; evidence: { adversaries: { location?: { line: number } }[] } }[] };
    const byId = new Map(json.techniques.map((t) => [t.id, t]));
    assert.equal(byId.get('T1000.002')?.state, 'gap', r.err);
    assert.equal(byId.get('T1000.002')?.evidence.adversaries[0]?.location?.line, 8);
    assert.equal(byId.get('T1003')?.adversary, false, 'below minScore');
    assert.equal(byId.get('T1000')?.adversary, false, 'G0001 is no longer an adversary here');
  });

  test('invalid input: exit 2, diagnostics as file:line:col, and nothing written', async () => {
    write('bad.threatmodel.yaml', model('techniques:\n  include: [T9999]\n'));
    write('keep.json', 'previous');
    const r = await cli('check', 'bad.threatmodel.yaml', '--attack-data', dir, '--format', 'json', '--out', 'keep.json');
    assert.equal(r.status, 2);
    assert.match(r.err, /^bad\.threatmodel\.yaml:11:\d+ error attack\.unknown-id /m);
    assert.equal(readFileSync(join(dir, 'keep.json'), 'utf8'), 'previous');
    assert.equal(r.out, '');
  });

  test('a missing control file is reported and nothing is written', async () => {
    write('nofile.threatmodel.yaml', model().replace('./mini.controls.yaml', './absent.controls.yaml'));
    const r = await cli('check', 'nofile.threatmodel.yaml', '--attack-data', dir, '--out', 'x.txt');
    assert.equal(r.status, 2);
    assert.match(r.err, /model\.control-file-missing/);
    assert.equal(existsSync(join(dir, 'x.txt')), false);
  });

  test('unusable data, missing model and usage mistakes exit 2 with one line', async () => {
    write('broken.json', '{"type": "bundle", "objects": [');
    for (const argv of [
      ['check', 'absent.threatmodel.yaml', '--attack-data', dir],
      ['check', 'm.threatmodel.yaml', '--attack-data', join(dir, 'broken.json')],
      ['check', 'm.threatmodel.yaml', '--attack-data', join(dir, 'nowhere')],
      ['check', 'm.threatmodel.yaml', '--format', 'pdf'],
      ['check', 'm.threatmodel.yaml', '--fail-on', 'sometimes'],
    ]) {
      const r = await cli(...argv);
      assert.equal(r.status, 2, argv.join(' '));
      assert.match(r.err.split('\n')[0]!, /^threat-overlap: \S/, argv.join(' '));
    }
  });

  test('without data and without --download it says how to get it', async () => {
    const r = await cli('check', 'm.threatmodel.yaml');
    assert.equal(r.status, 2);
    assert.match(r.err, /no ATT&CK data for enterprise-attack 1\.0: pass --attack-data .*--download/);
  });
});

describe('threat-overlap validate', () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'to-validate-'));
    write('enterprise-attack-1.0.json', miniBundle());
    write('m.threatmodel.yaml', model());
    write('mini.controls.yaml', controls());
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a clean model and its inventory: exit 0', async () => {
    const r = await cli('validate', 'm.threatmodel.yaml', '--attack-data', dir);
    assert.equal(r.status, 0, r.err);
    assert.match(r.err, /0 error\(s\)/);
  });

  test('errors in an inventory: file:line:col severity code message, exit 2', async () => {
    write('bad.controls.yaml', controls('  - id: HARDEN\n    name: Again\n    mitigations: [M0001]\n    techniques: [T1004]\n'));
    const r = await cli('validate', 'bad.controls.yaml', '--attack-data', dir);
    assert.equal(r.status, 2);
    assert.match(r.err, /^bad\.controls\.yaml:7:\d+ error model\.duplicate-id /m);
    assert.match(r.err, /^bad\.controls\.yaml:10:\d+ \w+ attack\.revoked .*T1000\.001/m);
  });

  test('YAML syntax errors are diagnostics too; a file of another kind is a usage error', async () => {
    write('syntax.threatmodel.yaml', 'threatModel: 1\nname: [unclosed\n');
    const r = await cli('validate', 'syntax.threatmodel.yaml', '--attack-data', dir);
    assert.equal(r.status, 2);
    assert.match(r.err, /^syntax\.threatmodel\.yaml:\d+:\d+ error yaml\./m);
    write('other.yaml', 'hello: world\n');
    assert.equal((await cli('validate', 'other.yaml')).status, 2);
  });

  test('imported files are checked too: a missing layer is an error', async () => {
    write('nolayer.threatmodel.yaml', model().replace('adversaries:\n  - group: G0001', 'adversaries:\n  - layer: ./absent.layer.json'));
    const r = await cli('validate', 'nolayer.threatmodel.yaml', '--attack-data', dir);
    assert.equal(r.status, 2);
    assert.match(r.err, /^nolayer\.threatmodel\.yaml:8:\d+ error import\.file-missing /m);
  });

  test('without ATT&CK data the ATT&CK checks are skipped with a warning', async () => {
    const r = await cli('validate', 'm.threatmodel.yaml');
    assert.equal(r.status, 0);
    assert.match(r.err, /warning: ATT&CK checks skipped/);
  });
});
