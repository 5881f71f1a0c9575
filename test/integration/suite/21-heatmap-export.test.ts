/**
 * The host side of the heatmap's SVG and PNG exports in a real extension host: the panel asks its webview for an
 * export (as the "Export" buttons and commands do), the webview posts the picture, and the host writes it where the
 * save prompt (scripted through the test hook, no dialog) says. The files are a well-formed SVG document of the
 * drawn matrix and a PNG of it; malformed and oversized payloads are refused before anything is asked or written.
 */
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ActionOutcome, HeatmapPrompts } from '../../../src/extension/heatmap/actions';
import type { HeatmapPanel } from '../../../src/extension/heatmap/panel';
import type { HeatmapTesting } from '../../../src/extension/heatmap/testing';
import type { RenderedMessage } from '../../../src/protocol';
import { setUserSetting, workspaceDir } from '../helpers/api';
import { heatmapWithRealData } from '../helpers/heatmap';
import { nextEvent, untilState } from '../helpers/wait';

const SHOW = 'threatOverlap.showHeatmap';
const file = (name: string) => path.join(workspaceDir(), 'heatmap', name);
const MODEL = () => file('payments.threatmodel.yaml');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** One over the protocol's limit for an export's data (MAX_EXPORT_CHARS in src/protocol.ts). */
const OVERSIZED = 40_000_001;

interface XmlElement {
  readonly name: string;
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: XmlElement[];
  text: string;
}

/**
 * A strict parser for the XML an XMLSerializer writes (elements, attributes in quotes, text, entities, comments,
 * CDATA): throws on anything that is not well-formed, such as a tag closed in the wrong order or a second root.
 */
