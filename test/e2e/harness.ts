/**
 * Runs the real webview bundle (media/webview.js) in Debian's Chromium through playwright-core, in a page served
 * with the host's own HTML and CSP (src/extension/heatmap/html.ts), with `acquireVsCodeApi` stubbed to forward the
 * webview's messages here. Shared by the Chromium tests and bench/heatmap-bench.mjs.
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { analyseCoverage } from '../../src/core/coverage/engine';
import { coverageInputFrom, type TriageOptions } from '../../src/core/coverage/model-input';
import type { CoverageInput, CoverageResult } from '../../src/core/coverage/types';
import { parseControlInventory, parseThreatModel } from '../../src/core/model/index';
import type { ControlInventory } from '../../src/core/model/types';
import { heatmapHtml, newNonce } from '../../src/extension/heatmap/html';
import type { FromWebviewMessage, HeatmapViewState, RenderedMessage, ResultMessage } from '../../src/protocol';
import { boundForWebview } from '../../src/protocol-triage';
import { realIndex } from '../fixtures/model/real-data';
import { THEMES, type ThemeName } from './themes';

export const CHROMIUM_PATH = process.env.THREAT_OVERLAP_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
/** The repository (tests and benchmarks run from it, as the real-data fixtures assume). */
export const ROOT = process.cwd();
export const EXAMPLE_MODEL = join(ROOT, 'data', 'examples', 'payments.threatmodel.yaml');
export const MODEL_URI = `file://${EXAMPLE_MODEL}`;

/** The triage date the tests and benchmarks judge the example at (docs/triage.md's distribution is of this date). */
export const EXAMPLE_AS_OF = '2026-12-03';

/**
 * The engine's input for the example model (data/examples) and a message carrying its result (Enterprise 18.1),
 * triaged as of EXAMPLE_AS_OF unless other triage options are given.
 */
export function exampleInput(triage: TriageOptions = { asOf: EXAMPLE_AS_OF }): CoverageInput {
  const model = parseThreatModel(readFileSync(EXAMPLE_MODEL, 'utf8'), EXAMPLE_MODEL).model;
  if (!model) throw new Error('the example model does not parse');
  const inventories: ControlInventory[] = [];
  for (const ref of model.controlFiles) {
    const file = join(ROOT, 'data', 'examples', ref.value);
    const inventory = parseControlInventory(readFileSync(file, 'utf8'), file).model;
    if (inventory) inventories.push(inventory);
  }
  return coverageInputFrom(model, inventories, undefined, triage);
}

/** `bundle`: a file of the real-data folder (Enterprise 18.1 unless given: mobile and ICS test other matrices). */
export function resultMessage(input: CoverageInput = exampleInput(), bundle = 'enterprise-attack-18.1.json'): ResultMessage {
  const result = analyseCoverage(realIndex(bundle), input);
  return {
    type: 'result',
    modelUri: MODEL_URI,
    modelName: 'Payments platform',
    components: input.components.map((c) => ({ id: c.id, label: c.name ?? c.id })),
    adversaries: input.adversaries.map((a, i) => ({ id: String(i), label: a.label })),
    // As the host sends it (src/extension/heatmap/analysis.ts).
    result: boundForWebview(result),
  };
}

/**
 * The tactics whose techniques are all not applicable, read straight from the engine's states (what the heatmap
 * collapses by default; none when that is every tactic with techniques). Written here apart from the webview's code.
 */
export function allNotApplicable(result: CoverageResult): string[] {
  const tactics = result.tactics.map((t) => t.shortname).filter((s) => result.techniques.some((t) => t.tactics.includes(s)));
  const folded = tactics.filter((s) => result.techniques.every((t) => !t.tactics.includes(s) || t.state === 'not-applicable'));
  return folded.length === tactics.length ? [] : folded;
}

