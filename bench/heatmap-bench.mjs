// Heatmap benchmark (SPEC budgets: first paint ≤ 150 ms, update after an edit ≤ 50 ms), in Debian's Chromium on the
// real Enterprise 18.1 result of the example model with every sub-technique expanded. Times are measured inside the
// webview from the arrival of the host's message (validation included) to the first frame painted after rendering.
// A big matrix is drawn progressively (the tactic columns in view first, the others in the following frames):
// "first paint" is the first frame with the columns in view, "all columns drawn" the frame with the last column.
// Every tactic column is opened by choice (the full matrix: the tactics all not applicable would otherwise start
// collapsed); the first view as a new panel opens it, those collapsed, is measured too.
// Gap triage made the message larger (every gap's decision points, evidence, mitigations; next best): the first
// paint and the message size are measured also for the same result without the triage parts (the message as it was
// before triage, `untriaged`), in the same run, and printed as ratios.
// Prints medians; nothing is asserted. Run: npm run build && node --import tsx bench/heatmap-bench.mjs
import { defaultViewState } from '../src/protocol.ts';
import { exampleInput, launchChromium, MODEL_URI, openWebview, resultMessage, serveWebview } from '../test/e2e/harness.ts';

const FIRST_PAINT_BUDGET_MS = 150;
const UPDATE_BUDGET_MS = 50;
const PAGES = Number(process.env.HEATMAP_BENCH_PAGES ?? 9);
const UPDATES = Number(process.env.HEATMAP_BENCH_UPDATES ?? 21);

/** The webview's own performance.measure entries since the last call (validate, build, draw, render, to-frame, complete). */
const PHASES = ['heatmap:validate', 'heatmap:build', 'heatmap:draw', 'heatmap:render', 'heatmap:to-frame', 'heatmap:complete'];
/** Waits (no sleep) until the webview has measured the frame with every column of the matrix. */
const drawnAll = (page) => page.waitForFunction(() => performance.getEntriesByName('heatmap:complete').length > 0, undefined, { polling: 'raf' });
const completeMs = (entries) => entries.find(([name]) => name === 'heatmap:complete')?.[1];
const measures = (page) =>
  page.evaluate(`(() => { const m = performance.getEntriesByType('measure').map((e) => [e.name, e.duration]); performance.clearMeasures(); return m; })()`);
const phaseTimes = { first: Object.fromEntries(PHASES.map((p) => [p, []])), update: Object.fromEntries(PHASES.map((p) => [p, []])) };
const record = (kind, entries) => entries.forEach(([name, ms]) => phaseTimes[kind][name]?.push(ms));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (ms) => `${ms.toFixed(1)} ms`;

const input = exampleInput();
const original = resultMessage(input);
// An edit as a user makes it: one more exclusion and one more adversary technique in the model.
const gap = original.result.prioritizedGaps[0];
const edited = resultMessage({
  ...input,
  exclusions: [...input.exclusions, { id: gap, reason: 'bench edit' }],
  adversaries: input.adversaries.map((a, i) => (i === input.adversaries.length - 1 ? { ...a, techniques: [...a.techniques, { id: 'T1059' }] } : a)),
});
/** The same result without the triage parts, as the message was before gap triage. */
const untriaged = {
  ...original,
  result: {
    ...original.result,
    techniques: original.result.techniques.map((t) => Object.fromEntries(Object.entries(t).filter(([k]) => !['triage', 'acceptance', 'mitigations'].includes(k)))),
    nextBest: { picks: [], remaining: { act: 0, attend: 0, 'track*': 0, track: 0 }, unmitigable: 0 },
  },
};
const everyColumn = Object.fromEntries(original.result.tactics.map((t) => [t.shortname, 'open']));
const state = { ...defaultViewState(MODEL_URI), allExpanded: true, columns: everyColumn };
const firstView = { ...defaultViewState(MODEL_URI), allExpanded: true };

/** First paints of `pages` fresh pages with `initial` as their saved state: render times, complete times, cells. */
async function firstPaints(initial, pages, kind, message = original) {
  const first = [];
  const complete = [];
  let cells = 0;
  let collapsed = 0;
  for (let i = 0; i < pages; i++) {
    const w = await openWebview(browser, server.url, 'light', initial);
    const rendered = await w.send(message);
    first.push(rendered.renderMs);
    await drawnAll(w.page);
    const entries = await measures(w.page);
    complete.push(completeMs(entries));
    if (kind) record(kind, entries);
    cells = rendered.cells;
    collapsed = rendered.collapsed;
    if (w.errors.length > 0 || w.cspViolations.length > 0) throw new Error(`page problems: ${[...w.errors, ...w.cspViolations].join('; ')}`);
    await w.page.close();
  }
  return { first, complete, cells, collapsed };
}

