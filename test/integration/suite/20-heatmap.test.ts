/**
 * The coverage heatmap in a real extension host: the command opens one panel per model, the webview draws exactly the
 * engine's result, edits of the model and of its control inventories update it live, and the webview's requests are
 * validated and allow-listed (Reveal only opens files of the model; Exclude edits techniques.exclude; Navigator export).
 */
import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CoverageResult } from '../../../src/core/coverage/types';
import { todayUtc } from '../../../src/core/triage/dates';
import type { ActionOutcome } from '../../../src/extension/heatmap/actions';
import type { ModelAnalysis } from '../../../src/extension/heatmap/analysis';
import type { HeatmapPanel } from '../../../src/extension/heatmap/panel';
import type { HeatmapTesting } from '../../../src/extension/heatmap/testing';
import type { RenderedMessage } from '../../../src/protocol';
import { setUserSetting, workspaceDir } from '../helpers/api';
import { engineResultFor, heatmapWithRealData } from '../helpers/heatmap';
import { nextEvent, untilState } from '../helpers/wait';

const SHOW = 'threatOverlap.showHeatmap';
const file = (name: string) => path.join(workspaceDir(), 'heatmap', name);
const MODEL = () => file('payments.threatmodel.yaml');

/** The engine's result for the fixture as it is on disk now, computed here independently of the panel. */
async function expectedResult(): Promise<CoverageResult> {
  // As the panel does it: triaged as of today (the fixture has no policy.asOf; 22-heatmap-triage.test.ts fixes one).
  return engineResultFor(await readFile(MODEL(), 'utf8'), MODEL(), { today: todayUtc() });
}

/** What the collapsed matrix shows: every technique that is not a sub-technique, by state. */
function drawnStates(result: CoverageResult | undefined): RenderedMessage['states'] {
  const counts = { gap: 0, accepted: 0, covered: 0, applicable: 0, 'not-applicable': 0, excluded: 0 };
  for (const t of result?.techniques ?? []) if (!t.isSubtechnique) counts[t.state]++;
  return counts;
}
const sameStates = (a: RenderedMessage['states'], b: RenderedMessage['states']) => JSON.stringify(a) === JSON.stringify(b);
/** The next analysis whose result satisfies `ok`. */
const analysed = (panel: HeatmapPanel, ok: (r: CoverageResult) => boolean, what: string) =>
  untilState(() => panel.current, panel.onDidAnalyse, (a) => a?.result !== undefined && ok(a.result), what) as Promise<ModelAnalysis>;
const rendered = (panel: HeatmapPanel, ok: (r: RenderedMessage) => boolean, what: string) =>
  untilState(() => panel.lastRender, panel.onDidRender, (r) => r !== undefined && ok(r), what) as Promise<RenderedMessage>;
const acted = (panel: HeatmapPanel, type: string) => nextEvent(panel.onDidAct, (o: ActionOutcome) => o.type === type, `a ${type} outcome`);

