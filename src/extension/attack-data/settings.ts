/** Reads the `threatOverlap.attackData.*` settings, honouring Workspace Trust (see core/data/settings). */
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { dataSourceSettings, mergeIgnoredSettings, restrictedSettingsInFile } from '../../core/data/settings';
import { readSmallFileSync } from '../../core/files/read-file';

export const SECTION = 'threatOverlap.attackData';
export const PATH_SETTING = `${SECTION}.path`;
export const URL_SETTING = `${SECTION}.url`;
export const AUTO_DOWNLOAD_SETTING = `${SECTION}.autoDownload`;

/** The data settings as they apply now. */
export interface AttackDataSettings {
  /** Absolute path of the file or directory to use, if any. */
  readonly path?: string;
  /** Where the path came from, for messages. */
  readonly pathScope: string;
  /** URL template; empty = MITRE's. */
  readonly urlTemplate?: string;
  readonly autoDownload: boolean;
  readonly trusted: boolean;
  /** Full names of workspace settings skipped in Restricted Mode. */
  readonly ignored: readonly string[];
}

/** Current settings; workspace values of path and url count only in a trusted workspace. */
export function readAttackDataSettings(): AttackDataSettings {
  const config = vscode.workspace.getConfiguration(SECTION);
  const trusted = vscode.workspace.isTrusted;
  const { path: p, url: u, ignored: inspected } = dataSourceSettings({ path: config.inspect<string>('path'), url: config.inspect<string>('url') }, trusted);
  // In Restricted Mode VS Code withholds workspace values of restricted settings, so inspect() rarely shows them.
  const ignored = trusted ? inspected : mergeIgnoredSettings(inspected, settingsHiddenByRestrictedMode());
  return {
    path: typeof p.value === 'string' ? absolutePath(p.value) : undefined,
    pathScope: p.scope === 'global' ? 'user settings' : `${p.scope} settings`,
    urlTemplate: typeof u.value === 'string' ? u.value : undefined,
    autoDownload: config.get<boolean>('autoDownload', false) === true,
    trusted,
    ignored,
  };
}

/**
 * The data settings the workspace's own settings files set: each folder's `.vscode/settings.json` and the
 * `.code-workspace` file. Read only in Restricted Mode, to tell the user what is ignored (a few small files).
 */
function settingsHiddenByRestrictedMode(): string[] {
  const files: { file: string; kind: 'settings' | 'code-workspace' }[] = (vscode.workspace.workspaceFolders ?? [])
    .filter((f) => f.uri.scheme === 'file')
    .map((f) => ({ file: path.join(f.uri.fsPath, '.vscode', 'settings.json'), kind: 'settings' }));
  const workspaceFile = vscode.workspace.workspaceFile;
  if (workspaceFile?.scheme === 'file') files.push({ file: workspaceFile.fsPath, kind: 'code-workspace' });
  const found = files.map(({ file, kind }) => {
    // Synchronous, in a workspace not trusted: a FIFO or device here must not block the extension host.
    const text = readSmallFileSync(file, 1024 * 1024);
    return text === undefined ? [] : restrictedSettingsInFile(text, kind); // no such (regular, small) file: nothing set there
  });
  return mergeIgnoredSettings(...found);
}

/** `~` is the home directory; a relative path is relative to the first workspace folder. */
function absolutePath(value: string): string {
  const v = value.trim();
  if (v === '~' || v.startsWith('~/')) return path.join(os.homedir(), v.slice(1));
  if (path.isAbsolute(v)) return v;
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? path.join(folder.uri.fsPath, v) : path.resolve(v);
}

/** The configuration target for a data path chosen by the user, and the value to store there. */
export function targetForPath(file: string): { target: vscode.ConfigurationTarget; value: string } {
  if (vscode.workspace.isTrusted) {
    const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file));
    if (folder && vscode.workspace.workspaceFolders?.[0] === folder) {
      // A bundle inside the workspace is shared with it, as a relative path.
      return { target: vscode.ConfigurationTarget.Workspace, value: path.relative(folder.uri.fsPath, file) || '.' };
    }
  }
  // A file elsewhere on this machine is a personal choice: user settings (also the only place Restricted Mode reads).
  return { target: vscode.ConfigurationTarget.Global, value: file };
}
