/**
 * The path a user setting names (Top Techniques file, Atomic Red Team folder, rule library): `~` is home, a relative
 * path is relative to the first workspace folder; workspace values count only in a trusted workspace.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';

export function trustedSettingPath(section: string, key: string): string | undefined {
  const inspected = vscode.workspace.getConfiguration(section).inspect<unknown>(key);
  const value = vscode.workspace.isTrusted
    ? inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue
    : inspected?.globalValue;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const v = value.trim();
  if (v === '~' || v.startsWith('~/')) return path.join(os.homedir(), v.slice(1));
  if (path.isAbsolute(v)) return v;
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  return folder ? path.join(folder.uri.fsPath, v) : undefined;
}
