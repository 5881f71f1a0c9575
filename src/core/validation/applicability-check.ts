/**
 * control.not-applicable: a control claims a technique (or a mitigation) that none of the components it
 * applies to can run. Usually `appliesTo` names the wrong component, or the entry belongs to another control.
 * Uses the coverage engine's own applicability rule, so the warning and the heatmap always agree.
 */
import type { AttackIndex, Technique } from '../attack/types';
import { resolveComponentAssets } from '../coverage/applicability';
import type { Range } from '../diagnostics';
import type { Component, Control, ThreatModel } from '../model/types';
import { excerpt, listSome } from '../text/safe-text';
import { describe } from './names';

/**
 * One model's view of a control: the components it counts for there, and what they run on. The applicability rule
 * is the coverage engine's (platforms ∩ ≠ ∅, or a targeted asset), asked of the union of the components' platforms
 * and assets: t applies to some component exactly when it applies to that union, and the union of a release's
 * platforms and assets is small, so a question costs the same for one component as for thousands.
 */
export interface ControlScope {
  readonly index: AttackIndex;
  readonly components: readonly Component[];
  /** Platforms of the release that some component of the scope lists. */
  readonly platforms: ReadonlySet<string>;
  /** ATT&CK asset IDs some component of the scope resolves to. */
  readonly assets: ReadonlySet<string>;
}

/** What a component brings to a scope, computed once per model and release. */
interface ComponentFacts {
  readonly component: Component;
  /** Its place in the techStack, to list a scope's components in the model's order. */
  readonly position: number;
  readonly platforms: ReadonlySet<string>;
  readonly assets: ReadonlySet<string>;
}

/**
 * Scopes of the controls of one check, shared: controls without `appliesTo` (or with the same list) share one, and
 * the facts of a model's components are computed once, so many controls against a large tech stack stay linear.
 */
export class ScopeMemo {
  private readonly models = new Map<ThreatModel, Map<AttackIndex, { facts: Map<string, ComponentFacts>; scopes: Map<string, ControlScope | undefined> }>>();

  /**
   * The scope of `control` in `model`. `unbounded`: the model has no techStack, so every technique applies
   * there. Undefined: `appliesTo` names none of the model's components, so the control plays no part there.
   */
  scope(control: Control, model: ThreatModel, index: AttackIndex): ControlScope | 'unbounded' | undefined {
    if (model.techStack.length === 0) return 'unbounded';
    const memo = this.memoOf(model, index);
    const wanted = control.appliesTo?.map((a) => a.value);
    const key = wanted === undefined ? '' : `=${wanted.join('\u0000')}`;
    if (memo.scopes.has(key)) return memo.scopes.get(key);
    const facts = wanted === undefined ? [...memo.facts.values()] : [...new Set(wanted)].flatMap((id) => memo.facts.get(id) ?? []);
    const scope = facts.length === 0 ? undefined : unionScope(index, facts);
    memo.scopes.set(key, scope);
    return scope;
  }

  private memoOf(model: ThreatModel, index: AttackIndex) {
    let byIndex = this.models.get(model);
    if (!byIndex) this.models.set(model, (byIndex = new Map()));
    let memo = byIndex.get(index);
    if (!memo) byIndex.set(index, (memo = { facts: componentFacts(model, index), scopes: new Map() }));
    return memo;
  }
}

/** Component id → its facts (the first component with an id: duplicates are reported elsewhere). */
function componentFacts(model: ThreatModel, index: AttackIndex): Map<string, ComponentFacts> {
  const inputs = model.techStack.map((c) => ({ id: c.id, platforms: [], assets: c.assets.map((a) => a.value) }));
  const assets = resolveComponentAssets(index, inputs);
  const known = new Set(index.platforms);
  const out = new Map<string, ComponentFacts>();
  model.techStack.forEach((c, position) => {
    if (out.has(c.id)) return;
    const platforms = new Set(c.platforms.map((p) => p.value).filter((p) => known.has(p)));
    out.set(c.id, { component: c, position, platforms, assets: assets.get(c.id) ?? new Set() });
  });
  return out;
}

/** The scope of these components, in techStack order. */
function unionScope(index: AttackIndex, facts: readonly ComponentFacts[]): ControlScope {
  const platforms = new Set<string>();
  const assets = new Set<string>();
  for (const f of facts) {
    for (const p of f.platforms) platforms.add(p);
    for (const a of f.assets) assets.add(a);
  }
  const components = [...facts].sort((a, b) => a.position - b.position).map((f) => f.component);
  return { index, components, platforms, assets };
}

/** Whether any of `techniques` runs on a component of the scope. */
function anyApplies(scope: ControlScope, techniques: readonly Technique[]): boolean {
  return techniques.some((t) => t.platforms.some((p) => scope.platforms.has(p))
    || (scope.assets.size > 0 && scope.index.related(t.id, 'targets').some((a) => scope.assets.has(a))));
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
  let described: string | undefined;
  const where = () => (described ??= describeScope(control, scopes[0]));
  const out: NotApplicable[] = [];
  for (const entry of control.techniques) {
    const known = scopes.map((s) => s.index.technique(entry.id));
    const t = known.find((k) => k !== undefined);
    if (!t || scopes.some((s, i) => known[i] !== undefined && anyApplies(s, family(s.index, known[i])))) continue;
    out.push({ id: entry.id, range: entry.idRange, entryRange: entry.range,
      message: `${describe(t)} runs on ${listSome(t.platforms.map((p) => excerpt(p)))}; none of ${where()} can run it` });
  }
  for (const entry of control.mitigations) {
    const mitigated = scopes.map((s) => s.index.related(entry.id, 'mitigates'));
    if (mitigated.every((ids) => ids.length === 0)) continue;
    const applies = scopes.some((s, i) => anyApplies(s, mitigated[i].flatMap((id) => s.index.technique(id) ?? [])));
    if (applies) continue;
    const count = mitigated.find((ids) => ids.length > 0)?.length ?? 0;
    const message = count === 1 ? `the one technique ${entry.id} mitigates cannot run on ${where()}`
      : `none of the ${count} techniques ${entry.id} mitigates can run on ${where()}`;
    out.push({ id: entry.id, range: entry.idRange, entryRange: entry.range, message });
  }
  return out;
}

/** Components, and platforms or assets of each, a message names at most; the rest are counted. */
const MAX_DESCRIBED = 5;

/** "EDR-01's components (laptops: Windows, macOS)". */
function describeScope(control: Control, scope: ControlScope): string {
  // Only the first few of each list are described (a message must not grow with the tech stack); the rest are counted.
  const shown = scope.components.slice(0, MAX_DESCRIBED).map((c) => {
    const runs = [...c.platforms.slice(0, MAX_DESCRIBED), ...c.assets.slice(0, MAX_DESCRIBED)].slice(0, MAX_DESCRIBED).map((x) => excerpt(x.value));
    const more = c.platforms.length + c.assets.length - runs.length;
    return `${excerpt(c.id)}: ${runs.join(', ') || 'no platforms'}${more > 0 ? ` and ${more} more` : ''}`;
  });
  const more = scope.components.length - shown.length;
  return `${excerpt(control.id)}'s components (${shown.join('; ')}${more > 0 ? ` and ${more} more` : ''})`;
}
