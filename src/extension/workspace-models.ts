/**
 * Which threat models and control inventories are around, and which ATT&CK pin the user is looking at: the active
 * editor's threat model, else the first model in the workspace, else Enterprise (any release). Reads model files
 * asynchronously and only their `attack` block. Files are ours by name (`*.threatmodel.yaml`, `*.controls.yaml`) or,
 * for other YAML documents, by their top-level `threatModel:` / `controlInventory:` key.
 */
import * as vscode from 'vscode';
import { DEFAULT_ATTACK_DOMAIN, pinKey, readAttackPin, type AttackPin } from '../core/data/pin';
import { readConfinedText } from '../core/files/read-file';
import { limitsFor } from '../core/files/source';
import { detectFileKind, type ModelFileKind } from '../core/model/file-kind';
import { Disposable } from './dispose';

export const MODEL_GLOB = '**/*.threatmodel.{yaml,yml}';
export const CONTROLS_GLOB = '**/*.controls.{yaml,yml}';
const EXCLUDE_GLOB = '**/node_modules/**';
const MAX_MODELS = 200;
const EDIT_DEBOUNCE_MS = 300;

/** Our kind of document, or undefined. Content decides only for YAML documents with another name. */
export function kindOfDocument(doc: vscode.TextDocument): ModelFileKind | undefined {
  return detectFileKind(doc.uri.path, doc.languageId === 'yaml' ? doc.getText() : undefined);
}

/** Tracks the pins of the workspace's threat models and fires when the active pin changes. */
export class WorkspaceModels extends Disposable {
  private readonly pins = new Map<string, AttackPin>();
  private readonly inventories = new Set<string>();
  private active: AttackPin = { domain: DEFAULT_ATTACK_DOMAIN };
  private readonly changed = this.disposables.add(new vscode.EventEmitter<AttackPin>());
  private readonly found = this.disposables.add(new vscode.EventEmitter<void>());
  private readonly editTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Fires with the new active pin. */
  readonly onDidChangeActivePin = this.changed.event;
  /** Fires when the first model or inventory appears (the extension has work to do). */
  readonly onDidFindModels = this.found.event;

  constructor() {
    super();
    for (const glob of [MODEL_GLOB, CONTROLS_GLOB]) {
      const watcher = this.disposables.add(vscode.workspace.createFileSystemWatcher(glob));
      this.disposables.add(watcher.onDidCreate((uri) => void this.readFile(uri)));
      this.disposables.add(watcher.onDidChange((uri) => void this.readFile(uri)));
      this.disposables.add(watcher.onDidDelete((uri) => this.forget(uri)));
    }
    this.disposables.add(vscode.window.onDidChangeActiveTextEditor(() => this.recompute()));
    this.disposables.add(vscode.workspace.onDidOpenTextDocument((doc) => this.readDocument(doc)));
    this.disposables.add(vscode.workspace.onDidChangeTextDocument((e) => this.onEdit(e.document)));
    this.disposables.add(vscode.workspace.onDidCloseTextDocument((doc) => doc.uri.scheme !== 'file' && this.forget(doc.uri)));
    this.disposables.add({ dispose: () => this.editTimers.forEach((t) => clearTimeout(t)) });
  }

  /** Finds and reads the workspace's models and the open documents; resolves with the active pin. */
  async scan(): Promise<AttackPin> {
    const [models, inventories] = await Promise.all([
      vscode.workspace.findFiles(MODEL_GLOB, EXCLUDE_GLOB, MAX_MODELS),
      vscode.workspace.findFiles(CONTROLS_GLOB, EXCLUDE_GLOB, MAX_MODELS),
    ]);
    await Promise.all([...models, ...inventories].map((uri) => this.readFile(uri, false)));
    for (const doc of vscode.workspace.textDocuments) this.readDocument(doc, false);
    this.recompute();
    return this.active;
  }

  /** True once any threat model or control inventory is known. */
  hasModels(): boolean {
    return this.pins.size > 0 || this.inventories.size > 0;
  }

  /** The pin of the model in front of the user. */
  activePin(): AttackPin {
    return this.active;
  }

  private async readFile(uri: vscode.Uri, notify = true): Promise<void> {
    const kind = detectFileKind(uri.path);
    if (kind === 'control-inventory') return this.record(uri, kind, undefined, notify);
    // The core's reader: a FIFO or a device named *.threatmodel.yaml must not block the host, nor a huge file fill it.
    const read = uri.scheme === 'file' ? await readConfinedText(uri.fsPath, limitsFor('yaml')) : undefined;
    if (read?.kind !== 'text') return this.forget(uri, notify);
    this.record(uri, 'threat-model', read.text, notify);
  }

  private readDocument(doc: vscode.TextDocument, notify = true): void {
    const kind = kindOfDocument(doc);
    if (kind) this.record(doc.uri, kind, doc.getText(), notify);
    else if (this.pins.has(doc.uri.toString()) || this.inventories.has(doc.uri.toString())) this.forget(doc.uri, notify);
  }

  private record(uri: vscode.Uri, kind: ModelFileKind, text: string | undefined, notify: boolean): void {
    const had = this.hasModels();
    const key = uri.toString();
    if (kind === 'control-inventory') this.inventories.add(key);
    else {
      const pin = text === undefined ? undefined : readAttackPin(text);
      if (pin) this.pins.set(key, pin);
      else this.pins.delete(key);
    }
    if (!had && this.hasModels()) this.found.fire();
    if (notify) this.recompute();
  }

  private forget(uri: vscode.Uri, notify = true): void {
    this.pins.delete(uri.toString());
    this.inventories.delete(uri.toString());
    if (notify) this.recompute();
  }

  private onEdit(doc: vscode.TextDocument): void {
    if (doc.languageId !== 'yaml' && !detectFileKind(doc.uri.path)) return;
    const key = doc.uri.toString();
    clearTimeout(this.editTimers.get(key));
    this.editTimers.set(
      key,
      setTimeout(() => {
        this.editTimers.delete(key);
        this.readDocument(doc);
      }, EDIT_DEBOUNCE_MS),
    );
  }

  private recompute(): void {
    const doc = vscode.window.activeTextEditor?.document;
    let next = doc ? this.pins.get(doc.uri.toString()) : undefined;
    if (!next) {
      const first = [...this.pins.keys()].sort()[0];
      next = first === undefined ? { domain: DEFAULT_ATTACK_DOMAIN } : this.pins.get(first)!;
    }
    if (pinKey(next) === pinKey(this.active)) return;
    this.active = next;
    this.changed.fire(next);
  }
}
