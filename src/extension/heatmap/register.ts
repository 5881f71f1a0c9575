/**
 * "Threat Overlap: Show Coverage Heatmap": the command (palette, editor title of model files, a CodeLens at the
 * top of a model), one panel per model, and the serializer that brings panels back after a reload.
 */
import * as vscode from 'vscode';
import { isHeatmapViewState, HEATMAP_VIEW_TYPE } from '../../protocol';
import type { AttackDataService } from '../attack-data/service';
import type { DisposableStore } from '../dispose';
import type { FileAccess } from '../file-access';
import { windowPrompts, type HeatmapPrompts } from './actions';
import { HeatmapPanel } from './panel';
import { HeatmapTesting, HEATMAP_TESTING_COMMAND } from './testing';

export const SHOW_HEATMAP_COMMAND = 'threatOverlap.showHeatmap';
const MODEL_FILE = /\.threatmodel\.ya?ml$/i;

/** The open panels, one per model. */
export class HeatmapPanels implements vscode.Disposable {
  private readonly panels = new Map<string, HeatmapPanel>();
  private readonly opened = new vscode.EventEmitter<HeatmapPanel>();
  readonly onDidOpen = this.opened.event;
  prompts: HeatmapPrompts = windowPrompts;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly service: AttackDataService,
    private readonly log: vscode.LogOutputChannel,
    private readonly files: FileAccess,
  ) {}

  get(modelUri: vscode.Uri): HeatmapPanel | undefined {
    return this.panels.get(modelUri.toString());
  }

  all(): HeatmapPanel[] {
    return [...this.panels.values()];
  }

  /** Shows (or reveals) the panel of a model. */
  show(modelUri: vscode.Uri): HeatmapPanel {
    const existing = this.get(modelUri);
    if (existing) {
      existing.panel.reveal(undefined, false);
      return existing;
    }
    const column = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
    const panel = vscode.window.createWebviewPanel(HEATMAP_VIEW_TYPE, `Heatmap: ${baseName(modelUri)}`, column, {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(this.context.extensionUri, 'media')],
    });
    return this.adopt(modelUri, panel);
  }

  /** Wraps a panel (new, or restored by the serializer). */
  adopt(modelUri: vscode.Uri, panel: vscode.WebviewPanel): HeatmapPanel {
    const heatmap = new HeatmapPanel(modelUri, panel, {
      extensionUri: this.context.extensionUri,
      version: String((this.context.extension.packageJSON as { version?: unknown }).version ?? ''),
      getIndex: (pin) => this.service.getIndex(pin),
      onDidLoadIndex: this.service.onDidLoadIndex,
      prompts: () => this.prompts,
      log: (m) => this.log.info(m),
      files: this.files,
    });
    const key = modelUri.toString();
    this.panels.set(key, heatmap);
    heatmap.onDidClose(() => this.panels.get(key) === heatmap && this.panels.delete(key));
    this.opened.fire(heatmap);
    return heatmap;
  }

  dispose(): void {
    for (const p of this.panels.values()) p.dispose();
    this.panels.clear();
    this.opened.dispose();
  }
}

/** Registers the heatmap command, CodeLens, serializer and (in extension tests) the test hook. */
export function registerHeatmap(context: vscode.ExtensionContext, store: DisposableStore, service: AttackDataService, log: vscode.LogOutputChannel, files: FileAccess): HeatmapPanels {
  const panels = store.add(new HeatmapPanels(context, service, log, files));
  store.add(
    vscode.commands.registerCommand(SHOW_HEATMAP_COMMAND, async (arg?: unknown) => {
      const uri = await modelToShow(arg);
      if (!uri) {
        void vscode.window.showInformationMessage('Open a *.threatmodel.yaml file (or pick one) to show its coverage heatmap.');
        return undefined;
      }
      return panels.show(uri).modelUri.toString();
    }),
  );
  store.add(
    vscode.languages.registerCodeLensProvider(
      { scheme: 'file', pattern: '**/*.threatmodel.{yaml,yml}' },
      {
        provideCodeLenses: (doc) => [
          new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), { title: '$(graph) Show coverage heatmap', command: SHOW_HEATMAP_COMMAND, arguments: [doc.uri] }),
        ],
      },
    ),
  );
  store.add(
    vscode.window.registerWebviewPanelSerializer(HEATMAP_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state: unknown) => {
        if (!isHeatmapViewState(state) || state.modelUri === '') {
          panel.dispose();
          return;
        }
        const uri = vscode.Uri.parse(state.modelUri, true);
        if (panels.get(uri)) {
          panel.dispose();
          return;
        }
        panels.adopt(uri, panel);
      },
    }),
  );
  if (context.extensionMode === vscode.ExtensionMode.Test) {
    const testing = store.add(new HeatmapTesting(panels));
    store.add(vscode.commands.registerCommand(HEATMAP_TESTING_COMMAND, () => testing));
  }
  return panels;
}

async function modelToShow(arg: unknown): Promise<vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string' && arg !== '') return arg.includes('://') ? vscode.Uri.parse(arg, true) : vscode.Uri.file(arg);
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active && MODEL_FILE.test(active.path)) return active;
  const models = await vscode.workspace.findFiles('**/*.threatmodel.{yaml,yml}', '**/node_modules/**', 200);
  if (models.length <= 1) return models[0];
  const picked = await vscode.window.showQuickPick(
    models.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
    { title: 'Show the coverage heatmap of which threat model?' },
  );
  return picked?.uri;
}

function baseName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() ?? uri.path;
}
