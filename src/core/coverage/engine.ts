/**
 * The coverage engine: exactly the semantics of SPEC.md "Coverage semantics".
 * Pure and deterministic: the same index and input always give the same result, in the same order.
 */
import type { AttackIndex, Technique } from '../attack/types';
import { adversarySet } from './adversaries';
import { resolveComponentAssets } from './applicability';
import { controlContributions, type ControlContributions } from './controls';
import { componentsById, scoreGap, scoreGaps } from './priority';
import { extendResult } from './extend-result';
import { gateRuleControls } from '../telemetry/gating';
import { applyAcceptances, GapTriage, NO_TRIAGE_INPUT } from '../triage/triage';
import { WeakComponentSets } from '../triage/weak-components';
import { OUTCOMES, outcomeRank } from '../triage/decision-table';
import { MitigationCatalogue, nextBestMitigations } from '../triage/mitigations';
import type {
  ComponentEvidence,
  ComponentInput,
  ControlEvidence,
  CoverageInput,
  CoverageResult,
  CoverageSummary,
  ExclusionInput,
  Level,
  Priority,
  TechniqueResult,
  TechniqueState,
} from './types';
import { levelRank, minLevel } from './types';
import { httpsUrl } from '../text/links';
import { assuranceSummary, techniqueAssurance } from '../assurance/technique';
import { atomicsFor } from '../assurance/atomic-options';

function assuranceOf(input: CoverageInput): CoverageResult['assurance'] {
  const a = input.assurance;
  const atomics = a?.atomics;
  return {
    ...(a?.asOf !== undefined ? { asOf: a.asOf } : {}),
    maxAgeDays: a?.maxAgeDays ?? 180,
    ...(atomics ? { atomics: { files: atomics.files, tests: [...atomics.tests.values()].reduce((n, l) => n + l.length, 0) } } : {}),
  };
}

/** The component every technique applies to when a model has no techStack. */
const IMPLICIT_COMPONENT: ComponentInput = { id: '*', platforms: [], assets: [] };

