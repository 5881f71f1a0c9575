// The heatmap as a user meets it, in real VS Code (code-server 4.100.3) driven through Debian's Chromium: open the
// model, run "Threat Overlap: Show Coverage Heatmap" from the palette, check the webview's cells against the CLI's
// JSON (the same engine) with a gap in view in the narrow panel (the tactics all not applicable collapsed), click a
// gap and reveal it in the model, toggle a filter, switch to the dark and the high-contrast theme, reload the window
// and get the panel back with its view state (tactic columns opened and folded included).
// Gap triage: the run's copy of the model is triaged as of a fixed date (policy.asOf) with the sector intelligence
// dated within a year of it, so the outcomes (marks, classes, headline) are those of the CLI's JSON whatever today is.
// Screenshots: test-results/workbench-heatmap-{light,dark,high-contrast,reloaded}.png.
// Run: npm run build && node --test test/e2e/workbench-heatmap.test.mjs  (needs .tools/code-server, see scripts/)
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, freePort, startCodeServer, workbenchUrl } from '../../scripts/lib/code-server.mjs';
import { ROOT } from '../../scripts/build-integration.mjs';
import { createRunDirs, hostEnv, removeRunDirs, stixDir } from '../../scripts/lib/harness.mjs';
import { heatmapCellsDrawn, openQuickInput, quickOpenFile, runFromPalette } from '../../scripts/lib/workbench.mjs';

const RESULTS = join(ROOT, 'test-results');
const TIMEOUT = 60_000;
const AS_OF = '2026-12-03';
/** The mark each outcome shows in a cell (written here apart from the webview's code). */
const MARKS = { act: '‼', attend: '!', 'track*': '✱', track: '–' };

