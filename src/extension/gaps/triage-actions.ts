/**
 * Triage quick fixes on gap diagnostics and the palette command "Threat Overlap: Add Mitigation…", all through a
 * WorkspaceEdit that keeps the YAML's comments and layout (src/core/language/triage-edits.ts):
 * - "Add mitigation M1053 Data Backup to <inventory>": a `planned` control implementing the mitigation at the
 *   policy's minimum on the components where the gap is (a quick pick asks which inventory when the model has several);
 * - "Accept risk for T1486": a `techniques.accept` entry (owner: the model's, until: triage date + 90 days within
 *   policy.maxAcceptance), with the reason placeholder selected.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CoverageResult } from '../../core/coverage/types';
import { weakComponents } from '../../core/language/coverage-views';
import { acceptanceUntil, acceptRiskEdit, ACCEPT_REASON_PLACEHOLDER, addMitigationControlEdit, newControlId } from '../../core/language/triage-edits';
import { parseControlInventory, parseThreatModel } from '../../core/model/index';
import { todayUtc } from '../../core/triage/dates';
import { OUTCOME_LABELS } from '../../core/triage/decision-table';
import { controlFilesOf } from '../../core/validation/workspace';
import type { DisposableStore } from '../dispose';
import type { FileAccess } from '../file-access';
import { addEdits } from '../language/convert';
import type { Ui } from '../ui';
import type { GapChecker } from './gap-checker';
import { isThreatModelPath, targetModels } from './model-sources';

export const TRIAGE_COMMANDS = {
  addMitigation: 'threatOverlap.addMitigation',
  /** Internal: after "Accept risk", select the reason placeholder. */
  selectText: 'threatOverlap.selectText',
} as const;

const QUICK_FIX = vscode.CodeActionKind.QuickFix;
const GAP_SOURCE = 'Threat Overlap gap check';
/** Mitigations offered per gap diagnostic (the next best first). */
const MITIGATIONS_PER_GAP = 5;
/**
 * Gaps offered fixes at once: an adversary line brings in up to hundreds of gaps, and the light bulb there gets the
 * fixes of its most urgent few (each gap's own entry in the Problems panel is one diagnostic, so it gets its own).
 */
const GAPS_PER_REQUEST = 5;

/** What "Add Mitigation…" did (the integration suite asserts on it). */
export interface AddMitigationOutcome {
  readonly model?: string;
  readonly mitigation?: string;
  readonly inventory?: string;
  readonly control?: string;
  readonly problem?: string;
}

interface MitigationRequest {
  readonly model: string;
  readonly mitigation: string;
  readonly name: string;
  /** Components the control is to apply to (where the gaps it closes are); empty: every component. */
  readonly components: readonly string[];
  /** The inventory to add to; undefined: the model's only one, else a quick pick. */
  readonly inventory?: string;
}

async function documentOf(file: string): Promise<vscode.TextDocument> {
  return vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === file) ?? vscode.workspace.openTextDocument(vscode.Uri.file(file));
}

/** The model as it is now (open document first) and the inventories it lists that may be read and edited. */
async function modelAndInventories(modelFile: string, access: FileAccess) {
  const doc = await documentOf(modelFile);
  const parse = parseThreatModel(doc.getText(), modelFile);
  const model = parse.model;
  const inventories = model ? controlFilesOf(model).map((r) => r.file) : [];
  const allowed: string[] = [];
  for (const f of inventories) if (!(await access.outside(f))) allowed.push(f);
  return { doc, parse, model, inventories: allowed };
}

/** The edit adding a control for the request to `inventory`; undefined when the inventory cannot take one. */
async function mitigationEdit(req: MitigationRequest, inventory: string, level: string): Promise<{ edit: vscode.WorkspaceEdit; control: string } | undefined> {
  const doc = await documentOf(inventory);
  const parse = parseControlInventory(doc.getText(), inventory);
  const taken = new Set(parse.model?.controls.map((c) => c.id) ?? []);
  const control = newControlId(req.mitigation, taken);
  const edit = addMitigationControlEdit(parse.yaml, { controlId: control, mitigation: req.mitigation, name: req.name, level, appliesTo: req.components });
  return edit ? { edit: addEdits(new vscode.WorkspaceEdit(), doc.uri, [edit]), control } : undefined;
}

