/**
 * control.not-applicable: a control claims a technique (or a mitigation) that none of the components it
 * applies to can run. Usually `appliesTo` names the wrong component, or the entry belongs to another control.
 * Uses the coverage engine's own applicability rule, so the warning and the heatmap always agree.
 */
import type { AttackIndex, Technique } from '../attack/types';
import { applicabilityOf, resolveComponentAssets } from '../coverage/applicability';
import type { ComponentInput } from '../coverage/types';
import type { Range } from '../diagnostics';
import type { Control, ThreatModel } from '../model/types';
import { excerpt, listSome } from '../text/safe-text';
import { describe } from './names';

/** One model's view of a control: the components it counts for there, and the data of that model's pin. */
export interface ControlScope {
  readonly index: AttackIndex;
  readonly components: readonly ComponentInput[];
  readonly assets: ReadonlyMap<string, ReadonlySet<string>>;
}

/**
 * The scope of `control` in `model`. `unbounded`: the model has no techStack, so every technique applies
 * there. Undefined: `appliesTo` names none of the model's components, so the control plays no part there.
 */
export function controlScope(control: Control, model: ThreatModel, index: AttackIndex): ControlScope | 'unbounded' | undefined {
  if (model.techStack.length === 0) return 'unbounded';
  const wanted = control.appliesTo?.map((a) => a.value);
  const components: ComponentInput[] = model.techStack
    .filter((c) => wanted === undefined || wanted.includes(c.id))
    .map((c) => ({ id: c.id, platforms: c.platforms.map((p) => p.value), assets: c.assets.map((a) => a.value) }));
  if (components.length === 0) return undefined;
  return { index, components, assets: resolveComponentAssets(index, components) };
}

/** Whether any of `techniques` runs on a component of the scope. */
function anyApplies(scope: ControlScope, techniques: readonly Technique[]): boolean {
  return techniques.some((t) => scope.components.some((c) => applicabilityOf(scope.index, t, c, scope.assets.get(c.id)) !== undefined));
}

/** A technique entry counts for its sub-techniques too (SPEC), so the family decides applicability. */
function family(index: AttackIndex, t: Technique): Technique[] {
  return [t, ...t.subtechniqueIds.flatMap((id) => index.technique(id) ?? [])];
}

/** A not-applicable finding for one entry, before it becomes a diagnostic. */
export interface NotApplicable {
  readonly id: string;
  readonly range: Range;
  /** The whole list item, for a "remove" fix. */
  readonly entryRange: Range;
  readonly message: string;
}

/**
 * Entries of `control` that apply in none of the scopes. An entry whose ID the data does not know is left
 * to the reference checks; a mitigation that mitigates nothing says nothing about applicability.
 */
export function notApplicableEntries(control: Control, scopes: readonly ControlScope[]): NotApplicable[] {
  if (scopes.length === 0) return [];
  const where = describeScope(control, scopes[0]);
  const out: NotApplicable[] = [];
  for (const entry of control.techniques) {
    const known = scopes.map((s) => s.index.technique(entry.id));
    const t = known.find((k) => k !== undefined);
    if (!t || scopes.some((s, i) => known[i] !== undefined && anyApplies(s, family(s.index, known[i])))) continue;
    out.push({ id: entry.id, range: entry.idRange, entryRange: entry.range,
      message: `${describe(t)} runs on ${listSome(t.platforms.map((p) => excerpt(p)))}; none of ${where} can run it` });
  }
  for (const entry of control.mitigations) {
    const mitigated = scopes.map((s) => s.index.related(entry.id, 'mitigates'));
    if (mitigated.every((ids) => ids.length === 0)) continue;
    const applies = scopes.some((s, i) => anyApplies(s, mitigated[i].flatMap((id) => s.index.technique(id) ?? [])));
    if (applies) continue;
    const count = mitigated.find((ids) => ids.length > 0)?.length ?? 0;
    const message = count === 1 ? `the one technique ${entry.id} mitigates cannot run on ${where}`
      : `none of the ${count} techniques ${entry.id} mitigates can run on ${where}`;
    out.push({ id: entry.id, range: entry.idRange, entryRange: entry.range, message });
  }
  return out;
}

/** "EDR-01's components (laptops: Windows, macOS)". */
function describeScope(control: Control, scope: ControlScope): string {
  const list = listSome(scope.components.map((c) => `${excerpt(c.id)}: ${listSome([...c.platforms, ...c.assets].map((p) => excerpt(p))) || 'no platforms'}`), 5, '; ');
  return `${excerpt(control.id)}'s components (${list})`;
}
