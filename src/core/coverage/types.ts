/**
 * Input and output of the coverage engine. The input is editor-neutral and already normalised from the
 * YAML files (see model-to-input.ts); every entry may carry a SourceRef so results can point back at the
 * line that brought a technique in.
 */
import type { Range } from '../diagnostics';
import type { TelemetryEntry } from '../model/types';
import type { Outcome } from '../triage/decision-table';
import type { MitigationOption, NextBest } from '../triage/mitigations';
import type { AcceptanceInput, TriageInput, TriageResult } from '../triage/types';
import type { AssurancePolicy, AtomicCatalogue, ClaimState, ClaimValidation, TechniqueAssurance, TechniqueAtomics, ValidationInput } from '../assurance/types';

export const LEVELS = ['none', 'minimal', 'partial', 'significant'] as const;
export type Level = (typeof LEVELS)[number];
export type ControlStatus = 'implemented' | 'partial' | 'planned' | 'retired';
export type ControlFunction = 'protect' | 'detect' | 'respond';
export type TechniqueState = 'excluded' | 'not-applicable' | 'applicable' | 'covered' | 'gap' | 'accepted';
export const STATES: readonly TechniqueState[] = ['gap', 'accepted', 'covered', 'applicable', 'not-applicable', 'excluded'];

/** Where in which file something was written. */
export interface SourceRef {
  readonly file: string;
  readonly range: Range;
}

export interface ComponentInput {
  readonly id: string;
  readonly name?: string;
  readonly platforms: readonly string[];
  /** ICS asset IDs or names (ID, full name or the abbreviation in parentheses). */
  readonly assets: readonly string[];
  readonly exposure?: string;
  readonly crownJewel?: boolean;
  /** Gap triage's missionImpact of this component (a crown jewel counts as high). */
  readonly impact?: 'low' | 'medium' | 'high';
  readonly source?: SourceRef;
}

export interface AdversaryInput {
  /** group / campaign / software reference an ATT&CK object; `intel` is the user's own list. */
  readonly kind: 'group' | 'campaign' | 'software' | 'intel';
  /** ATT&CK ID for group/campaign/software. */
  readonly ref?: string;
  /** Display name: the ATT&CK name or the user's `name`. */
  readonly label: string;
  /** Groups and campaigns: add techniques of the software they use (default true). */
  readonly includeSoftware: boolean;
  /** Techniques listed by the user on this adversary entry. */
  readonly techniques: readonly { readonly id: string; readonly source?: SourceRef }[];
  readonly motivation?: string;
  /** Own intelligence: the date of its source (YYYY-MM-DD), for gap triage's activity. */
  readonly date?: string;
  /** Own intelligence: `automated: true`, for gap triage's automatable. */
  readonly automated?: boolean;
  readonly source?: SourceRef;
}

export interface ExclusionInput {
  readonly id: string;
  readonly reason: string;
  readonly source?: SourceRef;
}

/**
 * A detection rule a control's technique entry comes from (`rules:` in an inventory, docs/rules.md): the evidence
 * hovers, the heatmap and reports show, kept per rule so a later filter can drop one rule on one component.
 */
export interface RuleEvidence {
  readonly format: 'sigma' | 'elastic';
  readonly title: string;
  readonly id?: string;
  /** The rule file (absolute). */
  readonly file: string;
  /** 1-based line where the rule starts. */
  readonly line: number;
  readonly status?: string;
  /** The level its status gives (before the control's status caps it). */
  readonly level: Level;
  /** Sigma: the telemetry the rule needs. */
  readonly logsource?: { readonly product?: string; readonly category?: string; readonly service?: string };
  /** Elastic: the indices it searches. */
  readonly indices?: readonly string[];
  /**
   * Set by telemetry gating (docs/hunting.md) on the component(s) this evidence is for: `collected` (the logsource it
   * needs is declared there), `undeclared` (no telemetry declared there: it counts, `note` says what it needs),
   * `not-gated` (an Elastic rule, or a Sigma rule without logsource: it counts). Rules whose logsource is not
   * collected where telemetry is declared are no evidence there at all.
   */
  readonly telemetry?: { readonly state: 'collected' | 'undeclared' | 'not-gated'; readonly note?: string };
}

