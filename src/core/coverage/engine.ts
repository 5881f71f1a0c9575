/**
 * The coverage engine: exactly the semantics of SPEC.md "Coverage semantics".
 * Pure and deterministic: the same index and input always give the same result, in the same order.
 */
import type { AttackIndex, Technique } from '../attack/types';
import { adversarySet } from './adversaries';
import { resolveComponentAssets, applicabilityOf } from './applicability';
import { controlContributions, type ControlContributions } from './controls';
import { prioritise } from './priority';
import type {
  ComponentEvidence,
  ComponentInput,
  ControlEvidence,
  CoverageInput,
  CoverageResult,
  CoverageSummary,
  ExclusionInput,
  Level,
  TechniqueResult,
  TechniqueState,
} from './types';
import { levelRank, minLevel } from './types';

/** The component every technique applies to when a model has no techStack. */
const IMPLICIT_COMPONENT: ComponentInput = { id: '*', platforms: [], assets: [] };

/** Runs the whole analysis for one model. */
export function analyseCoverage(index: AttackIndex, input: CoverageInput): CoverageResult {
  const implicit = input.components.length === 0;
  const components = implicit ? [IMPLICIT_COMPONENT] : input.components;
  const componentAssets = resolveComponentAssets(index, components);
  const adversaries = adversarySet(index, input.adversaries);
  const exclusions = new Map<string, ExclusionInput>();
  for (const e of input.exclusions) if (!exclusions.has(e.id)) exclusions.set(e.id, e);
  const contributions = controlContributions(index, input.controls);

  const techniques: TechniqueResult[] = [];
  for (const t of index.techniques) {
    const evidence = componentEvidence(index, t, components, componentAssets, contributions, implicit);
    const applicable = evidence.length > 0;
    const coverage = applicable ? evidence.map((c) => c.coverage).reduce(minLevel) : 'none';
    const exclusion = exclusions.get(t.id);
    // techniques.exclude removes from A; the evidence of who uses it is kept for the explanation.
    const inA = adversaries.has(t.id) && !exclusion;
    techniques.push({
      id: t.id,
      name: t.name,
      url: t.url,
      tactics: t.tactics,
      isSubtechnique: t.isSubtechnique,
      ...(t.parentId ? { parentId: t.parentId } : {}),
      platforms: t.platforms,
      adversary: inA,
      applicable,
      coverage,
      state: stateOf(exclusion !== undefined, applicable, inA, coverage, input.minCoverage),
      adversaries: adversaries.get(t.id) ?? [],
      components: evidence,
      ...(exclusion ? { exclusion } : {}),
    });
  }
  const ranked = prioritise(techniques, input);
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
  };
}

function stateOf(excluded: boolean, applicable: boolean, inA: boolean, coverage: Level, min: Level): TechniqueState {
  if (excluded) return 'excluded';
  if (!applicable) return 'not-applicable';
  if (!inA) return 'applicable';
  return levelRank(coverage) >= levelRank(min) ? 'covered' : 'gap';
}

/** Per component t applies to: the highest level any counting control gives t there. */
function componentEvidence(
  index: AttackIndex,
  t: Technique,
  components: readonly ComponentInput[],
  componentAssets: ReadonlyMap<string, ReadonlySet<string>>,
  contributions: ControlContributions,
  implicit: boolean,
): ComponentEvidence[] {
  const out: ComponentEvidence[] = [];
  for (const c of components) {
    const why = implicit ? { platforms: [], assets: [] } : applicabilityOf(index, t, c, componentAssets.get(c.id));
    if (!why) continue;
    const controls: ControlEvidence[] = [];
    for (const control of contributions.forTechnique(t.id)) {
      if (control.appliesTo && !control.appliesTo.has(c.id)) continue;
      controls.push(control.evidence);
    }
    controls.sort((a, b) => levelRank(b.level) - levelRank(a.level) || (a.control < b.control ? -1 : a.control > b.control ? 1 : 0));
    out.push({ component: c.id, coverage: controls[0]?.level ?? 'none', ...why, controls });
  }
  return out;
}

function summarise(results: readonly TechniqueResult[]): CoverageSummary {
  const count = (s: TechniqueState) => results.filter((r) => r.state === s).length;
  const covered = count('covered');
  const gaps = count('gap');
  return {
    adversary: results.filter((r) => r.adversary).length,
    relevant: covered + gaps,
    covered,
    gaps,
    applicable: count('applicable'),
    notApplicable: count('not-applicable'),
    excluded: count('excluded'),
    total: results.length,
  };
}
