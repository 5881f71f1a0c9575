import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { build } from 'esbuild';
import { runCli } from '../../../src/cli/run';
import { stix20Bundle, text } from '../../fixtures/attack/bundles';
import { fixtureFiles } from '../../fixtures/attack/files';
import { EXPECTED } from '../../fixtures/attack/world';

const files = fixtureFiles('to-cli-');
after(() => files.remove());

/** Runs the CLI in-process with captured streams and an environment of our own. */
async function cli(...argv: string[]): Promise<{ status: number; out: string; err: string }> {
  let out = '', err = '';
  const env = { THREAT_OVERLAP_CACHE_DIR: path.join(files.dir, 'cache') };
  const status = await runCli(argv, { out: (s) => void (out += s), err: (s) => void (err += s), env });
  return { status, out, err };
}

describe('threat-overlap index (in-process)', () => {
  test('--json: domain, version, specVersion, live counts, retired, cache and timings', async () => {
    const cold = await cli('index', '--attack-data', files.stix21, '--json');
    assert.deepEqual([cold.status, cold.err], [0, '']);
    const r = JSON.parse(cold.out);
    assert.deepEqual([r.domain, r.version, r.versionSource, r.specVersion], ['enterprise-attack', '99.1', 'collection', '2.1']);
    const { revoked, deprecated, ...live } = EXPECTED.counts;
    assert.deepEqual(r.counts, live);
    assert.deepEqual([r.revoked, r.deprecated], [revoked, deprecated]);
    assert.deepEqual(r.relationships, { uses: 7, mitigates: 3, detects: 2, 'subtechnique-of': 2, 'revoked-by': 1, targets: 0, 'attributed-to': 1 });
    assert.deepEqual(r.cache, { hit: false, file: r.cache.file, disabled: false });
    assert.ok(r.cache.file.startsWith(path.join(files.dir, 'cache')), 'THREAT_OVERLAP_CACHE_DIR is honoured');
    assert.equal(typeof r.timings.parseMs, 'number');
    assert.equal(typeof r.timings.buildMs, 'number');
    const warm = JSON.parse((await cli('index', '--attack-data', files.stix21, '--json')).out);
    assert.deepEqual([warm.cache.hit, warm.counts], [true, r.counts]);
    assert.equal(typeof warm.timings.cacheReadMs, 'number');
    const forced = JSON.parse((await cli('index', '--attack-data', files.stix21, '--json', '--no-cache')).out);
    assert.deepEqual([forced.cache.hit, forced.cache.disabled, forced.cache.file], [false, true, null]);
  });

  test('text: the release, the counts per type, retired objects and timings', async () => {
    const { status, out } = await cli('index', '--attack-data', files.stix20, '--cache-dir', path.join(files.dir, 'other-cache'));
    assert.equal(status, 0);
    assert.match(out, /^ATT&CK enterprise-attack 99\.0 \(version from the file name\), STIX 2\.0\n/);
    assert.match(out, /^ {2}techniques +5$/m);
    assert.match(out, /^ {2}sub-techniques +2$/m);
    assert.match(out, /^ {2}software +2 {2}\(1 malware, 1 tools\)$/m);
    assert.match(out, /^ {2}revoked +1$/m);
    assert.match(out, /cache +miss, written to .*other-cache/);
    assert.match(out, /^Timings \(ms\) {2}stat \d+\.\d/m);
  });

  test('a directory and --attack-version pick <domain>-<version>.json; a mismatch is refused', async () => {
    const r = JSON.parse((await cli('index', '--attack-data', files.dir, '--attack-version', '99.0', '--json')).out);
    assert.equal(r.source, files.stix20);
    const ics = await cli('index', '--attack-data', files.ics, '--domain', 'enterprise-attack');
    assert.equal(ics.status, 2);
    assert.match(ics.err, /^threat-overlap: .* holds ATT&CK ics-attack 99\.2, not enterprise-attack\n$/);
  });

  const broken: readonly [string, string, RegExp][] = [
    ['missing', '', /not found/],
    ['not-json.json', 'hello', /is not valid JSON/],
    ['truncated.json', text(stix20Bundle()).slice(0, 500), /is truncated/],
    ['not-attack.json', '{"type": "bundle", "objects": []}', /no live ATT&CK matrix/],
  ];
  for (const [name, content, reason] of broken) {
    test(`exit 2 with a one-line reason: ${name}`, async () => {
      const file = content ? files.write(name, content) : path.join(files.dir, name);
      const { status, out, err } = await cli('index', '--attack-data', file);
      assert.deepEqual([status, out], [2, '']);
      assert.match(err, reason);
      assert.match(err, /^threat-overlap: [^\n]+\n$/);
    });
  }

  test('usage errors: exit 2 with the usage line', async () => {
    for (const argv of [['index'], ['index', '--attack-data'], ['index', '--bogus'], ['index', '--attack-data', files.stix20, '--domain', 'pre-attack'], ['index', 'extra']]) {
      const { status, out, err } = await cli(...argv);
      assert.deepEqual([status, out], [2, ''], argv.join(' '));
      assert.match(err, /^threat-overlap: .+\nusage: threat-overlap index --attack-data FILE\|DIR/, argv.join(' '));
    }
    const help = await cli('index', '--help');
    assert.deepEqual([help.status, help.err], [0, '']);
    assert.match(help.out, /--no-cache/);
  });
});

describe('threat-overlap index (the bundled CLI in a child process)', () => {
  const bundle = path.join(files.dir, 'cli.js');
  before(async () => {
    await build({ entryPoints: ['src/cli/main.ts'], bundle: true, platform: 'node', format: 'cjs', target: 'node20',
      // as esbuild.mjs: ESM dependencies bundled into CommonJS (fdir, under tinyglobby) need import.meta.url
      define: { 'import.meta.url': '__importMetaUrl' }, banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" }, outfile: bundle, logLevel: 'error' });
  });
  const spawn = (...argv: string[]) => spawnSync(process.execPath, [bundle, ...argv], {
    encoding: 'utf8', env: { ...process.env, THREAT_OVERLAP_CACHE_DIR: path.join(files.dir, 'spawn-cache') },
  });

  test('prints JSON on stdout and exits 0', () => {
    const r = spawn('index', '--attack-data', files.ics, '--json');
    assert.deepEqual([r.status, r.stderr], [0, '']);
    const report = JSON.parse(r.stdout);
    assert.deepEqual([report.domain, report.counts.techniques, report.counts.assets, report.platforms], ['ics-attack', 2, 2, ['None']]);
  });
  test('exits 2 with one line on stderr for a truncated file', () => {
    const r = spawn('index', '--attack-data', files.write('cut.json', text(stix20Bundle()).slice(0, 1000)));
    assert.deepEqual([r.status, r.stdout], [2, '']);
    assert.match(r.stderr, /^threat-overlap: ATT&CK data file .*cut\.json is truncated[^\n]*\n$/);
  });
});
