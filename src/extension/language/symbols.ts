/** The outline of a threat model (tech stack, adversaries, techniques, controls, policy) and of a control inventory. */
import * as vscode from 'vscode';
import type { Range as CoreRange } from '../../core/diagnostics';
import type { Control, ControlInventory, ThreatModel } from '../../core/model/index';
import { toRange } from './convert';
import type { LanguageContext } from './language-context';

type Kind = vscode.SymbolKind;
const K = vscode.SymbolKind;

function symbol(name: string, detail: string, kind: Kind, range: CoreRange, selection: CoreRange = range, children: vscode.DocumentSymbol[] = []): vscode.DocumentSymbol {
  const s = new vscode.DocumentSymbol(name || '(unnamed)', detail, kind, toRange(range), toRange(selection));
  s.children = children;
  return s;
}

/** A group of entries: its range spans them (the model keeps entry ranges, not the ranges of the keys). */
function group(name: string, kind: Kind, children: vscode.DocumentSymbol[]): vscode.DocumentSymbol[] {
  if (children.length === 0) return [];
  const range = children.map((c) => c.range).reduce((a, b) => a.union(b));
  const s = new vscode.DocumentSymbol(name, `${children.length}`, kind, range, children[0]!.selectionRange);
  s.children = children;
  return [s];
}

export class ModelSymbolProvider implements vscode.DocumentSymbolProvider {
  constructor(private readonly context: LanguageContext) {}

  provideDocumentSymbols(doc: vscode.TextDocument): vscode.DocumentSymbol[] | undefined {
    const file = this.context.files.parseDocument(doc);
    const model = file?.parse.model;
    if (!file || !model) return undefined;
    // Names of ATT&CK objects come from the data when it is loaded (never waited for: an outline must be quick).
    const index = this.context.peekIndex(file);
    return model.kind === 'threat-model' ? threatModelSymbols(model, (id) => index?.get(id)?.name) : inventorySymbols(model);
  }
}

function threatModelSymbols(m: ThreatModel, nameOf: (id: string) => string | undefined): vscode.DocumentSymbol[] {
  const techniques = (refs: readonly { id: string; name?: string; range: CoreRange; idRange: CoreRange }[]) =>
    refs.map((t) => symbol(t.id, t.name ?? nameOf(t.id) ?? '', K.Function, t.range, t.idRange));
  return [
    ...group('techStack', K.Array, m.techStack.map((c) => symbol(c.id, [c.name, c.platforms.map((p) => p.value).join(', ')].filter(Boolean).join(' · '), K.Object, c.range, c.idRange))),
    ...group('adversaries', K.Array, m.adversaries.map((a) => {
      const children = techniques(a.techniques);
      if (a.kind === 'intel' || a.kind === 'layer') return symbol(a.name ?? a.kind, 'own intelligence', K.Class, a.range, a.nameRange ?? a.range, children);
      return symbol(a.name ?? nameOf(a.id) ?? a.id, `${a.kind} ${a.id}`, K.Class, a.range, a.idRange, children);
    })),
    ...group('techniques.include', K.Array, techniques(m.techniques.include)),
    ...group('techniques.exclude', K.Array, m.techniques.exclude.map((e) => symbol(e.id, e.reason?.value ?? '', K.Function, e.range, e.idRange))),
    ...group('controls', K.Array, m.controlFiles.map((f) => symbol(f.value, 'control inventory', K.File, f.range))),
  ];
}

function inventorySymbols(inv: ControlInventory): vscode.DocumentSymbol[] {
  return group('controls', K.Array, inv.controls.map((c: Control) => symbol(c.id, [c.name, c.status.value].filter(Boolean).join(' · '), K.Object, c.range, c.idRange, [
    ...c.mitigations.map((x) => symbol(x.id, `mitigation · ${x.coverage.value}`, K.Interface, x.range, x.idRange)),
    ...c.techniques.map((x) => symbol(x.id, `technique · ${x.coverage.value}${x.function ? ` · ${x.function.value}` : ''}`, K.Function, x.range, x.idRange)),
  ])));
}
