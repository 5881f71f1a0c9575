/**
 * The state of one coverage claim from its tests (docs/assurance.md states these rules the same way):
 *
 * - Tests dated after the as-of date do not count yet. Of the rest, the latest by date counts; on the same date,
 *   the one written last (a control-level entry after the technique entry's own).
 * - No counted test: `untested`. The latest test `missed`: `failed`, and the claim gives `none`. Otherwise,
 *   older than `policy.validationMaxAge` days before the as-of date: `stale`; else `validated`.
 */
import { daysBetween, dayNumber } from '../triage/dates';
import type { AssurancePolicy, ClaimState, ClaimValidation, TestEvidence, ValidationInput } from './types';

/** Tests listed per claim (newest first); the rest are counted. */
export const MAX_TESTS_LISTED = 10;

/** The claim's validation from its tests, in the order written. Undefined when there are none at all. */
export function claimValidation(tests: readonly ValidationInput[], policy: AssurancePolicy): ClaimValidation | undefined {
  if (tests.length === 0) return undefined;
  const asOf = policy.asOf !== undefined ? dayNumber(policy.asOf) : undefined;
  const counted: { t: ValidationInput; day: number; order: number }[] = [];
  let future = 0;
  tests.forEach((t, order) => {
    const day = dayNumber(t.date);
    if (day === undefined) return;
    if (asOf !== undefined && day > asOf) future++;
    else counted.push({ t, day, order });
  });
  // Newest first; on the same day the one written last first.
  counted.sort((a, b) => b.day - a.day || b.order - a.order);
  const evidence = counted.map(({ t }) => testEvidence(t));
  const latest = evidence[0];
  const ageDays = latest && policy.asOf !== undefined ? daysBetween(latest.date, policy.asOf) : undefined;
  return {
    state: stateOf(latest, ageDays, policy.maxAgeDays),
    ...(latest ? { latest } : {}),
    ...(ageDays !== undefined ? { ageDays } : {}),
    tests: evidence.slice(0, MAX_TESTS_LISTED),
    ...(evidence.length > MAX_TESTS_LISTED ? { moreTests: evidence.length - MAX_TESTS_LISTED } : {}),
    ...(future > 0 ? { future } : {}),
  };
}

function stateOf(latest: TestEvidence | undefined, ageDays: number | undefined, maxAgeDays: number): ClaimState {
  if (!latest) return 'untested';
  if (latest.result === 'missed') return 'failed';
  return ageDays !== undefined && ageDays > maxAgeDays ? 'stale' : 'validated';
}

function testEvidence(t: ValidationInput): TestEvidence {
  return {
    date: t.date,
    ...(t.method !== undefined ? { method: t.method } : {}),
    ...(t.ref !== undefined ? { ref: t.ref } : {}),
    result: t.result,
    technique: t.technique,
    ...(t.source ? { source: t.source } : {}),
  };
}

/** The state of a claim with no validation record at all. */
export const stateOfClaim = (v: ClaimValidation | undefined): ClaimState => v?.state ?? 'untested';

/** Best first: validated, stale, untested, failed (for "some claim at this level is validated"). */
const GOODNESS: Readonly<Record<ClaimState, number>> = { validated: 3, stale: 2, untested: 1, failed: 0 };
export const better = (a: ClaimState, b: ClaimState): ClaimState => (GOODNESS[a] >= GOODNESS[b] ? a : b);
export const worse = (a: ClaimState, b: ClaimState): ClaimState => (GOODNESS[a] <= GOODNESS[b] ? a : b);