describe('heatmap', () => {
  let testing: HeatmapTesting;
  let panel: HeatmapPanel;

  before(async () => {
    testing = await heatmapWithRealData();
  });
  after(async () => {
    testing?.setPrompts(undefined);
    // Undo the unsaved edits so closing the editors asks nothing.
    for (const name of ['payments.threatmodel.yaml', 'cloud.controls.yaml']) {
      const doc = await vscode.workspace.openTextDocument(file(name));
      if (!doc.isDirty) continue;
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setUserSetting('path', undefined);
  });

  it('"Show Coverage Heatmap" on the active model opens its panel, and the webview draws the engine result', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(MODEL()));
    const opened = new Promise<HeatmapPanel>((resolve) => {
      const sub = testing.onDidOpen((p) => (sub.dispose(), resolve(p)));
    });
    const uri = await vscode.commands.executeCommand<string>(SHOW);
    panel = await opened;
    assert.equal(uri, vscode.Uri.file(MODEL()).toString());
    assert.equal(panel.panel.viewType, 'threatOverlap.heatmap');
    const expected = await expectedResult();
    const r = await rendered(panel, (x) => sameStates(x.states, drawnStates(expected)), 'the engine result drawn');
    assert.deepEqual(panel.current?.result?.summary, expected.summary, 'the panel analysed the model like the engine does');
    assert.equal(r.techniques, expected.techniques.filter((t) => !t.isSubtechnique).length, 'sub-techniques start collapsed');
    assert.ok(r.cells >= r.techniques, 'a technique has a cell in each of its tactics');
    assert.equal(panel.panel.title, 'Heatmap: Heatmap payments');
    assert.equal(panel.viewState?.modelUri, uri, 'the webview reported the state the serializer restores from');
  });

  it('one panel per model: running the command again reveals the same panel', async () => {
    await vscode.commands.executeCommand(SHOW, vscode.Uri.file(MODEL()));
    assert.equal(testing.all().length, 1);
    assert.equal(testing.panel(vscode.Uri.file(MODEL())), panel);
  });

  it('follows unsaved edits of the model and of its control inventory', async () => {
    const before = await expectedResult();
    const gap = before.prioritizedGaps[0];
    assert.ok(gap);
    const doc = await vscode.workspace.openTextDocument(MODEL());
    const at = doc.getText().indexOf('    - { id: T1200');
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, doc.positionAt(at), `    - { id: ${gap}, reason: edited live }\n`);
    const v1 = panel.lastRender?.version ?? 0;
    assert.ok(await vscode.workspace.applyEdit(edit));
    const after1 = await analysed(panel, (r) => r.summary.excluded === before.summary.excluded + 1, 'the analysis of the edited model');
    assert.equal(after1.result?.summary.gaps, before.summary.gaps - 1);
    assert.equal(after1.result?.techniques.find((t) => t.id === gap)?.state, 'excluded');
    await rendered(panel, (x) => x.version > v1 && sameStates(x.states, drawnStates(after1.result)), 'the edited result drawn');

    const inventory = await vscode.workspace.openTextDocument(file('cloud.controls.yaml'));
    const target = after1.result?.techniques.find((t) => t.state === 'gap' && !t.isSubtechnique);
    assert.ok(target);
    const controlEdit = new vscode.WorkspaceEdit();
    // A new control for every component (no appliesTo), so the weakest link becomes significant too.
    const end = inventory.positionAt(inventory.getText().length);
    const eol = inventory.getText().endsWith('\n') ? '' : '\n';
    controlEdit.insert(inventory.uri, end, `${eol}  - id: HEATMAP-TEST\n    techniques: [{ id: ${target.id}, coverage: significant }]\n`);
    const v2 = panel.lastRender?.version ?? 0;
    assert.ok(await vscode.workspace.applyEdit(controlEdit));
    const after2 = await analysed(panel, (r) => r.techniques.find((t) => t.id === target.id)?.coverage === 'significant', 'the analysis after the inventory edit');
    assert.equal(after2.result?.techniques.find((t) => t.id === target.id)?.state, 'covered');
    await rendered(panel, (x) => x.version > v2 && sameStates(x.states, drawnStates(after2.result)), 'the inventory edit drawn');
  });

  it('Reveal opens the model at the line; files that are not the model\'s are refused', async () => {
    const outcome = acted(panel, 'reveal');
    await testing.simulate(panel, { type: 'reveal', file: MODEL(), line: 12, character: 4 });
    assert.equal((await outcome).accepted, true);
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.fsPath, MODEL());
    assert.equal(editor?.selection.active.line, 12);
    const refused = acted(panel, 'reveal');
    await testing.simulate(panel, { type: 'reveal', file: path.join(workspaceDir(), 'payments.threatmodel.yaml'), line: 0, character: 0 });
    assert.deepEqual(await refused, { type: 'reveal', accepted: false, detail: `${path.join(workspaceDir(), 'payments.threatmodel.yaml')} does not belong to this model` });
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, MODEL(), 'nothing else opened');
  });

  it('drops malformed and disallowed messages (no command execution, no non-ATT&CK links)', async () => {
    for (const message of [{ type: 'runCommand', command: 'workbench.action.terminal.new' }, { type: 'openAttack', url: 'https://example.com/' }, 'ready', null]) {
      const outcome = nextEvent(panel.onDidAct, () => true, 'an outcome');
      await testing.simulate(panel, message);
      assert.equal((await outcome).accepted, false, JSON.stringify(message));
    }
  });

  it('"Exclude with reason…" adds the technique to techniques.exclude with the reason given', async () => {
    const result = panel.current?.result;
    const gap = result?.prioritizedGaps[0];
    assert.ok(gap);
    testing.setPrompts({ exclusionReason: async () => 'Tested: out of scope', saveLocation: async () => undefined });
    const outcome = acted(panel, 'exclude');
    await testing.simulate(panel, { type: 'exclude', techniqueId: gap });
    assert.equal((await outcome).accepted, true);
    const text = (await vscode.workspace.openTextDocument(MODEL())).getText();
    assert.ok(text.includes(`{ id: ${gap}, reason: "Tested: out of scope" }`), text);
    const after = await analysed(panel, (r) => r.techniques.find((t) => t.id === gap)?.state === 'excluded', 'the exclusion analysed');
    assert.equal(after.result?.techniques.find((t) => t.id === gap)?.exclusion?.reason, 'Tested: out of scope');
    const unknown = acted(panel, 'exclude');
    await testing.simulate(panel, { type: 'exclude', techniqueId: 'T9999' });
    assert.equal((await unknown).accepted, false);
  });

  it('exports the Navigator layer of the current result', async () => {
    const target = vscode.Uri.file(file('heatmap-test.layer.json'));
    testing.setPrompts({ exclusionReason: async () => undefined, saveLocation: async () => target });
    const outcome = acted(panel, 'export');
    await testing.simulate(panel, { type: 'exportLayer' });
    assert.equal((await outcome).accepted, true);
    const layer = JSON.parse(await readFile(target.fsPath, 'utf8')) as { domain: string; techniques: { techniqueID: string }[] };
    assert.equal(layer.domain, 'enterprise-attack');
    assert.equal(layer.techniques.length, panel.current?.result?.techniques.length);
  });

  it('closing the panel forgets it', async () => {
    const closed = new Promise<void>((resolve) => panel.onDidClose(resolve));
    panel.panel.dispose();
    await closed;
    assert.equal(testing.all().length, 0);
  });
});
