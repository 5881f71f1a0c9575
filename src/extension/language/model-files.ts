/**
 * The threat models and control inventories the language features reason about: open documents (parsed once per
 * version) and files on disk (parsed on first use, dropped when a watcher says they changed). Files are keyed by
 * their normalised URI string, the name the core's path helpers resolve `controls:` references against.
 */
import * as vscode from 'vscode';
import type { Refusal } from '../../core/files/read-file';
import { readConfinedText } from '../../core/files/read-file';
import { limitsFor } from '../../core/files/source';
import { detectFileKind, parseModelFile } from '../../core/model/index';
import type { ModelFileParse, ThreatModelParse } from '../../core/model/index';
import { controlFilesOf, normalizeFile } from '../../core/validation/index';
import { Disposable } from '../dispose';
import type { FileAccess } from '../file-access';
import { CONTROLS_GLOB, kindOfDocument, MODEL_GLOB } from '../workspace-models';

const EXCLUDE_GLOB = '**/node_modules/**';
const MAX_FILES = 500;

/** A parsed file and where it came from. */
export interface ModelFile {
  readonly key: string;
  readonly uri: vscode.Uri;
  readonly parse: ModelFileParse;
  /** The open document it was parsed from, with the version parsed; undefined for a file read from disk. */
  readonly document?: vscode.TextDocument;
  readonly version?: number;
}

export function keyOf(uri: vscode.Uri): string {
  return normalizeFile(uri.toString());
}

/** A file a model or inventory names, as the confined reader sees it. */
export interface ReferencedFile {
  readonly file?: ModelFile;
  /** True when something is at the path (also when it was refused). */
  readonly exists: boolean;
  /** Why it was not read: outside the roots, not a regular file, over the cap. */
  readonly refusal?: Refusal;
}

export class ModelFiles extends Disposable {
  private readonly disk = new Map<string, Promise<DiskFile>>();
  private readonly diskModels = new Set<string>();
  private readonly diskInventories = new Set<string>();
  private readonly open = new Map<string, ModelFile>();
  private readonly changed = this.disposables.add(new vscode.EventEmitter<string>());
  /** Fires with the key of a file created, changed or deleted on disk. */
  readonly onDidChangeOnDisk = this.changed.event;
  private scanning: Promise<void> | undefined;

  constructor(private readonly access: FileAccess) {
    super();
    // What may be read changed: every file is judged again.
    this.disposables.add(access.onDidChange(() => this.disk.clear()));
    for (const glob of [MODEL_GLOB, CONTROLS_GLOB]) {
      const watcher = this.disposables.add(vscode.workspace.createFileSystemWatcher(glob));
      this.disposables.add(watcher.onDidCreate((uri) => this.onDisk(uri, true)));
      this.disposables.add(watcher.onDidChange((uri) => this.onDisk(uri, true)));
      this.disposables.add(watcher.onDidDelete((uri) => this.onDisk(uri, false)));
    }
    this.disposables.add(vscode.workspace.onDidCloseTextDocument((doc) => this.open.delete(keyOf(doc.uri))));
  }

  /** Finds the workspace's threat models once (later calls share the first scan). */
  scan(): Promise<void> {
    this.scanning ??= Promise.all([
      vscode.workspace.findFiles(MODEL_GLOB, EXCLUDE_GLOB, MAX_FILES),
      vscode.workspace.findFiles(CONTROLS_GLOB, EXCLUDE_GLOB, MAX_FILES),
    ]).then(([models, inventories]) => {
      for (const uri of models) this.diskModels.add(keyOf(uri));
      for (const uri of inventories) this.diskInventories.add(keyOf(uri));
    });
    return this.scanning;
  }

  /** The parse of an open document of ours, current for its version; undefined for other documents. */
  parseDocument(doc: vscode.TextDocument): ModelFile | undefined {
    const key = keyOf(doc.uri);
    const cached = this.open.get(key);
    if (cached?.document === doc && cached.version === doc.version) return cached;
    if (!kindOfDocument(doc)) return undefined;
    const parse = parseModelFile(key, doc.getText());
    if (!parse) return undefined;
    const file: ModelFile = { key, uri: doc.uri, parse, document: doc, version: doc.version };
    this.open.set(key, file);
    return file;
  }

