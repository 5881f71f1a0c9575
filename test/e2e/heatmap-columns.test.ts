/**
 * The heatmap's first view in Chromium with the real CSP: tactics whose techniques are all not applicable start as
 * collapsed strips so that the gaps are in view at the width of a panel beside the model; a click, Enter or Space
 * opens or folds a column; the user's choice survives updates and a reload, an untouched column follows the data;
 * every tactic not applicable shows them all; ICS and mobile. Screenshots: test-results/heatmap-first-view-*.png.
 * Run: npm run build && node --import tsx --test test/e2e/heatmap-columns.test.ts
 */
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { ColumnChoice, HeatmapViewState } from '../../src/protocol';
import { defaultViewState } from '../../src/protocol';
import { skipUnless } from '../fixtures/model/real-data';
import { allNotApplicable, exampleInput, MODEL_URI, openWebview, resultMessage, ROOT, type WebviewPage } from './harness';
import { chromiumSession } from './session';

const RESULTS = join(ROOT, 'test-results');
const skip = skipUnless('enterprise-attack-18.1.json', 'mobile-attack-18.1.json', 'ics-attack-18.1.json');
/** About the width of the heatmap beside the model in the workbench test (a 1600 px window). */
const PANEL = { width: 620, height: 800 };

/** Tactic shortnames of the collapsed column headers, in column order. */
const collapsedHeaders = (w: WebviewPage) => w.page.locator('g.column-header.collapsed').evaluateAll((els) => els.map((e) => e.getAttribute('data-tactic') ?? ''));
const header = (w: WebviewPage, tactic: string) => w.page.locator(`g.column-header[data-tactic="${tactic}"]`);
/** Cells drawn in a tactic's column (by the header's column index). */
async function cellsIn(w: WebviewPage, tactic: string): Promise<number> {
  const index = await header(w, tactic).getAttribute('aria-colindex');
  return w.page.locator(`g.cell[aria-colindex="${index}"]`).count();
}
/** Gap cells wholly inside the matrix's scroll viewport. */
async function gapsInView(w: WebviewPage): Promise<number> {
  const view = await w.page.locator('.matrix-scroll').boundingBox();
  assert.ok(view, 'the scroller is laid out');
  const boxes = await w.page.locator('g.cell.state-gap').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((b) => ({ left: b.left, right: b.right, top: b.top, bottom: b.bottom, width: b.width })));
  return boxes.filter((b) => b.width > 0 && b.left >= view.x && b.right <= view.x + view.width && b.top >= view.y && b.bottom <= view.y + view.height).length;
}

