/**
 * Claimed vs validated for a whole technique (docs/assurance.md): what the heatmap marks on a cell and the reports
 * count.
 *
 * - No counting control claims the technique on any component: no assurance (nothing is claimed).
 * - Some claim's latest test missed: `failed` (the claim was capped at none; the cell says so whatever else holds).
 * - Otherwise, per component where the coverage is above none, the claims that give that coverage (the strongest
 *   level there): the component is as good as the best of them. The technique is as bad as its worst component
 *   (the weakest link, as for coverage itself). Claims only at level none count as untested.
 */
import type { ComponentEvidence, TechniqueResult } from '../coverage/types';
import { better, stateOfClaim, worse } from './claims';
import { CLAIM_STATES, type ClaimState, type TechniqueAssurance } from './types';

export function techniqueAssurance(components: readonly ComponentEvidence[]): TechniqueAssurance | undefined {
  const claimed = new Set<string>();
  const tested = new Set<string>();
  let failed = false;
  let state: ClaimState | undefined;
  for (const c of components) {
    let here: ClaimState | undefined;
    for (const e of c.controls) {
      claimed.add(e.control);
      if (e.validation) tested.add(e.control);
      const s = stateOfClaim(e.validation);
      if (s === 'failed') failed = true;
      else if (c.coverage !== 'none' && e.level === c.coverage) here = here === undefined ? s : better(here, s);
    }
    if (here !== undefined) state = state === undefined ? here : worse(state, here);
  }
  if (claimed.size === 0) return undefined;
  return { state: failed ? 'failed' : (state ?? 'untested'), tested: tested.size, claims: claimed.size };
}

/** Claimed techniques by state. */
export function assuranceSummary(results: readonly Pick<TechniqueResult, 'assurance'>[]): Record<ClaimState, number> {
  const counts = Object.fromEntries(CLAIM_STATES.map((s) => [s, 0])) as Record<ClaimState, number>;
  for (const r of results) if (r.assurance) counts[r.assurance.state]++;
  return counts;
}
