// The VSIX as a user installs it: `npm run package` in a copy of the repository (no warnings, only the allow-listed
// files, within the 3 MB budget), `vsce ls` without warnings, then `code-server --install-extension FILE` into fresh
// user-data and extensions directories, a temporary copy of the example workspace (data/examples) opened WITHOUT
// extensionDevelopmentPath, the ATT&CK data path in the Machine settings, and "Threat Overlap: Show Coverage Heatmap"
// from the palette until the matrix draws. That it is the installed copy: --list-extensions names it, the webview's
// script is loaded from the fresh extensions directory, and the extension host log shows its activation from there.
// Screenshot: test-results/vsix-heatmap.png. Every temporary directory is removed (asserted at the end).
// Run: npm run test:package  (needs .tools/code-server, see scripts/install-code-server.sh, and Debian's chromium)
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, codeServerCli, startCodeServer, workbenchUrl } from '../../scripts/lib/code-server.mjs';
import { createRunDirs, hostEnv, removeRunDirs, stixDir } from '../../scripts/lib/harness.mjs';
import { heatmapCellsDrawn, quickOpenFile, runFromPalette } from '../../scripts/lib/workbench.mjs';
import { pngSize, rootManifest, VSIX_BUDGET_BYTES, VSIX_FILES, vsixName, zipEntries, zipEntry, zipEntryText } from '../../scripts/lib/package-contents.mjs';
import { VSCE, warnings } from '../../scripts/package-vsix.mjs';
import { npmRun, ROOT, skipWithoutData, stageRepository, tempDir } from './staging.mjs';

const RESULTS = join(ROOT, 'test-results');
const TIMEOUT = 60_000;
const { version, publisher, name } = rootManifest();
const EXTENSION_ID = `${publisher}.${name}`;
const MODEL = 'payments.threatmodel.yaml';

/** Every file under `dir` (relative paths). */
function filesUnder(dir, prefix = '') {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(dir, join(prefix, e.name)) : [join(prefix, e.name)]));
}

