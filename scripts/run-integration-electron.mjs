#!/usr/bin/env node
// The same integration suite under @vscode/test-electron, for machines with internet: it downloads VS Code 1.100.3
// into .vscode-test on first use (it cannot run on the offline build machine; use scripts/run-integration.mjs there).
// Workbench captures are code-server-only, so those tests are skipped here. The extension host prints mocha's output
// and the closing `N passed, N failed, N skipped` line itself. Options: --grep PATTERN, --dry-run (print the plan,
// download nothing), --keep (keep the run directory).
import { spawnSync } from 'node:child_process';
import { buildIntegrationTests, ROOT } from './build-integration.mjs';
import { checkStixDir, createRunDirs, removeRunDirs } from './lib/harness.mjs';

export const VSCODE_VERSION = '1.100.3';

const args = process.argv.slice(2);
const dryRun = args.includes('--dry-run');
const grep = args.includes('--grep') ? args[args.indexOf('--grep') + 1] : undefined;

async function main() {
  const { runTests } = await import('@vscode/test-electron');
  const stix = checkStixDir();
  if (!dryRun) {
    const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('npm run build failed');
  }
  const extensionTestsPath = await buildIntegrationTests();
  const dirs = createRunDirs('threat-overlap-it-electron-');
  const options = {
    version: VSCODE_VERSION,
    extensionDevelopmentPath: ROOT,
    extensionTestsPath,
    launchArgs: [dirs.workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions],
    // THREAT_OVERLAP_ATTACK_DATA would let the extension find data by itself: the suite starts from an empty cache.
    extensionTestsEnv: { THREAT_OVERLAP_ATTACK_STIX: stix, THREAT_OVERLAP_ATTACK_DATA: undefined, THREAT_OVERLAP_IT_GREP: grep },
  };
  try {
    if (dryRun) {
      console.log(`@vscode/test-electron loaded (runTests: ${typeof runTests}); would run:\n${JSON.stringify(options, null, 2)}`);
      return 0;
    }
    return await runTests(options);
  } catch (err) {
    // runTests rejects when VS Code exits non-zero (failed tests) or cannot be downloaded.
    console.error(err instanceof Error ? err.message : err);
    return 1;
  } finally {
    if (!args.includes('--keep')) removeRunDirs(dirs);
  }
}

process.exit(await main());
