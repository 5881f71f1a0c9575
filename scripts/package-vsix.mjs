// npm run package: the production build (vsce runs `vscode:prepublish`, i.e. `node esbuild.mjs --production`:
// minified, no source maps, stale .map files deleted) and threat-overlap-<version>.vsix at the repository root, with
// @vscode/vsce and the .vscodeignore allow-list. Prints every file of the VSIX with its size and the VSIX's size;
// fails when vsce or the build print a warning, when the VSIX holds other files than scripts/lib/package-contents.mjs
// lists, when a bundle still points at a source map, or when the VSIX is over the 3 MB budget.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './build-integration.mjs';
import { kB, listDifferences, rootManifest, VSIX_BUDGET_BYTES, VSIX_FILES, vsixName, zipEntries, zipEntryText } from './lib/package-contents.mjs';

const require = createRequire(import.meta.url);
/** vsce's command line, from its own package (no PATH look-up, no npx). */
export const VSCE = join(require.resolve('@vscode/vsce/package.json'), '..', 'vsce');

/** Runs vsce in `cwd` with `args`; echoes what it prints and returns `{ status, lines }`. */
export function vsce(args, cwd = ROOT) {
  const r = spawnSync(process.execPath, [VSCE, ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  return { status: r.status, lines: `${r.stdout}\n${r.stderr}`.split('\n') };
}

/** Lines that are warnings: vsce's ` WARNING ` (also `::warning::` on GitHub Actions) and esbuild's `▲ [WARNING]`. */
export const warnings = (lines) => lines.filter((l) => /warning/i.test(l));

async function main() {
  const { version } = rootManifest();
  const file = join(ROOT, vsixName(version));
  rmSync(file, { force: true });
  const problems = [];
  const run = vsce(['package', '--no-dependencies', '--out', file]);
  if (run.status !== 0) throw new Error(`vsce package failed (exit ${run.status})`);
  for (const w of warnings(run.lines)) problems.push(`vsce printed a warning: ${w.trim()}`);

  const entries = (await zipEntries(file)).sort((a, b) => a.name.localeCompare(b.name));
  const size = statSync(file).size;
  console.log(`\n${vsixName(version)}: ${entries.length} files`);
  for (const e of entries) console.log(`  ${e.name.padEnd(50)} ${kB(e.size).padStart(10)}`);
  console.log(`VSIX size ${kB(size)} (${size} bytes; the files unpacked: ${kB(entries.reduce((n, e) => n + e.size, 0))}); budget ${kB(VSIX_BUDGET_BYTES)}`);

  problems.push(...listDifferences(entries.map((e) => e.name), VSIX_FILES).map((d) => `VSIX file list: ${d}`));
  if (size > VSIX_BUDGET_BYTES) problems.push(`the VSIX is ${size} bytes, over the budget of ${VSIX_BUDGET_BYTES}`);
  for (const bundle of ['extension/dist/extension.js', 'extension/dist/attack-worker.js', 'extension/media/webview.js']) {
    if (entries.some((e) => e.name === bundle) && (await zipEntryText(file, bundle)).includes('sourceMappingURL')) {
      problems.push(`${bundle} points at a source map: not a production build`);
    }
  }
  if (problems.length > 0) {
    console.error(`\nnpm run package FAILED:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    process.exitCode = 1;
    return;
  }
  console.log(`\nwrote ${file}\ninstall it: code --install-extension ${vsixName(version)}`);
}

if (process.argv[1] === new URL(import.meta.url).pathname) await main();
