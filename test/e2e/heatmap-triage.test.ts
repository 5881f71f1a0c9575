/**
 * Gap triage in the heatmap webview (Chromium, real CSP), on the example model triaged as of 2026-12-03 on real
 * Enterprise 18.1, with one Attend gap accepted: every gap cell carries the engine's outcome (mark and class),
 * accepted cells their own; the headline counts; the outcome filter by keyboard; the details (path, points, what
 * closes it, the acceptance); the Outcome column and the next best table; text/fill contrast of every outcome in the
 * light and dark themes; screenshots (test-results/heatmap-triage-*.png).
 * Run: npm run build && node --import tsx --test test/e2e/heatmap-triage.test.ts
 */
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { TechniqueResult } from '../../src/core/coverage/types';
import { OUTCOME_LABELS, OUTCOMES } from '../../src/core/triage/decision-table';
import { defaultViewState } from '../../src/protocol';
import { skipUnless } from '../fixtures/model/real-data';
import { EXAMPLE_AS_OF, exampleInput, MODEL_URI, openWebview, resultMessage, ROOT, type WebviewPage } from './harness';
import { chromiumSession } from './session';

const RESULTS = join(ROOT, 'test-results');
const skip = skipUnless('enterprise-attack-18.1.json');
/** Marks written here apart from the webview's code: a test of what the user sees. */
const MARKS: Readonly<Record<string, string>> = { act: '‼', attend: '!', 'track*': '✱', track: '–', accepted: '◔' };

