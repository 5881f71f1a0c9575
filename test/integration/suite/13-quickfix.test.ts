/** Quick fixes from diagnostic data via the core's fixesFor, and the model-level fixes, applied as WorkspaceEdits. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { applyAction, codeOf, diagnosticsWhere, diagnosticWithCode, langUri, openLang, positionOf, revertAndCloseAll, useRealAttackData } from '../helpers/lang';

async function actionsAt(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  return vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value);
}

async function fixFor(uri: vscode.Uri, code: string, onText: string, title: RegExp): Promise<{ diagnostic: vscode.Diagnostic; action: vscode.CodeAction | undefined; titles: string[] }> {
  const diagnostic = await diagnosticWithCode(uri, code, onText);
  const actions = await actionsAt(uri, diagnostic.range);
  return { diagnostic, action: actions.find((a) => title.test(a.title)), titles: actions.map((a) => a.title) };
}

describe('language: quick fixes', () => {
  let restore: () => Promise<void>;
  const broken = () => langUri('broken.threatmodel.yaml');
  before(async () => {
    restore = await useRealAttackData();
  });
  afterEach(() => revertAndCloseAll());
  after(() => restore());

  it('replace a revoked ID with its replacement; the warning goes away', async () => {
    const editor = await openLang('broken.threatmodel.yaml');
    const { action, titles } = await fixFor(broken(), 'attack.revoked', 'T1086', /^Replace with T1059\.001 \(PowerShell\)$/);
    assert.equal(action?.isPreferred, true, titles.join(' | '));
    assert.equal(action?.kind?.value, 'quickfix');
    await applyAction(action);
    assert.match(editor.document.lineAt(9).text, /techniques: \[T1059\.001, T9999,/);
    await diagnosticsWhere(broken(), (ds) => !ds.some((d) => codeOf(d) === 'attack.revoked'), 'no attack.revoked');
  });

  it('fix a name that contradicts its ID, and a renamed platform', async () => {
    const editor = await openLang('broken.threatmodel.yaml');
    const name = await fixFor(broken(), 'attack.name-mismatch', 'Bash', /^Change name to 'PowerShell'$/);
    await applyAction(name.action);
    assert.match(editor.document.lineAt(9).text, /\{ id: T1059\.001, name: PowerShell \}/);
    // Fixes come from the diagnostics of the document's current version: wait for the re-validation.
    await diagnosticsWhere(broken(), (ds) => !ds.some((d) => codeOf(d) === 'attack.name-mismatch'), 'the name fixed');
    const platform = await fixFor(broken(), 'attack.platform-unknown', 'Azure AD', /^Change to 'Identity Provider'$/);
    await applyAction(platform.action);
    assert.match(editor.document.lineAt(5).text, /platforms: \[Identity Provider, IaaS\]/);
    await diagnosticsWhere(broken(), (ds) => !ds.some((d) => codeOf(d) === 'attack.platform-unknown'), 'the platform fixed');
  });

  it('a missing control file: change it to the inventory the core suggests in its message', async () => {
    const editor = await openLang('broken.threatmodel.yaml');
    const missing = await diagnosticWithCode(broken(), 'model.control-file-missing', './missing.controls.yaml');
    // Which inventory is nearest is the core's call (and depends on the workspace's files): take it from the message.
    const suggested = /\(did you mean '([^']+)'\?\)/.exec(missing.message)?.[1];
    assert.ok(suggested, missing.message);
    const actions = await actionsAt(broken(), missing.range);
    const change = actions.find((a) => a.title === `Change to '${suggested}'`);
    assert.equal(change?.isPreferred, true, actions.map((a) => a.title).join(' | '));
    await applyAction(change);
    assert.equal(editor.document.lineAt(10).text, `controls: [ ${suggested} ]`);
    await diagnosticsWhere(broken(), (ds) => !ds.some((d) => codeOf(d) === 'model.control-file-missing'), 'the file found');
  });

  it('add a technique to techniques.exclude with a reason placeholder', async () => {
    const editor = await openLang('shop.threatmodel.yaml');
    const at = positionOf(editor.document, 'T1490');
    const actions = await actionsAt(editor.document.uri, new vscode.Range(at, at));
    const exclude = actions.find((a) => a.title === 'Exclude T1490 from this threat model (add to techniques.exclude)');
    assert.ok(exclude, actions.map((a) => a.title).join(' | '));
    await applyAction(exclude);
    assert.match(editor.document.getText(), /\ntechniques:\n {2}exclude:\n {4}- \{ id: T1490, reason: "TODO: why is this out of scope\?" \}\n/);
    const again = await actionsAt(editor.document.uri, new vscode.Range(at, at));
    assert.ok(!again.some((a) => a.title.startsWith('Exclude T1490')), 'not offered once excluded');
  });

  it('add a missing control reference: list an orphan inventory in a model\'s controls', async () => {
    const editor = await openLang('orphan.controls.yaml');
    const actions = await actionsAt(editor.document.uri, new vscode.Range(0, 0, 0, 0));
    const add = actions.find((a) => a.title === 'Add ./orphan.controls.yaml to the controls of Web shop');
    assert.ok(add, actions.map((a) => a.title).join(' | '));
    await applyAction(add);
    const model = await vscode.workspace.openTextDocument(langUri('shop.threatmodel.yaml'));
    assert.match(model.getText(), /\ncontrols: \[ \.\/shop\.controls\.yaml, \.\/orphan\.controls\.yaml \]\n/);
  });

  it('only quick fixes are offered, and none when another kind is asked for', async () => {
    const diagnostic = await (async () => {
      await openLang('broken.threatmodel.yaml');
      return diagnosticWithCode(broken(), 'attack.revoked', 'T1086');
    })();
    const refactors = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', broken(), diagnostic.range, vscode.CodeActionKind.Refactor.value);
    assert.deepEqual(refactors.map((a) => a.title), []);
  });
});
