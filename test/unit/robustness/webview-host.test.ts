/**
 * Robustness, webview (host side): the page's Content-Security-Policy as text, the nonce's source and freshness, and
 * property-based fuzzing of what the host does with messages from the webview (fast-check, seed recorded): the
 * validator never throws and accepts only allow-listed message types; Reveal resolves only to the model's own files.
 * The Chromium half (XSS payloads, CSP violations) is test/e2e/robustness-webview.test.ts.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { heatmapCsp, heatmapHtml, newNonce } from '../../../src/extension/heatmap/html';
import { revealTarget } from '../../../src/extension/heatmap/reveal-target';
import { isFromWebviewMessage } from '../../../src/protocol';

const SEED = Number(process.env.FUZZ_SEED ?? 20260701);
const RUNS = Number(process.env.FUZZ_RUNS ?? 20_000);
const ALLOWED = new Set(['ready', 'reveal', 'exclude', 'openAttack', 'saveExport', 'exportLayer', 'viewState', 'rendered']);
const ORIGIN = 'https://abc.vscode-cdn.net';

const page = (nonce = newNonce()) => heatmapHtml({ cspSource: ORIGIN, nonce, scriptUri: `${ORIGIN}/media/webview.js`, styleUri: `${ORIGIN}/media/webview.css`, title: 'Heatmap: </title><script>alert(1)</script>' });
const directives = (csp: string) => new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));

describe('robustness: the heatmap page CSP', () => {
  test('default-src none; scripts only by nonce (no unsafe-inline, no unsafe-eval, no host); styles only from the webview origin', () => {
    const html = page('N0NCE');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
    assert.ok(meta, 'the CSP is in a meta element');
    const csp = meta[1]!.replace(/&#39;|&apos;/g, "'");
    assert.equal(csp, heatmapCsp(ORIGIN, 'N0NCE'));
    assert.doesNotMatch(csp, /unsafe-eval|unsafe-inline|unsafe-hashes|strict-dynamic|\*/);
    const d = directives(csp);
    assert.deepEqual(d.get('default-src'), ["'none'"]);
    assert.deepEqual(d.get('script-src'), ["'nonce-N0NCE'"]);
    assert.deepEqual(d.get('style-src'), [ORIGIN]);
    for (const [name, values] of d) assert.ok(!values.includes('http:') && !values.includes('https:'), `${name} allows no whole scheme`);
    assert.equal(d.has('connect-src') || d.has('frame-src') || d.has('object-src'), false, 'no network, frames or plugins beyond default-src none');
  });

  test('the page has exactly one script, external and carrying the nonce; no inline script, style or handler; the title is escaped', () => {
    const html = page('N0NCE');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.equal(scripts.length, 1);
    assert.match(scripts[0]![1]!, /nonce="N0NCE"/);
    assert.match(scripts[0]![1]!, new RegExp(` src="${ORIGIN}/media/webview.js"`));
    assert.equal(scripts[0]![2], '');
    assert.doesNotMatch(html, /<style|\sstyle=|\son[a-z]+=/i);
    assert.match(html, /<title>Heatmap: &lt;\/title&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/title>/);
  });

  test('a fresh nonce per render from the platform CSPRNG, 128 bits, never Math.random', () => {
    const realRandom = Math.random;
    const realGet = globalThis.crypto.getRandomValues.bind(globalThis.crypto);
    let calls = 0;
    Math.random = () => assert.fail('Math.random used for a nonce');
    Object.defineProperty(globalThis.crypto, 'getRandomValues', { configurable: true, value: <T extends ArrayBufferView>(a: T) => (calls++, realGet(a as never)) });
    try {
      const nonces = Array.from({ length: 10_000 }, () => /nonce-([^']+)'/.exec(heatmapCsp(ORIGIN, newNonce()))![1]!);
      assert.equal(calls, 10_000, 'one CSPRNG draw per nonce');
      assert.equal(new Set(nonces).size, nonces.length, 'no nonce repeats');
      for (const n of nonces) assert.match(n, /^[A-Za-z0-9_-]{22}$/, '16 bytes, base64url');
      const a = /nonce="([^"]+)"/.exec(page())![1];
      const b = /nonce="([^"]+)"/.exec(page())![1];
      assert.notEqual(a, b, 'two renders, two nonces');
    } finally {
      Math.random = realRandom;
      Object.defineProperty(globalThis.crypto, 'getRandomValues', { configurable: true, value: realGet });
    }
  });
});

// ---- message fuzzing ----

const MODEL = '/ws/pay/payments.threatmodel.yaml';
const INVENTORY = '/ws/pay/controls/endpoint.controls.yaml';
const FILES = new Set([MODEL, INVENTORY]);
/** Paths a hostile webview would try: outside the workspace, `..` tricks, another model's files, other schemes. */
const HOSTILE_FILES = [
  '/etc/passwd', '/ws/pay/../../etc/passwd', '/ws/pay/controls/../../other/other.threatmodel.yaml', '/ws/other/payments.threatmodel.yaml',
  '/ws/pay/payments.threatmodel.yaml.bak', '/ws/pay/payments.threatmodel.yaml\0.txt', 'payments.threatmodel.yaml', './payments.threatmodel.yaml',
  '../pay/payments.threatmodel.yaml', `file://${MODEL}`, `vscode-vfs://github/x${MODEL}`, `untitled:${MODEL}`, `command:workbench.action.terminal.new`,
  'http://[', `\\\\server\\share${MODEL}`, '~/payments.threatmodel.yaml', '', ' ', '/ws/pay/PAYMENTS.threatmodel.yaml',
];

