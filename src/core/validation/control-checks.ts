/**
 * Semantic checks of a control inventory. An inventory pins no ATT&CK release and defines no components:
 * both come from the threat models that list it, so it is checked in their context (several models may
 * share it, possibly on different releases: each statement names the release it is true of).
 */
import type { AttackIndex } from '../attack/types';
import type { Diagnostic } from '../diagnostics';
import type { ControlInventoryParse } from '../model/control-inventory';
import { SuggestBudget, closestMatch } from '../model/suggest';
import { excerpt, listSome, quote } from '../text/safe-text';
import type { Control, ControlInventory, ThreatModel } from '../model/types';
import { ScopeMemo, notApplicableEntries } from './applicability-check';
import type { ControlScope } from './applicability-check';
import { checkReference } from './reference-check';
import { inventorySites, withComments } from './sites';
import { checkTelemetry } from '../telemetry/checks';

/** A threat model that lists the inventory, with the index of its pin (undefined: no data at hand). */
export interface InventoryContext {
  readonly model: ThreatModel;
  readonly index?: AttackIndex;
}

/**
 * ATT&CK references (against each distinct pin of the referencing models, else `fallbackIndex`),
 * `appliesTo` ids against their tech stacks, and entries none of a control's components can run.
 */
export function checkControlInventory(parse: ControlInventoryParse, contexts: readonly InventoryContext[], fallbackIndex?: AttackIndex): Diagnostic[] {
  const inventory = parse.model;
  if (!inventory) return [];
  const indexes = distinctIndexes(contexts.length > 0 ? contexts.map((c) => c.index) : [fallbackIndex]);
  const sites = withComments(inventorySites(inventory), parse.yaml);
  const out: Diagnostic[] = [];
  // One budget for every "did you mean" of the file: past it, diagnostics come without suggestions.
  const budget = new SuggestBudget();
  for (const index of indexes) for (const site of sites) out.push(...checkReference(index, site, budget));
  // A loop, not push(...list): `appliesTo: [a, a, …]` gives 100,000+ diagnostics, too many for arguments.
  for (const d of checkAppliesTo(inventory, contexts.map((c) => c.model), budget)) out.push(d);
  const scopes = new ScopeMemo();
  for (const control of inventory.controls) out.push(...checkApplicability(control, contexts, scopes));
  // Telemetry (docs/hunting.md): appliesTo ids once, collects items against each distinct pin.
  const models = contexts.map((c) => c.model);
  for (const [i, index] of (indexes.length > 0 ? indexes : [undefined]).entries()) {
    for (const d of checkTelemetry(inventory, i === 0 ? models : [], index)) out.push(d);
  }
  return dedupe(out);
}

function distinctIndexes(indexes: readonly (AttackIndex | undefined)[]): AttackIndex[] {
  const byPin = new Map<string, AttackIndex>();
  for (const index of indexes) if (index) byPin.set(`${index.domain}@${index.version}`, index);
  return [...byPin.values()];
}

/** Component ids a message or `data.known` lists at most (a tech stack may have thousands). */
const MAX_LISTED_COMPONENTS = 20;

/** model.stack-unknown-component: an `appliesTo` id no referencing model defines (nothing to say without one). */
function checkAppliesTo(inventory: ControlInventory, models: readonly ThreatModel[], budget: SuggestBudget): Diagnostic[] {
  if (models.length === 0) return [];
  const ids = new Set(models.flatMap((m) => m.techStack.map((c) => c.id)));
  const known = [...ids];
  const listed = known.slice(0, MAX_LISTED_COMPONENTS);
  const listText = `${listed.map((k) => quote(k)).join(', ')}${known.length > listed.length ? `, … (${known.length} in all)` : ''}`;
  const modelNames = listSome(models.slice(0, 4).map((m) => excerpt(m.name ?? m.file ?? 'the threat model')), 3);
  return inventory.controls.flatMap((control) => (control.appliesTo ?? []).flatMap((id): Diagnostic[] => {
    if (ids.has(id.value)) return [];
    const suggestion = closestMatch(id.value, known, budget);
    const hint = suggestion !== undefined ? ` (did you mean ${quote(suggestion)}?)` : known.length > 0 ? `; components: ${listText}` : '';
    const what = known.length > 0 ? `no techStack component ${quote(id.value)} in ${modelNames}` : `${modelNames} ${models.length > 1 ? 'have' : 'has'} no techStack, so ${quote(id.value)} names nothing`;
    return [{
      code: 'model.stack-unknown-component',
      severity: 'warning',
      message: `${what}: ${excerpt(control.id)} counts nowhere for it${hint}`,
      range: id.range,
      data: { id: id.value, control: control.id, known: listed, ...(known.length > listed.length ? { knownCount: known.length } : {}),
        ...(suggestion !== undefined ? { replacement: suggestion } : {}) },
    }];
  }));
}

function checkApplicability(control: Control, contexts: readonly InventoryContext[], memo: ScopeMemo): Diagnostic[] {
  const scopes: ControlScope[] = [];
  for (const c of contexts) {
    // Without data, or without a techStack, the entry may apply in that model: nothing to conclude.
    const scope = c.index ? memo.scope(control, c.model, c.index) : 'unbounded';
    if (scope === 'unbounded') return [];
    if (scope) scopes.push(scope);
  }
  return notApplicableEntries(control, scopes).map((n) => ({
    code: 'control.not-applicable',
    severity: 'warning',
    message: n.message,
    range: n.range,
    data: { id: n.id, control: control.id, entryRange: n.entryRange },
  }));
}

/** The same finding from two pins of one release line (or two models) is shown once. */
function dedupe(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.code}|${d.range.start.line}:${d.range.start.character}|${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
