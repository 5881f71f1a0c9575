// What both integration runners share: a fresh temporary run directory (workspace copy, user data, extensions, this
// run's own build of the extension and of the suite), a results folder of its own, the environment of the extension
// host, and the test data location. Nothing here writes to a path another run uses, so runs can go in parallel.
import { spawnSync } from 'node:child_process';
import {
  copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { buildIntegrationTests, ROOT } from '../build-integration.mjs';

export const FIXTURE_WORKSPACE = join(ROOT, 'test', 'integration', 'workspace');
/** Parent of every run's results folder (git-ignored). */
export const RESULTS_ROOT = join(ROOT, 'test-results');
/** @deprecated the parent folder; each run writes to its own `resultsDir()`. Kept for callers of the old API. */
export const RESULTS_DIR = RESULTS_ROOT;

/** The real ATT&CK bundles the suite serves: THREAT_OVERLAP_ATTACK_STIX, else ../shared/attack-stix. */
export function stixDir() {
  return resolve(process.env.THREAT_OVERLAP_ATTACK_STIX ?? join(ROOT, '..', 'shared', 'attack-stix'));
}

/**
 * A fresh run directory: `workspace` (a copy of the fixture), `user-data`, `extensions`, an empty `config.yaml`, and
 * `extension`, where `stageExtension` builds the extension under test and the compiled suite.
 */
export function createRunDirs(prefix = 'threat-overlap-it-') {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const dirs = {
    root,
    workspace: join(root, 'workspace'),
    userData: join(root, 'user-data'),
    extensions: join(root, 'extensions'),
    config: join(root, 'config.yaml'),
    extension: join(root, 'extension'),
  };
  cpSync(FIXTURE_WORKSPACE, dirs.workspace, { recursive: true });
  mkdirSync(dirs.userData, { recursive: true });
  mkdirSync(dirs.extensions, { recursive: true });
  writeFileSync(dirs.config, '');
  return dirs;
}

/** Removes the run directory (symbolic links in it are removed, never followed). */
export function removeRunDirs(dirs) {
  rmSync(dirs.root, { recursive: true, force: true });
}

/** Repository entries a run does not link into its copy of the extension (built, copied, or not needed). */
const NOT_LINKED = new Set(['.git', 'dist', 'media', 'package.json', 'bench', 'test-results', '.tools', '.vscode-test', '.threat-overlap-cache']);

/**
 * Builds this run's own copy of the extension in `dirs.extension` and the suite in its `dist/test/integration`:
 * the repository's entries are linked (node_modules, src, schemas, …), package.json and media/ are copied, and
 * esbuild.mjs runs there, so another run's build can never replace the files this run loads. Resolves with
 * `{ extensionDevelopmentPath, extensionTestsPath }`.
 */
export async function stageExtension(dirs) {
  const dir = dirs.extension;
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(ROOT)) {
    if (!NOT_LINKED.has(name)) symlinkSync(join(ROOT, name), join(dir, name));
  }
  copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  if (existsSync(join(ROOT, 'media'))) cpSync(join(ROOT, 'media'), join(dir, 'media'), { recursive: true });
  const build = spawnSync(process.execPath, [join(ROOT, 'esbuild.mjs')], { cwd: dir, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the extension build (esbuild.mjs) failed');
  const extensionTestsPath = await buildIntegrationTests(join(dir, 'dist', 'test', 'integration'));
  return { extensionDevelopmentPath: dir, extensionTestsPath };
}

/**
 * This run's results folder: THREAT_OVERLAP_IT_RESULTS, else `test-results/<time>-<pid>[-<label>]` (beyond the
 * newest 20, or THREAT_OVERLAP_IT_KEEP_RESULTS, folders idle for an hour are removed). The link `test-results/latest` is switched to it atomically
 * (with runs in parallel it names the one that started last).
 */
export function createResultsDir(label = '') {
  const fromEnv = process.env.THREAT_OVERLAP_IT_RESULTS;
  if (fromEnv) {
    mkdirSync(fromEnv, { recursive: true });
    return resolve(fromEnv);
  }
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');
  const suffix = label ? `-${label.replace(/[^\w.-]+/g, '_').slice(0, 40)}` : '';
  const dir = join(RESULTS_ROOT, `${stamp}-${process.pid}${suffix}`);
  mkdirSync(dir, { recursive: true });
  pruneResults();
  const link = join(RESULTS_ROOT, `.latest-${process.pid}`);
  rmSync(link, { force: true });
  symlinkSync(basename(dir), link);
  renameSync(link, join(RESULTS_ROOT, 'latest'));
  return dir;
}

/**
 * Keeps the newest `keep` run folders of test-results; older ones go once untouched for an hour (so a long run in
 * parallel never loses its folder).
 */
function pruneResults(keep = Number(process.env.THREAT_OVERLAP_IT_KEEP_RESULTS ?? 20)) {
  const runs = readdirSync(RESULTS_ROOT).filter((name) => /^\d{8}-\d{6}-\d+/.test(name)).sort();
  const hourAgo = Date.now() - 3_600_000;
  for (const name of runs.slice(0, Math.max(0, runs.length - keep))) {
    const dir = join(RESULTS_ROOT, name);
    if (statSync(dir).mtimeMs < hourAgo) rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The extension host's environment: the test data location, and none of the variables that would make the
 * extension find data on its own (the suite starts from an empty cache on purpose).
 */
export function hostEnv(extra = {}) {
  const env = { ...process.env, THREAT_OVERLAP_ATTACK_STIX: stixDir(), ...extra };
  delete env.THREAT_OVERLAP_ATTACK_DATA;
  delete env.ELECTRON_RUN_AS_NODE;
  return env;
}

/** Fails early, with the fix, when the shared bundles are not there. */
export function checkStixDir() {
  const dir = stixDir();
  for (const f of ['enterprise-attack-18.1.json', 'enterprise-attack-15.1.json', 'mobile-attack-18.1.json', 'ics-attack-18.1.json']) {
    if (!existsSync(join(dir, f))) {
      throw new Error(`${join(dir, f)} is missing: set THREAT_OVERLAP_ATTACK_STIX to the folder of the real ATT&CK bundles`);
    }
  }
  return dir;
}
