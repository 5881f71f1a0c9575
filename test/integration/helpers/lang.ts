/** Helpers of the language-feature suites (10–19): ATT&CK data on, fixture documents, waits on diagnostics. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { setUserSetting, statusWhere, stixDir, workspaceDir } from './api';
import { untilState } from './wait';

export const DATA_TIMEOUT_MS = 60_000;

/**
 * Points the path setting at the real bundles and waits until the active pin's data is ready; returns the undo.
 * Auto save is turned off meanwhile: the suites edit the shared fixtures in memory and revert them.
 */
export async function useRealAttackData(): Promise<() => Promise<void>> {
  const files = vscode.workspace.getConfiguration('files');
  const autoSave = files.inspect('autoSave')?.globalValue;
  await files.update('autoSave', 'off', vscode.ConfigurationTarget.Global);
  await setUserSetting('path', stixDir());
  const status = await statusWhere((s) => s.state !== 'loading', 'the ATT&CK data to load', DATA_TIMEOUT_MS);
  assert.equal(status.state, 'ready', `ATT&CK data from ${stixDir()}: ${status.problems.join(' | ')}`);
  return async () => {
    await revertAndCloseAll();
    await setUserSetting('path', undefined);
    await files.update('autoSave', autoSave, vscode.ConfigurationTarget.Global);
  };
}

export function langUri(name: string): vscode.Uri {
  return vscode.Uri.file(path.join(workspaceDir(), 'lang', name));
}

/** Opens a fixture of test/integration/workspace/lang in an editor. */
export async function openLang(name: string): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(langUri(name)));
}

let scratchCount = 0;
const scratchFiles: string[] = [];

/** Writes `content` to a new file in the workspace's lang folder (`.controls.yaml` or `.threatmodel.yaml`) and opens it. */
export async function openScratch(kind: 'controls' | 'threatmodel', content: string): Promise<vscode.TextEditor> {
  const name = `scratch-${++scratchCount}.${kind}.yaml`;
  await writeFile(langUri(name).fsPath, content);
  scratchFiles.push(langUri(name).fsPath);
  return openLang(name);
}

/** Deletes the files openScratch wrote (after closing their editors). */
export async function removeScratchFiles(): Promise<void> {
  for (const file of scratchFiles.splice(0)) await rm(file, { force: true });
}

/** This extension's diagnostics of a document. */
export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'threat-overlap');
}

export const codeOf = (d: vscode.Diagnostic): string => String(typeof d.code === 'object' ? d.code.value : d.code);

/** Waits (on onDidChangeDiagnostics, no polling) until the document's diagnostics satisfy `predicate`. */
export function diagnosticsWhere(uri: vscode.Uri, predicate: (d: vscode.Diagnostic[]) => boolean, what: string, timeoutMs = DATA_TIMEOUT_MS): Promise<vscode.Diagnostic[]> {
  return untilState(() => ours(uri), vscode.languages.onDidChangeDiagnostics, predicate, `${path.basename(uri.path)}: ${what}`, timeoutMs);
}

/**
 * Waits until the document has a diagnostic with this code (ATT&CK codes need the data loaded) and, when `onText`
 * is given, whose range covers that text in the document as it is now (not a diagnostic of an earlier version).
 */
export async function diagnosticWithCode(uri: vscode.Uri, code: string, onText?: string): Promise<vscode.Diagnostic> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const fits = (d: vscode.Diagnostic) => codeOf(d) === code && (onText === undefined || doc.getText(d.range) === onText);
  const ds = await diagnosticsWhere(uri, (x) => x.some(fits), `a ${code} diagnostic${onText !== undefined ? ` on '${onText}'` : ''}`);
  return ds.find(fits)!;
}

/** Position of the `occurrence`-th `needle` in a document, plus `offset` characters. */
export function positionOf(doc: vscode.TextDocument, needle: string, offset = 0, occurrence = 1): vscode.Position {
  let at = -1;
  for (let i = 0; i < occurrence; i++) at = doc.getText().indexOf(needle, at + 1);
  assert.ok(at >= 0, `'${needle}' in ${doc.uri.path}`);
  return doc.positionAt(at + offset);
}

/** Opens an untitled YAML document with `content`. */
export async function openUntitled(content: string): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'yaml', content }));
}

/**
 * Puts every edited file back to its text on disk (an edit plus a save of the same bytes: the workbench's revert
 * command acts on whatever editor is active, which raced here) and closes every editor.
 */
export async function revertAndCloseAll(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments.filter((d) => d.isDirty && d.uri.scheme === 'file')) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), await readFile(doc.uri.fsPath, 'utf8'));
    assert.equal(await vscode.workspace.applyEdit(edit), true, `revert ${doc.uri.path}`);
    assert.equal(await doc.save(), true, `save ${doc.uri.path}`);
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Applies a code action's WorkspaceEdit as the lightbulb would. */
export async function applyAction(action: vscode.CodeAction | undefined): Promise<void> {
  assert.ok(action?.edit, `a code action with an edit (${action?.title ?? 'none found'})`);
  assert.equal(await vscode.workspace.applyEdit(action.edit), true, `${action.title} applied`);
}
