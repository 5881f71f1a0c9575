/**
 * Claimed vs validated in the heatmap (docs/assurance.md): the mark each cell and table row shows for its
 * technique's assurance state, the words for it, the filter values and the sort order. Pure: shared by the matrix,
 * the table, the details pane and the tests.
 */
import type { ClaimState } from '../../core/assurance/types';
import type { TechniqueResult } from '../../core/coverage/types';

/** The assurance filter: a technique's claim state, or `unclaimed` (no counting control claims it). */
export const ASSURANCE_FILTERS = ['failed', 'stale', 'untested', 'validated', 'unclaimed'] as const;
export type AssuranceFilter = (typeof ASSURANCE_FILTERS)[number];

/** Marks that differ from every state and outcome glyph (✓ is covered). */
export const ASSURANCE_MARK: Readonly<Record<AssuranceFilter, string>> = { failed: '✗', stale: '⌛', untested: '?', validated: '☑', unclaimed: '' };

export const ASSURANCE_NAME: Readonly<Record<AssuranceFilter, string>> = {
  failed: 'Failed test',
  stale: 'Stale test',
  untested: 'Untested',
  validated: 'Validated',
  unclaimed: 'No claim',
};

export const ASSURANCE_HELP: Readonly<Record<AssuranceFilter, string>> = {
  failed: "a claim's latest test missed it: that claim gives none",
  stale: 'the claims that set its coverage were last tested longer ago than policy.validationMaxAge',
  untested: 'no test is recorded for the claims that set its coverage',
  validated: 'the claims that set its coverage passed a recent test',
  unclaimed: 'no counting control claims it',
};

export const assuranceOf = (t: TechniqueResult): AssuranceFilter => t.assurance?.state ?? 'unclaimed';

/** Sort order: failed, stale, untested, validated, unclaimed. */
export const assuranceOrder = (t: TechniqueResult): number => ASSURANCE_FILTERS.indexOf(assuranceOf(t));

/** "Validated (1 of 2 claims tested)", for labels and the table. */
export function assuranceText(t: TechniqueResult): string {
  const a = t.assurance;
  if (!a) return ASSURANCE_NAME.unclaimed;
  return `${ASSURANCE_NAME[a.state]} (${a.tested} of ${a.claims} claim${a.claims === 1 ? '' : 's'} tested)`;
}

/** Words for one claim's state. */
export const CLAIM_WORDS: Readonly<Record<ClaimState, string>> = { failed: 'failed: gives none', stale: 'stale', untested: 'untested', validated: 'validated' };