function parseXml(xml: string): XmlElement {
  const token = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<\/([A-Za-z_][\w:.-]*)\s*>|<([A-Za-z_][\w:.-]*)((?:\s+[A-Za-z_][\w:.-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|([^<]+)/gy;
  const attribute = /([A-Za-z_][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  const text = (s: string) => {
    if (/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[\da-fA-F]+);)/.test(s)) throw new Error(`a bare & in ${JSON.stringify(s.slice(0, 40))}`);
    return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  };
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let at = 0;
  while (at < xml.length) {
    token.lastIndex = at;
    const m = token.exec(xml);
    if (!m) throw new Error(`not well-formed at ${at}: ${JSON.stringify(xml.slice(at, at + 40))}`);
    at = token.lastIndex;
    const [whole, closing, opening, attrs = '', selfClosing, chars] = m;
    if (chars !== undefined) {
      if (stack.length === 0) {
        if (chars.trim() !== '') throw new Error('text outside the root element');
      } else stack[stack.length - 1]!.text += text(chars);
    } else if (whole.startsWith('<![CDATA[')) {
      if (stack.length === 0) throw new Error('CDATA outside the root element');
      stack[stack.length - 1]!.text += whole.slice(9, -3);
    } else if (closing !== undefined) {
      const open = stack.pop();
      if (open?.name !== closing) throw new Error(`</${closing}> closes <${open?.name ?? 'nothing'}>`);
    } else if (opening !== undefined) {
      const attributes = new Map<string, string>();
      for (const a of attrs.matchAll(attribute)) {
        if (attributes.has(a[1]!)) throw new Error(`attribute ${a[1]} twice on <${opening}>`);
        attributes.set(a[1]!, text(a[2] ?? a[3] ?? ''));
      }
      const element: XmlElement = { name: opening, attributes, children: [], text: '' };
      if (stack.length > 0) stack[stack.length - 1]!.children.push(element);
      else if (root) throw new Error('a second root element');
      else root = element;
      if (!selfClosing) stack.push(element);
    }
  }
  if (stack.length > 0) throw new Error(`<${stack[stack.length - 1]!.name}> is never closed`);
  if (!root) throw new Error('no root element');
  return root;
}

function* descendants(e: XmlElement): Generator<XmlElement> {
  for (const c of e.children) {
    yield c;
    yield* descendants(c);
  }
}

/** The width and height in a PNG's IHDR chunk (the first chunk, right after the signature). */
function pngSize(bytes: Buffer): { width: number; height: number } {
  assert.equal(bytes.subarray(12, 16).toString('latin1'), 'IHDR', 'the first chunk is IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('heatmap exports (SVG, PNG) written by the host', () => {
  let testing: HeatmapTesting;
  let panel: HeatmapPanel;
  /** Every save location the actions asked for, and where the next answer points. */
  const asked: vscode.Uri[] = [];
  let answer: vscode.Uri | undefined;
  const prompts: HeatmapPrompts = {
    exclusionReason: async () => undefined,
    saveLocation: async (suggested) => (asked.push(suggested), answer),
  };
  const acted = (type: string) => nextEvent(panel.onDidAct, (o: ActionOutcome) => o.type === type, `a ${type} outcome`, 60_000);

  before(async () => {
    testing = await heatmapWithRealData();
    testing.setPrompts(prompts);
    const existing = testing.panel(vscode.Uri.file(MODEL()));
    const opened = existing
      ? Promise.resolve(existing)
      : new Promise<HeatmapPanel>((resolve) => {
          const sub = testing.onDidOpen((p) => (sub.dispose(), resolve(p)));
        });
    await vscode.commands.executeCommand(SHOW, vscode.Uri.file(MODEL()));
    panel = await opened;
    await untilState(() => panel.lastRender, panel.onDidRender, (r: RenderedMessage | undefined) => r !== undefined && r.cells > 0, 'the matrix drawn', 60_000);
  });
  beforeEach(() => {
    asked.length = 0;
    answer = undefined;
  });
  after(async () => {
    testing?.setPrompts(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setUserSetting('path', undefined);
  });

  it('SVG: the webview\'s export is written as a well-formed SVG document with a cell per drawn technique', async () => {
    answer = vscode.Uri.file(file('exported.heatmap.svg'));
    const outcome = acted('export');
    panel.requestExport('svg');
    assert.deepEqual(await outcome, { type: 'export', accepted: true, detail: answer.fsPath });
    assert.deepEqual(
      asked.map((u) => u.fsPath),
      [file('payments.heatmap.svg')],
      'the save prompt suggested <model>.heatmap.svg next to the model',
    );
    const svg = parseXml(await readFile(answer.fsPath, 'utf8'));
    assert.equal(svg.name, 'svg');
    assert.equal(svg.attributes.get('xmlns'), 'http://www.w3.org/2000/svg');
    assert.ok(Number(svg.attributes.get('width')) > 0 && Number(svg.attributes.get('height')) > 0, 'a size of its own');
    const all = [...descendants(svg)];
    assert.equal(all.find((e) => e.name === 'title')?.text, 'Threat Overlap: Heatmap payments');
    // The matrix as shown: a cell (data-id) per technique and open tactic, sub-techniques collapsed, as the webview
    // reported; the tactics whose techniques are all not applicable are collapsed strips with their technique count.
    const cells = all.filter((e) => e.name === 'g' && e.attributes.has('data-id'));
    assert.equal(cells.length, panel.lastRender?.cells, 'as many cells as the webview drew');
    const result = panel.current?.result;
    assert.ok(result);
    const strips = all.filter((e) => e.name === 'g' && /\bcollapsed\b/.test(e.attributes.get('class') ?? ''));
    const folded = result.tactics
      .map((t) => t.shortname)
      .filter((s) => result.techniques.filter((t) => t.tactics.includes(s)).every((t) => t.state === 'not-applicable'));
    assert.ok(folded.length > 0, 'the example model has tactics that are all not applicable');
    assert.deepEqual(strips.map((g) => g.attributes.get('data-tactic')), folded, 'those tactics are collapsed strips');
    assert.equal(panel.lastRender?.collapsed, folded.length);
    const parents = new Map(result.techniques.filter((t) => !t.isSubtechnique).map((t) => [t.id, t]));
    for (const g of strips) {
      const count = [...descendants(g)].find((e) => e.attributes.get('class') === 'tactic-count')?.text;
      assert.equal(count, String([...parents.values()].filter((t) => t.tactics.includes(g.attributes.get('data-tactic') ?? '')).length), 'a strip counts its techniques');
    }
    const shown = [...parents.values()].filter((t) => t.tactics.some((s) => !folded.includes(s))).map((t) => t.id);
    assert.deepEqual(new Set(cells.map((c) => c.attributes.get('data-id'))), new Set(shown), 'every technique of the open tactics, nothing else');
    const tacticNames = new Set(all.filter((e) => e.name === 'text' && e.attributes.get('class')?.includes('tactic-name')).map((e) => e.text));
    assert.deepEqual(tacticNames, new Set(result.tactics.map((t) => t.name)), 'the tactics as column headers');
    const texts = all.filter((e) => e.name === 'text').map((e) => e.text);
    const gap = result.prioritizedGaps.find((id) => parents.has(id));
    assert.ok(gap && texts.some((t) => t.includes(gap)), `the label of gap ${gap} is in the picture`);
  });

  it('PNG: the webview\'s export is written as PNG bytes, twice the size of the SVG', async () => {
    answer = vscode.Uri.file(file('exported.heatmap.png'));
    const outcome = acted('export');
    panel.requestExport('png');
    assert.deepEqual(await outcome, { type: 'export', accepted: true, detail: answer.fsPath });
    assert.deepEqual(asked.map((u) => u.fsPath), [file('payments.heatmap.png')]);
    const bytes = await readFile(answer.fsPath);
    assert.deepEqual(bytes.subarray(0, 8), PNG_SIGNATURE, 'the 8-byte PNG signature');
    const svg = parseXml(await readFile(file('exported.heatmap.svg'), 'utf8'));
    // The webview draws the SVG on a canvas at scale 2.
    assert.deepEqual(pngSize(bytes), {
      width: Math.ceil(Number(svg.attributes.get('width')) * 2),
      height: Math.ceil(Number(svg.attributes.get('height')) * 2),
    });
    assert.ok(bytes.length > 1000, `${bytes.length} bytes: a picture, not an empty canvas header`);
  });

  const refused: [string, unknown][] = [
    ['an SVG export that is not an <svg> document', { type: 'saveExport', format: 'svg', data: '<script>alert(1)</script>' }],
    ['an SVG export without data', { type: 'saveExport', format: 'svg' }],
    ['a PNG export that is not a PNG data URL', { type: 'saveExport', format: 'png', data: 'data:text/html;base64,PHNjcmlwdD4=' }],
    ['a PNG data URL that is not base64', { type: 'saveExport', format: 'png', data: 'data:image/png;base64,<svg onload=alert(1)>' }],
    ['a PNG data URL that does not hold a PNG', { type: 'saveExport', format: 'png', data: `data:image/png;base64,${Buffer.from('GIF89a not a png').toString('base64')}` }],
    ['an SVG data URL sent as PNG', { type: 'saveExport', format: 'png', data: `data:image/png;base64,${Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>').toString('base64')}` }],
    ['another format', { type: 'saveExport', format: 'pdf', data: '<svg/>' }],
    ['an oversized SVG', { type: 'saveExport', format: 'svg', data: `<svg xmlns="http://www.w3.org/2000/svg">${' '.repeat(OVERSIZED)}</svg>` }],
    ['an oversized PNG', { type: 'saveExport', format: 'png', data: `data:image/png;base64,${PNG_SIGNATURE.toString('base64')}${'A'.repeat(OVERSIZED)}` }],
  ];
  for (const [what, message] of refused) {
    it(`refuses ${what} without asking where to save or writing anything`, async () => {
      const target = file(`refused-${refused.findIndex(([w]) => w === what)}.heatmap.out`);
      answer = vscode.Uri.file(target);
      const outcome = nextEvent(panel.onDidAct, () => true, 'an outcome', 60_000);
      await testing.simulate(panel, message);
      const o = await outcome;
      assert.equal(o.accepted, false, `${what}: ${o.detail}`);
      assert.deepEqual(asked, [], 'no save prompt');
      assert.equal(existsSync(target), false, 'no file written');
    });
  }

  it('writes a payload that passes validation (so the refusals above are about the payloads, not the hook)', async () => {
    // A minimal valid PNG (1×1, from its signature and IHDR on) built here, as the webview's canvas would send it.
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082',
      'hex',
    );
    answer = vscode.Uri.file(file('minimal.heatmap.png'));
    const outcome = acted('export');
    await testing.simulate(panel, { type: 'saveExport', format: 'png', data: `data:image/png;base64,${png.toString('base64')}` });
    assert.equal((await outcome).accepted, true);
    assert.deepEqual(await readFile(answer.fsPath), png);
  });
});