export interface ControlInput {
  readonly id: string;
  readonly name?: string;
  readonly status: ControlStatus;
  /** techStack ids; undefined = every component. */
  readonly appliesTo?: readonly string[];
  readonly mitigations: readonly { readonly id: string; readonly level: Level; readonly source?: SourceRef }[];
  readonly techniques: readonly {
    readonly id: string;
    readonly level: Level;
    readonly function?: ControlFunction;
    readonly source?: SourceRef;
    /** The entry comes from this detection rule. */
    readonly rule?: RuleEvidence;
  }[];
  /** Tests of the control's claims: technique entries' `validated` and the control-level list, in the order written. */
  readonly validated?: readonly ValidationInput[];
  readonly source?: SourceRef;
}

export interface CoverageInput {
  readonly minCoverage: Level;
  /** Empty: every technique applies once, to an implicit component. */
  readonly components: readonly ComponentInput[];
  readonly adversaries: readonly AdversaryInput[];
  readonly exclusions: readonly ExclusionInput[];
  readonly controls: readonly ControlInput[];
  /** Telemetry declared in the inventories (src/core/telemetry): gates rule-backed entries per component. */
  readonly telemetry?: readonly TelemetryEntry[];
  /** Gap triage (decision table, dates, assessments, acceptances); absent: the default table with no date. */
  readonly triage?: TriageInput;
  /** Assurance: the as-of date and max age of tests, and the Atomic Red Team tests at hand (docs/assurance.md). */
  readonly assurance?: AssuranceInput;
}

export interface AssuranceInput extends AssurancePolicy {
  /** An atomics folder, read: covered and gap techniques list the tests that run on their components. */
  readonly atomics?: AtomicCatalogue;
}

/** Why a technique is in the adversary set. */
export interface AdversaryEvidence {
  /** Index into CoverageInput.adversaries. */
  readonly adversary: number;
  readonly label: string;
  /** direct: the group/campaign/software uses it; software: via software the group uses; listed: written by the user. */
  readonly via: 'direct' | 'software' | 'listed';
  /** For via software: the software IDs that use the technique. */
  readonly software?: readonly string[];
  /** Their ATT&CK names, in the same order. */
  readonly softwareNames?: readonly string[];
  readonly source?: SourceRef;
}

/** What one control gives a technique on one component. */
export interface ControlEvidence {
  readonly control: string;
  readonly level: Level;
  /** mitigation: via a mitigation's `mitigates`; technique: a technique entry; parent: the entry on the parent. */
  readonly via: 'mitigation' | 'technique' | 'parent';
  /** The mitigation or technique ID the level came from. */
  readonly from: string;
  /** The control's status is `partial`, so its level was capped at partial. */
  readonly capped: boolean;
  readonly source?: SourceRef;
  /**
   * Rule-backed controls: the rules that give the technique something (tagged on it, or on its parent for `via:
   * parent`), strongest first, at most MAX_RULE_EVIDENCE; `ruleCount` counts them all.
   */
  readonly rules?: readonly RuleEvidence[];
  readonly ruleCount?: number;
  /**
   * The tests recorded for this claim (absent: none, so it is untested). A `failed` claim gives `none`; `claimed` is
   * then the level it would give without the cap.
   */
  readonly validation?: ClaimValidation;
  readonly claimed?: Level;
}

export interface ComponentEvidence {
  /** Component id; '*' for the implicit component when the model has no techStack. */
  readonly component: string;
  readonly coverage: Level;
  /** Why it applies: matching platforms and/or targeted assets. */
  readonly platforms: readonly string[];
  readonly assets: readonly string[];
  /**
   * The best contribution of each counting control, strongest first: at most MAX_CONTROL_EVIDENCE of them (the
   * coverage is the first one's level either way).
   */
  readonly controls: readonly ControlEvidence[];
  /** How many more counting controls give the technique something here, beyond those listed. */
  readonly moreControls?: number;
}

