/**
 * CodeLens over each technique entry and each adversary of a threat model ("gap on k8s (none) · used by FIN7"),
 * and over each technique entry of a control inventory, for every model that lists it. Titles come from the
 * coverage engine's result; those lenses are informational (no command runs when clicked). Each adversary also gets
 * its gaps by triage outcome ("1 Act · 14 Attend gaps"), which runs the gap check of the model when clicked (the
 * Problems entries then carry each gap's outcome and its quick fixes).
 */
import * as vscode from 'vscode';
import { adversaryLensTitle, techniqueById, techniqueLensTitle } from '../../core/language/index';
import { adversaryOutcomes, outcomeLensTitle } from '../../core/language/triage-views';
import type { Range as CoreRange } from '../../core/diagnostics';
import { toRange } from './convert';
import type { LanguageContext, ModelCoverage } from './language-context';
import { nextTurn } from '../next-turn';

/** A big model has thousands of technique entries: their titles are built this many at a time. */
const LENSES_PER_TURN = 400;

export class ModelCodeLensProvider implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly context: LanguageContext) {}

  /** Asks VS Code to fetch the lenses again (data loaded, a related file changed). */
  refresh(): void {
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }

  async provideCodeLenses(doc: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[] | undefined> {
    const file = this.context.files.parseDocument(doc);
    if (!file) return undefined;
    const lenses: vscode.CodeLens[] = [];
    for (const model of await this.context.modelsOf(file)) {
      const c = await this.context.coverage(model);
      // The analysis and the titles are separate turns of the event loop: a big model's are tens of ms each.
      await nextTurn();
      if (token.isCancellationRequested) return undefined;
      if (!c) continue;
      const prefix = file.parse.kind === 'control-inventory' ? `${model.model?.name ?? 'threat model'}: ` : '';
      if (file.parse.kind === 'threat-model' && file.parse.model) {
        const m = file.parse.model;
        // The engine's adversary indices follow the model's adversaries, without Navigator layers.
        const outcomes = adversaryOutcomes(c.result);
        const check = { title: '', command: 'threatOverlap.runGapCheck', arguments: [doc.uri], tooltip: 'Run the gap check of this model' };
        m.adversaries.filter((a) => a.kind !== 'layer').forEach((a, i) => {
          lenses.push(lens(a.range, adversaryLensTitle(i, c.result)));
          lenses.push(new vscode.CodeLens(toRange({ start: a.range.start, end: a.range.start }), { ...check, title: outcomeLensTitle(outcomes.get(i)) }));
        });
        for (const t of [...m.adversaries.flatMap((a) => a.techniques), ...m.techniques.include]) {
          lenses.push(...techniqueLens(c, t.id, t.idRange, ''));
          if (lenses.length % LENSES_PER_TURN !== 0) continue;
          await nextTurn();
          if (token.isCancellationRequested) return undefined;
        }
      } else if (file.parse.kind === 'control-inventory' && file.parse.model) {
        for (const t of file.parse.model.controls.flatMap((x) => x.techniques)) lenses.push(...techniqueLens(c, t.id, t.idRange, prefix));
      }
    }
    return lenses;
  }
}

function lens(range: CoreRange, title: string): vscode.CodeLens {
  // A lens without a command is not shown: a no-op title command keeps it informational.
  return new vscode.CodeLens(toRange({ start: range.start, end: range.start }), { title, command: '' });
}

function techniqueLens(c: ModelCoverage, id: string, range: CoreRange, prefix: string): vscode.CodeLens[] {
  const title = techniqueTitle(c, id);
  return title === undefined ? [] : [lens(range, `${prefix}${title}`)];
}

/** A technique's lens title, once per result: a big model names the same technique in many intelligence lists. */
function techniqueTitle(c: ModelCoverage, id: string): string | undefined {
  let titles = techniqueTitles.get(c.result);
  if (!titles) techniqueTitles.set(c.result, (titles = new Map()));
  if (titles.has(id)) return titles.get(id);
  const t = techniqueById(c.result, id);
  const title = t ? techniqueLensTitle(t, c.result, c.input, c.index) : undefined;
  titles.set(id, title);
  return title;
}

const techniqueTitles = new WeakMap<ModelCoverage['result'], Map<string, string | undefined>>();
