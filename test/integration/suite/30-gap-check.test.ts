/** "Run Gap Check" and the exports in a real extension host: Problems entries, the report beside, re-run on save. */
import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { setUserSetting, stixDir, workspaceDir } from '../helpers/api';
import { nextEvent } from '../helpers/wait';

interface Summary { model: string; status: string; summary?: { relevant: number; gaps: number }; gaps?: string[]; errors?: number }
const SOURCE = 'Threat Overlap gap check';

const file = (name: string) => path.join(workspaceDir(), 'gaps', name);
const gapDiagnostics = (name: string) => vscode.languages.getDiagnostics(vscode.Uri.file(file(name))).filter((d) => d.source === SOURCE);
const lineOf = async (name: string, needle: string) => (await readFile(file(name), 'utf8')).split('\n').findIndex((l) => l.includes(needle));

/** Resolves when the gap diagnostics of `name` next change and satisfy `ok`. */
function gapsChange(name: string, ok: (d: vscode.Diagnostic[]) => boolean, what: string): Promise<unknown> {
  const uri = vscode.Uri.file(file(name));
  return nextEvent(vscode.languages.onDidChangeDiagnostics, (e) => e.uris.some((u) => u.fsPath === uri.fsPath) && ok(gapDiagnostics(name)), what, 60_000);
}

