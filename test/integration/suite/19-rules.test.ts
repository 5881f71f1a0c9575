/** Detection rules as controls in a real extension host: rule evidence in hovers, rules.* diagnostics after a gap check. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { workspaceDir } from '../helpers/api';
import { codeOf, openLang, positionOf, useRealAttackData } from '../helpers/lang';

const file = (name: string) => path.join(workspaceDir(), 'rules', name);
const MODEL = '../rules/detect.threatmodel.yaml';

async function hoverText(name: string, needle: string): Promise<string> {
  const editor = await openLang(name);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, positionOf(editor.document, needle, 1));
  // Backslash escapes resolved: every string from a rule file is escaped (src/core/text/markdown.ts).
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n').replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

describe('detection rules as controls', () => {
  let restore: () => Promise<void>;
  before(async () => {
    restore = await useRealAttackData();
    await openLang(MODEL);
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await restore();
  });

  it('a hover over a technique lists the Sigma and Elastic rules that cover it, with status, level, file and line', async () => {
    const text = await hoverText(MODEL, 'T1059.001');
    assert.match(text, /\*\*In this model:\*\* covered, coverage significant/);
    assert.match(text, /Covered by: SIGMA-DET \(significant on laptops\)/);
    assert.match(text, /- SIGMA-DET: covered by 2 Sigma rules: Encoded PowerShell Command Line \(stable, significant; encoded_powershell\.yml:1\), PowerShell Download Cradle \(test, partial; powershell_download\.yml:1\)/);
    const lsass = await hoverText(MODEL, 'T1003.001');
    assert.match(lsass, /- ELASTIC-DET: covered by 1 Elastic rule: LSASS Memory Access \(production, significant; lsass_access\.toml:4\)/);
  });

  it('the gap check puts a broken rule file\'s problem on that file at its line and a summary on the inventory entry', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file('detect.threatmodel.yaml')));
    const [summary] = (await vscode.commands.executeCommand<{ status: string }[]>('threatOverlap.runGapCheck'))!;
    assert.equal(summary?.status, 'analysed', JSON.stringify(summary));
    const broken = vscode.languages.getDiagnostics(vscode.Uri.file(file('detections/broken.yml')));
    assert.deepEqual(broken.map((d) => [codeOf(d), d.range.start.line, d.severity]), [['rules.parse-error', 3, vscode.DiagnosticSeverity.Warning]]);
    const entry = vscode.languages.getDiagnostics(vscode.Uri.file(file('detect.controls.yaml'))).filter((d) => codeOf(d) === 'rules.summary');
    assert.equal(entry.length, 2);
    assert.match(entry[0]!.message, /3 Sigma rule file\(s\), 2 rule\(s\): 2 give 2 technique\(s\); 1 broken file/);
  });
});
