/**
 * The editor's side of the confined reader: which folders the files a model or inventory names may be in, and
 * which paths the user allowed. Roots: the workspace folders; in a trusted workspace also the git work tree that
 * encloses each folder, and for a threat model open from outside every folder its own git work tree (else its
 * folder), as on the command line. Allowed paths come only from the user-level (machine-scoped) setting
 * `threatOverlap.files.allowOutside`, never from workspace settings, and count only in a trusted workspace:
 * in Restricted Mode nothing outside the workspace folders is read.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Confinement, ConfinementRoot } from '../core/files/confinement';
import { allowedPaths, isInside, outsideRoots, projectRoot, resolveFinal } from '../core/files/confinement';
import type { Refusal, TextRead } from '../core/files/read-file';
import type { FileSource, ReadRequest } from '../core/files/source';
import { confinedSource } from '../core/files/source';
import { Disposable } from './dispose';

export const FILES_SECTION = 'threatOverlap.files';
export const ALLOW_OUTSIDE_SETTING = `${FILES_SECTION}.allowOutside`;
const MODEL_FILE = /\.threatmodel\.ya?ml$/i;

export class FileAccess extends Disposable {
  /** Project roots by folder path (a walk up the tree each): cached until folders, trust or settings change. */
  private readonly projectRoots = new Map<string, Promise<ConfinementRoot>>();
  /** The confinement computed last: every read of a validation run asks, so it is kept until something changes. */
  private current: Promise<Confinement> | undefined;
  private readonly changed = this.disposables.add(new vscode.EventEmitter<void>());
  /** Fires when what may be read changed (folders, trust, the allow setting): re-validate. */
  readonly onDidChange = this.changed.event;

  constructor() {
    super();
    const reset = () => {
      this.projectRoots.clear();
      this.current = undefined;
      this.changed.fire();
    };
    // A model opened from outside the folders brings its own root (trusted workspaces only): recompute then.
    const onModel = (doc: vscode.TextDocument) => doc.uri.scheme === 'file' && MODEL_FILE.test(doc.uri.fsPath) && (this.current = undefined);
    this.disposables.add(vscode.workspace.onDidOpenTextDocument(onModel));
    this.disposables.add(vscode.workspace.onDidCloseTextDocument(onModel));
    this.disposables.add(vscode.workspace.onDidChangeWorkspaceFolders(reset));
    this.disposables.add(vscode.workspace.onDidGrantWorkspaceTrust(reset));
    this.disposables.add(vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(FILES_SECTION) && reset()));
  }

  /** The confinement as it applies now. */
  confinement(): Promise<Confinement> {
    this.current ??= this.compute().catch((err: unknown) => {
      this.current = undefined; // a file-system error this time: try again next time
      throw err;
    });
    return this.current;
  }

  private async compute(): Promise<Confinement> {
    const trusted = vscode.workspace.isTrusted;
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
    const roots: ConfinementRoot[] = await Promise.all(folders.map(async (f) => ({ path: await resolveFinal(f).catch(() => f), label: `the workspace folder ${f}` })));
    if (trusted) {
      for (const folder of folders) addRoot(roots, await this.projectRootOf(path.join(folder, '.')));
      // A model opened from outside every folder reads as on the command line: its own git work tree, else folder.
      for (const doc of vscode.workspace.textDocuments) {
        if (doc.isClosed || doc.uri.scheme !== 'file' || !MODEL_FILE.test(doc.uri.fsPath)) continue;
        const dir = await resolveFinal(path.dirname(doc.uri.fsPath)).catch(() => path.dirname(doc.uri.fsPath));
        if (!roots.some((r) => isInside(dir, r.path))) addRoot(roots, await this.projectRootOf(doc.uri.fsPath, true));
      }
    }
    return {
      roots,
      allowed: trusted ? await allowedPaths(allowOutsideSetting(), os.homedir()) : [],
      howToAllow: (file) => trusted
        ? `to read it anyway, add ${file} (or a folder above it) to the user setting ${ALLOW_OUTSIDE_SETTING}`
        : 'this workspace is in Restricted Mode, which reads no file outside its folders',
    };
  }

  /** A FileSource for the core's check: open documents first (with unsaved edits), then the disk; confined. */
  async source(): Promise<FileSource> {
    return confinedSource(await this.confinement(), openDocumentText);
  }

  /** Reads one file through the source. */
  async read(file: string, request: ReadRequest): Promise<TextRead> {
    return (await this.source())(file, request);
  }

  /** Why a file a model or inventory names may not be read because of where it is; undefined when it may. */
  async outside(file: string): Promise<Refusal | undefined> {
    const confinement = await this.confinement();
    const final = await resolveFinal(file).catch(() => undefined);
    if (final === undefined) return undefined; // the reader itself reports what is wrong with it
    const detail = outsideRoots(final, confinement);
    return detail === undefined ? undefined : { reason: 'outside-root', detail, hint: confinement.howToAllow(final) };
  }

  private projectRootOf(file: string, isFile = false): Promise<ConfinementRoot> {
    const key = isFile ? path.dirname(file) : file;
    let pending = this.projectRoots.get(key);
    if (!pending) {
      // projectRoot() takes a model file and looks from its folder: hand it a name inside the folder.
      pending = projectRoot(isFile ? file : path.join(file, 'model'));
      this.projectRoots.set(key, pending);
    }
    return pending;
  }
}

function addRoot(roots: ConfinementRoot[], root: ConfinementRoot): void {
  if (!roots.some((r) => isInside(root.path, r.path))) roots.push(root);
}

/** The user's (or the remote machine's) value of the setting; workspace and folder values are never read. */
function allowOutsideSetting(): string[] {
  const value = vscode.workspace.getConfiguration(FILES_SECTION).inspect<unknown>('allowOutside')?.globalValue;
  if (!Array.isArray(value)) return [];
  return value.flatMap((v) => {
    if (typeof v !== 'string' || v.trim() === '') return [];
    const p = v.trim();
    if (p === '~' || p.startsWith('~/')) return [path.join(os.homedir(), p.slice(1))];
    return path.isAbsolute(p) ? [p] : [];
  });
}

/** The text of an open document for a file path, with its unsaved edits. */
export function openDocumentText(file: string): string | undefined {
  return vscode.workspace.textDocuments.find((d) => !d.isClosed && d.uri.scheme === 'file' && d.uri.fsPath === file)?.getText();
}
