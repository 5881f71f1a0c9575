/**
 * The language features of threat models and control inventories, wired in one place: diagnostics, completion,
 * hover, quick fixes, CodeLens, outline and go to definition, all backed by the core.
 */
import * as vscode from 'vscode';
import type { AttackDataService } from '../attack-data/service';
import type { DisposableStore } from '../dispose';
import type { FileAccess } from '../file-access';
import { TOP_TECHNIQUES_SETTING } from '../triage-options';
import type { Ui } from '../ui';
import type { WorkspaceModels } from '../workspace-models';
import { AvailableData } from './available-data';
import { ModelCodeActionProvider } from './code-actions';
import { ModelCodeLensProvider } from './code-lens';
import { ModelCompletionProvider } from './completion';
import { ModelDefinitionProvider } from './definition';
import { DiagnosticsController } from './diagnostics';
import { ModelHoverProvider } from './hover';
import { LanguageContext } from './language-context';
import { ModelFiles } from './model-files';
import { ModelSymbolProvider } from './symbols';
import { registerUpgradeCommand } from './upgrade-command';

/** YAML documents; the providers answer only for threat models and control inventories (by name or top-level key). */
export const MODEL_SELECTOR: vscode.DocumentSelector = [
  { language: 'yaml', scheme: 'file' },
  { language: 'yaml', scheme: 'untitled' },
];

/** Registers every language feature; everything created is added to `store`; the upgrade command asks through `ui`. */
export function registerLanguageFeatures(store: DisposableStore, ui: Ui, service: AttackDataService, models: WorkspaceModels, access: FileAccess, log: vscode.LogOutputChannel): void {
  const files = store.add(new ModelFiles(access));
  const available = store.add(new AvailableData(service));
  const context = store.add(new LanguageContext(files, service, models, available, access));
  const diagnostics = store.add(new DiagnosticsController(context, service, log));
  // Folders, trust or the allow setting changed: what may be read changed, so every open file is validated again.
  store.add(access.onDidChange(() => diagnostics.refreshAll()));
  // Another Top Techniques file: the triage (order, scores in hovers) of every open model changes.
  store.add(vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(TOP_TECHNIQUES_SETTING) && diagnostics.refreshAll()));
  const lenses = store.add(new ModelCodeLensProvider(context));
  store.add(diagnostics.onDidValidate(() => lenses.refresh()));
  store.add(vscode.languages.registerCompletionItemProvider(MODEL_SELECTOR, new ModelCompletionProvider(context), ':', ' ', '[', ',', '-'));
  store.add(vscode.languages.registerHoverProvider(MODEL_SELECTOR, new ModelHoverProvider(context)));
  store.add(vscode.languages.registerCodeActionsProvider(MODEL_SELECTOR, new ModelCodeActionProvider(context, diagnostics), ModelCodeActionProvider.metadata));
  store.add(vscode.languages.registerCodeLensProvider(MODEL_SELECTOR, lenses));
  store.add(vscode.languages.registerDocumentSymbolProvider(MODEL_SELECTOR, new ModelSymbolProvider(context), { label: 'Threat Overlap' }));
  store.add(vscode.languages.registerDefinitionProvider(MODEL_SELECTOR, new ModelDefinitionProvider(context)));
  registerUpgradeCommand(store, ui, context, available);
}
