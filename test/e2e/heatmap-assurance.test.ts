/**
 * Claimed vs validated in the heatmap webview (Chromium, real CSP), on the example model as of 2026-12-03 on real
 * Enterprise 18.1 with the real atomics folder: every cell's assurance mark and class against the engine, the
 * Validated filter, the table's Validated column, and the details of a failed and a stale claim with their tests and
 * the Atomic Red Team tests. Run: npm run build && node --import tsx --test test/e2e/heatmap-assurance.test.ts
 */
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { readAtomicsFolder } from '../../src/core/assurance/read-atomics';
import type { AtomicCatalogue } from '../../src/core/assurance/types';
import type { TechniqueResult } from '../../src/core/coverage/types';
import { defaultViewState, type ResultMessage } from '../../src/protocol';
import { skipUnless, STIX_DIR } from '../fixtures/model/real-data';
import { EXAMPLE_AS_OF, exampleInput, MODEL_URI, openWebview, resultMessage, ROOT } from './harness';
import { chromiumSession } from './session';

const RESULTS = join(ROOT, 'test-results');
const ATOMICS = process.env.THREAT_OVERLAP_ATOMICS ?? join(STIX_DIR, '..', 'atomic-red-team', 'atomics');
const skip = skipUnless('enterprise-attack-18.1.json') || (!existsSync(ATOMICS) && process.env.CI !== 'true' ? `no atomics folder at ${ATOMICS}` : false);
/** Marks written here apart from the webview's code: a test of what the user sees. */
const MARKS: Readonly<Record<string, string>> = { failed: '✗', stale: '⌛', untested: '?', validated: '☑' };

