import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyseCoverage } from '../../../src/core/coverage/engine';
import { decodeToWebview, defaultViewState, encodeToWebview, encodeToWebviewInSlices, isAttackUrl, isFromWebviewMessage, isHeatmapViewState, isToWebviewMessage } from '../../../src/protocol';
import { miniIndex } from '../coverage/fixture';

const result = analyseCoverage(miniIndex(), {
  minCoverage: 'partial',
  components: [{ id: 'win', platforms: ['Windows'], assets: [] }],
  adversaries: [{ kind: 'intel', label: 'Intel', includeSoftware: false, techniques: [{ id: 'T1003', source: { file: '/m.threatmodel.yaml', range: { start: { line: 3, character: 4 }, end: { line: 3, character: 9 } } } }] }],
  exclusions: [],
  controls: [],
});
const resultMessage = { type: 'result', modelUri: 'file:///m.threatmodel.yaml', modelName: 'M', components: [{ id: 'win', label: 'win' }], adversaries: [{ id: '0', label: 'Intel' }], result };

describe('host → webview validation', () => {
  test('accepts a real engine result (after a JSON round trip, as postMessage delivers it)', () => {
    assert.equal(isToWebviewMessage(JSON.parse(JSON.stringify(resultMessage))), true);
    assert.equal(isToWebviewMessage({ type: 'status', modelUri: 'x', state: 'missing-data', message: 'no data' }), true);
    assert.equal(isToWebviewMessage({ type: 'exportRequest', format: 'png' }), true);
  });

  test('rejects unknown types, wrong states and broken results', () => {
    assert.equal(isToWebviewMessage({ type: 'eval', code: '1' }), false);
    assert.equal(isToWebviewMessage(null), false);
    assert.equal(isToWebviewMessage({ type: 'status', modelUri: 'x', state: 'weird', message: '' }), false);
    const badState = { ...result, techniques: result.techniques.map((t, i) => (i === 0 ? { ...t, state: 'red' } : t)) };
    assert.equal(isToWebviewMessage({ ...resultMessage, result: badState }), false);
    const badCoverage = { ...result, techniques: result.techniques.map((t, i) => (i === 1 ? { ...t, coverage: 'lots' } : t)) };
    assert.equal(isToWebviewMessage({ ...resultMessage, result: badCoverage }), false);
    const badSource = { ...result, techniques: result.techniques.map((t) => ({ ...t, adversaries: t.adversaries.map((a) => ({ ...a, source: { file: 1 } })) })) };
    assert.equal(isToWebviewMessage({ ...resultMessage, result: badSource }), false);
    assert.equal(isToWebviewMessage({ ...resultMessage, adversaries: [{ id: 0, label: 'x' }] }), false);
  });
});

