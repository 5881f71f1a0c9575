/**
 * Robustness, webview (Chromium): XSS payloads in every string the heatmap shows — ATT&CK names, tactic names and
 * platforms, and every user string (model name, component ids and names, adversary labels, control ids, exclusion
 * reasons, file paths, the search box, status messages) — must render as text: 0 injected nodes, 0 CSP violations,
 * 0 console errors, in the matrix, details, table, filters and the SVG export. `javascript:` URLs posted by "Open in
 * ATT&CK" are dropped by the host's validator. Run: npm run build && node --import tsx --test test/e2e/robustness-webview.test.ts
 */
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import type { TechniqueResult } from '../../src/core/coverage/types';
import { defaultViewState, isFromWebviewMessage, type ResultMessage } from '../../src/protocol';
import { skipUnless } from '../fixtures/model/real-data';
import { launchChromium, MODEL_URI, openWebview, resultMessage, serveWebview, type WebviewPage } from './harness';

/** Each tries to run `window.__xss++` (or to load something) if it were ever parsed as markup or followed as a link. */
export const PAYLOADS = [
  '<img src=x onerror="window.__xss=(window.__xss||0)+1">',
  '</script><script>window.__xss=(window.__xss||0)+1</script>',
  '"><svg onload="window.__xss=(window.__xss||0)+1">',
  "'><iframe src=\"javascript:parent.__xss=(parent.__xss||0)+1\"></iframe>",
  '<a href="javascript:window.__xss=(window.__xss||0)+1">click</a>',
  '[click me](javascript:window.__xss=(window.__xss||0)+1)',
  'javascript:window.__xss=(window.__xss||0)+1',
  '<style>*{background:url(https://evil.example/x)}</style><link rel=stylesheet href=https://evil.example/x.css>',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>',
  '&lt;img src=x onerror=window.__xss=1&gt; {{constructor.constructor("window.__xss=1")()}} ${window.__xss=1}',
];
/** Strings that carry structure rather than text (left alone so the result stays valid and joins still work). */
const STRUCTURAL = new Set([
  'id', 'parentId', 'url', 'state', 'coverage', 'level', 'via', 'domain', 'version', 'minCoverage', 'type', 'modelUri', 'prioritizedGaps',
  // Triage: decision point values, outcomes, control statuses, dates and the IDs a next best pick closes.
  'value', 'computed', 'outcome', 'status', 'until', 'asOf', 'closes', 'from',
  // Assurance: a test's date, method, result and technique, a claim's claimed level.
  'date', 'method', 'result', 'technique', 'claimed',
]);

let counter = 0;
const poison = (s: string) => `${s} ${PAYLOADS[(s.length + counter++) % PAYLOADS.length]}`;
const memo = new Map<string, string>();
/** The same input string always gets the same payload, so ids used as keys on both sides still match. */
const poisonOnce = (s: string) => memo.get(s) ?? (memo.set(s, poison(s)), memo.get(s)!);

function poisonDeep(v: unknown, key: string): unknown {
  if (typeof v === 'string') return STRUCTURAL.has(key) ? v : poisonOnce(v);
  if (Array.isArray(v)) return v.map((e) => poisonDeep(e, key));
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, e]) => [k, poisonDeep(e, k)]));
  return v;
}

/** The example's real result with a payload appended to every displayed string and `javascript:` technique URLs. */
function poisonedMessage(clean: ResultMessage): ResultMessage {
  const m = poisonDeep(clean, '') as ResultMessage;
  return {
    ...m,
    components: m.components.map((c) => ({ id: poisonOnce(c.id), label: c.label })),
    result: { ...m.result, techniques: m.result.techniques.map((t, i) => (i % 2 === 0 ? { ...t, url: 'javascript:window.__xss=(window.__xss||0)+1' } : t)) },
  };
}

/**
 * Counts, in the live document, of everything a successful injection would have added. A string, because functions
 * compiled by tsx reference helpers (`__name`) that do not exist in the page.
 */
const CENSUS = `(() => {
  const d = document;
  const all = [...d.querySelectorAll('*')];
  const js = (e) => ['href', 'src', 'xlink:href', 'action', 'formaction', 'data'].some((a) => /^\\s*javascript:/i.test(e.getAttribute(a) ?? ''));
  return {
    scripts: d.querySelectorAll('script').length,
    images: d.querySelectorAll('img, image, picture, video, audio, source').length,
    frames: d.querySelectorAll('iframe, frame, object, embed, foreignObject').length,
    styles: d.querySelectorAll('style, link:not([rel=stylesheet][href$="/media/webview.css"])').length,
    links: d.querySelectorAll('a, area, base, form, meta[http-equiv=refresh]').length,
    javascriptUrls: all.filter(js).length,
    handlers: all.filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name))).length,
    executed: window.__xss ?? 0,
  };
})()`;
const census = (w: WebviewPage) => w.page.evaluate(CENSUS);
/** The same counts for an exported SVG, parsed as an SVG document. */
const SVG_CENSUS = (data: string) => `(() => {
  const doc = new DOMParser().parseFromString(${JSON.stringify(data)}, 'image/svg+xml');
  const all = [...doc.querySelectorAll('*')];
  return {
    parseError: doc.querySelector('parsererror') !== null,
    active: doc.querySelectorAll('script, foreignObject, iframe, image, a, style').length,
    handlers: all.filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name))).length,
    javascriptUrls: all.filter((e) => [...e.attributes].some((a) => /^\\s*javascript:/i.test(a.value))).length,
  };
})()`;
const NOTHING_INJECTED = { scripts: 1, images: 0, frames: 0, styles: 0, links: 0, javascriptUrls: 0, handlers: 0, executed: 0 };