describe('the VSIX (npm run package), installed into a fresh code-server', { skip: skipWithoutData(), timeout: 15 * 60_000 }, () => {
  let temp;
  let repo;
  let vsix;
  let dirs;
  let server;
  let browser;
  let page;
  const installed = () => join(dirs.extensions, `${EXTENSION_ID}-${version}`);

  before(() => {
    mkdirSync(RESULTS, { recursive: true });
    temp = tempDir('threat-overlap-vsix-');
    repo = join(temp.dir, 'repo');
    mkdirSync(repo);
    stageRepository(repo);
    vsix = join(repo, vsixName(version));
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    if (dirs) {
      removeRunDirs(dirs);
      assert.equal(existsSync(dirs.root), false, `${dirs.root} is removed`);
    }
    if (temp) assert.equal(temp.remove(), true, `${temp.dir} is removed`);
  });

  it('npm run package builds the VSIX without a warning and prints its files and size', () => {
    const run = npmRun('package', repo);
    assert.equal(run.status, 0, run.output);
    assert.deepEqual(warnings(run.output.split('\n')), [], 'no warning from vsce or the build');
    assert.ok(existsSync(vsix), `${vsix} exists`);
    assert.match(run.output, /^VSIX size [\d.]+ kB \(\d+ bytes;/m);
    for (const f of VSIX_FILES) assert.ok(run.output.includes(`  ${f} `), `the listing names ${f}`);
  });

  it('vsce ls lists the allow-listed files and prints no warning', () => {
    const ls = spawnSync(process.execPath, [VSCE, 'ls'], { cwd: repo, encoding: 'utf8' });
    assert.equal(ls.status, 0, ls.stderr);
    const lines = `${ls.stdout}\n${ls.stderr}`.split('\n').filter((l) => l.trim() !== '');
    assert.deepEqual(warnings(lines), []);
    const expected = ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', ...VSIX_FILES.filter((f) => f.startsWith('extension/') && !/^extension\/(package\.json|readme\.md|changelog\.md|LICENSE\.txt)$/.test(f)).map((f) => f.slice('extension/'.length))];
    assert.deepEqual([...lines].sort(), expected.sort());
  });

  it('holds only the allow-listed files, production bundles and a complete manifest, within the budget', async () => {
    const entries = await zipEntries(vsix);
    assert.deepEqual(entries.map((e) => e.name).sort(), VSIX_FILES);
    const size = readFileSync(vsix).length;
    assert.ok(size <= VSIX_BUDGET_BYTES, `the VSIX is ${size} bytes, the budget ${VSIX_BUDGET_BYTES}`);
    for (const bundle of ['extension/dist/extension.js', 'extension/dist/attack-worker.js', 'extension/media/webview.js']) {
      assert.doesNotMatch(await zipEntryText(vsix, bundle), /sourceMappingURL/, `${bundle} is a production build`);
    }
    const manifest = JSON.parse(await zipEntryText(vsix, 'extension/package.json'));
    assert.equal(manifest.icon, 'images/icon.png');
    assert.equal(manifest.repository.url, 'https://github.com/threat-overlap/threat-overlap.git');
    assert.equal(manifest.engines.node, '>=20.19');
    assert.equal(manifest.dependencies, undefined, 'everything the extension runs is bundled');
    assert.deepEqual(pngSize(await zipEntry(vsix, 'extension/images/icon.png')), { width: 128, height: 128 }, 'the icon is a 128×128 PNG');
  });

  it('code-server --install-extension installs it into a fresh extensions directory', () => {
    dirs = createRunDirs('threat-overlap-vsix-code-');
    const install = codeServerCli({ dirs }, ['--install-extension', vsix]);
    assert.equal(install.status, 0, `${install.stdout}\n${install.stderr}`);
    assert.match(install.stdout, /was successfully installed/);
    const list = codeServerCli({ dirs }, ['--list-extensions', '--show-versions']);
    assert.equal(list.status, 0, list.stderr);
    assert.deepEqual(list.stdout.trim().split('\n'), [`${EXTENSION_ID}@${version}`], 'the only extension of the fresh directory');
    assert.deepEqual(
      filesUnder(installed()).filter((f) => f !== '.vsixmanifest').sort(),
      VSIX_FILES.filter((f) => f.startsWith('extension/')).map((f) => f.slice('extension/'.length)).sort(),
    );
  });

  it('opens the example workspace and draws the heatmap from the installed copy', async (t) => {
    const folder = join(dirs.root, 'examples');
    cpSync(join(repo, 'data', 'examples'), folder, { recursive: true });
    mkdirSync(join(dirs.userData, 'User'), { recursive: true });
    writeFileSync(join(dirs.userData, 'User', 'settings.json'), JSON.stringify({ 'workbench.startupEditor': 'none', 'workbench.tips.enabled': false }));
    // Machine-overridable: in a remote window (code-server) VS Code reads it from the Machine settings (README).
    mkdirSync(join(dirs.userData, 'Machine'), { recursive: true });
    writeFileSync(join(dirs.userData, 'Machine', 'settings.json'), JSON.stringify({ 'threatOverlap.attackData.path': stixDir() }));
    server = await startCodeServer({ dirs, env: hostEnv(), logFile: join(dirs.root, 'code-server.log') });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const url = workbenchUrl(server, { folder });
    assert.doesNotMatch(decodeURIComponent(url), /extensionDevelopmentPath/);
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ timeout: TIMEOUT });
    await quickOpenFile(page, MODEL, { timeout: TIMEOUT });
    await runFromPalette(page, 'Threat Overlap: Show Coverage Heatmap', { focusTarget: page.locator('.tab', { hasText: MODEL }).first(), timeout: TIMEOUT });
    const webview = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    // Keeps what a diagnosis needs before the run directory goes: the workbench and the run's logs.
    await heatmapCellsDrawn(page, webview, { dir: RESULTS, name: 'vsix-heatmap-failure', userData: dirs.userData, timeout: TIMEOUT });
    assert.ok((await webview.locator('svg.matrix g.cell').count()) > 100, 'the ATT&CK matrix is drawn');
    await page.screenshot({ path: join(RESULTS, 'vsix-heatmap.png') });

    // The script the webview runs is the installed copy's media/webview.js.
    const scripts = await webview.locator('script[src]').evaluateAll((els) => els.map((e) => e.getAttribute('src')));
    t.diagnostic(`webview script: ${scripts.map(decodeURIComponent).join(', ')}`);
    assert.ok(
      scripts.some((src) => decodeURIComponent(src).includes(join(installed(), 'media', 'webview.js'))),
      `the webview's script comes from ${installed()}: ${scripts.join(', ')}`,
    );
    // The extension host activated it from there, and no development extension was loaded.
    const logs = filesUnder(dirs.userData).filter((f) => /exthost\.log$/.test(f)).map((f) => readFileSync(join(dirs.userData, f), 'utf8')).join('\n');
    const activation = new RegExp(`ExtensionService#_doActivateExtension ${EXTENSION_ID.replace('.', '\\.')}\\b.*`);
    assert.match(logs, activation, 'the extension host log shows its activation');
    t.diagnostic(`extension host log: ${logs.match(activation)[0]}`);
    assert.doesNotMatch(logs, /extensionDevelopmentPath|development extension/i);
  });
});