/** Runs the whole analysis for one model: each technique's state, then the triage of the gaps and their mitigations. */
export function analyseCoverage(index: AttackIndex, input: CoverageInput): CoverageResult {
  const triage = input.triage ?? NO_TRIAGE_INPUT;
  const techniques = applyAcceptances(techniqueStates(index, input), triage);
  const catalogue = new MitigationCatalogue(index, input);
  const gapTriage = new GapTriage(index, input);
  const components = componentsById(input);
  const weakSets = new WeakComponentSets(input.components, input.minCoverage);
  // One new object per gap and accepted technique, with its score, triage and mitigations together (the rank is set
  // below, on the priority object made here).
  const ranked = techniques.slice();
  const gaps: TechniqueResult[] = [];
  const keys: RankKeys = { outcome: [], score: [], top: [] };
  techniques.forEach((r, at) => {
    if (r.state !== 'gap' && r.state !== 'accepted') return;
    const weak = weakSets.of(r);
    const t = gapTriage.of(r, weak);
    const mitigations = catalogue.options(r.id, weak);
    const result = extendResult(r, r.state === 'gap' ? { priority: scoreGap(r, input, components), triage: t, mitigations } : { triage: t, mitigations });
    ranked[at] = result;
    if (r.state !== 'gap') return;
    gaps.push(result);
    keys.outcome.push(outcomeRank(t.outcome));
    keys.score.push(result.priority!.score);
    keys.top.push(t.top?.combined ?? -1);
  });
  // compareGaps's order, on numbers worked out once per gap.
  const order = gaps.map((_, n) => n).sort((a, b) => keys.outcome[b]! - keys.outcome[a]! || keys.score[b]! - keys.score[a]! || keys.top[b]! - keys.top[a]! || (gaps[a]!.id < gaps[b]!.id ? -1 : gaps[a]!.id > gaps[b]!.id ? 1 : 0));
  order.forEach((n, i) => ((gaps[n]!.priority as Writable<Priority>).rank = i + 1));
  const result: Writable<CoverageResult> = resultOf(index, input, ranked) as Writable<CoverageResult>;
  result.triage = { table: triage.table.name, ...(triage.asOf !== undefined ? { asOf: triage.asOf } : {}) };
  result.nextBest = nextBestMitigations(catalogue, gaps);
  return result;
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** The sort keys of compareGaps per gap: outcome rank, priority score, Top Techniques combined score (−1 without). */
interface RankKeys {
  readonly outcome: number[];
  readonly score: number[];
  readonly top: number[];
}

/**
 * The analysis as the engine ran it before triage existed: states, priority scores, gaps ranked by score, summary.
 * Only the coverage benchmark calls it: issue 16's budget is what triage and mitigation ranking add to this.
 */
export function analyseWithoutTriage(index: AttackIndex, input: CoverageInput): Omit<CoverageResult, 'triage' | 'nextBest'> {
  const scored = scoreGaps(techniqueStates(index, input), input);
  const order = scored.filter((r) => r.priority).sort((a, b) => (b.priority?.score ?? 0) - (a.priority?.score ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const rank = new Map(order.map((r, i) => [r.id, i + 1]));
  return resultOf(index, input, scored.map((r) => (r.priority ? extendResult(r, { priority: { ...r.priority, rank: rank.get(r.id) ?? 0 } }) : r)));
}

function resultOf(index: AttackIndex, input: CoverageInput, ranked: TechniqueResult[]): Omit<CoverageResult, 'triage' | 'nextBest'> {
  return {
    domain: index.domain,
    version: index.version,
    tactics: index.tactics.map((t) => ({ id: t.id, shortname: t.shortname, name: t.name })),
    minCoverage: input.minCoverage,
    summary: summarise(ranked),
    techniques: ranked,
    prioritizedGaps: ranked
      .filter((r) => r.priority)
      .sort((a, b) => (a.priority?.rank ?? 0) - (b.priority?.rank ?? 0))
      .map((r) => r.id),
    assurance: assuranceOf(input),
  };
}

/**
 * Every technique's applicability, coverage and state, with its evidence: the part of the analysis before priority
 * and triage.
 */
export function techniqueStates(index: AttackIndex, input: CoverageInput): TechniqueResult[] {
  const implicit = input.components.length === 0;
  const components = implicit ? [IMPLICIT_COMPONENT] : input.components;
  const scope = componentScope(index, components, implicit);
  const adversaries = adversarySet(index, input.adversaries);
  const exclusions = new Map<string, ExclusionInput>();
  for (const e of input.exclusions) if (!exclusions.has(e.id)) exclusions.set(e.id, e);
  // Telemetry gating (docs/hunting.md): a rule counts on a component with declared telemetry only where its logsource is collected.
  const contributions = controlContributions(index, gateRuleControls(index, input.controls, input.components, input.telemetry ?? []), input.assurance);
  const atomics = input.assurance?.atomics;

  const techniques: TechniqueResult[] = [];
  for (const t of index.techniques) {
    const evidence = componentEvidence(index, t, scope, contributions);
    const applicable = evidence.length > 0;
    const coverage = applicable ? evidence.map((c) => c.coverage).reduce(minLevel) : 'none';
    const exclusion = exclusions.get(t.id);
    // techniques.exclude removes from A; the evidence of who uses it is kept for the explanation.
    const inA = adversaries.has(t.id) && !exclusion;
    const state = stateOf(exclusion !== undefined, applicable, inA, coverage, input.minCoverage);
    const assurance = techniqueAssurance(evidence);
    const atomicOptions = atomics && (state === 'covered' || state === 'gap') ? atomicsFor(index, atomics, t.id, evidence, components) : undefined;
    techniques.push({
      id: t.id,
      name: t.name,
      // Only an https URL may become a link in any output (a bundle can carry `javascript:` URLs).
      url: httpsUrl(t.url) ?? '',
      tactics: t.tactics,
      isSubtechnique: t.isSubtechnique,
      ...(t.parentId ? { parentId: t.parentId } : {}),
      platforms: t.platforms,
      adversary: inA,
      applicable,
      coverage,
      state,
      adversaries: adversaries.get(t.id) ?? [],
      components: evidence,
      ...(exclusion ? { exclusion } : {}),
      ...(assurance ? { assurance } : {}),
      ...(atomicOptions ? { atomics: atomicOptions } : {}),
    });
  }
  return techniques;
}

function stateOf(excluded: boolean, applicable: boolean, inA: boolean, coverage: Level, min: Level): TechniqueState {
  if (excluded) return 'excluded';
  if (!applicable) return 'not-applicable';
  if (!inA) return 'applicable';
  return levelRank(coverage) >= levelRank(min) ? 'covered' : 'gap';
}

/** Shared empty lists of the evidence: most techniques have no control and match on platforms only. */
const NO_STRINGS: readonly string[] = Object.freeze([]);
const NO_CONTROLS: readonly ControlEvidence[] = Object.freeze([]);

/** What componentEvidence needs about the components, computed once per analysis. */
interface ComponentScope {
  readonly components: readonly ComponentInput[];
  readonly implicit: boolean;
  /** Component id → its platforms as a set, and the ATT&CK asset IDs its assets resolve to. */
  readonly platforms: ReadonlyMap<string, ReadonlySet<string>>;
  readonly assets: ReadonlyMap<string, ReadonlySet<string>>;
  readonly anyAssets: boolean;
}

function componentScope(index: AttackIndex, components: readonly ComponentInput[], implicit: boolean): ComponentScope {
  const assets = resolveComponentAssets(index, components);
  return {
    components,
    implicit,
    platforms: new Map(components.map((c) => [c.id, new Set(c.platforms)])),
    assets,
    anyAssets: [...assets.values()].some((a) => a.size > 0),
  };
}

/**
 * Most controls listed as evidence for one technique on one component (the rest are counted in `moreControls`):
 * without a limit, an inventory of n controls for a tech stack of m components lists n × m of them per technique.
 */
export const MAX_CONTROL_EVIDENCE = 20;

/**
 * The counting controls of one technique, strongest first, then by control ID, split by reach: those that count on
 * every component, and per component those whose `appliesTo` names it. Built in one pass over the controls'
 * `appliesTo` lists, so finding a component's controls never walks the controls of other components.
 */
interface TechniqueControls {
  readonly everywhere: readonly ControlEvidence[];
  readonly byComponent: ReadonlyMap<string, readonly ControlEvidence[]>;
  /** The first MAX_CONTROL_EVIDENCE of `everywhere`, shared by every component with no scoped control. */
  readonly everywhereListed: readonly ControlEvidence[];
}

function techniqueControls(contributions: ControlContributions, techniqueId: string): TechniqueControls {
  const contributed = contributions.forTechnique(techniqueId);
  const counting = contributed.length < 2 ? contributed : [...contributed].sort(
    (a, b) => levelRank(b.evidence.level) - levelRank(a.evidence.level) || (a.evidence.control < b.evidence.control ? -1 : a.evidence.control > b.evidence.control ? 1 : 0),
  );
  if (counting.length === 0) return NO_REACH;
  const everywhere: ControlEvidence[] = [];
  let byComponent: Map<string, ControlEvidence[]> | undefined;
  for (const c of counting) {
    if (!c.appliesTo) {
      everywhere.push(c.evidence);
      continue;
    }
    byComponent ??= new Map();
    for (const id of c.appliesTo) {
      const list = byComponent.get(id);
      if (list) list.push(c.evidence);
      else byComponent.set(id, [c.evidence]);
    }
  }
  return { everywhere, byComponent: byComponent ?? NO_SCOPED, everywhereListed: everywhere.length > MAX_CONTROL_EVIDENCE ? everywhere.slice(0, MAX_CONTROL_EVIDENCE) : everywhere };
}

const NO_SCOPED: ReadonlyMap<string, readonly ControlEvidence[]> = new Map();
const NO_REACH: TechniqueControls = { everywhere: NO_CONTROLS, byComponent: NO_SCOPED, everywhereListed: NO_CONTROLS };

/** Strongest first, then by control ID (the order `techniqueControls` sorted in). */
function stronger(a: ControlEvidence, b: ControlEvidence): boolean {
  const rank = levelRank(a.level) - levelRank(b.level);
  return rank > 0 || (rank === 0 && a.control < b.control);
}

/** The first MAX_CONTROL_EVIDENCE of two lists in that order, merged. */
function firstOfBoth(a: readonly ControlEvidence[], b: readonly ControlEvidence[]): readonly ControlEvidence[] {
  if (a.length === 0 && b.length <= MAX_CONTROL_EVIDENCE) return b;
  const out: ControlEvidence[] = [];
  let i = 0;
  let j = 0;
  while (out.length < MAX_CONTROL_EVIDENCE && (i < a.length || j < b.length)) {
    if (j >= b.length || (i < a.length && !stronger(b[j], a[i]))) out.push(a[i++]);
    else out.push(b[j++]);
  }
  return out;
}

/**
 * Per component t applies to (applicabilityOf's rule): the highest level any counting control gives t there. This
 * runs for every technique × component (28,000 times for 40 components), so it allocates only what it returns.
 */
function componentEvidence(index: AttackIndex, t: Technique, scope: ComponentScope, contributions: ControlContributions): ComponentEvidence[] {
  const targets = scope.anyAssets ? index.related(t.id, 'targets') : NO_STRINGS;
  const reach = techniqueControls(contributions, t.id);
  const out: ComponentEvidence[] = [];
  for (const c of scope.components) {
    let platforms: string[] | undefined;
    let assets: string[] | undefined;
    if (!scope.implicit) {
      const own = scope.platforms.get(c.id);
      for (const p of t.platforms) if (own?.has(p)) (platforms ??= []).push(p);
      const ownAssets = scope.assets.get(c.id);
      if (ownAssets && ownAssets.size > 0) for (const a of targets) if (ownAssets.has(a)) (assets ??= []).push(a);
      if (!platforms && !assets) continue;
    }
    const scoped = reach.byComponent.get(c.id);
    const controls = scoped ? firstOfBoth(reach.everywhere, scoped) : reach.everywhereListed;
    const more = reach.everywhere.length + (scoped?.length ?? 0) - controls.length;
    out.push({ component: c.id, coverage: controls[0]?.level ?? 'none', platforms: platforms ?? NO_STRINGS, assets: assets ?? NO_STRINGS,
      controls: controls.length > 0 ? controls : NO_CONTROLS, ...(more > 0 ? { moreControls: more } : {}) });
  }
  return out;
}

function summarise(results: readonly TechniqueResult[]): CoverageSummary {
  const count = (s: TechniqueState) => results.filter((r) => r.state === s).length;
  const covered = count('covered');
  const gaps = count('gap');
  const accepted = count('accepted');
  const outcomes = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<(typeof OUTCOMES)[number], number>;
  for (const r of results) if (r.state === 'gap' && r.triage) outcomes[r.triage.outcome]++;
  return {
    adversary: results.filter((r) => r.adversary).length,
    relevant: covered + gaps + accepted,
    covered,
    gaps,
    accepted,
    outcomes,
    applicable: count('applicable'),
    notApplicable: count('not-applicable'),
    excluded: count('excluded'),
    total: results.length,
    assurance: assuranceSummary(results),
  };
}
