#!/usr/bin/env node
// `npm start`: the main job on the example workspace. Builds, prints the gap check of data/examples, then opens the
// workspace in a real VS Code with the extension under development loaded and the example model's heatmap shown:
// the user's `code` when it is on PATH, else the project's offline code-server (scripts/install-code-server.sh),
// whose URL is printed for a browser; it runs until Ctrl-C and then stops what it started.
// Options: --no-open (only the gap check), --code-server (skip `code`), --port N,
// --smoke (code-server in headless Chromium: wait for the heatmap, save test-results/start.png, stop).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROOT } from './build-integration.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH, freePort, startCodeServer, workbenchUrl } from './lib/code-server.mjs';

const args = process.argv.slice(2);
const has = (flag) => args.includes(flag);
const EXAMPLES = join(ROOT, 'data', 'examples');
const MODEL = 'payments.threatmodel.yaml';

function attackData() {
  if (process.env.THREAT_OVERLAP_ATTACK_DATA) return resolve(process.env.THREAT_OVERLAP_ATTACK_DATA);
  const shared = resolve(ROOT, '..', 'shared', 'attack-stix');
  return existsSync(shared) ? shared : undefined;
}

function run(cmd, argv, opts = {}) {
  const r = spawnSync(cmd, argv, { stdio: 'inherit', cwd: ROOT, ...opts });
  return r.status ?? 1;
}

if (run(process.execPath, ['esbuild.mjs']) !== 0) process.exit(1);

const data = attackData();
console.log(`\n== Gap check of data/examples/${MODEL} ==`);
if (data) {
  run(process.execPath, ['dist/cli.js', 'check', join('data', 'examples', MODEL), '--attack-data', data, '--fail-on', 'never']);
} else {
  console.log('No ATT&CK data: set THREAT_OVERLAP_ATTACK_DATA to a bundle or a directory of <domain>-<version>.json,');
  console.log(`or run: node dist/cli.js check data/examples/${MODEL} --download`);
}
if (has('--no-open')) process.exit(0);

const env = { ...process.env, THREAT_OVERLAP_OPEN_HEATMAP: MODEL, ...(data ? { THREAT_OVERLAP_ATTACK_DATA: data } : {}) };
delete env.ELECTRON_RUN_AS_NODE;

const code = has('--code-server') || has('--smoke') ? undefined : spawnSync('code', ['--version'], { encoding: 'utf8' });
if (code && code.status === 0) {
  console.log(`\nOpening data/examples in VS Code ${code.stdout.split('\n')[0]} with the extension under development…`);
  const child = spawn('code', ['--new-window', `--extensionDevelopmentPath=${ROOT}`, EXAMPLES], { stdio: 'inherit', env, detached: true });
  child.unref();
  process.exit(0);
}

// The project's own VS Code: state under .tools/start so downloads and settings survive between starts.
const root = join(ROOT, '.tools', 'start');
const dirs = { root, userData: join(root, 'user-data'), extensions: join(root, 'extensions'), config: join(root, 'config.yaml') };
for (const d of [dirs.userData, dirs.extensions]) mkdirSync(d, { recursive: true });
writeFileSync(dirs.config, '');
const logFile = join(root, 'code-server.log');
const port = args.includes('--port') ? Number(args[args.indexOf('--port') + 1]) : await freePort();
const server = await startCodeServer({ dirs, port, env, logFile });
const url = workbenchUrl(server, { folder: EXAMPLES, extensionDevelopmentPath: ROOT });
let stopping = false;
const stop = async (status) => {
  if (stopping) return;
  stopping = true;
  await server.stop();
  process.exit(status);
};
process.once('SIGINT', () => void stop(0));
process.once('SIGTERM', () => void stop(0));

if (!has('--smoke')) {
  console.log(`\nVS Code (code-server) with Threat Overlap is running. Open in your browser:\n\n  ${url}\n`);
  console.log(`Log: ${logFile}. Ctrl-C stops it.`);
  await server.exited;
  process.exit(0);
}

// --smoke: prove the main job works: the workbench loads, the extension opens the model and its heatmap.
const { chromium } = await import('playwright-core');
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
let status = 1;
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(url);
  await page.waitForSelector('.tab[aria-label*="Heatmap" i], .tab[title*="Heatmap" i], .tab[aria-label*="Coverage" i]', { timeout: 120_000 });
  // The webview content is a nested iframe: wait until it has painted cells.
  const frame = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  await frame.locator('svg.matrix g.cell').first().waitFor({ timeout: 120_000 });
  mkdirSync(join(ROOT, 'test-results'), { recursive: true });
  await page.screenshot({ path: join(ROOT, 'test-results', 'start.png') });
  console.log('smoke: the example model and its heatmap are open; screenshot test-results/start.png');
  status = 0;
} catch (err) {
  console.error(`smoke failed: ${err instanceof Error ? err.message : err} (log: ${logFile})`);
} finally {
  await browser.close();
}
await stop(status);
