/**
 * The heatmap's hook for extension tests (registered only in ExtensionMode.Test as an internal command, so the
 * public API stays as it is): the open panels, their last render and actions, scripted prompts, and a way to feed
 * a message to the host as if the webview had sent it.
 */
import type * as vscode from 'vscode';
import { windowPrompts, type HeatmapPrompts } from './actions';
import type { HeatmapPanel } from './panel';
import type { HeatmapPanels } from './register';

export const HEATMAP_TESTING_COMMAND = 'threatOverlap.heatmap.testing';

export class HeatmapTesting implements vscode.Disposable {
  constructor(private readonly panels: HeatmapPanels) {}

  readonly onDidOpen = (listener: (p: HeatmapPanel) => void) => this.panels.onDidOpen(listener);

  panel(modelUri: vscode.Uri): HeatmapPanel | undefined {
    return this.panels.get(modelUri);
  }

  all(): HeatmapPanel[] {
    return this.panels.all();
  }

  /** Replaces the user's answers to "Exclude with reason…" and the save dialogs (undefined: the real window). */
  setPrompts(prompts: HeatmapPrompts | undefined): void {
    this.panels.prompts = prompts ?? windowPrompts;
  }

  /** Delivers `message` to the panel's handler exactly as a webview message (validation included). */
  simulate(panel: HeatmapPanel, message: unknown): Promise<void> {
    return panel.receive(message);
  }

  dispose(): void {
    // Nothing of its own.
  }
}