export interface Priority {
  /** Higher = more urgent. */
  readonly score: number;
  readonly rank: number;
  readonly reasons: readonly string[];
}

export interface TechniqueResult {
  readonly id: string;
  readonly name: string;
  /** attack.mitre.org page. */
  readonly url: string;
  readonly tactics: readonly string[];
  readonly isSubtechnique: boolean;
  readonly parentId?: string;
  readonly platforms: readonly string[];
  /** In the adversary set A (before exclusion). */
  readonly adversary: boolean;
  /** Applies to at least one component. */
  readonly applicable: boolean;
  readonly coverage: Level;
  readonly state: TechniqueState;
  readonly adversaries: readonly AdversaryEvidence[];
  readonly components: readonly ComponentEvidence[];
  readonly exclusion?: ExclusionInput;
  /** Gaps only. */
  readonly priority?: Priority;
  /** Gaps and accepted techniques: the decision points and the outcome. */
  readonly triage?: TriageResult;
  /** Accepted techniques: the acceptance that holds. */
  readonly acceptance?: AcceptanceInput;
  /** Gaps and accepted techniques: the ATT&CK mitigations that would close it, and what that takes. */
  readonly mitigations?: readonly MitigationOption[];
  /** Claimed vs validated: present when some counting control claims the technique (docs/assurance.md). */
  readonly assurance?: TechniqueAssurance;
  /** Covered and gap techniques, with an atomics folder given: the Atomic Red Team tests for its components. */
  readonly atomics?: TechniqueAtomics;
}

export interface CoverageSummary {
  /** Live techniques in A after exclusion. */
  readonly adversary: number;
  /** In A and applicable (covered + gaps + accepted). */
  readonly relevant: number;
  readonly covered: number;
  readonly gaps: number;
  /** In A, applicable, below the policy, and accepted until a date (not gaps). */
  readonly accepted: number;
  /** Gaps by triage outcome. */
  readonly outcomes: Readonly<Record<Outcome, number>>;
  readonly applicable: number;
  readonly notApplicable: number;
  readonly excluded: number;
  readonly total: number;
  /** Claimed techniques by their assurance state (docs/assurance.md). */
  readonly assurance: Readonly<Record<ClaimState, number>>;
}

/** A column of the matrix. */
export interface TacticInfo {
  readonly id: string;
  readonly shortname: string;
  readonly name: string;
}

export interface CoverageResult {
  readonly domain: string;
  readonly version: string;
  /** The matrix's tactics in matrix order; TechniqueResult.tactics holds their shortnames. */
  readonly tactics: readonly TacticInfo[];
  readonly minCoverage: Level;
  readonly summary: CoverageSummary;
  /** One entry per live technique, in matrix order: tactic-independent ID order. */
  readonly techniques: readonly TechniqueResult[];
  /** Gap IDs, most urgent first: by triage outcome, then priority score, then Top Techniques score, then ID. */
  readonly prioritizedGaps: readonly string[];
  /** The decision table the outcomes come from, and the triage date. */
  readonly triage: { readonly table: string; readonly asOf?: string };
  /** The few mitigations that together close the most gaps, weighted by outcome. */
  readonly nextBest: NextBest;
  /** The as-of date and max age tests were judged with, and whether an atomics folder was given (its counts). */
  readonly assurance: { readonly asOf?: string; readonly maxAgeDays: number; readonly atomics?: { readonly files: number; readonly tests: number } };
}

export function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}

export function maxLevel(a: Level, b: Level): Level {
  return levelRank(a) >= levelRank(b) ? a : b;
}

export function minLevel(a: Level, b: Level): Level {
  return levelRank(a) <= levelRank(b) ? a : b;
}
