/**
 * Hover cards over ATT&CK IDs: the object from the model's pinned release and, for techniques, what it means in
 * each model the file belongs to (state, adversaries that use it, controls that cover it).
 */
import * as vscode from 'vscode';
import { hoverCard } from '../../core/language/index';
import { mdText } from '../../core/text/markdown';
import type { HoverCoverage } from '../../core/language/index';
import type { LanguageContext } from './language-context';

const ATTACK_ID = /[A-Z]{1,3}\d{4}(?:\.\d{3})?/;

export class ModelHoverProvider implements vscode.HoverProvider {
  constructor(private readonly context: LanguageContext) {}

  async provideHover(doc: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const file = this.context.files.parseDocument(doc);
    const range = file ? doc.getWordRangeAtPosition(position, ATTACK_ID) : undefined;
    if (!file || !range) return undefined;
    const id = doc.getText(range);
    const index = await this.context.indexFor(file);
    if (!index || token.isCancellationRequested) return undefined;
    const object = index.get(id);
    if (!object) {
      // A retired ID may name several old objects (T1086 was a technique and a mitigation): the revoked one tells most.
      const all = index.retired(id);
      const retired = all.find((o) => o.revoked) ?? all.find((o) => o.kind === 'technique') ?? all[0];
      if (!retired) return undefined;
      const replacement = index.replacementOf(id);
      // Names and the release come from the data: escaped so they render as themselves (text/markdown.ts).
      const status = retired.revoked ? `revoked${replacement ? ` in favour of ${mdText(`${replacement.id} ${replacement.name}`)}` : ''}` : 'deprecated';
      return new vscode.Hover(new vscode.MarkdownString(`**${mdText(`${retired.id} ${retired.name}`)}** is ${status} in ATT&CK ${mdText(index.version)}.`), range);
    }
    const coverage: HoverCoverage[] = [];
    if (object.kind === 'technique') {
      for (const model of await this.context.modelsOf(file)) {
        const c = await this.context.coverage(model);
        if (token.isCancellationRequested) return undefined;
        if (c && c.index === index) coverage.push({ model: model.model?.name ?? model.file ?? 'threat model', result: c.result, input: c.input });
      }
    }
    const markdown = new vscode.MarkdownString(hoverCard(index, object, coverage));
    return new vscode.Hover(markdown, range);
  }
}
