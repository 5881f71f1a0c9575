/**
 * Gap triage, in the manner of CISA's SSVC: what the engine needs to decide (TriageInput, on CoverageInput) and what
 * it decides for each gap (TriageResult, on TechniqueResult). Rules: docs/triage.md.
 */
import type { SourceRef } from '../coverage/types';
import type { DecisionPoint, DecisionTable, DecisionValues, Outcome } from './decision-table';

/** A model's own value for decision points of one technique (`techniques.assess`). */
export interface AssessmentInput {
  readonly id: string;
  readonly values: Partial<DecisionValues>;
  readonly reason: string;
  readonly source?: SourceRef;
}

/** An accepted risk (`techniques.accept`). */
export interface AcceptanceInput {
  readonly id: string;
  readonly reason: string;
  readonly owner: string;
  /** YYYY-MM-DD; the acceptance holds while the triage date is before it. */
  readonly until: string;
  readonly ref?: string;
  readonly source?: SourceRef;
}

/** CTID Top ATT&CK Techniques scores of one technique (0–1 each; `combined` is their sum, the project's ranking). */
export interface TopScores {
  readonly prevalence: number;
  readonly chokePoint: number;
  readonly actionability: number;
  readonly combined: number;
  /** The ID in the Top Techniques data, when it differs (a technique revoked since, followed to its replacement). */
  readonly from?: string;
}

export interface TriageInput {
  /** The date triage is judged at (YYYY-MM-DD); undefined: no date, so no intelligence counts as current. */
  readonly asOf?: string;
  readonly intelMaxAgeDays: number;
  readonly maxAcceptanceDays: number;
  readonly table: DecisionTable;
  readonly assessments: readonly AssessmentInput[];
  readonly acceptances: readonly AcceptanceInput[];
  /** Technique ID (of the model's release) → its Top Techniques scores, when the user gave that data. */
  readonly top?: ReadonlyMap<string, TopScores>;
}

/** One decision point's value, why it has it, and the model's override when there is one. */
export interface DecisionPointResult<P extends DecisionPoint> {
  readonly value: DecisionValues[P];
  /** Sentences that set the value, most telling first (at most a few; `more` counts the rest). */
  readonly evidence: readonly string[];
  readonly more?: number;
  /** Set by `techniques.assess`: the computed value it replaced and the reason. */
  readonly assessed?: { readonly computed: DecisionValues[P]; readonly reason: string; readonly source?: SourceRef };
}

export interface TriageResult {
  readonly activity: DecisionPointResult<'activity'>;
  readonly automatable: DecisionPointResult<'automatable'>;
  readonly exposure: DecisionPointResult<'exposure'>;
  readonly missionImpact: DecisionPointResult<'missionImpact'>;
  readonly outcome: Outcome;
  /** "active · automatable · open · high → Act". */
  readonly path: string;
  readonly top?: TopScores;
}
