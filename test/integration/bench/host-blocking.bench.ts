/**
 * Benchmark of the SPEC budget "the extension host is never blocked for more than 50 ms at a time", in a real
 * extension host (code-server, `npm run bench:host`): the longest event-loop block while each user-facing operation
 * runs, as a user triggers it, with an idle stretch of the same host in the same run as the baseline (VS Code's own
 * work and the machine's load show there). Each round runs the whole session again; prints the median and the
 * worst longest block of each operation; fails when an operation's worst round is over the budget.
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
/** Rounds of the whole session (THREAT_OVERLAP_BENCH_ROUNDS): single runs vary by tens of ms. */
const ROUNDS = Number(process.env['THREAT_OVERLAP_BENCH_ROUNDS'] ?? 3);
const BASELINE = 'idle host, 3 s (baseline: VS Code and the machine)';
const LINES = 2000;
const WAIT_MS = 120_000;
const file = (name: string) => path.join(workspaceDir(), 'heatmap', name);
const MODEL = () => file('bench-estate.threatmodel.yaml');

/** Resolves when our diagnostics of `uri` are published next. */
const diagnosed = (uri: vscode.Uri) => nextEvent(vscode.languages.onDidChangeDiagnostics, (e) => e.uris.some((u) => u.toString() === uri.toString()), 'diagnostics', WAIT_MS);
const rendered = (panel: HeatmapPanel, after: number) =>
  untilState(() => panel.lastRender, panel.onDidRender, (r: RenderedMessage | undefined) => r !== undefined && r.version > after && r.cells > 0, 'the heatmap drawn', WAIT_MS);

