/**
 * The heatmap webview in Chromium with the real CSP, on the engine's result for the example model on real
 * Enterprise 18.1: cells and states against the engine's JSON, the overlap filter, keyboard navigation, details and
 * actions, the table view, exports, no CSP violations; screenshots in light, dark and high contrast (test-results/).
 * Run: npm run build && node --import tsx --test test/e2e/heatmap-webview.test.ts
 */
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { defaultViewState } from '../../src/protocol';
import { skipUnless } from '../fixtures/model/real-data';
import { allNotApplicable, MODEL_URI, openWebview, resultMessage, ROOT, type WebviewPage } from './harness';
import { chromiumSession } from './session';

const RESULTS = join(ROOT, 'test-results');
const skip = skipUnless('enterprise-attack-18.1.json');

describe('heatmap webview in Chromium', { skip }, () => {
  const session = chromiumSession(RESULTS);
  const message = skip ? undefined : resultMessage();
  const result = () => {
    assert.ok(message);
    return message.result;
  };
  const ids = (w: WebviewPage, selector: string) => w.page.locator(selector).evaluateAll((els) => els.map((e) => `${e.getAttribute('data-id')}=${e.getAttribute('data-state')}`));


  it('draws every technique of every tactic with the engine state, all sub-techniques expanded', async () => {
    const w = await openWebview(session.browser, session.url, 'light', { ...defaultViewState(MODEL_URI), allExpanded: true, sort: 'id' });
    const rendered = await w.send(message);
    // A matrix this big is drawn progressively: the grid is aria-busy until its last column is drawn.
    await w.page.locator('svg.matrix:not([aria-busy])').waitFor({ state: 'attached' });
    const r = result();
    // The tactics whose techniques are all not applicable start collapsed (heatmap-columns.test.ts): no cells there.
    const folded = new Set(allNotApplicable(r));
    assert.ok(folded.size > 0, 'the example model has tactics that are all not applicable');
    const expected = r.techniques.flatMap((t) => t.tactics.filter((s) => !folded.has(s) && r.tactics.some((x) => x.shortname === s)).map(() => `${t.id}=${t.state}`)).sort();
    const drawn = (await ids(w, 'g.cell')).sort();
    assert.equal(drawn.length, expected.length, 'one cell per technique and open tactic');
    assert.deepEqual(drawn, expected);
    assert.equal(rendered.cells, expected.length);
    assert.equal(rendered.collapsed, folded.size);
    assert.equal(rendered.states.gap, r.summary.gaps);
    assert.equal(rendered.states.covered, r.summary.covered);
    assert.equal(rendered.techniques, r.summary.total);
    assert.equal(await w.page.locator('svg.matrix g.column-header').count(), r.tactics.length);
    assert.equal(await w.page.locator('[role=grid] [role=row] [role=gridcell]').count(), expected.length, 'ARIA grid > row > gridcell');
    const gap = r.techniques.find((t) => t.state === 'gap' && !t.isSubtechnique);
    assert.ok(gap);
    const label = await w.page.locator(`g.cell[data-id="${gap.id}"]`).first().getAttribute('aria-label');
    assert.match(label ?? '', new RegExp(`^${gap.id} .*, Gap, (Act|Attend|Track\\*|Track) \\(.*\\), coverage ${gap.coverage}, used by \\d+ adversar`));
    assert.deepEqual(w.cspViolations, []);
    assert.deepEqual(w.errors, []);
    await w.page.close();
  });

  it('progressive drawing: the keyboard reaches columns that are still waiting, which are drawn on demand', async () => {
    const w = await openWebview(session.browser, session.url, 'light', { ...defaultViewState(MODEL_URI), allExpanded: true });
    await w.send(message);
    await w.page.locator('g.cell[tabindex="0"]').focus();
    const columns = result().tactics.length;
    for (let i = 1; i < columns; i++) await w.page.keyboard.press('ArrowRight');
    const focused = await w.page.evaluate(() => (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }).document.activeElement?.getAttribute('aria-colindex') ?? null);
    assert.equal(focused, String(columns), 'focus on the last tactic column');
    await w.page.locator('svg.matrix:not([aria-busy])').waitFor({ state: 'attached' });
    assert.deepEqual(w.errors, []);
    await w.page.close();
  });

  it('the overlap headline equals the gaps and filters the matrix to them; regions add up to every technique', async () => {
    const w = await openWebview(session.browser, session.url, 'light');
    await w.send(message);
    const r = result();
    assert.equal(await w.page.locator('.overlap .headline').textContent(), `${r.summary.gaps} relevant but uncovered`);
    const counts = await w.page.locator('.venn g.counts text[data-region]').allTextContents();
    const outside = Number((await w.page.locator('.overlap .outside').textContent())?.split(' ')[0]);
    assert.equal(counts.map(Number).reduce((a, b) => a + b, 0) + outside, r.summary.total);
    const rendered = w.next('rendered');
    await w.page.locator('.overlap .headline').click();
    const after = await rendered;
    assert.equal(after.techniques, r.summary.gaps);
    const states = new Set((await ids(w, 'g.cell:not(.context)')).map((s) => s.split('=')[1]));
    assert.deepEqual([...states], ['gap']);
    const covered = w.next('rendered');
    // Click where the centre region's count is drawn: the clipped region shapes must catch it (the count does not).
    const box = await w.page.locator('.venn g.counts text[data-region="ASC"]').boundingBox();
    assert.ok(box);
    await w.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    assert.equal((await covered).techniques, r.techniques.filter((t) => t.adversary && t.applicable && t.state === 'covered').length);
    assert.equal(await w.page.locator('.venn circle.region-ASC').getAttribute('aria-pressed'), 'true');
    await w.page.close();
  });

  it('keyboard: arrows move between cells, Enter shows the evidence, Escape closes it; actions are host messages', async () => {
    const w = await openWebview(session.browser, session.url, 'dark');
    await w.send(message);
    const first = w.page.locator('g.cell[tabindex="0"]');
    assert.equal(await first.count(), 1, 'one roving tab stop');
    await first.focus();
    const focusedId = () => w.page.evaluate(() => (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }).document.activeElement?.getAttribute('data-id') ?? null);
    const start = await focusedId();
    // The first column with cells (the tactics all not applicable before it are collapsed and have none).
    const firstColumn = Number(await first.getAttribute('aria-colindex'));
    assert.equal(firstColumn, allNotApplicable(result()).length + 1, 'the tab stop is in the first open column');
    const column = w.page.locator(`svg.matrix g.cell[aria-colindex="${firstColumn}"]`);
    assert.equal(start, await column.nth(0).getAttribute('data-id'));
    await w.page.keyboard.press('ArrowDown');
    assert.equal(await focusedId(), await column.nth(1).getAttribute('data-id'));
    await w.page.keyboard.press('ArrowRight');
    assert.equal(await focusedId(), await w.page.locator(`svg.matrix g.cell[aria-colindex="${firstColumn + 1}"]`).nth(1).getAttribute('data-id'));
    const id = await focusedId();
    const selected = w.next('rendered');
    await w.page.keyboard.press('Enter');
    await selected;
    assert.match((await w.page.locator('.details h2').textContent()) ?? '', new RegExp(`^${id} `));
    const since = w.posted.length;
    await w.page.locator('.details button', { hasText: 'Open in ATT&CK' }).click();
    const open = await w.next('openAttack', since);
    assert.match(open.url, /^https:\/\/attack\.mitre\.org\/techniques\/T\d{4}/);
    await w.page.locator(`g.cell[data-id="${id}"]`).first().focus();
    const closed = w.next('rendered');
    await w.page.keyboard.press('Escape');
    await closed;
    assert.equal(await w.page.locator('.details h2').count(), 0, 'details closed');
    assert.equal(await focusedId(), id, 'focus back on the cell');
    await w.page.close();
  });

  it('Reveal sends the line of the adversary that brought the technique in; Exclude asks the host', async () => {
    const w = await openWebview(session.browser, session.url, 'light');
    await w.send(message);
    const gap = result().techniques.find((t) => t.state === 'gap' && t.adversaries.some((a) => a.source));
    assert.ok(gap);
    const shown = w.next('rendered');
    await w.page.locator('#search, .filters input[type=search]').fill(gap.id);
    await shown;
    await w.page.locator(`g.cell[data-id="${gap.id}"]`).first().click();
    const since = w.posted.length;
    await w.page.locator('.details .actions button', { hasText: 'Reveal in model' }).click();
    const reveal = await w.next('reveal', since);
    const source = gap.adversaries.find((a) => a.source)?.source;
    assert.deepEqual({ file: reveal.file, line: reveal.line }, { file: source?.file, line: source?.range.start.line });
    await w.page.locator('.details button', { hasText: 'Exclude with reason…' }).click();
    assert.deepEqual(await w.next('exclude', since), { type: 'exclude', techniqueId: gap.id });
    await w.page.close();
  });

  it('table view: the same techniques as rows; exports SVG and PNG through the host', async () => {
    const w = await openWebview(session.browser, session.url, 'light');
    await w.send(message);
    const toTable = w.next('rendered');
    await w.page.locator('.toolbar button', { hasText: 'Table' }).click();
    const r = result();
    assert.equal((await toTable).cells, r.techniques.length);
    const rows = await w.page.locator('table.techniques tbody tr').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-id')}=${e.className.split(' ')[0]}`));
    assert.deepEqual(rows.sort(), r.techniques.map((t) => `${t.id}=state-${t.state}`).sort());
    let since = w.posted.length;
    await w.page.locator('.toolbar button', { hasText: 'SVG' }).click();
    const svg = await w.next('saveExport', since);
    assert.equal(svg.format, 'svg');
    assert.match(svg.data, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.ok(svg.data.includes('fill="rgb(213, 94, 0)"'), 'gap cells carry their colour');
    // The export is the view as it is: a collapsed tactic is its strip, with its name and technique count.
    const folded = r.tactics.filter((t) => allNotApplicable(r).includes(t.shortname));
    assert.ok(folded.length > 0);
    for (const t of folded) {
      const strip = new RegExp(`<g class="column-header collapsed"[^>]*aria-label="${t.name}: (\\d+) techniques, all not applicable, collapsed[^"]*"[^>]*>.*?<text class="tactic-name"[^>]*>${t.name}</text><text class="tactic-count"[^>]*>(\\d+)</text>`);
      const match = strip.exec(svg.data);
      assert.ok(match, `the SVG export has the collapsed ${t.name} strip`);
      const count = String(r.techniques.filter((x) => !x.isSubtechnique && x.tactics.includes(t.shortname)).length);
      assert.deepEqual([match[1], match[2]], [count, count]);
    }
    since = w.posted.length;
    await w.page.locator('.toolbar button', { hasText: 'PNG' }).click();
    const png = await w.next('saveExport', since);
    assert.match(png.data.slice(0, 40), /^data:image\/png;base64,/);
    assert.deepEqual(w.cspViolations, [], 'the PNG export stays inside the CSP');
    await w.page.close();
  });

  it('table headers sort their column (ascending, descending, toolbar order again), announced by aria-sort', async () => {
    const w = await openWebview(session.browser, session.url, 'light', { ...defaultViewState(MODEL_URI), view: 'table', sort: 'id' });
    await w.send(message);
    const rowIds = () => w.page.locator('table.techniques tbody tr').evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''));
    const stateHeader = w.page.locator('table.techniques thead th', { has: w.page.locator('button[data-column="state"]') });
    const toolbarOrder = await rowIds();
    const stateOf = new Map(result().techniques.map((t) => [t.id, t.state]));
    const order = ['gap', 'covered', 'applicable', 'not-applicable', 'excluded'];
    const rank = (id: string) => order.indexOf(stateOf.get(id) ?? '');
    let r = w.next('rendered');
    await w.page.locator('button.sort[data-column="state"]').click();
    await r;
    assert.equal(await stateHeader.getAttribute('aria-sort'), 'ascending');
    const up = await rowIds();
    assert.deepEqual(up.map(rank), [...up.map(rank)].sort((a, b) => a - b), 'gaps first, excluded last');
    assert.deepEqual(up.filter((id) => stateOf.get(id) === 'gap'), toolbarOrder.filter((id) => stateOf.get(id) === 'gap'), 'ties keep the toolbar order');
    r = w.next('rendered');
    await w.page.locator('button.sort[data-column="state"]').click();
    await r;
    assert.equal(await stateHeader.getAttribute('aria-sort'), 'descending');
    assert.equal(stateOf.get((await rowIds())[0] ?? ''), 'excluded');
    r = w.next('rendered');
    await w.page.locator('button.sort[data-column="state"]').click();
    await r;
    assert.equal(await stateHeader.getAttribute('aria-sort'), null);
    assert.deepEqual(await rowIds(), toolbarOrder);
    assert.match((await w.page.locator('table.techniques caption').textContent()) ?? '', /techniques \(ATT&CK/);
    await w.page.close();
  });

  it('a narrow panel starts with the matrix: filters, overlap and legend fold away behind the Filters button', async () => {
    const w = await openWebview(session.browser, session.url, 'light');
    await w.send(message);
    const toggle = w.page.locator('.toolbar button.sidebar-toggle');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true', 'a wide panel shows the sidebar');
    let r = w.next('rendered');
    await w.page.setViewportSize({ width: 800, height: 900 });
    await r;
    assert.equal(await w.page.locator('.sidebar').isVisible(), false, 'hidden in a narrow panel');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    const top = (await w.page.locator('svg.matrix').boundingBox())?.y ?? Infinity;
    assert.ok(top < 250, `the matrix starts in view (at y = ${top})`);
    await w.page.screenshot({ path: join(RESULTS, 'heatmap-narrow.png') });
    r = w.next('rendered');
    await toggle.click();
    await r;
    assert.equal(await w.page.locator('.sidebar').isVisible(), true);
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    r = w.next('rendered');
    await w.page.locator('.filters fieldset label.state-gap input').check();
    await r;
    r = w.next('rendered');
    const since = w.posted.length;
    await toggle.click();
    await r;
    assert.equal(await toggle.textContent(), 'Filters (1)', 'the hidden filter still shows on the button');
    assert.match((await toggle.getAttribute('aria-label')) ?? '', /Show filters, overlap and legend \(1 filters active\)/);
    const saved = await w.next('viewState', since);
    assert.equal(saved.state.sidebar, 'hidden', 'the choice is part of the view state');
    await w.page.close();
  });

  it('the tactic headers stay at the top while the matrix scrolls, and exports draw them at the top', async () => {
    const w = await openWebview(session.browser, session.url, 'light', { ...defaultViewState(MODEL_URI), allExpanded: true });
    await w.send(message);
    await w.page.locator('svg.matrix:not([aria-busy])').waitFor();
    const scroller = w.page.locator('.matrix-scroll');
    await scroller.evaluate((el) => {
      el.scrollTop = 1500;
      el.dispatchEvent(new Event('scroll'));
    });
    const box = await scroller.boundingBox();
    const header = await w.page.locator('g.headers rect.header-bg').boundingBox();
    assert.ok(box && header, 'scroller and header are laid out');
    assert.ok(Math.abs(header.y - box.y) < 2, `header at the scroller's top (${header.y} vs ${box.y})`);
    const covering = await w.page.locator('g.headers').evaluate((g, [x, y]) => g.ownerDocument.elementFromPoint(x, y)?.closest('g.headers') === g, [header.x + 20, header.y + 10] as const);
    assert.equal(covering, true, 'the header row paints over the cells scrolled under it');
    const since = w.posted.length;
    await w.page.locator('.toolbar button', { hasText: 'SVG' }).click();
    const svg = await w.next('saveExport', since);
    assert.match(svg.data, /<g class="headers"(?![^>]*transform)[^>]*>/, 'the exported header row is not moved');
    await w.page.close();
  });

  it('an update after an edit keeps filters, expansion and selection; invalid host messages are ignored', async () => {
    const w = await openWebview(session.browser, session.url, 'light');
    await w.send(message);
    const parent = result().techniques.find((t) => !t.isSubtechnique && result().techniques.some((s) => s.parentId === t.id));
    assert.ok(parent);
    let r = w.next('rendered');
    // The ▸ at the left edge of a parent cell toggles its sub-techniques.
    await w.page.locator(`g.cell[data-id="${parent.id}"] rect.bg`).first().click({ position: { x: 5, y: 12 } });
    await r;
    const subs = await w.page.locator(`g.cell.sub[data-id^="${parent.id}."]`).count();
    assert.ok(subs > 0, 'sub-techniques expanded');
    r = w.next('rendered');
    await w.page.locator(`g.cell[data-id="${parent.id}"] rect.bg`).first().click({ position: { x: 60, y: 12 } });
    await r;
    const before = w.posted.length;
    await w.page.evaluate(() => (globalThis as unknown as { postMessage(m: unknown, o: string): void }).postMessage({ type: 'result', result: { bogus: true } }, '*'));
    const edited = { ...message, result: { ...result(), techniques: result().techniques.map((t) => (t.id === parent.id ? { ...t, state: 'excluded' as const } : t)) } };
    await w.send(edited);
    assert.equal(w.posted.slice(before).filter((m) => m.type === 'rendered').length, 1, 'the invalid message drew nothing');
    assert.equal(await w.page.locator(`g.cell.sub[data-id^="${parent.id}."]`).count(), subs, 'still expanded');
    assert.equal(await w.page.locator(`g.cell[data-id="${parent.id}"]`).first().getAttribute('data-state'), 'excluded');
    assert.match((await w.page.locator('.details h2').textContent()) ?? '', new RegExp(`^${parent.id} `), 'still selected');
    await w.page.close();
  });

  for (const theme of ['light', 'dark', 'high-contrast'] as const) {
    it(`screenshot in the ${theme} theme`, async () => {
      const w = await openWebview(session.browser, session.url, theme);
      await w.send(message);
      const gap = result().prioritizedGaps[0];
      assert.ok(gap);
      const r = w.next('rendered');
      await w.page.locator(`g.cell[data-id="${gap}"]`).first().click();
      await r;
      await w.page.screenshot({ path: join(RESULTS, `heatmap-${theme}.png`) });
      assert.deepEqual(w.cspViolations, []);
      await w.page.close();
    });
  }
});
