/**
 * Gap triage over the engine's results: accepted risks first (a gap with an acceptance that holds becomes
 * `accepted`), then the decision points, the model's assessments and the table's outcome for every gap and accepted
 * technique, then the order of the gaps: outcome, priority score, Top Techniques score, ID.
 */
import type { AttackIndex } from '../attack/types';
import type { CoverageInput, TechniqueResult } from '../coverage/types';
import { extendResult } from '../coverage/extend-result';
import { daysBetween } from './dates';
import { combinationCode, DECISION_POINT_NAMES, DEFAULT_DECISION_TABLE, OUTCOME_LABELS, OUTCOMES, outcomeRank, pathLabel } from './decision-table';
import type { DecisionPoint, DecisionValues, Outcome } from './decision-table';
import { TriageContext } from './decision-points';
import type { AcceptanceInput, AssessmentInput, DecisionPointResult, TriageInput, TriageResult } from './types';
import type { WeakComponents } from './weak-components';

/** The triage of a model without triage input: the shipped table, no date. */
export const NO_TRIAGE_INPUT: TriageInput = {
  intelMaxAgeDays: 365,
  maxAcceptanceDays: 365,
  table: DEFAULT_DECISION_TABLE,
  assessments: [],
  acceptances: [],
};

/** Why an acceptance does or does not hold on the triage date. */
export type AcceptanceStatus = 'holds' | 'ended' | 'too-long' | 'no-date';

export function acceptanceStatus(a: AcceptanceInput, triage: TriageInput): AcceptanceStatus {
  if (triage.asOf === undefined) return 'no-date';
  const left = daysBetween(triage.asOf, a.until);
  if (left === undefined) return 'no-date';
  if (left <= 0) return 'ended';
  return left > triage.maxAcceptanceDays ? 'too-long' : 'holds';
}

/** The first acceptance / assessment per technique ID (later ones are reported as duplicates by validation). */
function firstById<T extends { readonly id: string }>(items: readonly T[]): Map<string, T> {
  const out = new Map<string, T>();
  for (const i of items) if (!out.has(i.id)) out.set(i.id, i);
  return out;
}

/** Gaps with an acceptance that holds become `accepted`; the others are unchanged. */
export function applyAcceptances(results: readonly TechniqueResult[], triage: TriageInput): TechniqueResult[] {
  if (triage.acceptances.length === 0) return results as TechniqueResult[];
  const accepted = firstById(triage.acceptances);
  return results.map((r) => {
    const a = r.state === 'gap' ? accepted.get(r.id) : undefined;
    return a && acceptanceStatus(a, triage) === 'holds' ? extendResult(r, { state: 'accepted', acceptance: a }) : r;
  });
}

/**
 * The triage of gaps and accepted techniques of one analysis: what every gap shares (the context of the model, the
 * assessments, the path sentences) is set up once.
 */
export class GapTriage {
  private readonly triage: TriageInput;
  private readonly context: TriageContext;
  private readonly assessed: ReadonlyMap<string, AssessmentInput> | undefined;
  /** The path sentence by combination code × outcome: 36 × 4 strings at most, however many gaps. */
  private readonly paths: string[] = [];

  constructor(index: AttackIndex, input: CoverageInput) {
    this.triage = input.triage ?? NO_TRIAGE_INPUT;
    this.context = new TriageContext(index, input, this.triage);
    this.assessed = this.triage.assessments.length > 0 ? firstById(this.triage.assessments) : undefined;
  }

  /** The triage of `r` (a gap or accepted technique) whose technique is below the policy on `weak`. */
  of(r: TechniqueResult, weak: WeakComponents): TriageResult {
    const computed = this.context.compute(r, weak);
    const assessment = this.assessed?.get(r.id);
    const points = assessment ? assessedPoints(computed, assessment) : computed;
    const values: DecisionValues = {
      activity: points.activity.value,
      automatable: points.automatable.value,
      exposure: points.exposure.value,
      missionImpact: points.missionImpact.value,
    };
    const outcome = this.triage.table.outcome(values);
    const top = this.triage.top?.get(r.id);
    const result: TriageResult = {
      activity: points.activity,
      automatable: points.automatable,
      exposure: points.exposure,
      missionImpact: points.missionImpact,
      outcome,
      path: this.pathOf(values, outcome),
    };
    return top ? { ...result, top } : result;
  }

  private pathOf(values: DecisionValues, outcome: Outcome): string {
    const code = combinationCode(values);
    if (code === undefined) return `${pathLabel(values)} → ${OUTCOME_LABELS[outcome]}`;
    const slot = code * OUTCOMES.length + outcomeRank(outcome);
    return (this.paths[slot] ??= `${pathLabel(values)} → ${OUTCOME_LABELS[outcome]}`);
  }
}

type Points = { [P in DecisionPoint]: DecisionPointResult<P> };

/** The decision points with the model's assessment in place of the computed values it overrides. */
function assessedPoints(computed: Points, assessment: AssessmentInput): Points {
  const points = { ...computed } as { -readonly [P in DecisionPoint]: DecisionPointResult<P> };
  for (const p of DECISION_POINT_NAMES) {
    const value = assessment.values[p];
    if (value === undefined) continue;
    const was = computed[p];
    (points as Record<DecisionPoint, DecisionPointResult<DecisionPoint>>)[p] = {
      value,
      evidence: [`assessed in the model: ${assessment.reason}`, ...(was.value !== value ? [`computed: ${was.value}`] : [])],
      assessed: { computed: was.value, reason: assessment.reason, ...(assessment.source ? { source: assessment.source } : {}) },
    } as DecisionPointResult<DecisionPoint>;
  }
  return points;
}

/**
 * Gap order (docs/triage.md): the higher outcome first; within one outcome the higher priority score; then the higher
 * Top Techniques combined score (a technique the data does not score comes after those it scores); then the ID.
 */
export function compareGaps(a: TechniqueResult, b: TechniqueResult): number {
  const byOutcome = outcomeRank(b.triage?.outcome ?? 'track') - outcomeRank(a.triage?.outcome ?? 'track');
  if (byOutcome !== 0) return byOutcome;
  const byScore = (b.priority?.score ?? 0) - (a.priority?.score ?? 0);
  if (byScore !== 0) return byScore;
  const byTop = (b.triage?.top?.combined ?? -1) - (a.triage?.top?.combined ?? -1);
  if (byTop !== 0) return byTop;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
