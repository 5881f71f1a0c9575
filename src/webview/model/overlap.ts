/**
 * The three sets of the overlap diagram, read off the engine's result (nothing is recomputed):
 * A = adversary techniques (in A after exclusions), S = applicable to the tech stack, C = covered by controls at
 * the policy level. A technique's region is the combination of sets it is in; A∩S without C is the gaps.
 */
import type { CoverageResult, Level, TechniqueResult } from '../../core/coverage/types';
import type { RegionKey } from '../../protocol';
import { REGIONS } from '../../protocol';

const LEVEL_ORDER: readonly Level[] = ['none', 'minimal', 'partial', 'significant'];

/** Coverage at or above the model's policy (the engine's own `covered` test, applied to every technique). */
export function meetsPolicy(t: TechniqueResult, minCoverage: Level): boolean {
  return t.applicable && LEVEL_ORDER.indexOf(t.coverage) >= LEVEL_ORDER.indexOf(minCoverage);
}

/** The region of one technique. */
export function regionOf(t: TechniqueResult, minCoverage: Level): RegionKey {
  const key = `${t.adversary ? 'A' : ''}${t.applicable ? 'S' : ''}${meetsPolicy(t, minCoverage) ? 'C' : ''}`;
  return key === '' ? 'none' : (key as RegionKey);
}

/** How many live techniques fall in every region. */
export function regionCounts(result: CoverageResult): Record<RegionKey, number> {
  const counts = Object.fromEntries(REGIONS.map((r) => [r, 0])) as Record<RegionKey, number>;
  for (const t of result.techniques) counts[regionOf(t, result.minCoverage)]++;
  return counts;
}

/** The size of a whole set (every region that contains its letter). */
export function setSize(counts: Readonly<Record<RegionKey, number>>, set: 'A' | 'S' | 'C'): number {
  return REGIONS.filter((r) => r !== 'none' && r.includes(set)).reduce((sum, r) => sum + counts[r], 0);
}

/** Words for a region, for labels and screen readers. */
export function regionLabel(region: RegionKey): string {
  switch (region) {
    case 'A':
      return 'adversary techniques that run on none of our components';
    case 'S':
      return 'applicable to our stack, no adversary, not covered';
    case 'C':
      return 'covered but not applicable (always empty: coverage needs a component)';
    case 'AS':
      return 'gaps: used by an adversary, runs on our stack, not covered';
    case 'AC':
      return 'adversary and covered but not applicable (always empty)';
    case 'SC':
      return 'applicable and covered, no adversary uses it';
    case 'ASC':
      return 'used by an adversary, runs on our stack, covered';
    case 'none':
      return 'in none of the three sets';
  }
}
