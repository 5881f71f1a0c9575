/**
 * What the host does for the webview's allow-listed requests. Every request was validated by
 * `isFromWebviewMessage`; these checks are about meaning: Reveal opens only files of this model, Exclude only a
 * technique of the current result, Open in ATT&CK only https://attack.mitre.org/ pages.
 */
import * as vscode from 'vscode';
import type { CoverageResult } from '../../core/coverage/types';
import { parseYaml } from '../../core/model/index';
import { excludeTechniqueEdit } from '../../core/validation/quick-fixes';
import { isAttackUrl } from '../../protocol';
import type { ExcludeMessage, OpenAttackMessage, RevealMessage } from '../../protocol';
import { revealTarget } from './reveal-target';

/** Questions the actions ask the user; replaceable in extension tests. */
export interface HeatmapPrompts {
  exclusionReason(techniqueId: string, name: string): Thenable<string | undefined>;
  saveLocation(suggested: vscode.Uri, filters: Record<string, string[]>): Thenable<vscode.Uri | undefined>;
}

export const windowPrompts: HeatmapPrompts = {
  exclusionReason: (id, name) =>
    vscode.window.showInputBox({
      title: `Exclude ${id} ${name}`,
      prompt: 'Why is this technique out of scope? The reason is written to techniques.exclude.',
      validateInput: (v) => (v.trim() === '' ? 'A reason is required.' : undefined),
    }),
  saveLocation: (defaultUri, filters) => vscode.window.showSaveDialog({ defaultUri, filters }),
};

/** Outcome of a request, for the log and tests. */
export interface ActionOutcome {
  readonly type: string;
  readonly accepted: boolean;
  readonly detail: string;
}

export async function reveal(m: RevealMessage, files: ReadonlySet<string>, panelColumn: vscode.ViewColumn | undefined): Promise<ActionOutcome> {
  const file = revealTarget(m.file, files);
  if (file === undefined) return { type: 'reveal', accepted: false, detail: `${m.file} does not belong to this model` };
  const uri = vscode.Uri.file(file);
  const doc = await vscode.workspace.openTextDocument(uri);
  const line = Math.min(m.line, Math.max(0, doc.lineCount - 1));
  const position = new vscode.Position(line, Math.min(m.character, doc.lineAt(line).text.length));
  const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
  const viewColumn = visible?.viewColumn ?? (panelColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
  const editor = await vscode.window.showTextDocument(doc, { viewColumn, selection: new vscode.Range(position, position), preview: false });
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return { type: 'reveal', accepted: true, detail: `${file}:${line + 1}` };
}

export async function exclude(m: ExcludeMessage, modelUri: vscode.Uri, result: CoverageResult | undefined, prompts: HeatmapPrompts): Promise<ActionOutcome> {
  const technique = result?.techniques.find((t) => t.id === m.techniqueId);
  if (!technique) return { type: 'exclude', accepted: false, detail: `${m.techniqueId} is not in the current result` };
  if (technique.state === 'excluded') return { type: 'exclude', accepted: false, detail: `${m.techniqueId} is already excluded` };
  const reason = (await prompts.exclusionReason(technique.id, technique.name))?.trim();
  if (!reason) return { type: 'exclude', accepted: false, detail: 'cancelled' };
  const doc = await vscode.workspace.openTextDocument(modelUri);
  const edit = excludeTechniqueEdit(parseYaml(doc.getText()).yaml, technique.id, reason);
  if (!edit) return { type: 'exclude', accepted: false, detail: 'techniques.exclude cannot be edited in this file' };
  const workspaceEdit = new vscode.WorkspaceEdit();
  const range = new vscode.Range(edit.range.start.line, edit.range.start.character, edit.range.end.line, edit.range.end.character);
  workspaceEdit.replace(modelUri, range, edit.newText);
  const applied = await vscode.workspace.applyEdit(workspaceEdit);
  return { type: 'exclude', accepted: applied, detail: applied ? `${technique.id}: ${reason}` : 'the edit was not applied' };
}

export async function openAttack(m: OpenAttackMessage): Promise<ActionOutcome> {
  if (!isAttackUrl(m.url)) return { type: 'openAttack', accepted: false, detail: `${m.url} is not an attack.mitre.org page` };
  const opened = await vscode.env.openExternal(vscode.Uri.parse(m.url, true));
  return { type: 'openAttack', accepted: opened, detail: m.url };
}

/** Writes an export next to the model by default; `content` is text or bytes. */
export async function saveExport(
  modelUri: vscode.Uri,
  suffix: string,
  filters: Record<string, string[]>,
  content: string | Uint8Array,
  prompts: HeatmapPrompts,
): Promise<ActionOutcome> {
  const base = modelUri.path.replace(/\.threatmodel\.ya?ml$/i, '').replace(/\.ya?ml$/i, '');
  const target = await prompts.saveLocation(modelUri.with({ path: `${base}${suffix}` }), filters);
  if (!target) return { type: 'export', accepted: false, detail: 'cancelled' };
  await vscode.workspace.fs.writeFile(target, typeof content === 'string' ? new TextEncoder().encode(content) : content);
  return { type: 'export', accepted: true, detail: target.fsPath };
}
