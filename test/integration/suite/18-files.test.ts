/**
 * Issue 15 in the editor: a model whose `controls:` names a FIFO, /etc/passwd, a file outside the workspace (by path
 * and through a symbolic link in the workspace), and whose `layer:` is a FIFO. The language features, the gap check
 * and the heatmap read through the same confined reader: nothing hangs, each refused file gets a diagnostic on the
 * line that names it, no message carries any of the files' content, and only the user-level
 * threatOverlap.files.allowOutside setting (never a workspace value) lets an outside file be read.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { HEATMAP_TESTING_COMMAND, type HeatmapTesting } from '../../../src/extension/heatmap/testing';
import { workspaceDir } from '../helpers/api';
import { codeOf, diagnosticsWhere, revertAndCloseAll, useRealAttackData } from '../helpers/lang';
import { untilState } from '../helpers/wait';

const SECRET = 'S3CR3T-it-5b2d0c-never-in-a-message';
const INVENTORY = 'controlInventory: 1\ncontrols:\n  - { id: C1, name: One, techniques: [T1059] }\n';

interface Summary { model: string; status: string; errors?: number; message?: string }

describe('files a model names: confined in the editor', () => {
  let restore: () => Promise<void>;
  let outside = '';
  let dir = '';
  let modelUri: vscode.Uri;
  const lines: Record<string, number> = {};
  const everyMessage = () => vscode.languages.getDiagnostics().flatMap(([, ds]) => ds.map((d) => d.message)).join('\n');

  before(async () => {
    restore = await useRealAttackData();
    outside = realpathSync(mkdtempSync(path.join(tmpdir(), 'to-it-outside-')));
    writeFileSync(path.join(outside, 'secret.controls.yaml'), `${SECRET}: ${SECRET}\nroot:x:0:0: ${SECRET}\n`);
    writeFileSync(path.join(outside, 'valid.controls.yaml'), INVENTORY.replace('C1', 'OUT1'));
    dir = path.join(workspaceDir(), 'files');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'ok.controls.yaml'), INVENTORY);
    execFileSync('mkfifo', [path.join(dir, 'fifo.controls.yaml')]);
    execFileSync('mkfifo', [path.join(dir, 'fifo.layer.json')]);
    symlinkSync(path.join(outside, 'secret.controls.yaml'), path.join(dir, 'link.controls.yaml'));
    const refs = ['./ok.controls.yaml', './fifo.controls.yaml', path.join(outside, 'secret.controls.yaml'), './link.controls.yaml', '/etc/passwd', path.join(outside, 'valid.controls.yaml')];
    const text = [
      'threatModel: 1',
      'name: Confined',
      'attack: { domain: enterprise-attack, version: "18.1" }',
      'techStack:',
      '  - { id: laptops, platforms: [Windows] }',
      'adversaries:',
      '  - group: G0046',
      '  - layer: ./fifo.layer.json',
      'controls:',
      ...refs.map((r) => `  - ${r}`),
      '',
    ].join('\n');
    text.split('\n').forEach((line, i) => {
      for (const r of refs) if (line === `  - ${r}`) lines[r] = i;
    });
    writeFileSync(path.join(dir, 'confined.threatmodel.yaml'), text);
    modelUri = vscode.Uri.file(path.join(dir, 'confined.threatmodel.yaml'));
  });

  after(async () => {
    await vscode.workspace.getConfiguration('threatOverlap.files').update('allowOutside', undefined, vscode.ConfigurationTarget.Global);
    await restore();
    rmSync(dir, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('diagnostics: a FIFO is not-regular, outside paths are outside-root, each on its line, nothing of the files shown', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(modelUri));
    const ds = await diagnosticsWhere(modelUri, (x) => x.filter((d) => codeOf(d).startsWith('file.')).length >= 5, 'five file.* diagnostics');
    const at = (ref: string) => ds.filter((d) => d.range.start.line === lines[ref]).map((d) => [codeOf(d), d.severity]);
    assert.deepEqual(at('./fifo.controls.yaml'), [['file.not-regular', vscode.DiagnosticSeverity.Error]]);
    for (const ref of [path.join(outside, 'secret.controls.yaml'), './link.controls.yaml', '/etc/passwd', path.join(outside, 'valid.controls.yaml')]) {
      assert.deepEqual(at(ref), [['file.outside-root', vscode.DiagnosticSeverity.Error]], ref);
    }
    assert.deepEqual(at('./ok.controls.yaml'), []);
    const link = ds.find((d) => d.range.start.line === lines['./link.controls.yaml'])!;
    assert.match(link.message, /^control inventory '\.\/link\.controls\.yaml' resolves to .*secret\.controls\.yaml, outside the workspace folder .*: not read; to read it anyway, add .* to the user setting threatOverlap\.files\.allowOutside$/);
    assert.ok(!everyMessage().includes(SECRET) && !/root:x:0:0/.test(everyMessage()), 'no content of any refused file in any diagnostic');
  });

  it('Run Gap Check: the model is invalid (the refused files are errors), at once, with no content in its messages', async () => {
    const [summary] = (await vscode.commands.executeCommand<Summary[]>('threatOverlap.runGapCheck', modelUri))!;
    assert.equal(summary?.status, 'invalid', JSON.stringify(summary));
    assert.ok((summary.errors ?? 0) >= 6, `the five refused inventories and the FIFO layer are errors: ${JSON.stringify(summary)}`);
    assert.ok(!JSON.stringify(summary).includes(SECRET));
  });

  it('the heatmap analyses the model without the refused inventories, and does not hang on the FIFO', async () => {
    const testing = (await vscode.commands.executeCommand<HeatmapTesting>(HEATMAP_TESTING_COMMAND))!;
    await vscode.commands.executeCommand('threatOverlap.showHeatmap', modelUri);
    const panel = testing.panel(modelUri);
    assert.ok(panel, 'a panel for the model');
    const analysis = await untilState(() => panel.current, panel.onDidAnalyse, (a) => a?.result !== undefined, 'the heatmap analysis');
    const controls = new Set(analysis!.result!.techniques.flatMap((t) => t.components.flatMap((c) => c.controls.map((x) => x.control))));
    assert.deepEqual([...controls].sort(), ['C1'], 'only the inventory inside the workspace counts');
    assert.ok(!JSON.stringify(analysis!.message).includes(SECRET));
    panel.dispose();
  });

  it('threatOverlap.files.allowOutside: a workspace value is ignored; the user value lets the outside file be read', async () => {
    const valid = path.join(outside, 'valid.controls.yaml');
    const config = () => vscode.workspace.getConfiguration('threatOverlap.files');
    // A cloned repository's settings: a machine-scoped setting there is ignored by VS Code, and never read by us.
    const settingsDir = path.join(workspaceDir(), '.vscode');
    mkdirSync(settingsDir, { recursive: true });
    writeFileSync(path.join(settingsDir, 'settings.json'), JSON.stringify({ 'threatOverlap.files.allowOutside': [outside, '/etc'] }));
    try {
      // Re-validated after an edit that moves every line down by one: the diagnostics seen are of the new text.
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(modelUri));
      await editor.edit((e) => e.insert(new vscode.Position(0, 0), '# edited\n'));
      const ds = await diagnosticsWhere(modelUri, (x) => x.some((d) => d.range.start.line === lines[valid]! + 1 && codeOf(d) === 'file.outside-root'), 'still refused with the workspace value');
      assert.ok(ds.some((d) => d.range.start.line === lines['/etc/passwd']! + 1 && codeOf(d) === 'file.outside-root'));
      await vscode.commands.executeCommand('workbench.action.files.revert');
    } finally {
      rmSync(settingsDir, { recursive: true, force: true });
    }
    await config().update('allowOutside', [outside], vscode.ConfigurationTarget.Global);
    const ds = await diagnosticsWhere(modelUri, (x) => x.length > 0 && !x.some((d) => d.range.start.line === lines[valid]), 'the allowed inventory read');
    assert.ok(ds.some((d) => d.range.start.line === lines['./fifo.controls.yaml'] && codeOf(d) === 'file.not-regular'), 'a FIFO stays refused');
    assert.ok(ds.some((d) => d.range.start.line === lines['/etc/passwd'] && codeOf(d) === 'file.outside-root'), 'only what was allowed');
    await config().update('allowOutside', undefined, vscode.ConfigurationTarget.Global);
    await diagnosticsWhere(modelUri, (x) => x.some((d) => d.range.start.line === lines[valid] && codeOf(d) === 'file.outside-root'), 'refused again');
    await revertAndCloseAll();
  });
});