export class GapCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [QUICK_FIX] };

  constructor(private readonly checker: GapChecker, private readonly access: FileAccess) {}

  async provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, ctx: vscode.CodeActionContext): Promise<vscode.CodeAction[] | undefined> {
    if (ctx.only && !QUICK_FIX.intersects(ctx.only)) return undefined;
    if (doc.uri.scheme !== 'file') return undefined;
    const actions: vscode.CodeAction[] = [];
    const gaps = ctx.diagnostics.filter((x) => x.source === GAP_SOURCE).flatMap((d) => {
      const gap = this.checker.gapOf(doc.uri.fsPath, d);
      return gap ? [{ d, gap }] : [];
    }).sort((a, b) => a.gap.rank - b.gap.rank).slice(0, GAPS_PER_REQUEST);
    const models = new Map<string, ReturnType<typeof modelAndInventories>>();
    for (const { d, gap } of gaps) {
      let read = models.get(gap.model);
      if (!read) models.set(gap.model, (read = modelAndInventories(gap.model, this.access)));
      const { model, parse, inventories } = await read;
      const result = this.checker.lastResult(gap.model);
      if (!model || !result) continue;
      const level = model.policy.minCoverage.value;
      // Next best first, then by ID.
      const order = new Map(result.nextBest.picks.map((p, i) => [p.id, i]));
      const options = [...gap.mitigations].sort((a, b) => (order.get(a.id) ?? 1e6) - (order.get(b.id) ?? 1e6) || a.id.localeCompare(b.id)).slice(0, MITIGATIONS_PER_GAP);
      for (const m of options) {
        const req: MitigationRequest = { model: gap.model, mitigation: m.id, name: m.name, components: gap.components };
        if (inventories.length === 1) {
          const made = await mitigationEdit(req, inventories[0]!, level);
          if (!made) continue;
          const action = new vscode.CodeAction(`Add mitigation ${m.id} ${m.name} to ${path.basename(inventories[0]!)}`, QUICK_FIX);
          action.edit = made.edit;
          action.diagnostics = [d];
          actions.push(action);
        } else if (inventories.length > 1) {
          const action = new vscode.CodeAction(`Add mitigation ${m.id} ${m.name} to an inventory…`, QUICK_FIX);
          action.command = { command: TRIAGE_COMMANDS.addMitigation, title: action.title, arguments: [vscode.Uri.file(gap.model), req] };
          action.diagnostics = [d];
          actions.push(action);
        }
      }
      const asOf = result.triage.asOf ?? todayUtc();
      const until = acceptanceUntil(asOf, model.policy.maxAcceptance.value);
      const edit = until !== undefined && !model.techniques.accept.some((a) => a.id === gap.id)
        ? acceptRiskEdit(parse.yaml, { id: gap.id, ...(model.owner !== undefined ? { owner: model.owner } : {}), until })
        : undefined;
      if (edit) {
        const modelUri = vscode.Uri.file(gap.model);
        const action = new vscode.CodeAction(`Accept risk for ${gap.id} (${OUTCOME_LABELS[gap.outcome]}) until ${until}`, QUICK_FIX);
        action.edit = addEdits(new vscode.WorkspaceEdit(), modelUri, [edit]);
        action.command = { command: TRIAGE_COMMANDS.selectText, title: 'Write the reason', arguments: [modelUri, ACCEPT_REASON_PLACEHOLDER] };
        action.diagnostics = [d];
        actions.push(action);
      }
    }
    return actions;
  }
}

export function registerTriageActions(store: DisposableStore, ui: Ui, checker: GapChecker, access: FileAccess): void {
  store.add(vscode.languages.registerCodeActionsProvider([{ language: 'yaml', scheme: 'file' }], new GapCodeActionProvider(checker, access), GapCodeActionProvider.metadata));
  store.add(vscode.commands.registerCommand(TRIAGE_COMMANDS.addMitigation, (arg?: unknown, request?: unknown) => addMitigation(ui, checker, access, arg, request)));
  store.add(vscode.commands.registerCommand(TRIAGE_COMMANDS.selectText, (uri?: unknown, text?: unknown) => selectText(uri, text)));
}

