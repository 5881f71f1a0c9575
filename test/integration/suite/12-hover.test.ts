/** Hover cards over ATT&CK IDs: the object, what it means in this model, and the link to attack.mitre.org. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticWithCode, langUri, openLang, positionOf, useRealAttackData } from '../helpers/lang';

async function hoverText(name: string, needle: string): Promise<string> {
  const editor = await openLang(name);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, positionOf(editor.document, needle, 1));
  return readable(hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n'));
}

/** The Markdown with its backslash escapes resolved: every string from the data is escaped (src/core/text/markdown.ts). */
function readable(markdown: string): string {
  return markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

describe('language: hover', () => {
  let restore: () => Promise<void>;
  before(async () => {
    restore = await useRealAttackData();
    await openLang('shop.threatmodel.yaml');
  });
  after(() => restore());

  it('a technique in an inventory: name, tactic, platforms, description, who uses it in the model, what covers it, link', async () => {
    const text = await hoverText('shop.controls.yaml', 'T1059.001');
    assert.match(text, /\*\*T1059\.001 Command and Scripting Interpreter: PowerShell\*\* · sub-technique/);
    assert.match(text, /Tactics: Execution · Platforms: Windows/);
    assert.match(text, /PowerShell is a powerful interactive command-line interface/);
    assert.doesNotMatch(text, /\(Citation:/, 'citations are dropped');
    assert.match(text, /\*\*In this model:\*\* covered, coverage significant/);
    assert.match(text, /Used by: FIN7, Scattered Spider/);
    assert.match(text, /Covered by: EDR-01 \(significant on laptops\)/);
    assert.match(text, /\[attack\.mitre\.org\/techniques\/T1059\/001\]\(<https:\/\/attack\.mitre\.org\/techniques\/T1059\/001>\)/);
  });

  it('a technique covered on laptops through a mitigation but not on k8s is a gap on k8s', async () => {
    const text = await hoverText('shop.threatmodel.yaml', 'T1486');
    assert.match(text, /\*\*T1486 Data Encrypted for Impact\*\* · technique/);
    assert.match(text, /\*\*In this model:\*\* gap on k8s, coverage none/);
    assert.match(text, /Used by: FIN7, Scattered Spider, Ransomware seen in our sector/);
    assert.match(text, /Covered by: EDR-01 \(partial on laptops\)/);
  });

  it('a group: name, aliases, description and link', async () => {
    const text = await hoverText('shop.threatmodel.yaml', 'G0046');
    assert.match(text, /\*\*G0046 FIN7\*\* · group/);
    assert.match(text, /Also known as: [^\n]*Carbon Spider/);
    assert.match(text, /attack\.mitre\.org\/groups\/G0046/);
  });

  it('a revoked ID names its replacement', async () => {
    await openLang('broken.threatmodel.yaml');
    await diagnosticWithCode(langUri('broken.threatmodel.yaml'), 'attack.revoked');
    const text = await hoverText('broken.threatmodel.yaml', 'T1086');
    assert.match(text, /T1086 PowerShell\*\* is revoked in favour of T1059\.001 PowerShell in ATT&CK 18\.1/);
  });

  it('no hover away from ATT&CK IDs', async () => {
    const editor = await openLang('shop.threatmodel.yaml');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, positionOf(editor.document, 'Web shop', 2));
    assert.deepEqual(hovers, []);
  });
});
