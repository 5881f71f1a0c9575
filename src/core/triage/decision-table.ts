/**
 * The gap decision table: for every combination of the four decision points, the outcome (Track, Track*, Attend,
 * Act), in the manner of CISA's SSVC. The default is project data (data/decision-table.json); a model can name its
 * own (policy.decisionTable). A table is complete (each of the 36 combinations exactly once) and should be
 * monotone: raising any decision point's value never lowers the outcome.
 */
import defaultTableData from '../../../data/decision-table.json';

/** The decision points and their values, lowest first (the order monotonicity is judged in). */
export const DECISION_POINTS = {
  activity: ['reported', 'active'],
  automatable: ['no', 'yes'],
  exposure: ['small', 'controlled', 'open'],
  missionImpact: ['low', 'medium', 'high'],
} as const;

export type DecisionPoint = keyof typeof DECISION_POINTS;
export const DECISION_POINT_NAMES = Object.keys(DECISION_POINTS) as DecisionPoint[];
export type DecisionValues = { readonly [P in DecisionPoint]: (typeof DECISION_POINTS)[P][number] };

/** Outcomes, lowest first. */
export const OUTCOMES = ['track', 'track*', 'attend', 'act'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_LABELS: Readonly<Record<Outcome, string>> = { track: 'Track', 'track*': 'Track*', attend: 'Attend', act: 'Act' };

export const outcomeRank = (o: Outcome): number => OUTCOMES.indexOf(o);
const valueRank = (p: DecisionPoint, v: string): number => (DECISION_POINTS[p] as readonly string[]).indexOf(v);

export interface DecisionTable {
  readonly name: string;
  /** The outcome for a combination of values. */
  outcome(values: DecisionValues): Outcome;
  /** Every row, in the canonical order (activity, automatable, exposure, missionImpact; lowest first). */
  readonly rows: readonly (DecisionValues & { readonly outcome: Outcome })[];
}

/** What is wrong with a table's rows; `row` is the 0-based index in the file when the problem is one row. */
export interface TableProblem {
  readonly kind: 'duplicate' | 'missing' | 'not-monotone' | 'invalid';
  readonly message: string;
  readonly row?: number;
}

const keyOf = (v: DecisionValues): string => `${v.activity}|${v.automatable}|${v.exposure}|${v.missionImpact}`;

/** Each value's position among its decision point's values, for the table's lookup by number (it runs per gap). */
const RANK_OF = Object.fromEntries(
  DECISION_POINT_NAMES.map((p) => [p, Object.fromEntries((DECISION_POINTS[p] as readonly string[]).map((v, i) => [v, i]))]),
) as { readonly [P in DecisionPoint]: Readonly<Record<string, number>> };

/** 0–35: the combination's place in a mixed-radix count over the decision points (undefined for an unknown value). */
export function combinationCode(v: DecisionValues): number | undefined {
  const a = RANK_OF.activity[v.activity];
  const b = RANK_OF.automatable[v.automatable];
  const e = RANK_OF.exposure[v.exposure];
  const m = RANK_OF.missionImpact[v.missionImpact];
  if (a === undefined || b === undefined || e === undefined || m === undefined) return undefined;
  return ((a * 2 + b) * 3 + e) * 3 + m;
}

/** Every combination of values, in the canonical order. */
export function allCombinations(): DecisionValues[] {
  const out: DecisionValues[] = [];
  for (const activity of DECISION_POINTS.activity)
    for (const automatable of DECISION_POINTS.automatable)
      for (const exposure of DECISION_POINTS.exposure)
        for (const missionImpact of DECISION_POINTS.missionImpact) out.push({ activity, automatable, exposure, missionImpact });
  return out;
}

/** A combination as the path reports print: "active · automatable · open · high". */
export function pathLabel(v: DecisionValues): string {
  return `${v.activity} · ${v.automatable === 'yes' ? 'automatable' : 'not automatable'} · ${v.exposure} · ${v.missionImpact}`;
}

function isRow(r: unknown): r is DecisionValues & { outcome: Outcome } {
  if (typeof r !== 'object' || r === null) return false;
  const o = r as Record<string, unknown>;
  return DECISION_POINT_NAMES.every((p) => typeof o[p] === 'string' && valueRank(p, o[p] as string) >= 0) &&
    typeof o.outcome === 'string' && (OUTCOMES as readonly string[]).includes(o.outcome);
}

/**
 * Builds a table from rows already shaped by the JSON Schema (decision-table.schema.json); reports duplicates,
 * missing combinations and monotonicity violations. The table is usable only when there are no duplicates, no
 * missing rows and no invalid rows; a non-monotone table is usable (the problems say where it is not).
 */
export function buildDecisionTable(name: string, rows: readonly unknown[]): { table?: DecisionTable; problems: TableProblem[] } {
  const problems: TableProblem[] = [];
  const byKey = new Map<string, Outcome>();
  rows.forEach((r, row) => {
    if (!isRow(r)) {
      problems.push({ kind: 'invalid', row, message: `row ${row + 1} is not a combination of the decision points' values with an outcome` });
      return;
    }
    const key = keyOf(r);
    if (byKey.has(key)) problems.push({ kind: 'duplicate', row, message: `row ${row + 1} repeats ${pathLabel(r)}` });
    else byKey.set(key, r.outcome);
  });
  const missing = allCombinations().filter((v) => !byKey.has(keyOf(v)));
  for (const v of missing) problems.push({ kind: 'missing', message: `no row for ${pathLabel(v)}` });
  if (problems.length > 0) return { problems };
  const byCode: Outcome[] = [];
  for (const v of allCombinations()) byCode[combinationCode(v)!] = byKey.get(keyOf(v)) ?? 'track';
  const table: DecisionTable = {
    name,
    outcome: (v) => byCode[combinationCode(v) ?? -1] ?? 'track',
    rows: allCombinations().map((v) => ({ ...v, outcome: byKey.get(keyOf(v)) ?? 'track' })),
  };
  problems.push(...monotonicityViolations(table));
  return { table, problems };
}

/**
 * Every pair of combinations that differ by one step up in one decision point where the outcome goes down. Those
 * pairs suffice: any raise is a chain of single steps, and an order that holds on each step holds on the chain.
 */
export function monotonicityViolations(table: DecisionTable): TableProblem[] {
  const out: TableProblem[] = [];
  for (const lower of allCombinations()) {
    for (const p of DECISION_POINT_NAMES) {
      const values = DECISION_POINTS[p] as readonly string[];
      const next = values[valueRank(p, lower[p]) + 1];
      if (next === undefined) continue;
      const higher = { ...lower, [p]: next } as DecisionValues;
      const [a, b] = [table.outcome(lower), table.outcome(higher)];
      if (outcomeRank(b) < outcomeRank(a)) {
        out.push({ kind: 'not-monotone', message: `raising ${p} from ${lower[p]} to ${next} lowers ${pathLabel(lower)} from ${OUTCOME_LABELS[a]} to ${OUTCOME_LABELS[b]}` });
      }
    }
  }
  return out;
}

/** The shipped table (data/decision-table.json); a unit test holds it complete, monotone and schema-valid. */
export const DEFAULT_DECISION_TABLE: DecisionTable = (() => {
  const { table, problems } = buildDecisionTable(defaultTableData.name, defaultTableData.rows);
  if (!table || problems.length > 0) throw new Error(`data/decision-table.json: ${problems.map((p) => p.message).join('; ')}`);
  return table;
})();
