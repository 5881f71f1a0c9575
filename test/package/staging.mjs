// What both package tests share: a copy of the repository as a fresh clone has it (the files git tracks, plus new
// files it does not ignore; no dist/, no media/webview.js, no .tools) in a temporary directory, with the repository's
// node_modules linked in, so `npm run package` and `npm run pack:cli` run there as on a clean checkout and never
// replace the bundles another test of this run loads from the repository.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT } from '../../scripts/build-integration.mjs';
import { stixDir } from '../../scripts/lib/harness.mjs';

/** The real ATT&CK bundles these tests read; a reason to skip when missing outside CI, else false (CI fails). */
export function skipWithoutData() {
  const missing = !existsSync(join(stixDir(), 'enterprise-attack-18.1.json'));
  return missing && process.env.CI !== 'true' ? `ATT&CK data missing in ${stixDir()} (THREAT_OVERLAP_ATTACK_STIX)` : false;
}

/** A fresh temporary directory; `remove()` deletes it and reports whether it is gone. */
export function tempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    remove() {
      rmSync(dir, { recursive: true, force: true });
      return !existsSync(dir);
    },
  };
}

/** Copies the repository's checked-in (and new, not ignored) files into `dest` and links node_modules. */
export function stageRepository(dest) {
  const git = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
  if (git.status !== 0) throw new Error(`git ls-files failed in ${ROOT}: ${git.stderr}`);
  const files = git.stdout.split('\0').filter((f) => f !== '' && existsSync(join(ROOT, f)));
  for (const f of files) {
    mkdirSync(dirname(join(dest, f)), { recursive: true });
    copyFileSync(join(ROOT, f), join(dest, f));
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dest, 'node_modules'));
  return files.length;
}

/** Runs `npm run <script>` in `cwd`; resolves `{ status, output }` (stdout and stderr together, as printed). */
export function npmRun(script, cwd, env = process.env) {
  const r = spawnSync('npm', ['run', script], { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
  return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
}

export { ROOT };
