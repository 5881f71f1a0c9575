/**
 * Hover cards over ATT&CK IDs: the object from the model's pinned release and, for techniques, what it means in
 * each model the file belongs to (state, adversaries that use it, controls that cover it; for a gap its triage
 * outcome, each decision point's evidence and the mitigations that would close it). Over a `techniques.accept`
 * entry: whether the acceptance holds on the triage date, and until when.
 */
import * as vscode from 'vscode';
import { hoverCard, techniqueById } from '../../core/language/index';
import { acceptanceWords } from '../../core/language/triage-views';
import { NO_TRIAGE_INPUT } from '../../core/triage/triage';
import { contains, toRange } from './convert';
import type { ModelFile } from './model-files';
import { mdText } from '../../core/text/markdown';
import type { HoverCoverage } from '../../core/language/index';
import type { LanguageContext } from './language-context';

const ATTACK_ID = /[A-Z]{1,3}\d{4}(?:\.\d{3})?/;

export class ModelHoverProvider implements vscode.HoverProvider {
  constructor(private readonly context: LanguageContext) {}

  async provideHover(doc: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const file = this.context.files.parseDocument(doc);
    if (!file) return undefined;
    const acceptance = await this.acceptanceLine(file, position);
    if (token.isCancellationRequested) return undefined;
    const range = doc.getWordRangeAtPosition(position, ATTACK_ID);
    if (!range) return acceptance ? new vscode.Hover(new vscode.MarkdownString(acceptance.text), acceptance.range) : undefined;
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
    const card = hoverCard(index, object, coverage);
    const markdown = new vscode.MarkdownString(acceptance ? `${acceptance.text}\n\n---\n\n${card}` : card);
    return new vscode.Hover(markdown, range);
  }

  /** Over a `techniques.accept` entry of a threat model: whether it holds (Markdown) and the entry's range. */
  private async acceptanceLine(file: ModelFile, position: vscode.Position): Promise<{ text: string; range: vscode.Range } | undefined> {
    if (file.parse.kind !== 'threat-model' || !file.parse.model) return undefined;
    const entry = file.parse.model.techniques.accept.find((a) => contains(a.range, position));
    if (!entry) return undefined;
    const c = await this.context.coverage(file.parse);
    const range = toRange(entry.range);
    if (!c) return { text: `**Acceptance of ${entry.id}:** no ATT&CK data loaded yet, so it is not judged`, range };
    const t = techniqueById(c.result, entry.id);
    const triage = c.input.triage ?? NO_TRIAGE_INPUT;
    if (!entry.owner || !entry.until) return { text: `**Acceptance of ${entry.id}:** incomplete (it needs an owner and an until date), so it does not count`, range };
    if (t?.state !== 'gap' && t?.state !== 'accepted') {
      return { text: `**Acceptance of ${entry.id}:** matches no gap (${t ? t.state : 'not a technique of this release'}): stale, remove it`, range };
    }
    const words = acceptanceWords({ id: entry.id, reason: entry.reason?.value ?? '', owner: entry.owner.value, until: entry.until.value, ...(entry.ref ? { ref: entry.ref.value } : {}) }, triage);
    return { text: `**Acceptance of ${entry.id}:** ${mdText(words)}`, range };
  }
}