describe('heatmap first view: tactic columns all not applicable start collapsed', { skip }, () => {
  const session = chromiumSession(RESULTS);
  const input = skip ? undefined : exampleInput();
  const message = input ? resultMessage(input) : undefined;
  const result = () => {
    assert.ok(message);
    return message.result;
  };
  const parentsOf = (tactic: string) => result().techniques.filter((t) => !t.isSubtechnique && t.tactics.includes(tactic)).length;


  it('the example model: the collapsed set is the engine’s all-not-applicable tactics, and gaps are in view at a panel’s width', async () => {
    const folded = allNotApplicable(result());
    assert.deepEqual(folded, result().tactics.slice(0, folded.length).map((t) => t.shortname), 'the first columns of the matrix');
    assert.ok(folded.length >= 2, `Reconnaissance and Resource Development at least (${folded.join(', ')})`);
    // Every column opened by choice is the layout before this feature: the gaps start off-screen.
    const all: Record<string, ColumnChoice> = Object.fromEntries(result().tactics.map((t) => [t.shortname, 'open']));
    const old = await openWebview(session.browser, session.url, 'light', { ...defaultViewState(MODEL_URI), columns: all });
    await old.page.setViewportSize(PANEL);
    await old.send(message);
    assert.deepEqual(await collapsedHeaders(old), []);
    assert.equal(await gapsInView(old), 0, 'with every column open no gap cell is wholly in view');
    await old.page.screenshot({ path: join(RESULTS, 'heatmap-first-view-all-open.png') });
    await old.page.close();

    const w = await openWebview(session.browser, session.url, 'light');
    await w.page.setViewportSize(PANEL);
    const rendered = await w.send(message);
    assert.deepEqual(await collapsedHeaders(w), folded);
    assert.equal(rendered.collapsed, folded.length);
    assert.ok((await gapsInView(w)) > 0, 'a gap cell is wholly in view at first paint');
    for (const tactic of folded) {
      const name = result().tactics.find((t) => t.shortname === tactic)?.name;
      const h = header(w, tactic);
      assert.equal(await h.getAttribute('aria-label'), `${name}: ${parentsOf(tactic)} techniques, all not applicable, collapsed; press Enter to expand`);
      assert.equal(await h.getAttribute('aria-expanded'), 'false');
      assert.equal(await h.getAttribute('tabindex'), '0', 'a collapsed header is in the Tab order');
      assert.equal(await h.locator('text.tactic-name').textContent(), name, 'the strip names its tactic');
      assert.equal(await h.locator('text.tactic-count').textContent(), String(parentsOf(tactic)));
      assert.equal(await cellsIn(w, tactic), 0);
      const box = await h.locator('rect.strip').boundingBox();
      assert.ok(box && box.width < 40, `a narrow strip (${box?.width} px)`);
    }
    assert.equal(rendered.techniques, result().techniques.filter((t) => !t.isSubtechnique).length, 'the folded techniques still count');
    for (const theme of ['light', 'dark', 'high-contrast'] as const) {
      const t = await openWebview(session.browser, session.url, theme);
      await t.page.setViewportSize(PANEL);
      await t.send(message);
      await t.page.screenshot({ path: join(RESULTS, `heatmap-first-view-${theme}.png`) });
      assert.deepEqual(t.cspViolations, []);
      await t.page.close();
    }
    assert.deepEqual(w.errors, []);
    await w.page.close();
  });

  it('a click opens a collapsed column; Enter and Space on its header fold and open it; Up from a first cell reaches the header', async () => {
    const [first, second] = allNotApplicable(result());
    assert.ok(first && second);
    const w = await openWebview(session.browser, session.url, 'light');
    await w.send(message);
    let since = w.posted.length;
    await header(w, first).locator('rect.strip').click({ position: { x: 10, y: 200 } });
    const opened = await w.next('viewState', since);
    assert.deepEqual(opened.state.columns, { [first]: 'open' });
    await w.next('rendered', since);
    assert.equal(await cellsIn(w, first), parentsOf(first), 'the opened column draws its techniques');
    assert.equal(await header(w, first).getAttribute('aria-expanded'), 'true');
    assert.match((await header(w, first).getAttribute('aria-label')) ?? '', /; press Enter to collapse$/);

    await header(w, second).focus();
    since = w.posted.length;
    await w.page.keyboard.press('Enter');
    assert.deepEqual((await w.next('viewState', since)).state.columns, { [first]: 'open', [second]: 'open' });
    assert.equal(await cellsIn(w, second), parentsOf(second));
    const focused = () => w.page.evaluate(() => (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }).document.activeElement?.getAttribute('data-tactic') ?? null);
    assert.equal(await focused(), second, 'focus stays on the header');
    since = w.posted.length;
    await w.page.keyboard.press(' ');
    assert.deepEqual((await w.next('viewState', since)).state.columns, { [first]: 'open', [second]: 'collapsed' });
    assert.equal(await cellsIn(w, second), 0);

    // From the first cell of the opened column, Up goes to its header; Enter folds it again.
    await w.page.locator(`g.cell[aria-colindex="${await header(w, first).getAttribute('aria-colindex')}"]`).first().focus();
    await w.page.keyboard.press('ArrowUp');
    assert.equal(await focused(), first);
    since = w.posted.length;
    await w.page.keyboard.press('Enter');
    assert.deepEqual((await w.next('viewState', since)).state.columns, { [first]: 'collapsed', [second]: 'collapsed' });
    assert.deepEqual(await collapsedHeaders(w), [first, second]);
    await w.page.keyboard.press('ArrowRight');
    assert.equal(await focused(), second, 'left/right move between headers, collapsed ones included');
    assert.deepEqual(w.errors, []);
    await w.page.close();
  });

  it('after an edit a column the user never touched follows the data, one they touched keeps their choice; both survive a reload', async () => {
    const [first, second] = allNotApplicable(result());
    assert.ok(input && first && second);
    // The edit: a component on the PRE platform, which the techniques of both tactics name (per the engine).
    const edited = resultMessage({ ...input, components: [...input.components, { id: 'osint', name: 'Public footprint', platforms: ['PRE'], assets: [] }] });
    const stillFolded = allNotApplicable(edited.result);
    assert.ok(!stillFolded.includes(first) && !stillFolded.includes(second), `the edit makes both applicable (${stillFolded.join(', ')})`);

    const w = await openWebview(session.browser, session.url, 'light');
    await w.send(message);
    // Touch the second column: open it and fold it again (the same as its default, but now the user's choice).
    let r = w.next('rendered');
    await header(w, second).locator('rect.strip').click({ position: { x: 10, y: 200 } });
    await r;
    r = w.next('rendered');
    await header(w, second).locator('rect.strip').click({ position: { x: 10, y: 10 } });
    await r;
    assert.deepEqual(await collapsedHeaders(w), [first, second]);
    await w.send(edited);
    assert.deepEqual(await collapsedHeaders(w), [second], `untouched ${first} opens with the data; touched ${second} stays folded`);
    assert.equal(await cellsIn(w, first), edited.result.techniques.filter((t) => !t.isSubtechnique && t.tactics.includes(first)).length);
    await w.send(message);
    assert.deepEqual(await collapsedHeaders(w), [first, second], `${first} follows the data back`);
    // Open the first one: it stays open on the next update though all its techniques are not applicable again.
    const since = w.posted.length;
    await header(w, first).locator('rect.strip').click({ position: { x: 10, y: 200 } });
    const saved = (await w.next('viewState', since)).state;
    await w.send(message);
    assert.deepEqual(await collapsedHeaders(w), [second]);
    assert.deepEqual(saved.columns, { [first]: 'open', [second]: 'collapsed' });
    await w.page.close();

    // A reload: VS Code gives the new webview the state it saved (getState / the panel serializer).
    const reloaded = await openWebview(session.browser, session.url, 'light', saved as HeatmapViewState);
    await reloaded.send(edited);
    assert.deepEqual(await collapsedHeaders(reloaded), [second], 'the touched column is still folded after the reload, though applicable now');
    await reloaded.send(message);
    assert.deepEqual(await collapsedHeaders(reloaded), [second], 'the opened one is still open');
    await reloaded.page.close();
  });

  it('filters: a search for a folded technique opens its column, a gap filter leaves it folded; the table shows every technique', async () => {
    const [first] = allNotApplicable(result());
    assert.ok(first);
    const hidden = result().techniques.find((t) => !t.isSubtechnique && t.tactics.length === 1 && t.tactics[0] === first);
    assert.ok(hidden);
    const w = await openWebview(session.browser, session.url, 'light', { ...defaultViewState(MODEL_URI), sidebar: 'shown' });
    await w.send(message);
    let r = w.next('rendered');
    await w.page.locator('.filters input[type=search]').fill(hidden.id);
    await r;
    assert.equal(await w.page.locator(`g.cell[data-id="${hidden.id}"]`).count(), 1, 'the match is drawn');
    assert.equal(await header(w, first).getAttribute('aria-expanded'), 'true');
    r = w.next('rendered');
    await w.page.locator('.filters input[type=search]').fill('');
    await r;
    assert.equal(await header(w, first).getAttribute('aria-expanded'), 'false', 'folded again without the search');
    r = w.next('rendered');
    await w.page.locator('.filters fieldset label.state-gap input').check();
    await r;
    assert.deepEqual(await collapsedHeaders(w), allNotApplicable(result()));
    r = w.next('rendered');
    await w.page.locator('.filters fieldset label.state-gap input').uncheck();
    await r;
    r = w.next('rendered');
    await w.page.locator('.toolbar button', { hasText: 'Table' }).click();
    assert.equal((await r).techniques, result().techniques.length, 'the table has every technique');
    assert.equal(await w.page.locator(`table.techniques tbody tr[data-id="${hidden.id}"]`).count(), 1);
    await w.page.close();
  });

  it('every tactic not applicable (the example model on the mobile matrix): every column is shown, none collapsed', async () => {
    assert.ok(input);
    const mobile = resultMessage(input, 'mobile-attack-18.1.json');
    assert.ok(mobile.result.techniques.every((t) => t.state === 'not-applicable' || t.state === 'excluded'), 'no Android or iOS in the stack');
    assert.deepEqual(allNotApplicable(mobile.result), []);
    const w = await openWebview(session.browser, session.url, 'light');
    const rendered = await w.send(mobile);
    assert.deepEqual(await collapsedHeaders(w), []);
    assert.equal(rendered.collapsed, 0);
    for (const t of mobile.result.tactics) assert.equal(await cellsIn(w, t.shortname), mobile.result.techniques.filter((x) => !x.isSubtechnique && x.tactics.includes(t.shortname)).length, t.shortname);
    await w.page.close();
  });

  it('ICS: a stack with only an HMI folds the tactics whose techniques target no HMI, wherever they are in the matrix', async () => {
    assert.ok(input);
    const ics = resultMessage({ ...input, components: [{ id: 'hmi', name: 'Operator HMI', platforms: [], assets: ['HMI'] }] }, 'ics-attack-18.1.json');
    const folded = allNotApplicable(ics.result);
    assert.ok(folded.length > 0 && folded.length < ics.result.tactics.length, `some tactics fold (${folded.join(', ')})`);
    const w = await openWebview(session.browser, session.url, 'light');
    await w.page.setViewportSize(PANEL);
    await w.send(ics);
    assert.deepEqual(await collapsedHeaders(w), folded);
    for (const t of ics.result.tactics) {
      const expected = folded.includes(t.shortname) ? 0 : ics.result.techniques.filter((x) => !x.isSubtechnique && x.tactics.includes(t.shortname)).length;
      assert.equal(await cellsIn(w, t.shortname), expected, t.shortname);
    }
    await w.page.screenshot({ path: join(RESULTS, 'heatmap-first-view-ics.png') });
    assert.deepEqual(w.errors, []);
    await w.page.close();
  });
});
