/**
 * `npm start` opens the example workspace with THREAT_OVERLAP_OPEN_HEATMAP set to a model's workspace-relative
 * path: once the extension is up, that model opens in the editor with its heatmap beside it. Nothing happens
 * without the variable, so users never see this.
 */
import * as vscode from 'vscode';

export const OPEN_ON_START_ENV = 'THREAT_OVERLAP_OPEN_HEATMAP';

export async function openOnStart(log: vscode.LogOutputChannel): Promise<void> {
  const relative = process.env[OPEN_ON_START_ENV];
  if (!relative) return;
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const uri = vscode.Uri.joinPath(folder.uri, relative);
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      continue;
    }
    await vscode.window.showTextDocument(uri, { preview: false });
    await vscode.commands.executeCommand('threatOverlap.showHeatmap', uri);
    log.info(`Opened ${relative} and its heatmap (${OPEN_ON_START_ENV})`);
    return;
  }
  log.warn(`${OPEN_ON_START_ENV}=${relative}: no such file in the workspace`);
}
