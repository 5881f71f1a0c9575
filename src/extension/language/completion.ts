/**
 * Completion of the values our formats expect: ATT&CK IDs by ID or by name ("powersh" → T1059.001), platforms,
 * ICS assets, techStack ids in `appliesTo`, and the closed vocabularies (levels, statuses, …).
 */
import * as vscode from 'vscode';
import type { AttackIndex } from '../../core/attack/types';
import { attackCandidates, enumValues, valueContextAt, valueKindAt } from '../../core/language/index';
import type { AttackCandidate, ValueKind } from '../../core/language/index';
import { KNOWN_PLATFORMS } from '../../core/model/index';
import { httpsUrl } from '../../core/text/links';
import { mdLink } from '../../core/text/markdown';
import type { LanguageContext } from './language-context';
import type { ModelFile } from './model-files';

const KIND_ICONS: Partial<Record<string, vscode.CompletionItemKind>> = {
  technique: vscode.CompletionItemKind.Function,
  group: vscode.CompletionItemKind.Class,
  campaign: vscode.CompletionItemKind.Event,
  software: vscode.CompletionItemKind.Module,
  mitigation: vscode.CompletionItemKind.Interface,
};

export class ModelCompletionProvider implements vscode.CompletionItemProvider {
  constructor(private readonly context: LanguageContext) {}

  async provideCompletionItems(doc: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.CompletionList | undefined> {
    const file = this.context.files.parseDocument(doc);
    if (!file) return undefined;
    const at = valueContextAt(doc.getText(), doc.offsetAt(position));
    const kind = at ? valueKindAt(file.parse.kind, at.path) : undefined;
    if (!at || !kind) return undefined;
    const range = new vscode.Range(doc.positionAt(at.wordStart), doc.positionAt(at.wordEnd));
    const typed = doc.getText(new vscode.Range(range.start, position));
    const items = await this.items(file, kind, typed, range, token);
    if (token.isCancellationRequested || !items) return undefined;
    // ATT&CK lists are filtered here (by name too), so ask again as the user types.
    return new vscode.CompletionList(items, kind.type === 'attack');
  }

  private async items(file: ModelFile, kind: ValueKind, typed: string, range: vscode.Range, token: vscode.CancellationToken): Promise<vscode.CompletionItem[] | undefined> {
    switch (kind.type) {
      case 'enum':
        return enumValues(kind.name).map((v, i) => plain(v, range, vscode.CompletionItemKind.EnumMember, i));
      case 'component': {
        const models = await this.context.modelsOf(file);
        const seen = new Set<string>();
        return models.flatMap((m) => m.model?.techStack ?? []).filter((c) => !seen.has(c.id) && seen.add(c.id)).map((c, i) => {
          const item = plain(c.id, range, vscode.CompletionItemKind.Reference, i);
          item.detail = [c.name, c.platforms.map((p) => p.value).join(', ')].filter(Boolean).join(' · ');
          return item;
        });
      }
      default:
        break;
    }
    const index = await this.context.indexFor(file);
    if (token.isCancellationRequested) return undefined;
    if (kind.type === 'platform') return (index?.platforms ?? KNOWN_PLATFORMS).map((p, i) => plain(p, range, vscode.CompletionItemKind.EnumMember, i));
    if (!index) return [];
    if (kind.type === 'asset') return attackCandidates(index, ['asset'], typed).map((c, i) => attackItem(c, range, i, typed));
    return attackCandidates(index, kind.kinds, typed).map((c, i) => attackItem(c, range, i, typed, index));
  }
}

function plain(value: string, range: vscode.Range, kind: vscode.CompletionItemKind, order: number): vscode.CompletionItem {
  const item = new vscode.CompletionItem(value, kind);
  item.range = range;
  item.sortText = String(order).padStart(4, '0');
  item.insertText = /^[\w.-]+$/.test(value) ? value : JSON.stringify(value);
  return item;
}

function attackItem(c: AttackCandidate, range: vscode.Range, order: number, typed: string, index?: AttackIndex): vscode.CompletionItem {
  const o = c.object;
  const item = new vscode.CompletionItem({ label: o.id, description: c.fullName }, KIND_ICONS[o.kind] ?? vscode.CompletionItemKind.Value);
  item.range = range;
  item.insertText = o.id;
  // What was typed, so VS Code's own fuzzy filter keeps every item we chose (we matched on the name too).
  item.filterText = `${typed} ${o.id} ${c.fullName}`;
  item.sortText = String(order).padStart(4, '0');
  item.detail = c.matchedAlias ? `${c.fullName} (alias ${c.matchedAlias})` : c.fullName;
  // Only an https URL becomes a link (text/links.ts); the label is the URL without its scheme.
  if (index && httpsUrl(o.url) !== undefined) item.documentation = new vscode.MarkdownString(mdLink(o.url.replace(/^https:\/\//, ''), o.url));
  return item;
}

