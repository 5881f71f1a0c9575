/**
 * One heatmap panel for one threat model. Follows edits of the model and its inventories (debounced), new ATT&CK
 * data and file changes on disk; posts each result once the webview is ready (again after it reloads). Every
 * incoming message is validated and allow-listed before anything is done with it.
 */
import * as vscode from 'vscode';
import type { AttackIndex } from '../../core/attack/types';
import type { AttackPin } from '../../core/data/pin';
import { navigatorLayer } from '../../core/report/index';
import { normalizeFile } from '../../core/validation/paths';
import { encodeToWebviewInSlices, isFromWebviewMessage } from '../../protocol';
import type { FromWebviewMessage, HeatmapViewState, RenderedMessage, ToWebviewMessage } from '../../protocol';
import { Disposable } from '../dispose';
import * as actions from './actions';
import type { ActionOutcome, HeatmapPrompts } from './actions';
import type { FileAccess } from '../file-access';
import { analyseModel, type ModelAnalysis } from './analysis';
import { heatmapHtml, newNonce } from './html';
import { nextTurn } from '../next-turn';
import { TOP_TECHNIQUES_SETTING } from '../triage-options';

export const UPDATE_DEBOUNCE_MS = 250;

export interface PanelServices {
  readonly extensionUri: vscode.Uri;
  readonly version: string;
  getIndex(pin: AttackPin): Promise<AttackIndex | undefined>;
  readonly onDidLoadIndex: vscode.Event<unknown>;
  prompts(): HeatmapPrompts;
  log(message: string): void;
  /** The confined reader the model and its inventories are read through. */
  readonly files: FileAccess;
}

export class HeatmapPanel extends Disposable {
  private analysis: ModelAnalysis | undefined;
  private ready = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;
  private readonly rendered = this.disposables.add(new vscode.EventEmitter<RenderedMessage>());
  private readonly acted = this.disposables.add(new vscode.EventEmitter<ActionOutcome>());
  private readonly analysed = this.disposables.add(new vscode.EventEmitter<ModelAnalysis>());
  private readonly closed = this.disposables.add(new vscode.EventEmitter<void>());
  /** The webview drew a result (counts per state, time to paint). */
  readonly onDidRender = this.rendered.event;
  /** A webview request was handled (accepted or refused). */
  readonly onDidAct = this.acted.event;
  readonly onDidAnalyse = this.analysed.event;
  readonly onDidClose = this.closed.event;
  lastRender: RenderedMessage | undefined;
  viewState: HeatmapViewState | undefined;