describe('gap check', () => {
  before(async () => {
    const s = await setUserSetting('path', stixDir());
    assert.equal(s.state, 'ready', `ATT&CK data from ${stixDir()}: ${s.problems.join('; ')}`);
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setUserSetting('path', undefined);
  });

  it('puts one Problems entry per gap on the line that brought the technique in, with the severity of its outcome', async () => {
    const doc = await vscode.workspace.openTextDocument(file('gaps.threatmodel.yaml'));
    await vscode.window.showTextDocument(doc);
    const [summary] = (await vscode.commands.executeCommand<Summary[]>('threatOverlap.runGapCheck'))!;
    assert.equal(summary?.status, 'analysed', JSON.stringify(summary));
    assert.equal(summary.model, file('gaps.threatmodel.yaml'), 'the active model is the one checked');
    const diagnostics = gapDiagnostics('gaps.threatmodel.yaml');
    assert.ok(summary.summary!.gaps > 10, `FIN7 leaves many gaps on a bare laptop fleet (${summary.summary!.gaps})`);
    assert.equal(diagnostics.length, summary.summary!.gaps);
    const fin7 = await lineOf('gaps.threatmodel.yaml', 'G0046');
    const ransomware = await lineOf('gaps.threatmodel.yaml', 'T1486');
    for (const d of diagnostics) assert.ok([fin7, ransomware].includes(d.range.start.line), `${d.message} is on line ${d.range.start.line}`);
    const own = diagnostics.find((d) => d.message.includes('Gap: T1491.001 '));
    assert.equal(own?.range.start.line, ransomware, 'a technique only the own-intelligence list brings in points at that list');
    // Severity follows the triage outcome the message starts with (Act error, Attend warning, Track* information, Track hint).
    const severity: Record<string, vscode.DiagnosticSeverity> = { Act: 0, Attend: 1, 'Track*': 2, Track: 3 };
    for (const d of diagnostics) assert.equal(d.severity, severity[/^(Act|Attend|Track\*|Track): /.exec(d.message)?.[1] ?? ''], d.message);
    const code = diagnostics[0]!.code as { value: string; target: vscode.Uri };
    assert.equal(code.value, 'coverage.gap');
    assert.equal(code.target.authority, 'attack.mitre.org');
    const top = diagnostics.find((d) => d.message.includes(`Gap: ${summary.gaps![0]} `));
    assert.equal(top?.severity, Math.min(...diagnostics.map((d) => d.severity)), `the top-ranked gap ${summary.gaps![0]} is among the most severe`);
  });

  it('opens the Markdown report beside the model', () => {
    const report = vscode.workspace.textDocuments.find((d) => d.languageId === 'markdown' && d.getText().startsWith('# Threat Overlap: Gap check fixture'));
    assert.ok(report, 'a Markdown report document is open');
    assert.ok(vscode.window.visibleTextEditors.some((e) => e.document === report), 'and visible');
    // A link to attack.mitre.org; the label escaped like every string in the report (src/core/text/markdown.ts).
    assert.match(report.getText(), /\[T1491\\\.001\]\(<https:\/\/attack\.mitre\.org\/techniques\/T1491\/001>\)/);
  });

  it('re-runs when a control inventory of the model is saved', async () => {
    const before = gapDiagnostics('gaps.threatmodel.yaml');
    assert.ok(before.some((d) => d.message.includes('Gap: T1491.001 ')), `T1491.001 is a gap before: ${before.map((d) => d.message.slice(0, 60)).join(' | ')}`);
    const inventory = await vscode.workspace.openTextDocument(file('gaps.controls.yaml'));
    const edit = new vscode.WorkspaceEdit();
    edit.insert(inventory.uri, new vscode.Position(inventory.lineCount, 0), '  - id: BACKUP-01\n    name: Immutable backups\n    techniques: [T1491.001]\n');
    const changed = gapsChange('gaps.threatmodel.yaml', (d) => !d.some((x) => x.message.includes('Gap: T1491.001 ')), 'T1491.001 to stop being a gap');
    assert.ok(await vscode.workspace.applyEdit(edit), 'edit applied');
    assert.ok(await inventory.save(), 'inventory saved');
    await changed;
    assert.equal(gapDiagnostics('gaps.threatmodel.yaml').length, before.length - 1);
  });

  it('an invalid model is not analysed and its old gap entries are cleared', async () => {
    const model = await vscode.workspace.openTextDocument(file('gaps.threatmodel.yaml'));
    const edit = new vscode.WorkspaceEdit();
    const line = await lineOf('gaps.threatmodel.yaml', 'T1486');
    edit.replace(model.uri, model.lineAt(line).range, '    techniques: [T1486, T9999]');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const [summary] = (await vscode.commands.executeCommand<Summary[]>('threatOverlap.runGapCheck', vscode.Uri.file(file('gaps.threatmodel.yaml'))))!;
    assert.equal(summary?.status, 'invalid', 'the unsaved edit is what gets checked');
    assert.ok((summary.errors ?? 0) >= 1);
    assert.deepEqual(gapDiagnostics('gaps.threatmodel.yaml'), []);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('exports a Navigator layer and a SARIF report to the files given', async () => {
    const layerFile = vscode.Uri.file(file('out.layer.json'));
    const model = vscode.Uri.file(file('gaps.threatmodel.yaml'));
    const layer = await vscode.commands.executeCommand<{ file?: string; problem?: string }>('threatOverlap.exportNavigatorLayer', model, { target: layerFile });
    assert.equal(layer?.problem, undefined);
    const json = JSON.parse(await readFile(layerFile.fsPath, 'utf8')) as { versions: { layer: string }; domain: string; techniques: { techniqueID: string }[] };
    assert.equal(json.versions.layer, '4.5');
    assert.equal(json.domain, 'enterprise-attack');
    assert.ok(json.techniques.some((t) => t.techniqueID === 'T1486'));
    const sarifFile = vscode.Uri.file(file('out.sarif'));
    const sarif = await vscode.commands.executeCommand<{ format?: string }>('threatOverlap.exportReport', model, { format: 'sarif', target: sarifFile });
    assert.equal(sarif?.format, 'sarif');
    const parsed = JSON.parse(await readFile(sarifFile.fsPath, 'utf8')) as { version: string; runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    assert.equal(parsed.version, '2.1.0');
    assert.equal(parsed.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri, 'gaps/gaps.threatmodel.yaml');
  });
});
