/**
 * Quick fixes, all as WorkspaceEdits: the core's `fixesFor` for each of our diagnostics (dispatching on its code
 * and `data`), "exclude this technique" on a technique entry of a threat model, and "add this inventory to a
 * model's `controls:`" in an inventory no model lists.
 */
import * as vscode from 'vscode';
import { addControlFileEdit, excludeTechniqueEdit, fixesFor, referenceTo } from '../../core/validation/index';
import type { ThreatModel } from '../../core/model/index';
import { addEdits, contains, isSameDiagnostic, toRange } from './convert';
import type { DiagnosticsController } from './diagnostics';
import type { LanguageContext } from './language-context';
import type { ModelFile } from './model-files';

const QUICK_FIX = vscode.CodeActionKind.QuickFix;

export class ModelCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [QUICK_FIX] };

  constructor(
    private readonly context: LanguageContext,
    private readonly diagnostics: DiagnosticsController,
  ) {}

  async provideCodeActions(doc: vscode.TextDocument, range: vscode.Range, ctx: vscode.CodeActionContext, token: vscode.CancellationToken): Promise<vscode.CodeAction[] | undefined> {
    if (ctx.only && !QUICK_FIX.intersects(ctx.only)) return undefined;
    const file = this.context.files.parseDocument(doc);
    if (!file) return undefined;
    const actions = await this.diagnosticFixes(file, range, ctx.diagnostics);
    if (token.isCancellationRequested) return undefined;
    if (file.parse.kind === 'threat-model' && file.parse.model) actions.push(...excludeActions(file, file.parse.model, range));
    if (file.parse.kind === 'control-inventory') actions.push(...(await this.listInventoryActions(file)));
    return token.isCancellationRequested ? undefined : actions;
  }

  /** Fixes of the core diagnostics (of the document as it is now) that touch `range`, tied to the shown ones. */
  private async diagnosticFixes(file: ModelFile, range: vscode.Range, shown: readonly vscode.Diagnostic[]): Promise<vscode.CodeAction[]> {
    if (!file.document) return [];
    const core = await this.diagnostics.currentDiagnostics(file.document);
    // Edited meanwhile: these edits would not fit; VS Code asks again.
    if (file.document.version !== file.version) return [];
    return core.filter((d) => toRange(d.range).intersection(range) !== undefined).flatMap((d) => {
      const seen = shown.filter((vs) => isSameDiagnostic(vs, d));
      return fixesFor(d, file.parse.yaml).map((fix) => {
        const action = new vscode.CodeAction(fix.title, QUICK_FIX);
        action.edit = addEdits(new vscode.WorkspaceEdit(), file.uri, fix.edits);
        if (seen.length > 0) action.diagnostics = seen;
        action.isPreferred = fix.preferred;
        return action;
      });
    });
  }

  /** An inventory no threat model lists counts nowhere: offer to list it in each model of the workspace. */
  private async listInventoryActions(file: ModelFile): Promise<vscode.CodeAction[]> {
    if ((await this.context.files.modelsListing(file.key)).length > 0) return [];
    const actions: vscode.CodeAction[] = [];
    for (const model of await this.context.files.models()) {
      const ref = model.file !== undefined ? referenceTo(model.file, file.key) : undefined;
      const edit = ref !== undefined ? addControlFileEdit(model.yaml, ref) : undefined;
      if (!edit || model.file === undefined) continue;
      const action = new vscode.CodeAction(`Add ${ref} to the controls of ${model.model?.name ?? model.file}`, QUICK_FIX);
      action.edit = addEdits(new vscode.WorkspaceEdit(), vscode.Uri.parse(model.file), [edit]);
      actions.push(action);
    }
    return actions;
  }
}

/** "Exclude T1200 from this model" on a technique entry the model does not exclude yet (reason left to fill in). */
function excludeActions(file: ModelFile, model: ThreatModel, range: vscode.Range): vscode.CodeAction[] {
  const excluded = new Set(model.techniques.exclude.map((e) => e.id));
  const refs = [...model.adversaries.flatMap((a) => a.techniques), ...model.techniques.include];
  const ids = new Set(refs.filter((t) => contains(t.idRange, range.start) && !excluded.has(t.id)).map((t) => t.id));
  return [...ids].flatMap((id) => {
    const edit = excludeTechniqueEdit(file.parse.yaml, id);
    if (!edit) return [];
    const action = new vscode.CodeAction(`Exclude ${id} from this threat model (add to techniques.exclude)`, QUICK_FIX);
    action.edit = addEdits(new vscode.WorkspaceEdit(), file.uri, [edit]);
    return [action];
  });
}