const skip = skipUnless('enterprise-attack-18.1.json');

describe('robustness: XSS payloads in the heatmap webview (Chromium, real CSP)', { skip }, () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveWebview>>;
  let message: ResultMessage;
  const consoleErrors: string[] = [];
  const figures: string[] = [];

  before(async () => {
    server = await serveWebview();
    browser = await launchChromium();
    message = poisonedMessage(resultMessage());
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    for (const f of figures) console.log(`# ${f}`);
  });

  const open = async (selected = '', view: 'matrix' | 'table' = 'matrix') => {
    const w = await openWebview(browser, server.url, 'dark', { ...defaultViewState(MODEL_URI), allExpanded: true, labels: 'both', selected, view });
    // Chromium asks the test server for /favicon.ico (a webview in VS Code does not); every other error counts.
    w.page.on('console', (m) => void (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico') && consoleErrors.push(`${m.text()} ${m.location().url}`)));
    const started = performance.now();
    await w.send(message);
    figures.push(`render of the poisoned result (${view}${selected ? `, ${selected} selected` : ''}): ${(performance.now() - started).toFixed(0)} ms`);
    return w;
  };
  const clean = async (w: WebviewPage, where: string) => {
    assert.deepEqual(await census(w), NOTHING_INJECTED, `${where}: nothing injected`);
    assert.deepEqual(w.cspViolations, [], `${where}: no CSP violation`);
    assert.deepEqual(w.errors, [], `${where}: no page error`);
    assert.deepEqual(consoleErrors, [], `${where}: no console error`);
  };
  /** The richest techniques: most adversaries, controls and an exclusion, so the details pane shows every kind of string. */
  const richest = (): TechniqueResult[] => {
    const score = (t: TechniqueResult) => t.adversaries.length + t.components.reduce((n, c) => n + c.controls.length, 0) + (t.exclusion ? 10 : 0);
    const ts = [...message.result.techniques].sort((a, b) => score(b) - score(a));
    return [ts.find((t) => t.exclusion)!, ts.find((t) => t.state === 'gap')!, ts.find((t) => t.state === 'covered')!].filter(Boolean);
  };

  it('matrix with names, every sub-technique expanded: the payloads are shown as text, none is parsed', async () => {
    const w = await open();
    const text = (await w.page.locator('body').textContent()) ?? '';
    for (const p of PAYLOADS.slice(0, 3)) assert.ok(text.includes(p), `shown literally: ${p}`);
    await clean(w, 'matrix');
    await w.page.close();
  });

  it('details of the richest techniques (adversaries, controls, exclusion reasons, file paths), with Reveal and Open in ATT&CK', async () => {
    const picked = richest();
    assert.ok(picked.length >= 2);
    for (const t of picked) {
      const w = await open(t.id);
      const details = (await w.page.locator('.details').textContent()) ?? '';
      assert.ok(details.includes(t.name), `${t.id}: the poisoned name is shown as text`);
      for (const button of await w.page.locator('.details button', { hasText: /^Reveal/ }).all()) {
        const since = w.posted.length;
        await button.click();
        const reveal = await w.next('reveal', since);
        assert.ok(isFromWebviewMessage(reveal), 'a Reveal carries the poisoned path as plain data');
      }
      const since = w.posted.length;
      await w.page.locator('.details button', { hasText: 'Open in ATT&CK' }).click();
      const openAttack = await w.next('openAttack', since);
      if (openAttack.url.startsWith('javascript:')) assert.equal(isFromWebviewMessage(openAttack), false, 'the host drops a javascript: URL');
      await clean(w, `details of ${t.id}`);
      await w.page.close();
    }
  });

  it('table view, filter lists and a payload typed into the search box', async () => {
    const w = await open('', 'table');
    assert.ok((await w.page.locator('table.techniques tbody tr').count()) > 0);
    const options = await w.page.locator('select option').allTextContents();
    assert.ok(options.some((o) => PAYLOADS.some((p) => o.includes(p))), 'poisoned components/adversaries listed as text');
    const shown = w.next('rendered');
    await w.page.locator('#search, .filters input[type=search]').fill(PAYLOADS[0]!);
    await shown;
    await clean(w, 'table and filters');
    await w.page.close();
  });

  it('status messages from the host carry payloads as text', async () => {
    const w = await open();
    const text = PAYLOADS.join(' ');
    await w.page.evaluate(`window.postMessage(${JSON.stringify({ type: 'status', modelUri: MODEL_URI, state: 'invalid-model', message: text })}, '*')`);
    await w.page.waitForFunction(`document.body.textContent.includes(${JSON.stringify(text)})`);
    await clean(w, 'status');
    await w.page.close();
  });

  it('the SVG export of the poisoned view parses to no script, handler, foreign object or javascript: link', async () => {
    const w = await open();
    const since = w.posted.length;
    await w.page.locator('.toolbar button', { hasText: 'SVG' }).click();
    const svg = await w.next('saveExport', since);
    assert.equal(svg.format, 'svg');
    const parsed = await w.page.evaluate(SVG_CENSUS(svg.data));
    assert.deepEqual(parsed, { parseError: false, active: 0, handlers: 0, javascriptUrls: 0 });
    assert.ok(svg.data.includes('&lt;img src=x onerror='), 'the payload is in the export, escaped');
    await clean(w, 'SVG export');
    await w.page.close();
  });
});
