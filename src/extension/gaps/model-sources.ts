/** Reading models the way the user sees them: open (possibly unsaved) documents first, else the file on disk. */
import * as vscode from 'vscode';
import { readConfinedText } from '../../core/files/read-file';
import { limitsFor } from '../../core/files/source';
import { parseThreatModel } from '../../core/model/threat-model';
import { controlFilesOf } from '../../core/validation/workspace';

export const MODEL_GLOB = '**/*.threatmodel.{yaml,yml}';
const EXCLUDE_GLOB = '**/{node_modules,.git}/**';

/** Text of an open document with this path, else the file's content (a regular file under the cap); else undefined. */
export async function readOpenOrDisk(file: string): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === file);
  if (open) return open.getText();
  const read = await readConfinedText(file, limitsFor('yaml'));
  return read.kind === 'text' ? read.text : undefined;
}

export function isThreatModelPath(file: string): boolean {
  return /\.threatmodel\.ya?ml$/i.test(file);
}

/** Every threat model in the workspace, in path order. */
export async function findWorkspaceModels(token?: vscode.CancellationToken): Promise<vscode.Uri[]> {
  const found = await vscode.workspace.findFiles(MODEL_GLOB, EXCLUDE_GLOB, undefined, token);
  return found.filter((u) => u.scheme === 'file').sort((a, b) => (a.fsPath < b.fsPath ? -1 : a.fsPath > b.fsPath ? 1 : 0));
}

/**
 * The models a command is about: the argument (a Uri or Uri list from a menu), else the active model, else the
 * models that list the active control inventory, else every model in the workspace.
 */
export async function targetModels(arg: unknown, known: (inventory: string) => string[] = () => []): Promise<vscode.Uri[]> {
  const given = (Array.isArray(arg) ? arg : [arg]).filter((a): a is vscode.Uri => a instanceof vscode.Uri && isThreatModelPath(a.fsPath));
  if (given.length > 0) return given;
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active?.scheme === 'file') {
    if (isThreatModelPath(active.fsPath)) return [active];
    const owners = new Set(known(active.fsPath));
    if (owners.size === 0) for (const m of await modelsListing(active.fsPath)) owners.add(m);
    if (owners.size > 0) return [...owners].map((f) => vscode.Uri.file(f));
  }
  return findWorkspaceModels();
}

/** The workspace models whose `controls:` list `inventory` (a path). */
export async function modelsListing(inventory: string): Promise<string[]> {
  const out: string[] = [];
  for (const uri of await findWorkspaceModels()) {
    const text = await readOpenOrDisk(uri.fsPath);
    const model = text === undefined ? undefined : parseThreatModel(text, uri.fsPath).model;
    if (model && controlFilesOf(model).some((r) => r.file === inventory)) out.push(uri.fsPath);
  }
  return out;
}
