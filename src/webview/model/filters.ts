/** Filters from the view state applied to engine results: pure, shared by the matrix, the table and the tests. */
import type { CoverageResult, TechniqueResult } from '../../core/coverage/types';
import type { HeatmapFilters } from '../../protocol';
import { regionOf } from './overlap';
import { outcomeFilterOf } from './triage';
import { assuranceOf } from './assurance';

/** True when no filter narrows anything (the tactic filter only hides columns, so it does not count here). */
export function isUnfiltered(f: HeatmapFilters): boolean {
  return f.component === '' && f.platform === '' && f.adversary === '' && f.states.length === 0 && f.search.trim() === '' && f.region === '' && (f.outcomes ?? []).length === 0 && (f.assurance ?? []).length === 0;
}

/** A predicate for techniques that pass every filter except the tactic one. */
export function techniqueFilter(result: CoverageResult, f: HeatmapFilters): (t: TechniqueResult) => boolean {
  const search = f.search.trim().toLowerCase();
  const states = new Set(f.states);
  const outcomes = new Set<string>(f.outcomes ?? []);
  const assurance = new Set<string>(f.assurance ?? []);
  const adversary = f.adversary === '' ? undefined : Number(f.adversary);
  return (t) =>
    (f.component === '' || t.components.some((c) => c.component === f.component)) &&
    (f.platform === '' || t.platforms.includes(f.platform)) &&
    (adversary === undefined || t.adversaries.some((a) => a.adversary === adversary)) &&
    (states.size === 0 || states.has(t.state)) &&
    (outcomes.size === 0 || outcomes.has(outcomeFilterOf(t) ?? '')) &&
    (assurance.size === 0 || assurance.has(assuranceOf(t))) &&
    (f.region === '' || regionOf(t, result.minCoverage) === f.region) &&
    (search === '' || t.id.toLowerCase().includes(search) || t.name.toLowerCase().includes(search));
}

/** Every platform the result's techniques name, sorted, for the platform filter. */
export function platformsOf(result: CoverageResult): string[] {
  return [...new Set(result.techniques.flatMap((t) => t.platforms))].filter((p) => p !== 'None').sort();
}

/** How many distinct adversaries of the model use a technique. */
export function adversaryCount(t: TechniqueResult): number {
  return new Set(t.adversaries.map((a) => a.adversary)).size;
}