  constructor(readonly modelUri: vscode.Uri, readonly panel: vscode.WebviewPanel, private readonly services: PanelServices) {
    super();
    const media = vscode.Uri.joinPath(services.extensionUri, 'media');
    const webview = panel.webview;
    webview.options = { enableScripts: true, localResourceRoots: [media] };
    webview.html = heatmapHtml({
      cspSource: webview.cspSource,
      nonce: newNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'webview.css')).toString(),
      title: panel.title,
    });
    this.disposables.add(webview.onDidReceiveMessage((m: unknown) => void this.receive(m)));
    this.disposables.add(panel.onDidDispose(() => this.dispose()));
    this.disposables.add(vscode.workspace.onDidChangeTextDocument((e) => this.belongs(e.document.uri) && this.schedule()));
    this.disposables.add(vscode.workspace.onDidCloseTextDocument((d) => this.belongs(d.uri) && this.schedule()));
    const watcher = this.disposables.add(vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.joinPath(modelUri, '..'), '**/*.{yaml,yml}')));
    for (const event of [watcher.onDidChange, watcher.onDidCreate, watcher.onDidDelete]) this.disposables.add(event((uri) => this.belongs(uri) && this.schedule()));
    this.disposables.add(services.onDidLoadIndex(() => this.analysis?.message.type !== 'result' && this.schedule()));
    // The Top Techniques scores are an input of the triage, like the files.
    this.disposables.add(vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(TOP_TECHNIQUES_SETTING) && this.schedule()));
    void this.refresh();
  }

  override dispose(): void {
    clearTimeout(this.timer);
    if (!this.disposed) {
      this.disposed = true;
      this.closed.fire();
      this.panel.dispose();
    }
    super.dispose();
  }
  private disposed = false;

  /** The latest analysis (undefined until the first one finishes). */
  get current(): ModelAnalysis | undefined {
    return this.analysis;
  }

  private belongs(uri: vscode.Uri): boolean {
    return uri.scheme === 'file' && (this.analysis?.files ?? new Set([normalizeFile(this.modelUri.fsPath)])).has(normalizeFile(uri.fsPath));
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), UPDATE_DEBOUNCE_MS);
  }

  /** Re-reads and re-analyses the model now, then posts the result. */
  async refresh(): Promise<ModelAnalysis> {
    const generation = ++this.generation;
    const analysis = await analyseModel(this.modelUri, (pin) => this.services.getIndex(pin), await this.services.files.source());
    if (generation !== this.generation || this.disposed) return analysis;
    this.analysis = analysis;
    this.panel.title = `Heatmap: ${analysis.modelName}`;
    this.analysed.fire(analysis);
    await this.send(analysis.message, () => generation !== this.generation);
    return analysis;
  }

  /**
   * Posts `message` as JSON text: VS Code copies a string to the webview far faster than it serializes the same
   * object graph (the webview parses and validates it like any message). A big model's result is megabytes of
   * JSON: it is written in slices, yielding the extension host between them, and dropped when `stale()` turns true.
   */
  private async send(message: ToWebviewMessage, stale: () => boolean = () => false): Promise<void> {
    if (!this.ready) return;
    const text = await encodeToWebviewInSlices(message, nextTurn);
    if (!stale() && !this.disposed) void this.panel.webview.postMessage(text);
  }

  /** Asks the webview to export its current view as SVG or PNG. */
  requestExport(format: 'svg' | 'png'): void {
    void this.send({ type: 'exportRequest', format });
  }

  /** Handles one message from the webview (validated and allow-listed here). */
  async receive(raw: unknown): Promise<void> {
    if (!isFromWebviewMessage(raw)) {
      const type = typeof raw === 'object' && raw !== null ? String((raw as { type?: unknown }).type) : typeof raw;
      this.services.log(`Heatmap: dropped an invalid message from the webview (${type})`);
      this.acted.fire({ type, accepted: false, detail: 'invalid message' });
      return;
    }
    try {
      const outcome = await this.handle(raw);
      if (outcome) {
        if (!outcome.accepted) this.services.log(`Heatmap: ${outcome.type} refused: ${outcome.detail}`);
        this.acted.fire(outcome);
      }
    } catch (err) {
      this.services.log(`Heatmap: ${raw.type} failed: ${err instanceof Error ? err.message : String(err)}`);
      this.acted.fire({ type: raw.type, accepted: false, detail: err instanceof Error ? err.message : String(err) });
    }
  }

  private async handle(m: FromWebviewMessage): Promise<ActionOutcome | undefined> {
    switch (m.type) {
      case 'ready':
        this.ready = true;
        if (this.analysis) {
          const sent = this.analysis;
          // A newer analysis on its way makes this one stale.
          void this.send(sent.message, () => this.analysis !== sent);
        }
        return undefined;
      case 'viewState':
        this.viewState = m.state;
        return undefined;
      case 'rendered':
        this.lastRender = m;
        this.rendered.fire(m);
        return undefined;
      case 'reveal':
        return actions.reveal(m, this.analysis?.files ?? new Set(), this.panel.viewColumn);
      case 'exclude':
        return actions.exclude(m, this.modelUri, this.analysis?.result, this.services.prompts());
      case 'openAttack':
        return actions.openAttack(m);
      case 'saveExport': {
        const content = m.format === 'svg' ? m.data : pngBytes(m.data);
        // A base64 data URL of something else (HTML, SVG, a GIF) is not written into a .png.
        if (content === undefined) return { type: m.type, accepted: false, detail: 'invalid message' };
        const filters: Record<string, string[]> = m.format === 'svg' ? { SVG: ['svg'] } : { PNG: ['png'] };
        return actions.saveExport(this.modelUri, `.heatmap.${m.format}`, filters, content, this.services.prompts());
      }
      case 'exportLayer': {
        const a = this.analysis;
        if (!a?.result) return { type: 'exportLayer', accepted: false, detail: 'no result yet' };
        const layer = navigatorLayer({
          result: a.result,
          modelName: a.modelName,
          modelFile: this.modelUri.fsPath,
          baseDir: vscode.Uri.joinPath(this.modelUri, '..').fsPath,
          diagnostics: [],
          toolVersion: this.services.version,
        });
        return actions.saveExport(this.modelUri, '.layer.json', { 'Navigator layer': ['json'] }, JSON.stringify(layer, null, 2) + '\n', this.services.prompts());
      }
    }
  }
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The bytes of a PNG export's data URL (validated as base64 by the protocol), or undefined when they are not a PNG. */
function pngBytes(dataUrl: string): Buffer | undefined {
  const bytes = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
  return bytes.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE) ? bytes : undefined;
}