describe('host blocking benchmark', () => {
  const monitor = new BlockMonitor(process.env['THREAT_OVERLAP_BENCH_PROFILE'] === '1');
  /** Each operation's figures, one per round, in the order first measured. */
  const figures = new Map<string, BlockFigure[]>();
  const measure = async (name: string, operation: () => Promise<unknown>) => {
    console.log(`  … ${name}`);
    const figure = await monitor.measure(name, operation);
    figures.set(name, [...(figures.get(name) ?? []), figure]);
  };

  after(async () => {
    monitor.dispose();
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await rm(MODEL(), { force: true });
    await setUserSetting('path', undefined);
  });

  /** What a user does with one model, each step measured: open, type, complete, hover, gap check, heatmap, export. */
  async function session(label: string, uri: vscode.Uri): Promise<void> {
    const testing = await vscode.commands.executeCommand<HeatmapTesting>(HEATMAP_TESTING_COMMAND);
    assert.ok(testing);
    let doc: vscode.TextDocument | undefined;
    // (Its validation, CodeLens and outline follow: the measurement runs until the host is quiet again.)
    await measure(`${label}: open in an editor`, async () => {
      doc = (await vscode.window.showTextDocument(uri)).document;
    });
    assert.ok(doc);
    const editor = await vscode.window.showTextDocument(doc);
    // Typing goes into a comment line halfway down: the model stays valid, every keystroke re-validates it.
    const commentLine = doc.getText().split('\n').findIndex((l, i) => i >= doc!.lineCount / 2 && l.includes('# '));
    const typeAt = doc.lineAt(commentLine >= 0 ? commentLine : 0).range.end;
    await measure(`${label}: type 20 characters, 40 ms apart, until re-validated`, async () => {
      for (let i = 0; i < 20; i++) {
        await editor.edit((b) => b.insert(typeAt, 'x'));
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
      await diagnosed(uri);
    });
    const technique = doc.getText().search(/\bT1\d{3}\b/);
    await measure(`${label}: completion of a technique ID`, () => Promise.resolve(vscode.commands.executeCommand('vscode.executeCompletionItemProvider', uri, doc!.positionAt(technique + 2))));
    await measure(`${label}: hover on a technique ID`, () => Promise.resolve(vscode.commands.executeCommand('vscode.executeHoverProvider', uri, doc!.positionAt(technique + 2))));
    await measure(`${label}: Run Gap Check (Problems entries, Markdown report beside)`, () => Promise.resolve(vscode.commands.executeCommand('threatOverlap.runGapCheck', uri)));
    let panel: HeatmapPanel | undefined;
    await measure(`${label}: Show Coverage Heatmap until drawn`, async () => {
      const opened = new Promise<HeatmapPanel>((resolve) => {
        const sub = testing.onDidOpen((p) => (sub.dispose(), resolve(p)));
      });
      await vscode.commands.executeCommand('threatOverlap.showHeatmap', uri);
      panel = await opened;
      await rendered(panel, -1);
    });
    assert.ok(panel);
    // The edit excludes the most urgent gap, as a user answering the heatmap does: the result changes.
    const gap = panel.current?.result?.prioritizedGaps[0];
    const exclude = doc.getText().split('\n').findIndex((l) => /^\s+exclude:\s*$/.test(l));
    assert.ok(gap && exclude >= 0, 'a gap to exclude and an exclude: list');
    await measure(`${label}: heatmap update after an edit`, async () => {
      const version = panel!.lastRender?.version ?? 0;
      const edit = new vscode.WorkspaceEdit();
      edit.insert(uri, new vscode.Position(exclude + 1, 0), `    - { id: ${gap}, reason: host benchmark }\n`);
      assert.ok(await vscode.workspace.applyEdit(edit));
      await rendered(panel!, version);
    });
    const layer = vscode.Uri.file(path.join(os.tmpdir(), `host-bench-${process.pid}.layer.json`));
    testing.setPrompts({ exclusionReason: async () => undefined, saveLocation: async () => layer });
    await measure(`${label}: Navigator layer export from the heatmap`, async () => {
      const done = nextEvent(panel!.onDidAct, (o) => o.type === 'export', 'the export', WAIT_MS);
      await testing.simulate(panel!, { type: 'exportLayer' });
      assert.equal((await done).accepted, true);
    });
    testing.setPrompts(undefined);
    await rm(layer.fsPath, { force: true });
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  }

  it(`no operation blocks the extension host for more than ${BUDGET_MS} ms`, async () => {
    const data = (await api()).attackData;
    // VS Code's own language extensions start when the first JSON, Markdown or YAML document opens (the settings
    // file, the gap report): warm them up first, so their one-time start-up is not counted against our operations.
    // (Writing a setting opens settings.json as JSONC, which starts the JSON and TypeScript extensions.)
    for (const [name, text] of [['warm-up.json', '{ "a": 1 }\n'], ['warm-up.jsonc', '{ "a": 1 }\n'], ['warm-up.md', '# Warm-up\n\n- a\n'], ['warm-up.yaml', 'a: 1\n']]) {
      const warm = vscode.Uri.file(path.join(os.tmpdir(), `host-bench-${process.pid}-${name}`));
      await writeFile(warm.fsPath, text);
      await vscode.window.showTextDocument(warm);
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');

    for (const f of await readdir(data.indexCacheDir)) await rm(path.join(data.indexCacheDir, f), { force: true });
    await measure('load ATT&CK 18.1: index built in the worker, handed to the host', async () => {
      const status = await setUserSetting('path', stixDir());
      assert.equal(status.state, 'ready', status.problems.join('; '));
    });
    const index = await data.getIndex();
    assert.ok(index);
    await writeFile(MODEL(), generateModel(index, LINES));
    for (let round = 1; round <= ROUNDS; round++) {
      await measure(BASELINE, () => new Promise((resolve) => setTimeout(resolve, 3000)));
      await measure('reload ATT&CK 18.1 from the index cache', () => data.reload());
      await session('example model (40 lines, 4 adversaries)', vscode.Uri.file(file('payments.threatmodel.yaml')));
      await session(`${LINES}-line model (${index.list('group').length} groups, 40 components)`, vscode.Uri.file(MODEL()));
    }

    const rows = [...figures].map(([name, runs]) => {
      const longest = runs.map((f) => f.maxMs).sort((a, b) => a - b);
      return { name, runs, median: longest[Math.floor((longest.length - 1) / 2)] ?? 0, worst: longest.at(-1) ?? 0 };
    });
    const width = Math.max(...rows.map((r) => r.name.length));
    console.log(
      `Extension host blocking: the longest block of the event loop (2 ms timer lateness) from each operation's start until its work settled; ` +
        `median and worst of ${ROUNDS} rounds (the data load: once, cold); load average ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} CPUs`,
    );
    for (const r of rows) {
      // "Never blocked for more than 50 ms": the worst round decides.
      const verdict = r.name === BASELINE ? 'baseline' : r.worst <= BUDGET_MS ? 'PASS' : 'FAIL';
      console.log(`  ${r.name.padEnd(width)}  median ${r.median.toFixed(1).padStart(6)} ms  worst ${r.worst.toFixed(1).padStart(6)} ms  ${verdict}`);
      if (r.worst > BUDGET_MS) for (const h of r.runs.flatMap((f) => f.hot ?? [])) console.log(`      ${h}`);
    }
    const over = rows.filter((r) => r.name !== BASELINE && r.worst > BUDGET_MS);
    const baseline = rows.find((r) => r.name === BASELINE);
    assert.deepEqual(over.map((r) => `${r.name}: worst ${r.worst.toFixed(1)} ms`), [], `over the ${BUDGET_MS} ms budget (idle baseline ${baseline?.median.toFixed(1)} ms)`);
  });
});
