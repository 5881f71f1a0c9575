/**
 * Assurance (docs/assurance.md): the tests recorded for coverage claims (`validated:`), what state each claim is in
 * on the as-of date, and the Atomic Red Team tests that exist to validate a technique. Plain data, shared by the
 * engine (src/core/coverage), reports, hover and the heatmap.
 */
import type { SourceRef } from '../coverage/types';

export const VALIDATION_METHOD_VALUES = ['atomic', 'purple-team', 'pentest', 'incident'] as const;
export type TestMethod = (typeof VALIDATION_METHOD_VALUES)[number];
export const VALIDATION_RESULT_VALUES = ['detected', 'blocked', 'missed'] as const;
export type TestResult = (typeof VALIDATION_RESULT_VALUES)[number];

/**
 * A claim's state on the as-of date: `validated` (latest test within the max age and not missed), `stale` (latest
 * test older), `untested` (no test on or before the as-of date), `failed` (latest test missed: the claim gives none).
 */
export const CLAIM_STATES = ['failed', 'stale', 'untested', 'validated'] as const;
export type ClaimState = (typeof CLAIM_STATES)[number];

/** One recorded test of one control's claim on one technique (the engine's input). */
export interface ValidationInput {
  /** The technique tested: the entry's own ID, or a control-level entry's `technique`. */
  readonly technique: string;
  /** YYYY-MM-DD. */
  readonly date: string;
  readonly method?: TestMethod;
  readonly ref?: string;
  readonly result: TestResult;
  readonly source?: SourceRef;
}

/** A test as evidence: what the engine returns about it. */
export interface TestEvidence {
  readonly date: string;
  readonly method?: TestMethod;
  readonly ref?: string;
  readonly result: TestResult;
  /** The technique the test was recorded for (a parent's test counts for the sub-techniques its entry covers). */
  readonly technique: string;
  readonly source?: SourceRef;
}

/** What the tests say about one control's claim on one technique. */
export interface ClaimValidation {
  readonly state: ClaimState;
  /** The test that counts: the latest by date on or before the as-of date (ties: the one written last). */
  readonly latest?: TestEvidence;
  /** Days from the latest test to the as-of date (when both are known). */
  readonly ageDays?: number;
  /** The counted tests, newest first (at most MAX_TESTS_LISTED; `moreTests` counts the rest). */
  readonly tests: readonly TestEvidence[];
  readonly moreTests?: number;
  /** Tests dated after the as-of date, not counted yet. */
  readonly future?: number;
}

/** What the policy says about tests: the as-of date (the triage date) and the max age in days. */
export interface AssurancePolicy {
  /** YYYY-MM-DD; absent: no test is stale and none is in the future. */
  readonly asOf?: string;
  readonly maxAgeDays: number;
}

/** The technique-level view: claimed vs validated (see techniqueAssurance). */
export interface TechniqueAssurance {
  readonly state: ClaimState;
  /** Controls whose claim on the technique was tested at all, and how many claims there are. */
  readonly tested: number;
  readonly claims: number;
}

/** One Atomic Red Team test as read from `<Tnnnn>/<Tnnnn>.yaml`. */
export interface AtomicTest {
  readonly name: string;
  readonly guid?: string;
  /** `supported_platforms` as written (windows, linux, macos, iaas:aws, …). */
  readonly platforms: readonly string[];
  readonly executor?: string;
}

/** An atomics folder, read: technique ID → its tests (in file order), plus what could not be read. */
export interface AtomicCatalogue {
  readonly folder: string;
  readonly tests: ReadonlyMap<string, readonly AtomicTest[]>;
  readonly problems: readonly { readonly file: string; readonly message: string }[];
  /** Technique files read. */
  readonly files: number;
}

/** An atomic test that can validate a technique on the model's components. */
export interface AtomicOption {
  readonly name: string;
  readonly guid?: string;
  /** ATT&CK platform names of the pinned release the test runs on. */
  readonly platforms: readonly string[];
  /** The components (of those the technique applies to) it can run on. */
  readonly components: readonly string[];
}

/** The atomic tests listed for a covered or gap technique. */
export interface TechniqueAtomics {
  readonly options: readonly AtomicOption[];
  /** Options beyond those listed. */
  readonly more?: number;
  /** Tests the folder has for the technique, whatever their platforms. */
  readonly total: number;
}