describe('claimed vs validated in Chromium', { skip }, () => {
  const session = chromiumSession(RESULTS);
  let message: ResultMessage;
  let atomics: AtomicCatalogue;
  before(async () => {
    atomics = await readAtomicsFolder(ATOMICS);
    message = resultMessage(exampleInput({ asOf: EXAMPLE_AS_OF, atomics }));
  });
  const technique = (id: string): TechniqueResult => {
    const t = message.result.techniques.find((x) => x.id === id);
    assert.ok(t, id);
    return t;
  };
  const fullMatrix = () => ({ ...defaultViewState(MODEL_URI), allExpanded: true, columns: Object.fromEntries(message.result.tactics.map((t) => [t.shortname, 'open' as const])) });

  it('the example: one failed claim (K8S-POL on T1525), one stale (EDR-01 on T1003.001), validated ones', () => {
    assert.equal(technique('T1525').assurance?.state, 'failed');
    assert.equal(technique('T1003.001').assurance?.state, 'stale');
    assert.equal(technique('T1059.001').assurance?.state, 'validated');
    const a = message.result.summary.assurance;
    assert.equal(a.failed, 1);
    assert.equal(a.stale, 1);
    assert.ok(a.validated > 0 && a.untested > 0);
  });

  it('every cell carries its assurance (attribute, mark, class) as the engine says', async () => {
    const w = await openWebview(session.browser, session.url, 'light', fullMatrix());
    await w.send(message);
    await w.page.locator('svg.matrix:not([aria-busy])').waitFor({ state: 'attached' });
    const cells = await w.page.locator('g.cell').evaluateAll((els) =>
      els.map((e) => ({ id: e.getAttribute('data-id') ?? '', assurance: e.getAttribute('data-assurance'), cls: e.getAttribute('class') ?? '', meta: e.querySelector('text.meta')?.textContent ?? '', label: e.getAttribute('aria-label') ?? '' })),
    );
    assert.ok(cells.length > 800);
    for (const c of cells) {
      const t = technique(c.id);
      const state = t.assurance?.state ?? 'unclaimed';
      assert.equal(c.assurance, state, c.id);
      if (t.assurance) {
        assert.ok(c.meta.includes(MARKS[state]!), `${c.id} meta ${c.meta}`);
        assert.match(c.cls, new RegExp(`assurance-${state}\\b`), c.id);
        assert.match(c.label, new RegExp(`claims ${state}`), c.id);
      } else for (const m of Object.values(MARKS)) assert.ok(!c.meta.includes(m), `${c.id} has no claim: ${c.meta}`);
    }
    await w.page.screenshot({ path: join(RESULTS, 'heatmap-assurance-light.png') });
    assert.deepEqual(w.errors, []);
    assert.deepEqual(w.cspViolations, []);
    await w.page.close();
  });

  it('the Validated filter: Failed test alone shows T1525; its label counts it', async () => {
    const w = await openWebview(session.browser, session.url, 'dark');
    await w.send(message);
    const failed = w.page.locator('fieldset.assurance input[data-assurance="failed"]');
    assert.match((await failed.getAttribute('aria-label')) ?? '', /^Failed test, 1 techniques: /);
    await failed.focus();
    const r = w.next('rendered');
    await w.page.keyboard.press('Space');
    const rendered = await r;
    assert.equal(rendered.techniques, 1);
    assert.deepEqual(await w.page.locator('g.cell:not(.context)').evaluateAll((els) => els.map((e) => e.getAttribute('data-id'))), ['T1525']);
    const state = w.posted.filter((m) => m.type === 'viewState').pop();
    assert.deepEqual(state?.type === 'viewState' ? state.state.filters.assurance : undefined, ['failed']);
    await w.page.close();
  });

  it('table view: the Validated column sorts failed, stale, untested, validated, then unclaimed', async () => {
    const w = await openWebview(session.browser, session.url, 'light', { ...defaultViewState(MODEL_URI), view: 'table' });
    await w.send(message);
    const r = w.next('rendered');
    await w.page.locator('button.sort[data-column="assurance"]').click();
    await r;
    const column = 1 + ['id', 'name', 'tactics', 'state', 'outcome', 'coverage', 'assurance'].indexOf('assurance');
    const texts = await w.page.locator(`table.techniques tbody tr td:nth-child(${column})`).allTextContents();
    const order = ['Failed test', 'Stale test', 'Untested', 'Validated', 'No claim'];
    const ranks = texts.map((x) => order.findIndex((o) => x.replace(/^\S+ /, '').startsWith(o) || x.startsWith(o)));
    assert.ok(ranks.every((x) => x >= 0), JSON.stringify(texts.slice(0, 5)));
    assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b));
    assert.match(texts[0] ?? '', /^✗ Failed test \(1 of 2 claims tested\)$/);
    await w.page.close();
  });

  it('details: the failed claim with its test and cap; the stale one; the atomic tests for the components', async () => {
    const w = await openWebview(session.browser, session.url, 'light', fullMatrix());
    await w.send(message);
    let r = w.next('rendered');
    await w.page.locator('g.cell[data-id="T1525"]').first().click();
    await r;
    const details = w.page.locator('aside.details section.assurance');
    assert.match((await details.locator('.badge').textContent()) ?? '', /^✗ Failed test \(1 of 2 claims tested\): /);
    const tests = await details.locator('ul.tests > li').allTextContents();
    assert.equal(tests.length, 1);
    assert.match(tests[0] ?? '', /^K8S-POL on Payments API cluster — failed: gives none \(claimed partial\), latest 13 days old2026-11-20 pentest PEN-2026-11: missedReveal$/);
    assert.ok((await w.page.locator('aside.details').textContent())?.includes('K8S-POL: none via technique entry T1525 · failed (claimed partial, capped: its latest test missed)'));
    r = w.next('rendered');
    await w.page.keyboard.press('Escape');
    await r;
    r = w.next('rendered');
    await w.page.locator('g.cell[data-id="T1003.001"]').first().click();
    await r;
    assert.match((await details.locator('ul.tests > li').first().textContent()) ?? '', /^EDR-01 on .* — stale, latest 276 days old2026-03-02 purple-team PT-2026-01: blocked/);
    const t = technique('T1003.001');
    assert.ok(t.atomics && t.atomics.options.length > 0, 'the atomics folder has tests of T1003.001 for Windows');
    const listed = await details.locator('ul.atomics > li').allTextContents();
    assert.equal(listed.length, t.atomics.options.length + (t.atomics.more ? 1 : 0));
    assert.ok(listed[0]?.startsWith(`${t.atomics.options[0]!.name} — `), listed[0]);
    assert.match((await details.locator('h3').last().textContent()) ?? '', new RegExp(`^Atomic Red Team tests \\(${t.atomics.options.length + (t.atomics.more ?? 0)} for these components, ${t.atomics.total} in all\\)$`));
    // Reveal of the test's line goes to the host as a message.
    const posted = w.next('reveal');
    await details.locator('ul.tests button.link').first().click();
    const m = await posted;
    assert.equal(m.type === 'reveal' ? m.line : -1, 19, 'line 20 of endpoint.controls.yaml (0-based 19)');
    assert.deepEqual(w.errors, []);
    await w.page.close();
  });
});