describe('heatmap in the VS Code workbench', { timeout: 10 * 60_000 }, () => {
  let dirs;
  let server;
  let browser;
  let page;
  let webview;
  let report;
  const folder = () => join(dirs.workspace, 'heatmap');
  const model = () => join(folder(), 'payments.threatmodel.yaml');

  const modelTab = () => page.locator('.tab', { hasText: 'payments.threatmodel.yaml' }).first();
  /** Opens a quick input with `press` from the model's editor (keys pressed in the webview stay in its iframe). */
  const openInput = (press, input) => openQuickInput(page, press, input, { focusTarget: modelTab(), timeout: TIMEOUT });
  /** Runs a command from the palette (F1), as a user does. */
  const palette = (title) => runFromPalette(page, title, { focusTarget: modelTab(), timeout: TIMEOUT });

  /** Waits for the webview's cells; when they never come, keeps a screenshot and the run's logs for the diagnosis. */
  const matrixDrawn = () => heatmapCellsDrawn(page, webview, { dir: RESULTS, name: 'workbench-heatmap-failure', userData: dirs.userData, timeout: TIMEOUT });

  before(async () => {
    mkdirSync(RESULTS, { recursive: true });
    dirs = createRunDirs('threat-overlap-ui-');
    // The date fixed in the copy (not in the fixture other suites share): the intelligence is current as of it.
    const text = readFileSync(model(), 'utf8');
    const dated = text
      .replace('policy: { minCoverage: partial }', `policy: { minCoverage: partial, asOf: ${AS_OF} }`)
      .replace('date: 2025-06-01', 'date: 2026-10-15');
    assert.notEqual(dated, text);
    writeFileSync(model(), dated);
    mkdirSync(join(dirs.userData, 'User'), { recursive: true });
    writeFileSync(
      join(dirs.userData, 'User', 'settings.json'),
      JSON.stringify({ 'workbench.colorTheme': 'Default Light Modern', 'workbench.startupEditor': 'none', 'workbench.tips.enabled': false }),
    );
    // The data path is machine-overridable, so it belongs in the remote machine's settings (code-server keeps them in
    // Machine/settings.json). In the User file VS Code drops it in a remote window once the extension's settings are
    // registered, which raced with start-up: 1 run in 4 came up with no data.
    mkdirSync(join(dirs.userData, 'Machine'), { recursive: true });
    writeFileSync(join(dirs.userData, 'Machine', 'settings.json'), JSON.stringify({ 'threatOverlap.attackData.path': stixDir() }));
    report = JSON.parse(
      execFileSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'check', model(), '--attack-data', stixDir(), '--format', 'json', '--fail-on', 'never'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }),
    );
    server = await startCodeServer({ dirs, port: await freePort(), env: hostEnv(), logFile: join(dirs.root, 'code-server.log') });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(workbenchUrl(server, { folder: folder(), extensionDevelopmentPath: ROOT }));
    await page.locator('.monaco-workbench').waitFor({ timeout: TIMEOUT });
    webview = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    if (dirs) removeRunDirs(dirs);
  });

  it('the palette command opens the heatmap of the open model, with the engine states in its cells', async () => {
    await quickOpenFile(page, 'payments.threatmodel.yaml', { timeout: TIMEOUT });
    await palette('Threat Overlap: Show Coverage Heatmap');
    await matrixDrawn();
    const states = new Map(report.techniques.map((t) => [t.id, t.state]));
    // Tactics whose techniques are all not applicable (per the CLI's report) start as collapsed strips, without cells.
    const folded = report.tactics
      .map((t) => t.shortname)
      .filter((s) => report.techniques.filter((t) => t.tactics.includes(s)).every((t) => t.state === 'not-applicable'));
    assert.deepEqual(folded, ['reconnaissance', 'resource-development'], 'the example model on Enterprise 18.1');
    const collapsed = await webview.locator('svg.matrix g.column-header.collapsed').evaluateAll((els) => els.map((e) => e.getAttribute('data-tactic')));
    assert.deepEqual(collapsed, folded);
    const parents = report.techniques.filter((t) => !t.id.includes('.'));
    const expectedCells = parents.reduce((n, t) => n + t.tactics.filter((s) => !folded.includes(s)).length, 0);
    const drawn = await webview.locator('svg.matrix g.cell').evaluateAll((els) => els.map((e) => [e.getAttribute('data-id'), e.getAttribute('data-state')]));
    assert.equal(drawn.length, expectedCells, 'one cell per technique and open tactic, sub-techniques collapsed');
    for (const [id, state] of drawn) assert.equal(state, states.get(id), id);
    // Every gap cell shows the CLI's outcome for it, by its mark and its class.
    const outcomes = new Map(report.techniques.filter((t) => t.triage).map((t) => [t.id, t.triage.outcome]));
    assert.equal(report.triage.asOf, AS_OF);
    const gapCells = await webview.locator('svg.matrix g.cell.state-gap').evaluateAll((els) => els.map((e) => [e.getAttribute('data-id'), e.getAttribute('data-outcome'), e.querySelector('text.label')?.textContent ?? '']));
    assert.ok(gapCells.length > 0);
    for (const [id, outcome, text] of gapCells) {
      assert.equal(outcome, outcomes.get(id), id);
      assert.equal(text.replace(/^[▸▾] /, '').split(' ')[0], MARKS[outcome], `${id}: ${text}`);
    }
    const counts = Object.fromEntries(['act', 'attend', 'track*', 'track'].map((o) => [o, report.techniques.filter((t) => t.state === 'gap' && t.triage?.outcome === o).length]));
    assert.ok(counts.act > 0, `an Act gap as of ${AS_OF}`);
    assert.equal(await webview.locator('.summary .outcome-counts').textContent(), `${counts.act} Act · ${counts.attend} Attend · ${counts['track*']} Track* · ${counts.track} Track gaps · 0 accepted · as of ${AS_OF}`);
    // Beside the model the panel is narrow: the matrix comes first, the filters, overlap and legend behind a button.
    const toggle = webview.locator('.toolbar button.sidebar-toggle');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false', 'a narrow panel starts with the sidebar folded away');
    assert.equal(await webview.locator('svg.matrix g.cell').first().isVisible(), true);
    // The gaps are in view at first paint: a gap cell lies wholly inside the matrix's scroll viewport, which lies
    // inside the panel (the webview's frame in the workbench).
    const inView = await webview.locator('.matrix-scroll').evaluate((scroller) => {
      const view = scroller.getBoundingClientRect();
      const win = scroller.ownerDocument.defaultView;
      const inside = (b) => b.width > 0 && b.left >= Math.max(0, view.left) && b.right <= Math.min(win.innerWidth, view.right) && b.top >= Math.max(0, view.top) && b.bottom <= Math.min(win.innerHeight, view.bottom);
      const gaps = Array.from(scroller.querySelectorAll('g.cell.state-gap'));
      return { panel: win.innerWidth, gaps: gaps.filter((g) => inside(g.getBoundingClientRect())).length, scrollLeft: scroller.scrollLeft };
    });
    assert.ok(inView.panel < 1000, `the panel beside the model is narrow (${inView.panel} px)`);
    assert.equal(inView.scrollLeft, 0, 'nothing scrolled');
    assert.ok(inView.gaps > 0, `a gap cell is wholly in view at first paint (panel ${inView.panel} px)`);
    await page.screenshot({ path: join(RESULTS, 'workbench-heatmap-narrow.png') });
    await toggle.click();
    await webview.locator('.filters input[type=search]').waitFor({ timeout: TIMEOUT });
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    assert.equal(await webview.locator('.overlap .headline').textContent(), `${report.summary.gaps} relevant but uncovered`);
    await page.screenshot({ path: join(RESULTS, 'workbench-heatmap-light.png') });
  });

  it('clicking a gap shows its evidence; "Reveal in model" puts the cursor on the adversary line', async () => {
    const gap = report.techniques.find((t) => t.state === 'gap' && !t.id.includes('.') && t.evidence?.adversaries?.some((a) => a.location));
    assert.ok(gap, 'a gap brought in by an adversary entry');
    await webview.locator('.filters input[type=search]').fill(gap.id);
    await webview.locator(`svg.matrix g.cell[data-id="${gap.id}"]`).first().click();
    await webview.locator('.details h2', { hasText: gap.id }).waitFor({ timeout: TIMEOUT });
    await webview.locator('.details .actions button', { hasText: 'Reveal in model' }).click();
    const line = gap.evidence.adversaries.find((a) => a.location).location.line;
    await page.locator('.statusbar-item', { hasText: `Ln ${line},` }).waitFor({ timeout: TIMEOUT });
    await page.locator('.tab.active', { hasText: 'payments.threatmodel.yaml' }).waitFor({ timeout: TIMEOUT });
  });

  it('the state filter narrows the matrix to covered techniques', async () => {
    await webview.locator('.filters input[type=search]').fill('');
    await webview.locator('.filters fieldset label.state-covered input').check();
    await webview.locator('svg.matrix g.cell:not(.context)').first().waitFor({ timeout: TIMEOUT });
    const shown = await webview.locator('svg.matrix g.cell:not(.context)').evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
    assert.ok(shown.length > 0);
    assert.deepEqual([...new Set(shown)], ['covered']);
    await webview.locator('.filters fieldset label.state-covered input').uncheck();
  });

  for (const [theme, name] of [['Dark Modern', 'dark'], ['Dark High Contrast', 'high-contrast']]) {
    it(`follows the ${theme} theme (screenshot workbench-heatmap-${name}.png)`, async () => {
      const before = await webview.locator('body').evaluate((b) => b.ownerDocument.defaultView.getComputedStyle(b).backgroundColor);
      // The Color Theme picker (Ctrl+K Ctrl+T), from the model's editor.
      const input = page.locator('.quick-input-widget input[placeholder*="Theme"]');
      await openInput(async () => {
        await page.keyboard.press('Control+K');
        await page.keyboard.press('Control+T');
      }, input);
      await input.fill(theme);
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: theme }).first().waitFor({ timeout: TIMEOUT });
      await page.keyboard.press('Enter');
      await page.locator(name === 'dark' ? '.monaco-workbench.vs-dark' : '.monaco-workbench.hc-black').waitFor({ timeout: TIMEOUT });
      await webview.locator(name === 'dark' ? 'body.vscode-dark' : 'body.vscode-high-contrast').waitFor({ timeout: TIMEOUT });
      const afterBg = await webview.locator('body').evaluate((b) => b.ownerDocument.defaultView.getComputedStyle(b).backgroundColor);
      assert.notEqual(afterBg, before, 'the webview took the theme colours');
      await webview.locator('svg.matrix g.cell.state-gap').first().waitFor({ timeout: TIMEOUT });
      await page.screenshot({ path: join(RESULTS, `workbench-heatmap-${name}.png`) });
    });
  }

  it('comes back after a window reload with its view state: tactic columns, filter, expansion, labels and selection', async () => {
    const drawnCells = () =>
      webview.locator('svg.matrix:not([aria-busy])').waitFor({ timeout: TIMEOUT }).then(() =>
        webview.locator('svg.matrix g.cell').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-id')}:${e.getAttribute('data-state')}:${e.classList.contains('context')}`)),
      );
    const collapsed = await drawnCells();
    // Change what the view state persists: tactic columns opened and folded, a state filter, all sub-techniques
    // expanded, ID labels, a selected cell.
    await webview.locator('svg.matrix g.column-header[data-tactic="reconnaissance"]').click();
    await webview.locator('svg.matrix g.column-header[data-tactic="reconnaissance"][aria-expanded="true"]').waitFor({ timeout: TIMEOUT });
    await webview.locator('svg.matrix g.column-header[data-tactic="initial-access"]').focus();
    await page.keyboard.press('Enter');
    await webview.locator('svg.matrix g.column-header[data-tactic="initial-access"][aria-expanded="false"]').waitFor({ timeout: TIMEOUT });
    await webview.locator('.filters fieldset label.state-covered input').check();
    await webview.locator('.toolbar button', { hasText: 'Expand all' }).click();
    await webview.locator('.toolbar select[data-filter="labels"]').selectOption('id');
    const covered = report.techniques.find((t) => t.state === 'covered' && !t.id.includes('.'));
    assert.ok(covered, 'a covered technique to select');
    await webview.locator(`svg.matrix g.cell[data-id="${covered.id}"]`).first().click();
    await webview.locator('.details h2', { hasText: covered.id }).waitFor({ timeout: TIMEOUT });
    const before = await drawnCells();
    assert.notDeepEqual(before, collapsed, 'the view state changed what is drawn');
    assert.ok(before.some((c) => c.split(':')[0].includes('.')), 'sub-techniques are drawn (expanded)');
    assert.deepEqual([...new Set(before.filter((c) => c.endsWith(':false')).map((c) => c.split(':')[1]))], ['covered']);

    // "Developer: Reload Window", as a user reloads: the workbench saves its editors (with the webview's state) and
    // reloads the page. (A bare page.reload() is the browser's refresh, where VS Code for the web can only save what
    // its last periodic flush had: the panel came back without its state, or not at all.)
    const reloaded = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame(), timeout: TIMEOUT });
    await palette('Developer: Reload Window');
    await reloaded;
    await page.locator('.monaco-workbench').waitFor({ timeout: TIMEOUT });
    await page.locator('.tab', { hasText: 'Heatmap: Heatmap payments' }).waitFor({ timeout: TIMEOUT });
    await matrixDrawn();
    assert.deepEqual(await drawnCells(), before, 'the same cells, states and expansion as before the reload');
    assert.equal(await webview.locator('.filters fieldset label.state-covered input').isChecked(), true, 'the state filter is kept');
    assert.equal(await webview.locator('.toolbar select[data-filter="labels"]').inputValue(), 'id', 'the label mode is kept');
    const columns = await webview.locator('svg.matrix g.column-header').evaluateAll((els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-tactic'), e.getAttribute('aria-expanded')])));
    assert.equal(columns.reconnaissance, 'true', 'the column opened by the user is still open');
    assert.equal(columns['initial-access'], 'false', 'the column folded by the user is still folded');
    assert.equal(columns['resource-development'], 'false', 'the untouched column follows the data');
    await webview.locator('.details h2', { hasText: covered.id }).waitFor({ timeout: TIMEOUT });
    assert.equal(await page.locator('.tab', { hasText: 'Heatmap: Heatmap payments' }).count(), 1, 'one panel for the model, not two');
    await page.screenshot({ path: join(RESULTS, 'workbench-heatmap-reloaded.png') });
  });
});
