/**
 * "Threat Overlap: Create Hunt Plan": the hunt plan of a threat model (src/core/hunt) opened as an untitled Markdown
 * document beside the editor (save it where you like). The rule library comes from `threatOverlap.hunt.ruleLibrary`
 * (taken from workspace settings only in a trusted workspace). Returns what it did, for other extensions and tests.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { trustedSettingPath } from '../setting-path';
import { buildHuntPlan } from '../../core/hunt/plan';
import { renderHuntPlan } from '../../core/hunt/render';
import { loadRuleLibrary } from '../../core/hunt/rule-library';
import type { RuleLibrary } from '../../core/hunt/rule-library';
import type { DisposableStore } from '../dispose';
import type { GapChecker } from '../gaps/gap-checker';
import { isThreatModelPath, targetModels } from '../gaps/model-sources';
import type { Ui } from '../ui';

export const HUNT_COMMAND = 'threatOverlap.createHuntPlan';

export interface HuntOutcome {
  readonly model?: string;
  readonly gaps?: number;
  readonly hypotheses?: number;
  /** The untitled document's URI. */
  readonly document?: string;
  readonly problem?: string;
}

export function registerHuntCommand(store: DisposableStore, ui: Ui, checker: GapChecker): void {
  store.add(vscode.commands.registerCommand(HUNT_COMMAND, (arg?: unknown) => createHuntPlan(ui, checker, arg)));
}

/** The setting's path (trustedSettingPath). */
export function ruleLibraryPath(): string | undefined {
  return trustedSettingPath('threatOverlap.hunt', 'ruleLibrary');
}

async function createHuntPlan(ui: Ui, checker: GapChecker, arg: unknown): Promise<HuntOutcome> {
  const models = (await targetModels(arg, (f) => checker.modelsUsing(f))).filter((m) => isThreatModelPath(m.fsPath));
  const model = models.length <= 1 ? models[0] : (await ui.pick(models.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })), { title: 'Hunt plan for which threat model?' }))?.uri;
  if (!model) {
    void ui.showMessage('info', 'No threat model (*.threatmodel.yaml) chosen for a hunt plan.');
    return { problem: 'no threat model chosen' };
  }
  return ui.withProgress(`Threat Overlap: hunt plan of ${path.basename(model.fsPath)}`, async () => {
    const checked = await checker.check(model.fsPath);
    if (checked.outcome?.kind !== 'analysed') {
      const problem = checked.summary.message ?? checked.summary.status;
      void ui.showMessage('warning', `No hunt plan: ${path.basename(model.fsPath)}: ${problem}.`, 'Show Problems').then((c) =>
        c ? vscode.commands.executeCommand('workbench.actions.view.problems') : undefined);
      return { model: model.fsPath, problem };
    }
    let library: RuleLibrary | undefined;
    const dir = ruleLibraryPath();
    if (dir !== undefined) {
      try {
        library = await loadRuleLibrary(dir);
      } catch {
        void ui.showMessage('warning', `The rule library (threatOverlap.hunt.ruleLibrary) is not a readable folder: ${dir}. The plan lists no candidate rules.`);
      }
    }
    const o = checked.outcome;
    const plan = buildHuntPlan({ index: o.index, result: o.report.result, model: o.model, inventories: o.inventories, modelName: o.report.modelName, ...(library ? { library } : {}) });
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: renderHuntPlan('markdown', plan) });
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: false });
    const hypotheses = plan.gaps.reduce((n, g) => n + g.components.reduce((m, c) => m + c.hypotheses.length, 0), 0);
    return { model: model.fsPath, gaps: plan.gaps.length, hypotheses, document: doc.uri.toString() };
  });
}
