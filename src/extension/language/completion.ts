/**
 * Completion of the values our formats expect: ATT&CK IDs by ID or by name ("powersh" → T1059.001), platforms,
 * ICS assets, techStack ids in `appliesTo`, and the closed vocabularies (levels, statuses, decision points, …); for
 * triage: the model's gaps first under `techniques.assess` / `techniques.accept` (most urgent first), dates (today
 * for `policy.asOf`, the triage date + 90 days within policy.maxAcceptance for an acceptance's `until`), the model's
 * owner, and YAML/JSON files beside the model for `policy.decisionTable`.
 */
import { readdir } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { OUTCOME_LABELS } from '../../core/triage/decision-table';
import { todayUtc } from '../../core/triage/dates';
import { acceptanceUntil, addDays } from '../../core/language/triage-edits';
import { decisionPoints } from '../../core/language/triage-views';
import { gapsInPriorityOrder } from '../../core/report/context';
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
    const items = await this.items(file, kind, typed, range, token, at.path);
    if (token.isCancellationRequested || !items) return undefined;
    // ATT&CK lists are filtered here (by name too), so ask again as the user types.
    return new vscode.CompletionList(items, kind.type === 'attack');
  }

  private async items(file: ModelFile, kind: ValueKind, typed: string, range: vscode.Range, token: vscode.CancellationToken, at: readonly string[]): Promise<vscode.CompletionItem[] | undefined> {
    switch (kind.type) {
      case 'date':
        return this.dates(file, kind.of, range);
      case 'owner': {
        const owner = file.parse.kind === 'threat-model' ? file.parse.model?.owner : undefined;
        return owner !== undefined ? [plain(owner, range, vscode.CompletionItemKind.User, 0)] : [];
      }
      case 'table-file':
        return tableFiles(file, range);
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
    if (kind.type === 'attack' && at[0] === 'techniques' && (at[1] === 'assess' || at[1] === 'accept')) {
      // The model's gaps first (an assessment or acceptance of anything else is reported as stale), then the rest.
      const gaps = await this.gapItems(file, range, typed);
      const seen = new Set(gaps.map((g) => g.insertText));
      return [...gaps, ...attackCandidates(index, kind.kinds, typed).filter((c) => !seen.has(c.object.id)).map((c, i) => attackItem(c, range, gaps.length + i, typed, index))];
    }
    if (kind.type === 'asset') return attackCandidates(index, ['asset'], typed).map((c, i) => attackItem(c, range, i, typed));
    return attackCandidates(index, kind.kinds, typed).map((c, i) => attackItem(c, range, i, typed, index));
  }

  /** Gap techniques of the file's model, most urgent first, with their outcome and decision points. */
  private async gapItems(file: ModelFile, range: vscode.Range, typed: string): Promise<vscode.CompletionItem[]> {
    if (file.parse.kind !== 'threat-model') return [];
    const c = await this.context.coverage(file.parse);
    if (!c) return [];
    const typedUpper = typed.toUpperCase();
    return gapsInPriorityOrder(c.result).filter((t) => typedUpper === '' || t.id.startsWith(typedUpper) || t.name.toUpperCase().includes(typedUpper)).map((t, i) => {
      const outcome = OUTCOME_LABELS[t.triage?.outcome ?? 'track'];
      const item = new vscode.CompletionItem({ label: t.id, description: `${outcome} gap · ${t.name}` }, vscode.CompletionItemKind.Issue);
      item.range = range;
      item.insertText = t.id;
      item.filterText = `${typed} ${t.id} ${t.name}`;
      item.sortText = String(i).padStart(4, '0');
      item.detail = `${outcome}: ${decisionPoints(t)}`;
      return item;
    });
  }

  /** `policy.asOf`: today. An acceptance's `until`: the triage date + 90 days (within policy.maxAcceptance), + 30, + the maximum. */
  private async dates(file: ModelFile, of: 'as-of' | 'until' | 'test', range: vscode.Range): Promise<vscode.CompletionItem[]> {
    const today = todayUtc();
    const model = file.parse.kind === 'threat-model' ? file.parse.model : undefined;
    if (of === 'as-of' || of === 'test' || !model) {
      const item = plain(today, range, vscode.CompletionItemKind.Value, 0);
      item.detail = of === 'test' ? 'today (UTC): the day the test ran' : 'today (UTC)';
      return [item];
    }
    const asOf = model.policy.asOf?.value ?? today;
    const max = model.policy.maxAcceptance.value;
    const options = [
      { date: acceptanceUntil(asOf, max), detail: `${Math.min(90, max)} days after ${asOf}` },
      { date: addDays(asOf, Math.min(30, max)), detail: `${Math.min(30, max)} days after ${asOf}` },
      { date: addDays(asOf, max), detail: `${max} days after ${asOf}: the longest policy.maxAcceptance allows` },
    ];
    const seen = new Set<string>();
    return options.flatMap((o) => (o.date === undefined || seen.has(o.date) || !seen.add(o.date) ? [] : [o])).map((o, i) => {
      const item = plain(o.date!, range, vscode.CompletionItemKind.Value, i);
      item.detail = o.detail;
      return item;
    });
  }
}

/** YAML and JSON files beside the model that are not models or inventories, as `./name` (a decision table's place). */
async function tableFiles(file: ModelFile, range: vscode.Range): Promise<vscode.CompletionItem[]> {
  if (file.uri.scheme !== 'file') return [];
  const dir = path.dirname(file.uri.fsPath);
  const names = await readdir(dir).catch(() => [] as string[]);
  return names
    .filter((n) => /\.(ya?ml|json)$/i.test(n) && !/\.(threatmodel|controls)\.ya?ml$/i.test(n))
    .sort()
    .slice(0, 100)
    .map((n, i) => plain(`./${n}`, range, vscode.CompletionItemKind.File, i));
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

