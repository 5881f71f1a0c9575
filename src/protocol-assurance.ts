/**
 * The assurance parts of a result message (see src/protocol.ts): a technique's claimed vs validated state, each
 * control claim's tests, and the Atomic Red Team tests listed for it. Validated on receipt like the rest; every
 * list is bounded by the core already (tests per claim, atomic options per technique) and checked here.
 */
import { CLAIM_STATES, VALIDATION_METHOD_VALUES, VALIDATION_RESULT_VALUES } from './core/assurance/types';
import { isNat, isOptional, isRec, isSource, isStr, isStrArray, LEVEL_VALUES, oneOf } from './protocol-checks';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isTest = (v: unknown) =>
  isRec(v) && isStr(v.date, 10) && DATE.test(v.date) && isOptional(v.method, (m) => oneOf(m, VALIDATION_METHOD_VALUES)) &&
  isOptional(v.ref, (r) => isStr(r, 2000)) && oneOf(v.result, VALIDATION_RESULT_VALUES) && isStr(v.technique, 20) && isSource(v.source);

/** A control evidence's `validation` and `claimed` (both optional). */
export function isClaimValidation(k: Record<string, unknown>): boolean {
  return (
    isOptional(k.claimed, (c) => oneOf(c, LEVEL_VALUES)) &&
    isOptional(k.validation, (v) =>
      isRec(v) && oneOf(v.state, CLAIM_STATES) && isOptional(v.latest, isTest) && isOptional(v.ageDays, (n) => typeof n === 'number' && Number.isInteger(n)) &&
      Array.isArray(v.tests) && v.tests.length <= 50 && v.tests.every(isTest) && isOptional(v.moreTests, isNat) && isOptional(v.future, isNat))
  );
}

/** A technique result's `assurance` and `atomics` (both optional). */
export function isTechniqueAssurance(t: Record<string, unknown>): boolean {
  return (
    isOptional(t.assurance, (a) => isRec(a) && oneOf(a.state, CLAIM_STATES) && isNat(a.tested) && isNat(a.claims)) &&
    isOptional(t.atomics, (a) =>
      isRec(a) && isNat(a.total) && isOptional(a.more, isNat) && Array.isArray(a.options) && a.options.length <= 100 &&
      a.options.every((o) => isRec(o) && isStr(o.name, 2000) && isOptional(o.guid, (g) => isStr(g, 2000)) && isStrArray(o.platforms, 50, 200) && isStrArray(o.components, 10_000, 4096)))
  );
}
