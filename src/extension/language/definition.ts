/** Go to definition from an `appliesTo` id to the techStack component(s) it names, and from a `controls:` path to the inventory. */
import * as vscode from 'vscode';
import { controlFilesOf } from '../../core/validation/index';
import { contains, toRange } from './convert';
import type { LanguageContext } from './language-context';

export class ModelDefinitionProvider implements vscode.DefinitionProvider {
  constructor(private readonly context: LanguageContext) {}

  async provideDefinition(doc: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Location[] | undefined> {
    const file = this.context.files.parseDocument(doc);
    const parsed = file?.parse;
    if (!file || !parsed?.model) return undefined;
    if (parsed.kind === 'threat-model') {
      const ref = controlFilesOf(parsed.model).find((r) => contains(r.ref.range, position));
      // Not to a file the confined reader refuses (outside the workspace, a FIFO, …): the diagnostic says why.
      const target = ref ? await this.context.files.referenced(ref.file) : undefined;
      if (!ref || !target?.exists || target.refusal) return undefined;
      return [new vscode.Location(vscode.Uri.parse(ref.file), new vscode.Position(0, 0))];
    }
    const id = parsed.model.controls.flatMap((c) => c.appliesTo ?? []).find((a) => contains(a.range, position));
    if (!id) return undefined;
    const models = await this.context.modelsOf(file);
    if (token.isCancellationRequested) return undefined;
    return models.flatMap((m) =>
      (m.model?.techStack ?? []).filter((c) => c.id === id.value && m.file !== undefined).map((c) => new vscode.Location(vscode.Uri.parse(m.file!), toRange(c.idRange))),
    );
  }
}