  /** The open document with this key, if any. */
  openDocument(key: string): vscode.TextDocument | undefined {
    return vscode.workspace.textDocuments.find((d) => !d.isClosed && keyOf(d.uri) === key);
  }

  /** A file by key: the open document's text when open, else the file on disk; undefined when neither is ours. */
  async get(key: string): Promise<ModelFile | undefined> {
    const doc = this.openDocument(key);
    if (doc) return this.parseDocument(doc);
    return (await this.fromDisk(key)).file;
  }

  /** Whether the file exists (open, or on disk whatever its content). */
  async exists(key: string): Promise<boolean> {
    return this.openDocument(key) !== undefined || (await this.fromDisk(key)).exists;
  }

  /**
   * A file a model or inventory names (an inventory in `controls:`): confined to the workspace's roots, open or
   * not, so a model cannot make the editor read `/etc/passwd` or a FIFO; the refusal says why.
   */
  async referenced(key: string): Promise<ReferencedFile> {
    const uri = vscode.Uri.parse(key);
    const outside = uri.scheme === 'file' ? await this.access.outside(uri.fsPath) : undefined;
    if (outside) return { exists: true, refusal: outside };
    const doc = this.openDocument(key);
    if (doc) {
      const file = this.parseDocument(doc);
      return file ? { file, exists: true } : { exists: true };
    }
    const disk = await this.fromDisk(key);
    return { ...(disk.file ? { file: disk.file } : {}), exists: disk.exists, ...(disk.refusal ? { refusal: disk.refusal } : {}) };
  }

  private fromDisk(key: string): Promise<DiskFile> {
    let pending = this.disk.get(key);
    if (!pending) {
      pending = readFromDisk(key);
      this.disk.set(key, pending);
    }
    return pending;
  }

  /** Every threat model: those found in the workspace and open ones (also untitled or outside the workspace). */
  async models(): Promise<ThreatModelParse[]> {
    await this.scan();
    const keys = new Set(this.diskModels);
    for (const doc of vscode.workspace.textDocuments) if (!doc.isClosed && kindOfDocument(doc) === 'threat-model') keys.add(keyOf(doc.uri));
    const files = await Promise.all([...keys].map((k) => this.get(k)));
    return files.flatMap((f) => (f?.parse.kind === 'threat-model' ? [f.parse] : []));
  }

  /** Keys of every control inventory in the workspace or open. */
  async inventoryKeys(): Promise<string[]> {
    await this.scan();
    const keys = new Set(this.diskInventories);
    for (const doc of vscode.workspace.textDocuments) if (!doc.isClosed && kindOfDocument(doc) === 'control-inventory') keys.add(keyOf(doc.uri));
    // Sorted: suggestions among them ("did you mean") must not depend on the order files were found in.
    return [...keys].sort();
  }

  /** The models that list the inventory `key` in `controls:`. */
  async modelsListing(key: string): Promise<ThreatModelParse[]> {
    return (await this.models()).filter((m) => m.model && controlFilesOf(m.model).some((r) => r.file === key));
  }

  private onDisk(uri: vscode.Uri, exists: boolean): void {
    const key = keyOf(uri);
    this.disk.delete(key);
    const kind = detectFileKind(uri.path);
    const set = kind === 'threat-model' ? this.diskModels : kind === 'control-inventory' ? this.diskInventories : undefined;
    if (exists) set?.add(key);
    else set?.delete(key);
    this.changed.fire(key);
  }
}

interface DiskFile {
  readonly exists: boolean;
  readonly file?: ModelFile;
  readonly refusal?: Refusal;
}

/** Through the core's reader: regular files only, at most the YAML cap, never blocking on a FIFO. */
async function readFromDisk(key: string): Promise<DiskFile> {
  const uri = vscode.Uri.parse(key);
  // Local files only (virtual workspaces are not supported): nothing else goes past the reader's checks.
  if (uri.scheme !== 'file') return { exists: false };
  const read = await readConfinedText(uri.fsPath, limitsFor('yaml'));
  if (read.kind === 'missing') return { exists: false };
  if (read.kind === 'refused') return { exists: true, refusal: read.refusal };
  const parse = parseModelFile(key, read.text);
  return parse ? { exists: true, file: { key, uri, parse } } : { exists: true };
}