/** WCAG contrast of two CSS colours `rgb(r, g, b)` (opaque). */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = (c.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((x) => Number(x) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (bl ?? 0);
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return ((x ?? 0) + 0.05) / ((y ?? 0) + 0.05);
}

describe('heatmap triage in Chromium', { skip }, () => {
  const session = chromiumSession(RESULTS);
  const plain = skip ? undefined : resultMessage();
  // One Attend gap accepted (as a model's techniques.accept does it), so the accepted state shows too.
  const acceptedId = plain?.result.prioritizedGaps.find((id) => plain.result.techniques.find((t) => t.id === id)?.triage?.outcome === 'attend');
  const message = (() => {
    if (skip || !acceptedId) return undefined;
    const input = exampleInput();
    return resultMessage({ ...input, triage: { ...input.triage!, acceptances: [{ id: acceptedId, reason: 'Compensated by the WAF until the migration', owner: 'payments-secops', until: '2027-03-01', ref: 'RISK-42' }] } });
  })();
  const result = () => {
    assert.ok(message);
    return message.result;
  };
  const technique = (id: string): TechniqueResult => {
    const t = result().techniques.find((x) => x.id === id);
    assert.ok(t, id);
    return t;
  };
  const fullMatrix = () => ({ ...defaultViewState(MODEL_URI), allExpanded: true, columns: Object.fromEntries(result().tactics.map((t) => [t.shortname, 'open' as const])) });
  const drawn = (w: WebviewPage) => w.page.locator('svg.matrix:not([aria-busy])').waitFor({ state: 'attached' });


  it('the example as of 2026-12-03: the outcome distribution docs/triage.md gives, one accepted', () => {
    assert.equal(result().triage.asOf, EXAMPLE_AS_OF);
    assert.deepEqual(plain?.result.summary.outcomes, { act: 1, attend: 91, 'track*': 22, track: 63 });
    assert.equal(result().summary.accepted, 1);
    assert.equal(result().summary.outcomes.attend, 90);
  });

  it('every gap cell shows its outcome (mark and class), accepted cells theirs; the headline counts them', async () => {
    const w = await openWebview(session.browser, session.url, 'light', fullMatrix());
    const rendered = await w.send(message);
    await drawn(w);
    const cells = await w.page.locator('g.cell').evaluateAll((els) =>
      els.map((e) => ({ id: e.getAttribute('data-id'), state: e.getAttribute('data-state'), outcome: e.getAttribute('data-outcome'), cls: e.getAttribute('class') ?? '', text: e.querySelector('text.label')?.textContent ?? '' })),
    );
    let gaps = 0;
    for (const c of cells) {
      const t = technique(c.id ?? '');
      assert.equal(c.state, t.state, c.id ?? '');
      const mark = c.text.replace(/^[▸▾] /, '').split(' ')[0];
      if (t.state === 'gap') {
        gaps++;
        assert.equal(c.outcome, t.triage?.outcome, c.id ?? '');
        assert.equal(mark, MARKS[t.triage?.outcome ?? ''], `${c.id} shows ${c.text}`);
        assert.match(c.cls, new RegExp(`outcome-${(t.triage?.outcome ?? '').replace('*', '-star')}\\b`));
      } else if (t.state === 'accepted') {
        assert.equal(mark, MARKS.accepted);
        assert.match(c.cls, /state-accepted/);
      } else {
        assert.equal(c.outcome, null);
      }
    }
    assert.ok(gaps >= result().summary.gaps, 'every gap drawn at least once');
    assert.equal(rendered.states.accepted, 1);
    assert.deepEqual(rendered.outcomes, { ...result().summary.outcomes, accepted: 1 }, 'the webview reports what it drew, by outcome');
    assert.equal(await w.page.locator(`g.cell[data-id="${acceptedId}"]`).first().getAttribute('data-state'), 'accepted');
    const s = result().summary.outcomes;
    assert.equal(await w.page.locator('.summary .outcome-counts').textContent(), `${s.act} Act · ${s.attend} Attend · ${s['track*']} Track* · ${s.track} Track gaps · 1 accepted · as of ${EXAMPLE_AS_OF}`);
    const legend = await w.page.locator('.legend-outcomes li').evaluateAll((els) => els.map((e) => `${e.querySelector('text')?.textContent} ${e.querySelector('strong')?.textContent}`));
    assert.deepEqual(legend, ['‼ Act', '! Attend', '✱ Track*', '– Track', '◔ Accepted']);
    assert.deepEqual(w.cspViolations, []);
    assert.deepEqual(w.errors, []);
    await w.page.close();
  });

  it('the outcome filter, by keyboard, with ARIA labels: Act alone, then Act and accepted', async () => {
    const w = await openWebview(session.browser, session.url, 'dark');
    await w.send(message);
    const act = w.page.locator('fieldset.outcomes input[data-outcome="act"]');
    assert.match((await act.getAttribute('aria-label')) ?? '', /^Act, 1 techniques: /);
    await act.focus();
    let r = w.next('rendered');
    await w.page.keyboard.press('Space');
    let rendered = await r;
    assert.equal(rendered.techniques, 1);
    assert.deepEqual(await w.page.locator('g.cell:not(.context)').evaluateAll((els) => els.map((e) => e.getAttribute('data-outcome'))), ['act']);
    await w.page.keyboard.press('Tab');
    await w.page.keyboard.press('Tab');
    await w.page.keyboard.press('Tab');
    await w.page.keyboard.press('Tab');
    assert.equal(await w.page.evaluate(() => (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }).document.activeElement?.getAttribute('data-outcome') ?? null), 'accepted');
    r = w.next('rendered');
    await w.page.keyboard.press('Space');
    rendered = await r;
    assert.equal(rendered.techniques, 2);
    assert.equal(rendered.states.accepted, 1);
    assert.deepEqual(rendered.outcomes, { act: 1, attend: 0, 'track*': 0, track: 0, accepted: 1 });
    const state = w.posted.filter((m) => m.type === 'viewState').pop();
    assert.deepEqual(state?.type === 'viewState' ? state.state.filters.outcomes : undefined, ['act', 'accepted']);
    assert.match((await w.page.locator('.sidebar-toggle').textContent()) ?? '', /Filters \(1\)/);
    await w.page.close();
  });

  it('details of the Act gap: path, four points with evidence, what closes it; of the accepted one: owner, until, reason, ref', async () => {
    const w = await openWebview(session.browser, session.url, 'light');
    await w.send(message);
    const actId = result().prioritizedGaps[0] ?? '';
    const act = technique(actId);
    assert.equal(act.triage?.outcome, 'act');
    let r = w.next('rendered');
    await w.page.locator(`g.cell[data-id="${actId}"]`).first().click();
    await r;
    const details = w.page.locator('aside.details');
    assert.equal(await details.locator('.path').textContent(), act.triage?.path);
    assert.match((await details.locator('.outcome-badge').textContent()) ?? '', /^‼ Gap · Act: /);
    for (const p of ['activity', 'automatable', 'exposure', 'missionImpact'] as const) {
      const dd = details.locator(`dd[data-point="${p}"]`);
      assert.equal(await dd.locator('strong').textContent(), act.triage?.[p].value);
      assert.deepEqual(await dd.locator('li').allTextContents(), [...(act.triage?.[p].evidence ?? []), ...(act.triage?.[p].more ? [`and ${act.triage[p].more} more`] : [])]);
    }
    const mitigations = await details.locator('ul.mitigations > li').evaluateAll((els) => els.map((e) => e.getAttribute('data-mitigation')));
    assert.deepEqual([...mitigations].sort(), (act.mitigations ?? []).map((m) => m.id).sort());
    for (const m of act.mitigations ?? []) assert.ok((await details.locator(`li[data-mitigation="${m.id}"] strong`).textContent())?.includes(m.action.replace(`${m.id} is `, '')), m.id);
    r = w.next('rendered');
    await w.page.keyboard.press('Escape');
    await r;
    r = w.next('rendered');
    await w.page.locator(`g.cell[data-id="${acceptedId}"]`).first().click();
    await r;
    assert.deepEqual(await details.locator('dl.acceptance dd').allTextContents(), ['payments-secops', '2027-03-01', 'Compensated by the WAF until the migration', 'RISK-42']);
    assert.match((await details.locator('.outcome-badge').textContent()) ?? '', /^◔ Accepted: /);
    assert.deepEqual(w.errors, []);
    await w.page.close();
  });

  it('table view: the Outcome column sorts in outcome order; the next best mitigations as a table', async () => {
    const w = await openWebview(session.browser, session.url, 'light', { ...defaultViewState(MODEL_URI), view: 'table' });
    await w.send(message);
    const r = w.next('rendered');
    await w.page.locator('button.sort[data-column="outcome"]').click();
    await r;
    const outcomes = await w.page.locator('table.techniques tbody tr td:nth-child(5)').allTextContents();
    const order = ['Act', 'Attend', 'Track*', 'Track', 'Accepted', ''];
    const ranks = outcomes.map((o) => order.indexOf(o.replace(/^\S+ /, '').replace(/ until .*$/, '')));
    assert.ok(ranks.every((x) => x >= 0), JSON.stringify(outcomes.slice(0, 5)));
    assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b), 'in outcome order');
    assert.equal(outcomes[0], '‼ Act');
    assert.ok(outcomes.includes('◔ Accepted until 2027-03-01'));
    for (const o of OUTCOMES) assert.equal(outcomes.filter((x) => x === `${MARKS[o]} ${OUTCOME_LABELS[o]}`).length, result().summary.outcomes[o], o);
    const picks = await w.page.locator('table.next-best-table tbody tr').evaluateAll((els) => els.map((e) => e.getAttribute('data-mitigation')));
    assert.deepEqual(picks, result().nextBest.picks.map((p) => p.id));
    const first = result().nextBest.picks[0];
    assert.ok(first);
    const cells = await w.page.locator('table.next-best-table tbody tr').first().locator('th, td').allTextContents();
    assert.deepEqual(cells.slice(0, 7), ['1', `${first.id} ${first.name}`, String(first.byOutcome.act), String(first.byOutcome.attend), String(first.byOutcome['track*']), String(first.byOutcome.track), String(first.closes.length)]);
    assert.equal(await w.page.locator('.next-best li').count(), result().nextBest.picks.length, 'the sidebar list has the same picks');
    await w.page.close();
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`${theme} theme: every outcome's text is readable on its fill (contrast ≥ 4.5); screenshot`, async () => {
      const w = await openWebview(session.browser, session.url, theme);
      await w.send(message);
      await drawn(w);
      const pairs = await w.page.locator('g.cell').evaluateAll((els) => {
        // (No named function in here: tsx would wrap it in a helper the page does not have.)
        const view = globalThis as unknown as { getComputedStyle(x: unknown): { fill: string } };
        const seen = new Map<string, [string, string]>();
        for (const e of els) {
          const key = e.getAttribute('data-outcome') ?? (e.getAttribute('data-state') === 'accepted' ? 'accepted' : '');
          if (!key || seen.has(key)) continue;
          const rect = e.querySelector('rect.bg');
          const text = e.querySelector('text.label');
          if (rect && text) seen.set(key, [view.getComputedStyle(rect).fill, view.getComputedStyle(text).fill]);
        }
        return [...seen];
      });
      const background = await w.page.locator('body').evaluate((b) => (globalThis as unknown as { getComputedStyle(x: unknown): { backgroundColor: string } }).getComputedStyle(b).backgroundColor);
      assert.deepEqual(pairs.map(([k]) => k).sort(), ['accepted', 'act', 'attend', 'track', 'track*']);
      for (const [key, [fill, text]] of pairs) {
        // A fill of `none` would show the page behind it.
        const behind = fill === 'none' ? background : fill;
        assert.ok(contrast(behind, text) >= 4.5, `${theme} ${key}: ${text} on ${behind} is ${contrast(behind, text).toFixed(2)}`);
      }
      const r = w.next('rendered');
      await w.page.locator(`g.cell[data-id="${result().prioritizedGaps[0]}"]`).first().click();
      await r;
      await w.page.screenshot({ path: join(RESULTS, `heatmap-triage-${theme}.png`) });
      await w.page.locator('.next-best').scrollIntoViewIfNeeded();
      await w.page.locator('.sidebar').screenshot({ path: join(RESULTS, `heatmap-triage-sidebar-${theme}.png`) });
      assert.deepEqual(w.cspViolations, []);
      await w.page.close();
    });
  }
});