const server = await serveWebview();
const browser = await launchChromium();
try {
  const { first, complete, cells, collapsed } = await firstPaints(state, PAGES, 'first');
  if (collapsed !== 0) throw new Error(`${collapsed} columns collapsed in the full matrix`);
  const view = await firstPaints(firstView, PAGES);
  const before = await firstPaints(state, PAGES, undefined, untriaged);
  const w = await openWebview(browser, server.url, 'light', state);
  await w.send(original);
  await drawnAll(w.page);
  await measures(w.page);
  const updates = [];
  const updatesComplete = [];
  for (let i = 0; i < UPDATES; i++) {
    updates.push((await w.send(i % 2 === 0 ? edited : original)).renderMs);
    await drawnAll(w.page);
    const entries = await measures(w.page);
    updatesComplete.push(completeMs(entries));
    record('update', entries);
  }
  await w.page.close();
  const fp = median(first);
  const up = median(updates);
  const all = median(complete);
  const upAll = median(updatesComplete);
  console.log(`heatmap: Enterprise ${original.result.version}, ${original.result.techniques.length} techniques, ${cells} cells (all sub-techniques expanded), Chromium ${browser.version()}`);
  console.log(`first paint       ${fmt(fp).padStart(9)}  (median of ${PAGES}; min ${fmt(Math.min(...first))}, max ${fmt(Math.max(...first))})  budget ${FIRST_PAINT_BUDGET_MS} ms  ${fp <= FIRST_PAINT_BUDGET_MS ? 'OK' : 'OVER'}  (columns in view)`);
  console.log(`  all columns drawn ${fmt(all).padStart(9)}  (median of ${PAGES}; min ${fmt(Math.min(...complete))}, max ${fmt(Math.max(...complete))})  no budget`);
  const fv = median(view.first);
  console.log(`first view        ${fmt(fv).padStart(9)}  (median of ${PAGES}; min ${fmt(Math.min(...view.first))}, max ${fmt(Math.max(...view.first))})  budget ${FIRST_PAINT_BUDGET_MS} ms  ${fv <= FIRST_PAINT_BUDGET_MS ? 'OK' : 'OVER'}  (${view.collapsed} tactics all not applicable collapsed, ${view.cells} cells)`);
  console.log(`  all columns drawn ${fmt(median(view.complete)).padStart(9)}  (median of ${PAGES})`);
  console.log(`update after edit ${fmt(up).padStart(9)}  (median of ${UPDATES}; min ${fmt(Math.min(...updates))}, max ${fmt(Math.max(...updates))})  budget ${UPDATE_BUDGET_MS} ms  ${up <= UPDATE_BUDGET_MS ? 'OK' : 'OVER'}`);
  console.log(`  all columns drawn ${fmt(upAll).padStart(9)}  (median of ${UPDATES})`);
  const [sizeAfter, sizeBefore] = [JSON.stringify(original).length, JSON.stringify(untriaged).length];
  const fpBefore = median(before.first);
  console.log(`message size      ${(sizeAfter / 1e6).toFixed(2)} MB with triage, ${(sizeBefore / 1e6).toFixed(2)} MB without: ${(sizeAfter / sizeBefore).toFixed(2)}×`);
  console.log(`first paint       ${fmt(fp)} with triage, ${fmt(fpBefore)} without (median of ${PAGES} each, same run): ${(fp / fpBefore).toFixed(2)}×; all columns drawn ${fmt(all)} vs ${fmt(median(before.complete))}: ${(all / median(before.complete)).toFixed(2)}×`);
  const phases = (kind) => PHASES.map((p) => `${p.slice(8)} ${phaseTimes[kind][p].length ? median(phaseTimes[kind][p]).toFixed(1) : '?'}`).join(', ');
  console.log(`  first paint phases (ms from arrival, medians): ${phases('first')}, painted ${fmt(fp)}`);
  console.log(`  update phases (ms from arrival, medians): ${phases('update')}, painted ${fmt(up)}`);
} finally {
  await browser.close();
  await server.close();
}