/** Serves the webview page (the host's HTML and CSP, origin = cspSource) and media/. */
export async function serveWebview(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const origin = `http://${req.headers.host ?? '127.0.0.1'}`;
    if (req.url === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(heatmapHtml({ cspSource: origin, nonce: newNonce(), scriptUri: `${origin}/media/webview.js`, styleUri: `${origin}/media/webview.css`, title: 'Heatmap' }));
    } else if (req.url === '/media/webview.js' || req.url === '/media/webview.css') {
      res.writeHead(200, { 'content-type': req.url.endsWith('.js') ? 'text/javascript' : 'text/css' });
      res.end(readFileSync(join(ROOT, req.url)));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** A page with the webview loaded: what it posts to the host, CSP violations and page errors are recorded. */
export interface WebviewPage {
  readonly page: Page;
  readonly posted: FromWebviewMessage[];
  readonly cspViolations: string[];
  readonly errors: string[];
  /** Posts a host message (an object goes as JSON text, like the host's) and resolves with the next `rendered` report. */
  send(message: unknown): Promise<RenderedMessage>;
  /** The next message of `type` the webview posts (one already posted since `since` counts). */
  next<T extends FromWebviewMessage['type']>(type: T, since?: number): Promise<Extract<FromWebviewMessage, { type: T }>>;
}

/**
 * What VS Code provides a webview before its scripts run: `acquireVsCodeApi` (here forwarding to the test) and the
 * theme's --vscode-* variables on <html> (set through the CSSOM, so no inline style is needed). A string, because
 * functions compiled by tsx reference helpers that do not exist in the page.
 */
function initScript(vars: Readonly<Record<string, string>>, initial: HeatmapViewState | undefined): string {
  return `(() => {
    let saved = ${JSON.stringify(initial ?? null)} ?? undefined;
    globalThis.acquireVsCodeApi = () => ({
      postMessage: (m) => void globalThis.__toHost(m),
      getState: () => saved,
      setState: (s) => void (saved = s),
    });
    document.addEventListener('securitypolicyviolation', (e) => void globalThis.__cspViolation(e.violatedDirective + ' ' + e.blockedURI));
    const vars = ${JSON.stringify(vars)};
    const theme = () => Object.entries(vars).forEach(([k, v]) => document.documentElement && document.documentElement.style.setProperty(k, v));
    if (document.documentElement) theme();
    else document.addEventListener('readystatechange', theme);
  })();`;
}

export async function openWebview(browser: Browser, url: string, theme: ThemeName, state?: HeatmapViewState): Promise<WebviewPage> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  const posted: FromWebviewMessage[] = [];
  const cspViolations: string[] = [];
  const errors: string[] = [];
  const events = new EventEmitter();
  await page.exposeFunction('__toHost', (m: FromWebviewMessage) => {
    posted.push(m);
    events.emit('message', m);
  });
  await page.exposeFunction('__cspViolation', (v: string) => cspViolations.push(v));
  page.on('pageerror', (e) => (errors.push(e.message), process.env.HEATMAP_E2E_DEBUG && console.log('[pageerror]', e.message)));
  page.on('console', (m) => process.env.HEATMAP_E2E_DEBUG && console.log('[webview]', m.text()));
  await page.addInitScript(initScript(THEMES[theme], state));
  const next = <T extends FromWebviewMessage['type']>(type: T, since = posted.length) =>
    new Promise<Extract<FromWebviewMessage, { type: T }>>((resolve) => {
      const already = posted.slice(since).find((m) => m.type === type);
      if (already) return resolve(already as Extract<FromWebviewMessage, { type: T }>);
      const listener = (m: FromWebviewMessage) => {
        if (m.type !== type) return;
        events.off('message', listener);
        resolve(m as Extract<FromWebviewMessage, { type: T }>);
      };
      events.on('message', listener);
    });
  const ready = next('ready', 0);
  await page.goto(url);
  await ready;
  // As the host sends them (HeatmapPanel.send): JSON text, which the webview parses before validating.
  const send = async (message: unknown) => {
    const rendered = next('rendered');
    const wire = typeof message === 'object' && message !== null ? JSON.stringify(message) : message;
    await page.evaluate((m) => (globalThis as unknown as { postMessage(m: unknown, o: string): void }).postMessage(m, '*'), wire);
    return rendered;
  };
  return { page, posted, cspViolations, errors, send, next };
}
