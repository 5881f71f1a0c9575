/**
 * "Threat Overlap: Upgrade Model to ATT&CK Release…": picks a newer release among the data at hand, shows the
 * core's upgrade plan for the model and the inventories it lists, and applies it as one undoable WorkspaceEdit.
 */
import * as vscode from 'vscode';
import { compareVersions } from '../../core/attack/index';
import { baseName } from '../../core/validation/index';
import { planMarkdown } from '../../core/language/index';
import { editsByFile, planUpgrade } from '../../core/upgrade/index';
import type { UpgradePlan } from '../../core/upgrade/index';
import type { DisposableStore } from '../dispose';
import type { Ui } from '../ui';
import type { AvailableData } from './available-data';
import { addEdits } from './convert';
import type { LanguageContext } from './language-context';
import { keyOf } from './model-files';

export const UPGRADE_COMMAND = 'threatOverlap.upgradeModel';
const APPLY = 'Apply';

/** Options for scripts and tests; a user gets a pick of releases and a confirmation. */
export interface UpgradeOptions {
  /** Target release, e.g. "18.1"; default: asked (newest first). */
  readonly version?: string;
  /** Apply without asking (the plan is still returned). */
  readonly apply?: boolean;
}

/** What the command did. */
export interface UpgradeOutcome {
  readonly plan?: UpgradePlan;
  readonly applied: boolean;
  readonly message?: string;
}

/** Registers the command; its picks and messages go through `ui` (recorded and answerable in the integration suite). */
export function registerUpgradeCommand(store: DisposableStore, ui: Ui, context: LanguageContext, available: AvailableData): void {
  store.add(vscode.commands.registerCommand(UPGRADE_COMMAND, async (target?: vscode.Uri | string, options: UpgradeOptions = {}) => {
    const outcome = await upgrade(ui, context, available, target, options);
    if (outcome.message) void ui.showMessage('info', outcome.message);
    return outcome;
  }));
}

async function upgrade(ui: Ui, context: LanguageContext, available: AvailableData, target: vscode.Uri | string | undefined, options: UpgradeOptions): Promise<UpgradeOutcome> {
  const uri = typeof target === 'string' ? vscode.Uri.parse(target) : (target ?? vscode.window.activeTextEditor?.document.uri);
  const file = uri ? await context.files.get(keyOf(uri)) : undefined;
  if (!file || file.parse.kind !== 'threat-model' || !file.parse.model) return { applied: false, message: 'Open a threat model (*.threatmodel.yaml) to upgrade it.' };
  const model = file.parse.model;
  const from = model.attack.version?.value;
  if (from === undefined) return { applied: false, message: 'This threat model pins no ATT&CK release (attack.version), so it always uses the newest data at hand.' };
  const domain = model.attack.domain.value;
  const newer = (await available.versions(domain)).filter((v) => compareVersions(v, from) > 0);
  const to = options.version ?? (await pickVersion(ui, newer, from));
  if (to === undefined) return { applied: false, ...(newer.length === 0 ? { message: `No ATT&CK ${domain} data newer than ${from} is at hand: download or select a newer release first.` } : {}) };
  const [fromIndex, toIndex] = await Promise.all([context.index({ domain, version: from }), context.index({ domain, version: to })]);
  if (!fromIndex || !toIndex) return { applied: false, message: `ATT&CK ${domain} ${!fromIndex ? from : to} is not at hand: download or select it first.` };
  const plan = planUpgrade(file.parse, fromIndex, toIndex, await context.inventoriesOf(model));
  const edits = editsByFile(plan);
  const count = [...edits.values()].reduce((n, list) => n + list.length, 0);
  if (count === 0) return { plan, applied: false, message: `Nothing to change to move ${baseName(file.key)} from ATT&CK ${from} to ${to}.` };
  if (!options.apply) {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'markdown', content: planMarkdown(plan, file.parse) }), { viewColumn: vscode.ViewColumn.Beside, preview: true });
    const files = edits.size === 1 ? '1 file' : `${edits.size} files`;
    const answer = await ui.showMessage('info', `Upgrade ${baseName(file.key)} to ATT&CK ${to}: ${count} edit${count === 1 ? '' : 's'} in ${files}? The plan is open beside; one undo reverts it.`, APPLY);
    if (answer !== APPLY) return { plan, applied: false };
  }
  const workspaceEdit = new vscode.WorkspaceEdit();
  for (const [key, list] of edits) addEdits(workspaceEdit, vscode.Uri.parse(key), list);
  const applied = await vscode.workspace.applyEdit(workspaceEdit);
  return { plan, applied };
}

async function pickVersion(ui: Ui, newer: readonly string[], from: string): Promise<string | undefined> {
  if (newer.length === 0) return undefined;
  const picked = await ui.pick(newer.map((v) => ({ label: v, description: v === newer[0] ? 'newest at hand' : '' })), {
    title: `Upgrade from ATT&CK ${from} to…`,
    placeholder: 'ATT&CK release',
  });
  return picked?.label;
}
