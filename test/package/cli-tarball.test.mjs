// The CLI's npm package as a user gets it: `npm run pack:cli` in a copy of the repository, the tarball's files
// (exactly the expected set, a bin with a shebang, no dependencies), then `npm install --offline` of the tarball into
// an empty project with an empty npm cache (nothing may come from the registry or node_modules), and
// `npx --offline threat-overlap check … --attack-data …` and `validate` run from there, with their exit codes and
// output. Every temporary directory is removed (asserted at the end).
// Run: npm run test:package  (or node --test test/package/cli-tarball.test.mjs)
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { stixDir } from '../../scripts/lib/harness.mjs';
import { CLI_PACKAGE_FILES, rootManifest, tarballName } from '../../scripts/lib/package-contents.mjs';
import { npmRun, skipWithoutData, stageRepository, tempDir } from './staging.mjs';

const { version } = rootManifest();

describe('the CLI tarball (npm run pack:cli), installed offline into an empty project', { skip: skipWithoutData(), timeout: 10 * 60_000 }, () => {
  let temp;
  let repo;
  let project;
  let tarball;
  let env;
  const model = () => join(repo, 'data', 'examples', 'payments.threatmodel.yaml');
  /** Runs `npx --offline threat-overlap …` in the project, as a CI step does. */
  const npx = (...args) => spawnSync('npx', ['--offline', 'threat-overlap', ...args], { cwd: project, env, encoding: 'utf8', maxBuffer: 64 << 20 });

  before(() => {
    temp = tempDir('threat-overlap-tarball-');
    repo = join(temp.dir, 'repo');
    project = join(temp.dir, 'project');
    mkdirSync(repo);
    mkdirSync(project);
    stageRepository(repo);
    // An npm cache of its own, empty: the install cannot take anything from a cache this machine filled before.
    env = { ...process.env, npm_config_cache: join(temp.dir, 'npm-cache'), npm_config_update_notifier: 'false' };
    delete env.THREAT_OVERLAP_ATTACK_DATA;
  });
  after(() => {
    if (temp) assert.equal(temp.remove(), true, `${temp.dir} is removed`);
  });

  it('npm run pack:cli writes the tarball at the repository root and lists its files', () => {
    const run = npmRun('pack:cli', repo, env);
    assert.equal(run.status, 0, run.output);
    tarball = join(repo, tarballName(version));
    assert.ok(existsSync(tarball), `${tarball} exists`);
    for (const f of CLI_PACKAGE_FILES) assert.match(run.output, new RegExp(`^  ${f.replace(/[.]/g, '\\.')} `, 'm'), `the listing names ${f}`);
  });

  it('holds exactly the CLI, its manifest, the two schemas, README and LICENSE; the bin is executable', () => {
    const list = spawnSync('tar', ['-tvzf', tarball], { encoding: 'utf8' });
    assert.equal(list.status, 0, list.stderr);
    const rows = list.stdout.trim().split('\n').map((l) => ({ mode: l.split(/\s+/)[0], path: l.split(/\s+/).at(-1) }));
    assert.deepEqual(rows.map((r) => r.path).sort(), CLI_PACKAGE_FILES);
    assert.match(rows.find((r) => r.path === 'package/cli.js').mode, /^-rwx/, 'cli.js is executable');
    const manifest = JSON.parse(spawnSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }).stdout);
    assert.equal(manifest.name, 'threat-overlap');
    assert.equal(manifest.version, version);
    assert.deepEqual(manifest.bin, { 'threat-overlap': 'cli.js' });
    assert.equal(manifest.engines.node, '>=20.19');
    assert.equal(manifest.license, 'Apache-2.0');
    assert.equal(manifest.repository.url, 'https://github.com/threat-overlap/threat-overlap.git');
    for (const key of ['dependencies', 'optionalDependencies', 'peerDependencies', 'scripts']) assert.equal(manifest[key], undefined, `no ${key}`);
    const cli = spawnSync('tar', ['-xzOf', tarball, 'package/cli.js'], { encoding: 'utf8', maxBuffer: 64 << 20 }).stdout;
    assert.equal(cli.split('\n')[0], '#!/usr/bin/env node');
    assert.doesNotMatch(cli, /sourceMappingURL/, 'a production build');
  });

  it('installs offline into an empty project: node_modules holds the package and nothing else', () => {
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'ci-project', version: '1.0.0', private: true }));
    const install = spawnSync('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], { cwd: project, env, encoding: 'utf8' });
    assert.equal(install.status, 0, `${install.stdout}\n${install.stderr}`);
    assert.deepEqual(spawnSync('ls', ['-A', join(project, 'node_modules')], { encoding: 'utf8' }).stdout.trim().split('\n').sort(), ['.bin', '.package-lock.json', 'threat-overlap']);
    const version_ = npx('--version');
    assert.equal(version_.status, 0, version_.stderr);
    assert.equal(version_.stdout.trim(), `threat-overlap ${version}`);
  });

  it('npx --offline threat-overlap check … --format json: exit 1 with gaps, the JSON report on stdout', () => {
    const run = npx('check', model(), '--attack-data', stixDir(), '--format', 'json');
    assert.equal(run.status, 1, `exit 1 (gaps found); stderr: ${run.stderr}`);
    const report = JSON.parse(run.stdout);
    assert.equal(typeof report.formatVersion, 'number');
    assert.equal(report.attack.domain, 'enterprise-attack');
    assert.equal(report.attack.version, '18.1');
    assert.ok(report.summary.gaps > 0, 'the example model has gaps');
    assert.equal(report.prioritizedGaps.length, report.summary.gaps);
    assert.equal(report.techniques.filter((t) => t.state === 'gap').length, report.summary.gaps);
    for (const key of ['id', 'name', 'tactics', 'state', 'coverage', 'url']) assert.ok(key in report.techniques[0], `technique entries have ${key}`);
    const never = npx('check', model(), '--attack-data', stixDir(), '--format', 'json', '--fail-on', 'never');
    assert.equal(never.status, 0, never.stderr);
    assert.deepEqual(JSON.parse(never.stdout).summary, report.summary);
  });

  it('the same run through node_modules/.bin/threat-overlap (the README CI example) writes SARIF with --out', () => {
    const out = join(temp.dir, 'gaps.sarif');
    const run = spawnSync(join(project, 'node_modules', '.bin', 'threat-overlap'), ['check', model(), '--attack-data', stixDir(), '--format', 'sarif', '--out', out, '--fail-on', 'never'], { cwd: project, env, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const sarif = JSON.parse(readFileSync(out, 'utf8'));
    assert.equal(sarif.version, '2.1.0');
    assert.ok(sarif.runs[0].results.length > 0);
  });

  it('npx --offline threat-overlap validate: exit 0 on the example files, exit 2 with the diagnostic on a broken model', () => {
    const examples = join(repo, 'data', 'examples');
    const ok = npx('validate', model(), join(examples, 'cloud.controls.yaml'), join(examples, 'endpoint.controls.yaml'), '--attack-data', stixDir());
    assert.equal(ok.status, 0, `${ok.stdout}\n${ok.stderr}`);
    const broken = join(temp.dir, 'broken.threatmodel.yaml');
    writeFileSync(broken, 'threatModel: 1\nname: Broken\nattack: { domain: enterprise-attack, version: "18.1" }\nadversaries:\n  - { group: G9999 }\n');
    const bad = npx('validate', broken, '--attack-data', stixDir());
    assert.equal(bad.status, 2, `${bad.stdout}\n${bad.stderr}`);
    assert.match(`${bad.stdout}\n${bad.stderr}`, /broken\.threatmodel\.yaml:5:\d+ error attack\./, 'file:line:col severity code');
  });

  it('a bare npm pack at the repository root refuses and names npm run pack:cli and npm run package', () => {
    const run = spawnSync('npm', ['pack', '--dry-run'], { cwd: repo, env, encoding: 'utf8' });
    assert.notEqual(run.status, 0);
    assert.match(run.stderr, /npm run pack:cli/);
    assert.match(run.stderr, /npm run package/);
  });
});
