/**
 * Robustness, edits and files: `threat-overlap check --out FILE` killed with SIGKILL while it writes leaves the old
 * FILE byte for byte (or, killed after the rename, the complete new report), never a partial report and never a
 * temporary file in its place; the Workspace Trust and virtual-workspace capabilities are the ones documented.
 * Restricted Mode itself is tested end to end by scripts/lib/restricted-mode.mjs (run by the integration runner).
 * The kill is timed by a file-system event (the temporary file appearing), not by a sleep.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { build } from 'esbuild';
import { TEMP_SUFFIX } from '../../../src/core/attack/atomic-write';
import { skipUnless, STIX_DIR } from '../../fixtures/model/real-data';

const ROOT = process.cwd();
const MODEL = path.join(ROOT, 'data', 'examples', 'payments.threatmodel.yaml');
const TRIALS = Number(process.env.KILL_TRIALS ?? 12);
const skip = skipUnless('enterprise-attack-18.1.json');

/** Runs the CLI writing `out` and SIGKILLs it as soon as a temporary file appears in `out`'s directory. */
function killMidWrite(cli: string, out: string, cacheDir: string): Promise<{ killed: boolean; exit: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'check', MODEL, '--attack-data', path.resolve(STIX_DIR), '--format', 'json', '--out', out, '--fail-on', 'never'], {
      env: { ...process.env, THREAT_OVERLAP_CACHE_DIR: cacheDir },
      stdio: 'ignore',
    });
    let killed = false;
    const watcher = watch(path.dirname(out), (_event, name) => {
      if (!killed && name?.endsWith(TEMP_SUFFIX)) killed = child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      watcher.close();
      resolve({ killed, exit: code });
    });
  });
}

describe('robustness: report writes survive SIGKILL', { skip }, () => {
  let dir: string;
  let cli: string;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'to-kill-'));
    cli = path.join(dir, 'cli.js');
    await build({ entryPoints: ['src/cli/main.ts'], bundle: true, platform: 'node', format: 'cjs', target: 'node20',
      // as esbuild.mjs: ESM dependencies bundled into CommonJS (fdir, under tinyglobby) need import.meta.url
      define: { 'import.meta.url': '__importMetaUrl' }, banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" }, outfile: cli, logLevel: 'error' });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test(`${TRIALS} runs of check --out killed while writing: the old report intact, no temporary file taken for it`, async () => {
    const cache = path.join(dir, 'cache');
    const outDir = path.join(dir, 'reports');
    const out = path.join(outDir, 'gaps.json');
    // A complete run first: the index cache is warm, and we know what a complete new report looks like.
    const first = await new Promise<number | null>((resolve) => spawn(process.execPath, [cli, 'check', MODEL, '--attack-data', path.resolve(STIX_DIR), '--format', 'json', '--out', out, '--fail-on', 'never'], { env: { ...process.env, THREAT_OVERLAP_CACHE_DIR: cache }, stdio: 'ignore' }).on('exit', resolve));
    assert.equal(first, 0);
    const complete = readFileSync(out, 'utf8');
    assert.ok(JSON.parse(complete).summary, 'a complete JSON report');
    const OLD = '{"the":"previous report"}\n';
    let midWrite = 0;
    let afterRename = 0;
    for (let i = 0; i < TRIALS; i++) {
      writeFileSync(out, OLD);
      const r = await killMidWrite(cli, out, cache);
      assert.ok(r.killed, `trial ${i}: the kill was sent while a temporary file existed`);
      const now = readFileSync(out, 'utf8');
      assert.ok(now === OLD || now === complete, `trial ${i}: gaps.json is the old report or the complete new one, not ${now.length} bytes of something else`);
      if (now === OLD) midWrite++;
      else afterRename++;
      const reports = readdirSync(outDir).filter((n) => !n.endsWith(TEMP_SUFFIX));
      assert.deepEqual(reports, ['gaps.json'], 'only leftovers with the temporary suffix, never under a report name');
    }
    console.log(`# check --out SIGKILLed ${TRIALS} times: ${midWrite} before the rename (old report intact), ${afterRename} after it (complete new report), 0 partial`);
    assert.ok(midWrite > 0, 'at least one kill landed mid-write');
  });
});

describe('robustness: Workspace Trust and virtual workspaces as declared', () => {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    capabilities: { untrustedWorkspaces: { supported: unknown; restrictedConfigurations: string[]; description: string }; virtualWorkspaces: { supported: unknown; description: string } };
    contributes: { configuration: { properties: Record<string, { scope?: string; markdownDescription?: string }> } };
  };

  test('untrusted workspaces: limited; the two settings that point at data are restricted and say so', () => {
    const trust = pkg.capabilities.untrustedWorkspaces;
    assert.equal(trust.supported, 'limited');
    assert.deepEqual([...trust.restrictedConfigurations].sort(), ['threatOverlap.attackData.path', 'threatOverlap.attackData.url']);
    for (const key of trust.restrictedConfigurations) {
      const setting = pkg.contributes.configuration.properties[key];
      assert.ok(setting, `${key} is a contributed setting`);
      assert.match(setting.markdownDescription ?? '', /Restricted Mode/, `${key} tells the user it is ignored in Restricted Mode`);
    }
    assert.match(trust.description, /Restricted Mode/);
  });

  test('virtual workspaces: not supported (data and models are read from the local file system)', () => {
    assert.equal(pkg.capabilities.virtualWorkspaces.supported, false);
    assert.match(pkg.capabilities.virtualWorkspaces.description, /local file system/);
  });

  test('Restricted Mode is exercised end to end by scripts/lib/restricted-mode.mjs, which the integration runner calls', () => {
    assert.match(readFileSync(path.join(ROOT, 'scripts', 'run-integration.mjs'), 'utf8'), /restricted-mode/);
  });
});