/** Opens `uri` and selects the last occurrence of `text` (the placeholder just inserted). */
async function selectText(uri: unknown, text: unknown): Promise<boolean> {
  if (!(uri instanceof vscode.Uri) || typeof text !== 'string' || text === '') return false;
  const editor = await vscode.window.showTextDocument(await documentOf(uri.fsPath));
  const at = editor.document.getText().lastIndexOf(text);
  if (at < 0) return false;
  const start = editor.document.positionAt(at);
  editor.selection = new vscode.Selection(start, editor.document.positionAt(at + text.length));
  editor.revealRange(new vscode.Range(start, start), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return true;
}

const isRequest = (v: unknown): v is MitigationRequest => {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return typeof r.model === 'string' && typeof r.mitigation === 'string' && /^M\d{4}$/.test(r.mitigation) && typeof r.name === 'string'
    && Array.isArray(r.components) && r.components.every((c) => typeof c === 'string') && (r.inventory === undefined || typeof r.inventory === 'string');
};

/** "Add Mitigation…": the request of a quick fix, or the next best mitigations of the model's last check to pick from. */
async function addMitigation(ui: Ui, checker: GapChecker, access: FileAccess, arg: unknown, request: unknown): Promise<AddMitigationOutcome> {
  let req = isRequest(request) ? request : undefined;
  const modelFile = req?.model ?? (await pickModel(ui, await targetModels(arg, (f) => checker.modelsUsing(f))));
  if (!modelFile) return { problem: 'no threat model chosen' };
  if (!req) {
    let result = checker.lastResult(modelFile);
    if (!result) {
      await checker.check(modelFile);
      result = checker.lastResult(modelFile);
    }
    if (!result) return { model: modelFile, problem: 'the model could not be analysed (see the Problems panel)' };
    const picked = await ui.pick(nextBestItems(result), { title: 'Add which mitigation? (the next best first: what each closes)' });
    if (!picked) return { model: modelFile, problem: 'no mitigation chosen' };
    req = { model: modelFile, mitigation: picked.id, name: picked.name, components: picked.components };
  }
  const { model, inventories } = await modelAndInventories(modelFile, access);
  if (!model) return { model: modelFile, problem: 'the model cannot be read' };
  if (inventories.length === 0) return { model: modelFile, problem: 'the model lists no control inventory that may be edited' };
  const inventory = req.inventory !== undefined && inventories.includes(req.inventory)
    ? req.inventory
    : inventories.length === 1
      ? inventories[0]
      : (await ui.pick(inventories.map((f) => ({ label: vscode.workspace.asRelativePath(f), file: f })), { title: `Add ${req.mitigation} to which inventory?` }))?.file;
  if (!inventory) return { model: modelFile, mitigation: req.mitigation, problem: 'no inventory chosen' };
  const made = await mitigationEdit(req, inventory, model.policy.minCoverage.value);
  if (!made || !(await vscode.workspace.applyEdit(made.edit))) return { model: modelFile, mitigation: req.mitigation, inventory, problem: 'the inventory has no controls list to add to' };
  await selectText(vscode.Uri.file(inventory), `id: ${made.control}`);
  return { model: modelFile, mitigation: req.mitigation, inventory, control: made.control };
}

/** The next best mitigations as quick-pick items, with how many Act and Attend gaps each closes. */
export function nextBestItems(result: CoverageResult): (vscode.QuickPickItem & { id: string; name: string; components: string[] })[] {
  const byId = new Map(result.techniques.map((t) => [t.id, t]));
  return result.nextBest.picks.map((p) => {
    const components = new Set(p.closes.flatMap((id) => { const t = byId.get(id); return t ? weakComponents(t, result.minCoverage).filter((c) => c !== '*') : []; }));
    const o = p.byOutcome;
    return {
      label: `${p.id} ${p.name}`,
      description: `closes ${o.act} Act · ${o.attend} Attend gap${o.act + o.attend === 1 ? '' : 's'} (${p.closes.length} in all)`,
      ...(components.size > 0 ? { detail: `on ${[...components].join(', ')}` } : {}),
      id: p.id,
      name: p.name,
      components: [...components],
    };
  });
}

async function pickModel(ui: Ui, models: readonly vscode.Uri[]): Promise<string | undefined> {
  const candidates = models.filter((m) => isThreatModelPath(m.fsPath));
  if (candidates.length <= 1) return candidates[0]?.fsPath;
  return (await ui.pick(candidates.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), file: uri.fsPath })), { title: 'Which threat model?' }))?.file;
}
