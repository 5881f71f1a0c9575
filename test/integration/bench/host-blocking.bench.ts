/**
 * Benchmark of the SPEC budget "the extension host is never blocked for more than 50 ms at a time", in a real
 * extension host (code-server, `npm run bench:host`): the longest event-loop block while each user-facing operation
 * runs, as a user triggers it, with an idle stretch of the same host in the same run as the baseline (VS Code's own
 * work and the machine's load show there). Prints the figures; fails only when an operation is over the budget.
 */
import * as assert from 'node:assert/strict';
import { readdir, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { generateModel } from '../../../bench/lib/generated-model';
import type { HeatmapPanel } from '../../../src/extension/heatmap/panel';
import { HEATMAP_TESTING_COMMAND, type HeatmapTesting } from '../../../src/extension/heatmap/testing';
import type { RenderedMessage } from '../../../src/protocol';
import { api, setUserSetting, stixDir, workspaceDir } from '../helpers/api';
import { BlockMonitor, type BlockFigure } from '../helpers/block-monitor';
import { nextEvent, untilState } from '../helpers/wait';

const BUDGET_MS = 50;
const LINES = 2000;
const WAIT_MS = 120_000;
const file = (name: string) => path.join(workspaceDir(), 'heatmap', name);
const MODEL = () => file('bench-estate.threatmodel.yaml');

/** Resolves when our diagnostics of `uri` are published next. */
const diagnosed = (uri: vscode.Uri) => nextEvent(vscode.languages.onDidChangeDiagnostics, (e) => e.uris.some((u) => u.toString() === uri.toString()), 'diagnostics', WAIT_MS);
const rendered = (panel: HeatmapPanel, after: number) =>
  untilState(() => panel.lastRender, panel.onDidRender, (r: RenderedMessage | undefined) => r !== undefined && r.version > after && r.cells > 0, 'the heatmap drawn', WAIT_MS);

describe('host blocking benchmark', () => {
  const monitor = new BlockMonitor();
  const figures: BlockFigure[] = [];
  const measure = async (name: string, operation: () => Promise<unknown>) => figures.push(await monitor.measure(name, operation));

  after(async () => {
    monitor.dispose();
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await rm(MODEL(), { force: true });
    await setUserSetting('path', undefined);
  });

  it(`no operation blocks the extension host for more than ${BUDGET_MS} ms`, async () => {
    const data = (await api()).attackData;
    await measure('idle host, 3 s (baseline: VS Code and the machine)', () => new Promise((resolve) => setTimeout(resolve, 3000)));

    for (const f of await readdir(data.indexCacheDir)) await rm(path.join(data.indexCacheDir, f), { force: true });
    await measure('load ATT&CK 18.1: index built in the worker, handed to the host', async () => {
      const status = await setUserSetting('path', stixDir());
      assert.equal(status.state, 'ready', status.problems.join('; '));
    });
    await measure('reload ATT&CK 18.1 from the index cache', () => data.reload());
    const index = await data.getIndex();
    assert.ok(index);

    await writeFile(MODEL(), generateModel(index, LINES));
    const uri = vscode.Uri.file(MODEL());
    let doc: vscode.TextDocument | undefined;
    await measure(`open a ${LINES}-line model until its diagnostics show`, async () => {
      const shown = diagnosed(uri);
      doc = (await vscode.window.showTextDocument(uri)).document;
      await shown;
    });
    assert.ok(doc);
    const editor = await vscode.window.showTextDocument(doc);
    const middle = doc.lineAt(Math.floor(doc.lineCount / 2)).range.end;
    await measure('type 20 characters mid-file, 40 ms apart, until re-validated', async () => {
      for (let i = 0; i < 20; i++) {
        await editor.edit((b) => b.insert(middle, 'x'));
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
      await diagnosed(uri);
    });
    const technique = doc.getText().indexOf('- T1');
    await measure('completion in a technique list', () => Promise.resolve(vscode.commands.executeCommand('vscode.executeCompletionItemProvider', uri, doc!.positionAt(technique + 3))));
    await measure('hover on a technique ID', () => Promise.resolve(vscode.commands.executeCommand('vscode.executeHoverProvider', uri, doc!.positionAt(technique + 4))));
    await measure(`Run Gap Check on the ${LINES}-line model (${index.list('group').length} adversaries)`, () => Promise.resolve(vscode.commands.executeCommand('threatOverlap.runGapCheck', uri)));

    const testing = await vscode.commands.executeCommand<HeatmapTesting>(HEATMAP_TESTING_COMMAND);
    assert.ok(testing);
    let panel: HeatmapPanel | undefined;
    await measure('Show Coverage Heatmap until the webview has drawn it', async () => {
      const opened = new Promise<HeatmapPanel>((resolve) => {
        const sub = testing.onDidOpen((p) => (sub.dispose(), resolve(p)));
      });
      await vscode.commands.executeCommand('threatOverlap.showHeatmap', uri);
      panel = await opened;
      await rendered(panel, -1);
    });
    assert.ok(panel);
    await measure('heatmap update after an edit of the model', async () => {
      const version = panel!.lastRender?.version ?? 0;
      await editor.edit((b) => b.insert(middle, 'y'));
      await rendered(panel!, version);
    });
    const layer = vscode.Uri.file(path.join(os.tmpdir(), `host-bench-${process.pid}.layer.json`));
    testing.setPrompts({ exclusionReason: async () => undefined, saveLocation: async () => layer });
    await measure('Navigator layer export from the heatmap', async () => {
      const done = nextEvent(panel!.onDidAct, (o) => o.type === 'export', 'the export', WAIT_MS);
      await testing.simulate(panel!, { type: 'exportLayer' });
      assert.equal((await done).accepted, true);
    });
    testing.setPrompts(undefined);
    await rm(layer.fsPath, { force: true });

    const baseline = figures[0]!;
    const width = Math.max(...figures.map((f) => f.name.length));
    console.log(`Extension host blocking (event-loop delay histogram, 2 ms resolution; load average ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} CPUs)`);
    for (const f of figures) {
      const verdict = f === baseline ? 'baseline' : f.maxMs <= BUDGET_MS ? 'PASS' : 'FAIL';
      console.log(`  ${f.name.padEnd(width)}  longest ${f.maxMs.toFixed(1).padStart(6)} ms  p99 ${f.p99Ms.toFixed(1).padStart(5)} ms  wall ${f.wallMs.toFixed(0).padStart(6)} ms  ${verdict}`);
    }
    const over = figures.filter((f) => f !== baseline && f.maxMs > BUDGET_MS);
    assert.deepEqual(over.map((f) => `${f.name}: ${f.maxMs.toFixed(1)} ms`), [], `over the ${BUDGET_MS} ms budget (idle baseline ${baseline.maxMs.toFixed(1)} ms)`);
  });
});
