#!/usr/bin/env node
// Runs the integration suite (test/integration) in a real VS Code extension host, offline: code-server 4.100.3 from
// .tools (installed and cached by scripts/install-code-server.sh), its workbench opened in Debian's Chromium through
// playwright-core with the extension under development and the suite passed in the `payload` URL parameter. Then the
// Workspace Trust scenario (scripts/lib/restricted-mode.mjs), which needs a workbench with trust on and no tests.
// Prints mocha's output, takes the workbench captures the suite asks for, and ends with `N passed, N failed, N skipped`.
// Exit code: 0 when everything passed. Every run has its own port, temporary dirs, build and results folder
// (test-results/<time>-<pid>/, linked as test-results/latest), so runs can go in parallel.
// Options: --grep PATTERN (as mocha's; also selects the Workspace Trust checks by title), --keep (keep the run dir),
// --bench (run the extension-host benchmarks of test/integration/bench instead of the suite and the trust checks).
import { chromium } from 'playwright-core';
import { join } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH, ensureCodeServer, startCodeServer, workbenchUrl } from './lib/code-server.mjs';
import { checkStixDir, createResultsDir, createRunDirs, hostEnv, removeRunDirs, stageExtension } from './lib/harness.mjs';
import { prepareRestrictedWorkspace, runRestrictedModeScenario } from './lib/restricted-mode.mjs';
import { captureWorkbench, LogForwarder } from './lib/workbench.mjs';

const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const keep = args.includes('--keep');
const grep = option('--grep');
const bench = args.includes('--bench');
const SUITE_TIMEOUT_MS = Number(process.env.THREAT_OVERLAP_IT_SUITE_TIMEOUT ?? 30 * 60_000);

const started = Date.now();
const runs = [];
const servers = new Set();
let browser;

/** Closes what this run started (browser, then each code-server's process group) and its temporary directories. */
async function cleanup() {
  await browser?.close().catch(() => undefined);
  browser = undefined;
  for (const s of servers) await s.stop();
  servers.clear();
  if (!keep) for (const dirs of runs.splice(0)) removeRunDirs(dirs);
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => void cleanup().finally(() => process.exit(130)));
}

function newRunDirs(prefix) {
  const dirs = createRunDirs(prefix);
  runs.push(dirs);
  return dirs;
}

/** The mocha suite in the extension host of one workbench; resolves with its summary. */
async function runSuite({ dirs, staged, env, resultsDir }) {
  const logFile = join(resultsDir, 'code-server.log');
  const server = await startCodeServer({ dirs, env, logFile });
  servers.add(server);
  console.log(`code-server ${server.url} (log: ${logFile}); workspace ${dirs.workspace}`);
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const logs = new LogForwarder(join(resultsDir, 'workbench.log'), (name) => captureWorkbench(page, resultsDir, name));
  const exit = new Promise((resolve) => {
    void page.exposeFunction('codeAutomationExit', (code) => resolve({ code: Number(code) }));
  });
  await page.exposeFunction('codeAutomationLog', (type, parts) => logs.forward(type, parts));
  page.on('pageerror', (err) => logs.note(`[page error] ${err.message}`));
  page.on('crash', () => logs.note('[page crashed]'));
  await page.goto(workbenchUrl(server, { folder: dirs.workspace, ...staged }));
  let timer;
  const timedOut = new Promise((resolve) => (timer = setTimeout(() => resolve({ code: 1, timedOut: true }), SUITE_TIMEOUT_MS)));
  const result = await Promise.race([exit, timedOut]);
  clearTimeout(timer);
  if (result.timedOut) logs.note(`The suite did not finish within ${SUITE_TIMEOUT_MS / 1000} s.`);
  // The extension host is gone by now (the workbench stops it before codeAutomationExit): this shows the end state.
  await page.screenshot({ path: join(resultsDir, 'integration-exit.png') });
  logs.close();
  await page.close();
  await server.stop();
  servers.delete(server);
  const summary = logs.summary ?? { passed: 0, failed: 0, skipped: 0 };
  if (logs.summary === undefined || result.timedOut) {
    console.error(`The suite did not report its results (see ${logFile} and ${join(resultsDir, 'workbench.log')}).`);
    return { ...summary, failed: summary.failed + 1 };
  }
  return { ...summary, failed: summary.failed + (result.code !== 0 && summary.failed === 0 ? 1 : 0) };
}

/** The Workspace Trust checks (see scripts/lib/restricted-mode.mjs); resolves with their counts. */
async function runTrustScenario({ staged, env, resultsDir, stix }) {
  const dirs = newRunDirs('threat-overlap-it-trust-');
  prepareRestrictedWorkspace(dirs, stix);
  const counts = { passed: 0, failed: 0, skipped: 0 };
  let header = false;
  await runRestrictedModeScenario({
    browser,
    dirs,
    extensionDevelopmentPath: staged.extensionDevelopmentPath,
    env,
    logFile: join(resultsDir, 'code-server-trust.log'),
    resultsDir,
    grep: grep ? new RegExp(grep) : undefined,
    report: (title, err) => {
      if (!header) console.log('  Workspace Trust (a workbench with trust on, driven through the page)');
      header = true;
      if (err) {
        counts.failed++;
        console.log(`    ✗ ${title}\n      ${err.message.split('\n').join('\n      ')}`);
      } else {
        counts.passed++;
        console.log(`    ✔ ${title}`);
      }
    },
  });
  return counts;
}

async function main() {
  const stix = checkStixDir();
  ensureCodeServer();
  const resultsDir = createResultsDir(grep ? 'grep' : '');
  const dirs = newRunDirs('threat-overlap-it-');
  const staged = await stageExtension(dirs);
  const env = hostEnv({ THREAT_OVERLAP_IT_CAPTURE_DIR: resultsDir, ...(grep ? { THREAT_OVERLAP_IT_GREP: grep } : {}), ...(bench ? { THREAT_OVERLAP_IT_BENCH: '1' } : {}) });
  console.log(`ATT&CK bundles from ${stix}; extension under test built in ${staged.extensionDevelopmentPath}; results in ${resultsDir}`);
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  const suite = await runSuite({ dirs, staged, env, resultsDir });
  const trust = bench ? { passed: 0, failed: 0, skipped: 0 } : await runTrustScenario({ staged, env, resultsDir, stix });
  const total = { passed: suite.passed + trust.passed, failed: suite.failed + trust.failed, skipped: suite.skipped + trust.skipped };
  console.log(`integration run took ${((Date.now() - started) / 1000).toFixed(1)} s (mocha suite ${suite.seconds ?? '?'} s)`);
  console.log(`screenshots and logs: ${resultsDir}`);
  if (total.passed + total.failed === 0) {
    console.error(`no test matched --grep ${grep}`);
    total.failed = 1;
  }
  console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  return total.failed > 0 ? 1 : 0;
}

let code = 1;
try {
  code = await main();
} catch (err) {
  console.error(err instanceof Error ? err.stack : err);
  console.log('0 passed, 1 failed, 0 skipped');
} finally {
  await cleanup();
}
process.exit(code);
