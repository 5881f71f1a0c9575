#!/usr/bin/env node
// The same integration suite under @vscode/test-electron, for machines with internet: it downloads VS Code 1.100.3
// into .vscode-test on first use (it cannot run on the offline build machine; use scripts/run-integration.mjs there).
// Workbench captures are code-server-only, so those tests are skipped here. The extension host prints mocha's output
// and the closing `N passed, N failed, N skipped` line itself. The Workspace Trust scenario drives the code-server page,
// so it runs only there. Options: --grep PATTERN, --dry-run (build, print the plan, download nothing), --keep (keep
// the run directory).
import { checkStixDir, createRunDirs, removeRunDirs, stageExtension } from './lib/harness.mjs';

export const VSCODE_VERSION = '1.100.3';

const args = process.argv.slice(2);
const dryRun = args.includes('--dry-run');
const grep = args.includes('--grep') ? args[args.indexOf('--grep') + 1] : undefined;

async function main() {
  const { runTests } = await import('@vscode/test-electron');
  const stix = checkStixDir();
  const dirs = createRunDirs('threat-overlap-it-electron-');
  // This run's own build of the extension and the suite (in its temporary directory), as in the code-server runner.
  const { extensionDevelopmentPath, extensionTestsPath } = await stageExtension(dirs);
  const options = {
    version: VSCODE_VERSION,
    extensionDevelopmentPath,
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
