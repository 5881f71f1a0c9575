/** "Upgrade Model to ATT&CK Release…" 15.1 → 18.1 through the command: the core's plan, applied as one undoable edit. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openLang, useRealAttackData } from '../helpers/lang';

interface Outcome {
  readonly applied: boolean;
  readonly message?: string;
  readonly plan?: { readonly from: string; readonly to: string; readonly changes: readonly { readonly kind: string; readonly message: string }[] };
}

describe('language: upgrade command', () => {
  let restore: () => Promise<void>;
  before(async () => {
    restore = await useRealAttackData();
  });
  after(() => restore());

  it('is contributed with its category and registered', async () => {
    const all = await vscode.commands.getCommands(true);
    assert.ok(all.includes('threatOverlap.upgradeModel'));
  });

  it('upgrades a 15.1 model to 18.1: pin and renamed platforms in one edit, which undo reverts', async () => {
    const editor = await openLang('legacy-upgrade.threatmodel.yaml');
    const before = editor.document.getText();
    const outcome = await vscode.commands.executeCommand<Outcome>('threatOverlap.upgradeModel', editor.document.uri, { version: '18.1', apply: true });
    assert.equal(outcome.applied, true, outcome.message);
    assert.equal(outcome.plan?.from, '15.1');
    assert.equal(outcome.plan?.to, '18.1');
    const kinds = new Set(outcome.plan?.changes.map((c) => c.kind));
    assert.ok(kinds.has('pin') && kinds.has('platform'), [...kinds].join(', '));
    const after = editor.document.getText();
    assert.match(after, /attack: \{ domain: enterprise-attack, version: "18\.1" \}/);
    assert.match(after, /platforms: \[Identity Provider, Office Suite\]/);
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), before, 'one undo restores the file');
  });

  it('says so when no newer release is at hand', async () => {
    const editor = await openLang('shop.threatmodel.yaml');
    const outcome = await vscode.commands.executeCommand<Outcome>('threatOverlap.upgradeModel', editor.document.uri);
    assert.equal(outcome.applied, false);
    assert.match(outcome.message ?? '', /No ATT&CK enterprise-attack data newer than 18\.1 is at hand/);
  });
});