describe('webview → host validation (untrusted input)', () => {
  test('accepts each well-formed request', () => {
    for (const m of [
      { type: 'ready' },
      { type: 'reveal', file: '/w/m.threatmodel.yaml', line: 3, character: 0 },
      { type: 'exclude', techniqueId: 'T1059.001' },
      { type: 'openAttack', url: 'https://attack.mitre.org/techniques/T1059/001/' },
      { type: 'saveExport', format: 'svg', data: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' },
      { type: 'saveExport', format: 'png', data: 'data:image/png;base64,iVBORw0KGgo=' },
      { type: 'exportLayer' },
      { type: 'viewState', state: defaultViewState('file:///m') },
      { type: 'viewState', state: { ...defaultViewState('file:///m'), columns: { reconnaissance: 'open', 'initial-access': 'collapsed' } } },
      { type: 'rendered', version: 1, cells: 3, techniques: 3, states: { gap: 1, accepted: 0, covered: 0, applicable: 2, 'not-applicable': 0, excluded: 0 }, outcomes: { act: 0, attend: 1, 'track*': 0, track: 0, accepted: 0 }, collapsed: 2, renderMs: 12.5 },
    ]) {
      assert.equal(isFromWebviewMessage(m), true, JSON.stringify(m));
    }
  });

  test('rejects everything else', () => {
    for (const m of [
      undefined,
      'ready',
      { type: 'runCommand', command: 'workbench.action.terminal.new' },
      { type: 'reveal', file: '/w/m.yaml', line: -1, character: 0 },
      { type: 'reveal', file: '/w/m.yaml', line: 1.5, character: 0 },
      { type: 'reveal', file: 42, line: 1, character: 0 },
      { type: 'exclude', techniqueId: 'T1059; rm -rf /' },
      { type: 'exclude', techniqueId: 'TA0001' },
      { type: 'openAttack', url: 'http://attack.mitre.org/techniques/T1059/' },
      { type: 'openAttack', url: 'https://attack.mitre.org.evil.example/techniques/T1059/' },
      { type: 'openAttack', url: 'https://user:pw@attack.mitre.org/' },
      { type: 'openAttack', url: 'command:workbench.action.terminal.new' },
      { type: 'saveExport', format: 'svg', data: '<script>alert(1)</script>' },
      { type: 'saveExport', format: 'png', data: 'data:text/html;base64,PGI+' },
      { type: 'saveExport', format: 'exe', data: '<svg' },
      { type: 'viewState', state: { ...defaultViewState('x'), zoom: 100 } },
      { type: 'viewState', state: { ...defaultViewState('x'), filters: { ...defaultViewState('x').filters, states: ['purple'] } } },
      { type: 'rendered', version: 1, cells: 3, techniques: 3, states: { gap: 1 }, collapsed: 0, renderMs: 1 },
      { type: 'rendered', version: 1, cells: 3, techniques: 3, states: { gap: 1, covered: 0, applicable: 2, 'not-applicable': 0, excluded: 0 }, renderMs: 1 },
      { type: 'viewState', state: { ...defaultViewState('x'), columns: { reconnaissance: 'hidden' } } },
      { type: 'viewState', state: { ...defaultViewState('x'), columns: ['reconnaissance'] } },
      { type: 'viewState', state: { ...defaultViewState('x'), columns: { ['x'.repeat(201)]: 'open' } } },
      { type: 'viewState', state: { ...defaultViewState('x'), columns: Object.fromEntries(Array.from({ length: 101 }, (_x, i) => [`t${i}`, 'open'])) } },
    ]) {
      assert.equal(isFromWebviewMessage(m), false, JSON.stringify(m));
    }
  });

  test('only https://attack.mitre.org pages are ATT&CK URLs', () => {
    assert.equal(isAttackUrl('https://attack.mitre.org/techniques/T1059/'), true);
    assert.equal(isAttackUrl('https://attack.mitre.org:8443/'), false);
    assert.equal(isAttackUrl('javascript:alert(1)'), false);
    assert.equal(isAttackUrl('not a url'), false);
  });

  test('view states: the default is valid, partial ones are not', () => {
    assert.equal(isHeatmapViewState(defaultViewState('file:///m')), true);
    const partial = Object.fromEntries(Object.entries(defaultViewState('file:///m')).filter(([k]) => k !== 'zoom'));
    assert.equal(isHeatmapViewState(partial), false);
  });
});

describe('host → webview wire form (JSON text)', () => {
  test('a result goes as JSON text and comes back equal, validated', () => {
    const text = encodeToWebview(resultMessage as Parameters<typeof encodeToWebview>[0]);
    assert.equal(typeof text, 'string');
    assert.deepEqual(decodeToWebview(text), JSON.parse(JSON.stringify(resultMessage)));
  });
  test('objects are still taken; broken JSON, JSON of an invalid message and other types are refused', () => {
    assert.deepEqual(decodeToWebview({ type: 'exportRequest', format: 'svg' }), { type: 'exportRequest', format: 'svg' });
    assert.equal(decodeToWebview('{"type":"result",'), undefined);
    assert.equal(decodeToWebview(JSON.stringify({ type: 'eval', code: '1' })), undefined);
    assert.equal(decodeToWebview('"result"'), undefined);
    assert.equal(decodeToWebview(42), undefined);
    assert.equal(decodeToWebview(null), undefined);
  });
});

describe('a big result is written in slices', () => {
  test('the sliced text is exactly the one-piece text, with a pause between slices', async () => {
    let pauses = 0;
    const message = JSON.parse(JSON.stringify(resultMessage));
    const text = await encodeToWebviewInSlices(message, async () => void pauses++, 2);
    assert.equal(text, encodeToWebview(message));
    assert.equal(pauses, Math.ceil(message.result.techniques.length / 2) - 1);
    assert.deepEqual(decodeToWebview(text), message);
  });
  test('small results and other messages go in one piece', async () => {
    let pauses = 0;
    const status = { type: 'status', modelUri: 'x', state: 'missing-data', message: 'm' } as const;
    assert.equal(await encodeToWebviewInSlices(status, async () => void pauses++), JSON.stringify(status));
    assert.equal(pauses, 0);
  });
});
