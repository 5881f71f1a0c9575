/**
 * One DiagnosticCollection for threat models and control inventories, fed by the core: refreshed on open,
 * debounced on change (the files tied to the edited one too), on ATT&CK data loading and on disk changes;
 * cleared on close. The core diagnostics behind each file are kept for the quick fixes.
 */
import * as vscode from 'vscode';
import type { Diagnostic as CoreDiagnostic } from '../../core/diagnostics';
import { isSchemaLayer } from '../../core/validation/index';
import type { AttackDataService } from '../attack-data/service';
import { Disposable } from '../dispose';
import { DIAGNOSTIC_SOURCE, toDiagnostic } from './convert';
import type { LanguageContext } from './language-context';
import { kindOfDocument } from '../workspace-models';
import { keyOf } from './model-files';
import { onDidChangeSchemaOwner, reportsSchemaDiagnostics } from './schema-owner';

export const EDIT_DEBOUNCE_MS = 200;

export class DiagnosticsController extends Disposable {
  private readonly collection = this.disposables.add(vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE));
  private readonly core = new Map<string, { readonly version: number; readonly diagnostics: readonly CoreDiagnostic[] }>();
  private readonly pending = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> = Promise.resolve();
  private readonly validated = this.disposables.add(new vscode.EventEmitter<readonly vscode.Uri[]>());
  /** Fires with the documents whose diagnostics were just published. */
  readonly onDidValidate = this.validated.event;

  constructor(
    private readonly context: LanguageContext,
    service: AttackDataService,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    const files = context.files;
    // Only our documents: output channels and other files change all the time and would starve the debounce.
    this.disposables.add(vscode.workspace.onDidOpenTextDocument((doc) => kindOfDocument(doc) && this.schedule([keyOf(doc.uri)], 0)));
    this.disposables.add(vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length > 0 && kindOfDocument(e.document) && this.schedule([keyOf(e.document.uri)])));
    // Not filtered by kind: a reverted untitled document is empty by the time it closes.
    this.disposables.add(vscode.workspace.onDidCloseTextDocument((doc) => this.onClose(doc)));
    this.disposables.add(files.onDidChangeOnDisk((key) => this.schedule([key])));
    this.disposables.add(service.onDidLoadIndex(() => this.refreshAll()));
    this.disposables.add(onDidChangeSchemaOwner(() => this.refreshAll()));
    this.disposables.add({ dispose: () => clearTimeout(this.timer) });
    this.refreshAll();
  }

  /**
   * The core diagnostics of this version of a document (for code actions, whose edits must fit the text as it is):
   * the published ones when current, else validated now (after any run in progress). Empty when it is not ours.
   */
  async currentDiagnostics(doc: vscode.TextDocument): Promise<readonly CoreDiagnostic[]> {
    const key = keyOf(doc.uri);
    const current = () => {
      const entry = this.core.get(key);
      return entry?.version === doc.version ? entry.diagnostics : undefined;
    };
    const known = current();
    if (known) return known;
    const run = this.running.then(() => (current() ? undefined : this.validate([key])));
    this.running = run.catch((err: unknown) => this.log.error('Validation failed', err));
    await this.running;
    return current() ?? [];
  }

  /** Re-validates every open document now. */
  refreshAll(): void {
    this.schedule(vscode.workspace.textDocuments.filter((d) => !d.isClosed && kindOfDocument(d)).map((d) => keyOf(d.uri)), 0);
  }

  private schedule(keys: readonly string[], delay = EDIT_DEBOUNCE_MS): void {
    for (const k of keys) this.pending.add(k);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), delay);
  }

  /** Validates what is pending, one run at a time (a run that finds newer edits leaves them to the next). */
  private flush(): void {
    const keys = [...this.pending];
    this.pending.clear();
    if (keys.length === 0) return;
    this.running = this.running.then(() => this.validate(keys)).catch((err: unknown) => this.log.error('Validation failed', err));
  }

  private async validate(keys: readonly string[]): Promise<void> {
    // Schema problems Red Hat's YAML extension reports are left out before the per-file cap, not after it.
    const shows = (file: string) => {
      const doc = this.context.files.openDocument(file);
      return doc && !reportsSchemaDiagnostics(doc.uri) ? (d: CoreDiagnostic) => !isSchemaLayer(d) : undefined;
    };
    const { diagnostics, parsed } = await this.context.validate(keys, shows);
    const published: vscode.Uri[] = [];
    for (const [key, file] of parsed) {
      const doc = file.document;
      // Closed meanwhile, or edited since: the next run publishes.
      if (!doc || doc.isClosed || doc.version !== file.version) continue;
      const schemaLayer = reportsSchemaDiagnostics(doc.uri);
      const shown = (diagnostics.get(key) ?? []).filter((d) => schemaLayer || !isSchemaLayer(d));
      this.core.set(key, { version: doc.version, diagnostics: shown });
      this.collection.set(doc.uri, shown.map(toDiagnostic));
      published.push(doc.uri);
    }
    if (published.length > 0) this.validated.fire(published);
  }

  private onClose(doc: vscode.TextDocument): void {
    const key = keyOf(doc.uri);
    if (!this.core.delete(key)) return;
    this.collection.delete(doc.uri);
    // Files tied to it now see its saved text instead of the unsaved edits.
    this.schedule([key]);
  }
}
