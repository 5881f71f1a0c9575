/**
 * Robustness, edits: quick fixes and "Upgrade Model to ATT&CK Release…" change documents only through WorkspaceEdits
 * on the open document, so an unsaved edit the user made is kept, the fix lands on top of it, and the file on disk is
 * untouched until the user saves.
 */
import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { applyAction, codeOf, diagnosticsWhere, diagnosticWithCode, langUri, openLang, revertAndCloseAll, useRealAttackData } from '../helpers/lang';

const MARK = '# unsaved note typed by the user, not saved yet';

/** Types `MARK` as a new last line (an edit in the editor, as a user would), leaving the document dirty. */
async function typeUnsavedLine(editor: vscode.TextEditor): Promise<void> {
  const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
  assert.equal(await editor.edit((b) => b.insert(end, `\n${MARK}`)), true);
  assert.equal(editor.document.isDirty, true);
}

describe('robustness: edits never clobber unsaved changes', () => {
  let restore: () => Promise<void>;
  before(async () => {
    restore = await useRealAttackData();
  });
  afterEach(() => revertAndCloseAll());
  after(() => restore());

  it('a quick fix applies on top of an unsaved edit; the file on disk stays as it was until saved', async () => {
    const uri = langUri('broken.threatmodel.yaml');
    const onDisk = await readFile(uri.fsPath, 'utf8');
    const editor = await openLang('broken.threatmodel.yaml');
    await typeUnsavedLine(editor);
    // The fix must come from diagnostics of the edited version (its ranges are checked against it).
    await diagnosticsWhere(uri, (ds) => ds.some((d) => codeOf(d) === 'attack.revoked'), 'diagnostics of the edited document');
    const diagnostic = await diagnosticWithCode(uri, 'attack.revoked', 'T1086');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const replace = actions.find((a) => /^Replace with T1059\.001/.test(a.title));
    assert.ok(replace?.edit && !replace.command, 'the fix is a WorkspaceEdit, not a command that writes files');
    assert.deepEqual(replace.edit.entries().map(([u]) => u.toString()), [uri.toString()], 'it edits only this document');
    await applyAction(replace);
    const text = editor.document.getText();
    assert.ok(text.endsWith(`\n${MARK}`), 'the unsaved line is still there');
    assert.match(text, /techniques: \[T1059\.001, T9999,/, 'the fix applied');
    assert.equal(editor.document.isDirty, true);
    assert.equal(await readFile(uri.fsPath, 'utf8'), onDisk, 'the file on disk is unchanged');
    assert.equal(await editor.document.save(), true);
    const saved = await readFile(uri.fsPath, 'utf8');
    assert.ok(saved.includes(MARK) && saved.includes('techniques: [T1059.001, T9999,'), 'saving writes both');
    // Put the shared fixture back for the suites after this one.
    const back = new vscode.WorkspaceEdit();
    back.replace(uri, new vscode.Range(0, 0, editor.document.lineCount, 0), onDisk);
    assert.equal(await vscode.workspace.applyEdit(back), true);
    assert.equal(await editor.document.save(), true);
    assert.equal(await readFile(uri.fsPath, 'utf8'), onDisk);
  });

  it('"Upgrade Model to ATT&CK Release…" applies on top of an unsaved edit; disk unchanged until saved', async () => {
    const uri = langUri('legacy-upgrade.threatmodel.yaml');
    const onDisk = await readFile(uri.fsPath, 'utf8');
    const editor = await openLang('legacy-upgrade.threatmodel.yaml');
    await typeUnsavedLine(editor);
    const outcome = await vscode.commands.executeCommand<{ applied: boolean; message?: string }>('threatOverlap.upgradeModel', uri, { version: '18.1', apply: true });
    assert.equal(outcome.applied, true, outcome.message);
    const text = editor.document.getText();
    assert.ok(text.endsWith(`\n${MARK}`), 'the unsaved line is still there');
    assert.match(text, /attack: \{ domain: enterprise-attack, version: "18\.1" \}/, 'the pin upgraded');
    assert.match(text, /platforms: \[Identity Provider, Office Suite\]/, 'the platforms renamed');
    assert.equal(editor.document.isDirty, true);
    assert.equal(await readFile(uri.fsPath, 'utf8'), onDisk, 'the file on disk is unchanged');
    await vscode.commands.executeCommand('undo');
    assert.ok(editor.document.getText().endsWith(`\n${MARK}`), 'undo takes back the upgrade only');
    assert.match(editor.document.getText(), /version: "15\.1"/);
  });
});
