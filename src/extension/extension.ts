/**
 * Threat Overlap extension entry. Activation stays cheap: it wires the services and returns the API at once;
 * finding models and loading ATT&CK data (parsed in a worker thread) continue in the background, and nothing is
 * loaded or shown until a threat model or control inventory is in sight (activation on `onLanguage:yaml` is broad).
 */
import * as vscode from 'vscode';
import type { ThreatOverlapApi } from './api';
import { registerAttackDataCommands } from './attack-data/commands';
import { AttackDataService } from './attack-data/service';
import { AttackDataPrompts } from './attack-data/prompts';
import { AttackWorkerClient } from './attack-data/worker-client';
import { DisposableStore } from './dispose';
import { FileAccess } from './file-access';
import { registerHeatmap } from './heatmap/register';
import { registerLanguageFeatures } from './language/index';
import { GapChecker } from './gaps/gap-checker';
import { registerGapCommands } from './gaps/gap-commands';
import { registerHuntCommand } from './hunt/hunt-command';
import { registerTriageActions } from './gaps/triage-actions';
import { openOnStart } from './startup';
import { RecordingUi } from './test-ui';
import { windowUi, type Ui } from './ui';
import { WorkspaceModels } from './workspace-models';

export function activate(context: vscode.ExtensionContext): ThreatOverlapApi {
  const store = new DisposableStore();
  context.subscriptions.push(store);
  const log = store.add(vscode.window.createOutputChannel('Threat Overlap', { log: true }));
  // In an extension test run the suite sees (and may answer) every prompt; users always get the real window.
  const recorder = context.extensionMode === vscode.ExtensionMode.Test ? store.add(new RecordingUi()) : undefined;
  const ui: Ui = recorder ?? windowUi;
  const worker = new AttackWorkerClient(context.asAbsolutePath('dist/attack-worker.js'));
  store.add({ dispose: () => worker.dispose() });
  const models = store.add(new WorkspaceModels());
  // The confined reader's roots and allowed paths: every file a model names is read through it.
  const files = store.add(new FileAccess());
  const service = store.add(new AttackDataService(context.globalStorageUri.fsPath, worker, models, log));
  store.add(new AttackDataPrompts(ui, service));
  registerAttackDataCommands(store, ui, service);
  registerHeatmap(context, store, service, log, files);
  registerLanguageFeatures(store, ui, service, models, files, log);
  const gaps = store.add(new GapChecker(service, files, String((context.extension.packageJSON as { version?: string }).version ?? '0.0.0')));
  registerGapCommands(store, ui, gaps);
  registerHuntCommand(store, ui, gaps);
  registerTriageActions(store, ui, gaps, files);
  service.start().catch((err: unknown) => log.error('Could not start the ATT&CK data service', err));
  openOnStart(log).catch((err: unknown) => log.error('Could not open the model on start', err));

  return {
    attackData: {
      status: () => service.status(),
      onDidChange: service.onDidChange,
      onDidLoadIndex: service.onDidLoadIndex,
      getIndex: (pin) => service.getIndex(pin),
      download: (request, signal) => service.download(request, signal),
      reload: () => service.reload(),
      cacheDir: service.cacheDir,
      indexCacheDir: service.indexCacheDir,
    },
    ...(recorder ? { testing: { ui: recorder } } : {}),
  };
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