const anyJson = fc.jsonValue({ maxDepth: 4 });
const field = fc.oneof(anyJson, fc.string(), fc.integer(), fc.double(), fc.constant(undefined), fc.constant(null), fc.constantFrom(...HOSTILE_FILES));
/** Mostly message-like objects (a known or unknown type, plausible and implausible fields), sometimes anything. */
const message = fc.oneof(
  { weight: 1, arbitrary: anyJson },
  {
    weight: 4,
    arbitrary: fc.record(
      {
        type: fc.oneof(fc.constantFrom(...ALLOWED, 'runCommand', 'openFile', '__proto__', 'constructor', 'eval', 'Reveal', ''), fc.string()),
        file: fc.oneof(fc.constantFrom(MODEL, INVENTORY, ...HOSTILE_FILES), fc.string()),
        line: fc.oneof(fc.nat(), fc.integer(), fc.double(), fc.constant('1')),
        character: fc.oneof(fc.nat(), fc.integer(), fc.double()),
        techniqueId: fc.oneof(fc.constantFrom('T1059', 'T1059.001', 'T1059/../x', 'T1059\n'), fc.string()),
        url: fc.oneof(fc.constantFrom('https://attack.mitre.org/techniques/T1059/', 'javascript:alert(1)', 'https://attack.mitre.org.evil.example/', 'https://u:p@attack.mitre.org/', 'http://attack.mitre.org/', 'https://attack.mitre.org:444/'), fc.webUrl(), fc.string()),
        format: fc.constantFrom('svg', 'png', 'pdf', ''),
        data: fc.oneof(fc.constantFrom('<svg/>', '<svg onload=alert(1)>', 'data:image/png;base64,AAAA', 'data:text/html;base64,AAAA'), fc.string()),
        state: field,
        extra: field,
      },
      { requiredKeys: ['type'] },
    ),
  },
);

describe('robustness: fuzzing the host side of webview messages', () => {
  test(`isFromWebviewMessage: ${RUNS} messages (seed ${SEED}): never throws, accepts only the allow-list, each accepted field is sane`, () => {
    const seen = { accepted: 0, rejected: 0, worstMs: 0 };
    const protoBefore = Object.getOwnPropertyNames(Object.prototype).join();
    fc.assert(
      fc.property(message, (m) => {
        const started = performance.now();
        const ok = isFromWebviewMessage(m);
        seen.worstMs = Math.max(seen.worstMs, performance.now() - started);
        if (!ok) {
          seen.rejected++;
          return;
        }
        seen.accepted++;
        assert.ok(ALLOWED.has(m.type), `accepted type ${m.type}`);
        if (m.type === 'openAttack') assert.match(m.url, /^https:\/\/attack\.mitre\.org\//);
        if (m.type === 'exclude') assert.match(m.techniqueId, /^T\d{4}(\.\d{3})?$/);
        if (m.type === 'reveal') assert.ok(Number.isInteger(m.line) && m.line >= 0 && typeof m.file === 'string');
        if (m.type === 'saveExport') assert.ok(m.format === 'svg' ? m.data.startsWith('<svg') : m.data.startsWith('data:image/png;base64,'));
      }),
      { seed: SEED, numRuns: RUNS },
    );
    assert.equal(Object.getOwnPropertyNames(Object.prototype).join(), protoBefore);
    assert.ok(seen.accepted > RUNS / 50 && seen.rejected > RUNS / 2, `both sides exercised: ${JSON.stringify(seen)}`);
    console.log(`# isFromWebviewMessage: ${RUNS} inputs, seed ${SEED}, ${seen.accepted} accepted, ${seen.rejected} rejected, worst ${seen.worstMs.toFixed(2)} ms`);
  });

  test('Reveal resolves the model and its inventories (also spelled with `..`) and nothing else', () => {
    assert.equal(revealTarget(MODEL, FILES), MODEL);
    assert.equal(revealTarget('/ws/pay/controls/../payments.threatmodel.yaml', FILES), MODEL);
    assert.equal(revealTarget('/ws/pay//payments.threatmodel.yaml/', FILES), MODEL, 'the same file, spelled loosely');
    assert.equal(revealTarget(INVENTORY, FILES), INVENTORY);
    for (const f of HOSTILE_FILES) assert.equal(revealTarget(f, FILES), undefined, JSON.stringify(f));
  });

  test(`Reveal on ${RUNS} random and mutated paths (seed ${SEED}): never throws, resolves only to a model file`, () => {
    const segment = fc.constantFrom('..', '.', '', 'ws', 'pay', 'controls', 'other', 'payments.threatmodel.yaml', 'endpoint.controls.yaml', '%2e%2e', '\0', '~');
    const path = fc.oneof(
      fc.array(segment, { maxLength: 8 }).map((s) => '/' + s.join('/')),
      fc.tuple(fc.constantFrom('file://', 'vscode-remote://h', 'untitled:', 'command:', 'http://', 'C:', '\\\\', ''), fc.constantFrom(MODEL, INVENTORY, join('/ws', 'x'))).map(([a, b]) => a + b),
      fc.string(),
    );
    let resolved = 0;
    fc.assert(
      fc.property(path, (p) => {
        const target = revealTarget(p, FILES);
        if (target === undefined) return;
        resolved++;
        assert.ok(FILES.has(target), `${JSON.stringify(p)} resolved to ${target}`);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    assert.ok(resolved > 0, 'some generated paths do name a model file');
  });
});
