/** A hunt plan: testable hunting hypotheses for a model's gaps (docs/hunting.md). Plain data, for every report format. */
import type { MutableElement } from '../attack/types';
import type { Outcome } from '../triage/decision-table';

/** One log source reference an analytic needs, and whether the component collects it. */
export interface DataNeed {
  readonly dataComponent: string;
  readonly dataComponentName: string;
  readonly logSource: string;
  readonly channel: string;
  /** Undefined when the component declares no telemetry (not known). */
  readonly collected?: boolean;
}

/**
 * yes: some data the analytic needs is collected there; no: telemetry is declared but none of it is; undeclared: the
 * component declares no telemetry, so nobody can say.
 */
export type Testable = 'yes' | 'no' | 'undeclared';

export interface Hypothesis {
  readonly strategy: { readonly id: string; readonly name: string; readonly url: string };
  readonly analytic: { readonly id: string; readonly url: string; readonly platforms: readonly string[] };
  /** "If FIN7 used PowerShell (T1059.001) on Staff laptops, WinEventLog:Sysmon (EventCode=1) … would show …". */
  readonly text: string;
  readonly needs: readonly DataNeed[];
  readonly testable: Testable;
  /** When not testable: the log sources (with their data components) to collect, each once. */
  readonly toCollect: readonly string[];
  readonly tunable: readonly MutableElement[];
}

/** A public rule from the rule library tagged with the technique. */
export interface CandidateRule {
  readonly format: 'sigma' | 'elastic';
  readonly title: string;
  readonly id?: string;
  /** Relative to the rule library folder. */
  readonly file: string;
  readonly line: number;
  readonly status?: string;
  /** Sigma: the logsource, as `product: windows, category: process_creation`. */
  readonly logsource?: string;
  /** yes: its logsource is collected on the component; no: it is not (then `needs` says what it needs); undeclared: no telemetry declared. */
  readonly usable: Testable;
  readonly needs?: readonly string[];
}

export interface ComponentHunt {
  readonly component: string;
  readonly componentName: string;
  /** Platforms of the component the technique runs on. */
  readonly platforms: readonly string[];
  readonly telemetryDeclared: boolean;
  readonly hypotheses: readonly Hypothesis[];
  /** Usable candidates first; at most MAX_CANDIDATES. */
  readonly candidates: readonly CandidateRule[];
  /** Candidates beyond those listed. */
  readonly moreCandidates: number;
}

export interface GapHunt {
  readonly technique: string;
  readonly name: string;
  readonly url: string;
  readonly outcome?: Outcome;
  readonly rank: number;
  /** The adversaries that bring the technique in. */
  readonly adversaries: readonly string[];
  readonly components: readonly ComponentHunt[];
}

export interface RuleLibrarySummary {
  readonly dir: string;
  readonly files: number;
  readonly rules: number;
  readonly problems: number;
}

export interface HuntPlan {
  readonly modelName: string;
  readonly attack: { readonly domain: string; readonly version: string };
  /** Statements about the whole plan (no detection data in this release, no rule library, …). */
  readonly notes: readonly string[];
  readonly ruleLibrary?: RuleLibrarySummary;
  /** Gaps, most urgent first (Act, Attend, then the rest). */
  readonly gaps: readonly GapHunt[];
}
