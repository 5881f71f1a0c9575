#!/usr/bin/env node
// Runs the integration suite (test/integration) in a real VS Code extension host, offline: code-server 4.100.3 from
// .tools (installed and cached by scripts/install-code-server.sh), its workbench opened in Debian's Chromium through
// playwright-core with the extension under development and the suite passed in the `payload` URL parameter.
// Prints mocha's output, takes the workbench captures the suite asks for (test-results/*.png + .json), and ends
// with `N passed, N failed, N skipped`. Exit code: the suite's. Options: --grep PATTERN, --keep (keep the run dir).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { buildIntegrationTests, ROOT } from './build-integration.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH, freePort, startCodeServer, workbenchUrl, ensureCodeServer } from './lib/code-server.mjs';
import { checkStixDir, createRunDirs, hostEnv, removeRunDirs, RESULTS_DIR } from './lib/harness.mjs';
import { captureWorkbench, LogForwarder } from './lib/workbench.mjs';

const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const keep = args.includes('--keep');
const SUITE_TIMEOUT_MS = Number(process.env.THREAT_OVERLAP_IT_SUITE_TIMEOUT ?? 10 * 60_000);

const started = Date.now();
let dirs;
let server;
let browser;

/** Closes what this run started (browser, then code-server's process group) and its temporary directory. */
async function cleanup() {
  await browser?.close().catch(() => undefined);
  browser = undefined;
  await server?.stop();
  server = undefined;
  if (dirs && !keep) removeRunDirs(dirs);
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => void cleanup().finally(() => process.exit(130)));
}

async function main() {
  const stix = checkStixDir();
  ensureCodeServer();
  const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
  const testsPath = await buildIntegrationTests();
  mkdirSync(RESULTS_DIR, { recursive: true });
  dirs = createRunDirs();
  const grep = option('--grep');
  const env = hostEnv({ THREAT_OVERLAP_IT_CAPTURE_DIR: RESULTS_DIR, ...(grep ? { THREAT_OVERLAP_IT_GREP: grep } : {}) });
  const logFile = join(RESULTS_DIR, 'code-server.log');
  writeFileSync(logFile, '');
  server = await startCodeServer({ dirs, port: await freePort(), env, logFile });
  console.log(`code-server ${server.url} (log: ${logFile}); ATT&CK bundles from ${stix}; workspace ${dirs.workspace}`);

  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const logs = new LogForwarder(join(RESULTS_DIR, 'workbench.log'), (name) => captureWorkbench(page, RESULTS_DIR, name));
  const exit = new Promise((resolve) => {
    void page.exposeFunction('codeAutomationExit', (code) => resolve({ code: Number(code) }));
  });
  await page.exposeFunction('codeAutomationLog', (type, parts) => logs.forward(type, parts));
  page.on('pageerror', (err) => logs.note(`[page error] ${err.message}`));
  page.on('crash', () => logs.note('[page crashed]'));
  const url = workbenchUrl(server, { folder: dirs.workspace, extensionDevelopmentPath: ROOT, extensionTestsPath: testsPath });
  await page.goto(url);
  let timer;
  const timedOut = new Promise((resolve) => (timer = setTimeout(() => resolve({ code: 1, timedOut: true }), SUITE_TIMEOUT_MS)));
  const result = await Promise.race([exit, timedOut]);
  clearTimeout(timer);
  if (result.timedOut) logs.note(`The suite did not finish within ${SUITE_TIMEOUT_MS / 1000} s.`);

  // The extension host is gone by now (the workbench stops it before codeAutomationExit): this shows the end state.
  await page.screenshot({ path: join(RESULTS_DIR, 'integration-exit.png') });
  logs.close();

  const summary = logs.summary ?? { passed: 0, failed: 0, skipped: 0 };
  const harnessFailed = logs.summary === undefined || result.timedOut;
  const failed = summary.failed + (harnessFailed ? 1 : 0);
  const code = failed > 0 ? 1 : result.code;
  if (harnessFailed) console.error(`The suite did not report its results (see ${logFile} and ${join(RESULTS_DIR, 'workbench.log')}).`);
  console.log(`integration run took ${((Date.now() - started) / 1000).toFixed(1)} s (suite ${summary.seconds ?? '?'} s)`);
  console.log(`screenshots and logs: ${RESULTS_DIR}`);
  console.log(`${summary.passed} passed, ${failed} failed, ${summary.skipped} skipped`);
  return code;
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
