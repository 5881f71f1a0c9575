/**
 * The triage parts of a result message (see src/protocol.ts): each gap's and accepted technique's decision points
 * with their evidence, outcome, path, Top Techniques scores, mitigations and acceptance; the result's outcome counts,
 * triage date and table, and next best mitigations. Validated on receipt like the rest of the message, every list
 * and string bounded; `boundForWebview` trims a result to those bounds before the host sends it, saying how much it
 * left out (`moreUses`, `moreMissing`) so the webview can say so too.
 */
import type { CoverageResult, TechniqueResult } from './core/coverage/types';
import { DECISION_POINT_NAMES, DECISION_POINTS, OUTCOMES } from './core/triage/decision-table';
import type { MitigationOption, MitigationUse } from './core/triage/mitigations';
import { isNat, isNum, isOptional, isRec, isSource, isStr, isStrArray, LEVEL_VALUES, oneOf, type Rec } from './protocol-checks';

/** Controls listed per mitigation of one technique (the engine's MAX_CONTROL_EVIDENCE for coverage is 20 too). */
export const MAX_MITIGATION_USES = 20;
/** Component IDs listed per control that does not reach them. */
export const MAX_MISSING = 50;
/** Mitigations per technique (ATT&CK Enterprise 18 has 44 mitigations in all). */
export const MAX_MITIGATIONS = 100;
/** Evidence sentences per decision point (the core keeps at most 5 and counts the rest in `more`). */
export const MAX_EVIDENCE = 20;
/** Next best picks (the core picks at most 10). */
export const MAX_PICKS = 50;
/** Longest user-written text (reasons, owners, refs) and generated sentence (evidence, actions) sent. */
export const MAX_TEXT = 2000;

/** A mitigation as the webview receives it: the uses and missing components may be trimmed, with their counts. */
export interface WireMitigationOption extends MitigationOption {
  readonly uses: readonly WireMitigationUse[];
  /** Controls that list the mitigation beyond those in `uses`. */
  readonly moreUses?: number;
}
export interface WireMitigationUse extends MitigationUse {
  /** Components beyond those in `missing`. */
  readonly moreMissing?: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDateText = (v: unknown) => isStr(v, 10) && DATE.test(v);
const isText = (v: unknown) => isStr(v, MAX_TEXT);
const STATUSES = ['implemented', 'partial', 'planned', 'retired'] as const;
const isCounts = (v: unknown) => isRec(v) && OUTCOMES.every((o) => isNat(v[o]));

function isPoint(v: unknown, values: readonly string[]): boolean {
  return (
    isRec(v) &&
    oneOf(v.value, values) &&
    isStrArray(v.evidence, MAX_EVIDENCE, MAX_TEXT) &&
    isOptional(v.more, isNat) &&
    isOptional(v.assessed, (a) => isRec(a) && oneOf(a.computed, values) && isText(a.reason) && isSource(a.source))
  );
}

const isTop = (v: unknown) =>
  isRec(v) && isNum(v.prevalence) && isNum(v.chokePoint) && isNum(v.actionability) && isNum(v.combined) && isOptional(v.from, (f) => isStr(f, 20));

function isTriage(v: unknown): boolean {
  return (
    isRec(v) &&
    DECISION_POINT_NAMES.every((p) => isPoint(v[p], DECISION_POINTS[p])) &&
    oneOf(v.outcome, OUTCOMES) &&
    isStr(v.path, 300) &&
    isOptional(v.top, isTop)
  );
}

const isAcceptance = (v: unknown) =>
  isRec(v) && isStr(v.id, 20) && isText(v.reason) && isText(v.owner) && isDateText(v.until) && isOptional(v.ref, isText) && isSource(v.source);

const isUse = (v: unknown) =>
  isRec(v) &&
  isStr(v.control, 200) &&
  oneOf(v.status, STATUSES) &&
  oneOf(v.level, LEVEL_VALUES) &&
  isStrArray(v.missing, MAX_MISSING, 200) &&
  isOptional(v.moreMissing, isNat) &&
  isSource(v.source);

const isMitigation = (v: unknown) =>
  isRec(v) &&
  isStr(v.id, 20) &&
  isStr(v.name, 300) &&
  Array.isArray(v.uses) &&
  v.uses.length <= MAX_MITIGATION_USES &&
  v.uses.every(isUse) &&
  isOptional(v.moreUses, isNat) &&
  isText(v.action);

/** The triage fields of one technique of a result (each optional; gaps and accepted techniques carry them). */
export function isTechniqueTriage(v: Rec): boolean {
  return (
    isOptional(v.triage, isTriage) &&
    isOptional(v.acceptance, isAcceptance) &&
    isOptional(v.mitigations, (m) => Array.isArray(m) && m.length <= MAX_MITIGATIONS && m.every(isMitigation))
  );
}

const isPick = (v: unknown) =>
  isRec(v) && isStr(v.id, 20) && isStr(v.name, 300) && isStrArray(v.closes, 20_000, 20) && isCounts(v.byOutcome) && isNum(v.weight);

/** The result's triage fields: summary counts, the table and date, the next best mitigations. */
export function isCoverageTriage(v: Rec): boolean {
  const s = v.summary;
  const t = v.triage;
  const n = v.nextBest;
  return (
    isRec(s) &&
    isNat(s.accepted) &&
    isCounts(s.outcomes) &&
    isRec(t) &&
    isStr(t.table, 200) &&
    isOptional(t.asOf, isDateText) &&
    isRec(n) &&
    Array.isArray(n.picks) &&
    n.picks.length <= MAX_PICKS &&
    n.picks.every(isPick) &&
    isCounts(n.remaining) &&
    isNat(n.unmitigable)
  );
}

const clip = (s: string, max = MAX_TEXT): string => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

function boundUse(u: MitigationUse): WireMitigationUse {
  const clipped = { ...u, control: clip(u.control, 200), missing: u.missing.slice(0, MAX_MISSING).map((m) => clip(m, 200)) };
  return u.missing.length > MAX_MISSING ? { ...clipped, moreMissing: u.missing.length - MAX_MISSING } : clipped;
}

function boundMitigation(m: MitigationOption): WireMitigationOption {
  const out = { ...m, uses: m.uses.slice(0, MAX_MITIGATION_USES).map(boundUse), action: clip(m.action) };
  return m.uses.length > MAX_MITIGATION_USES ? { ...out, moreUses: m.uses.length - MAX_MITIGATION_USES } : out;
}

function boundTechnique(t: TechniqueResult): TechniqueResult {
  if (!t.triage && !t.acceptance && !t.mitigations) return t;
  const triage = t.triage && {
    ...t.triage,
    ...Object.fromEntries(
      DECISION_POINT_NAMES.map((p) => {
        const point = t.triage![p];
        return [p, { ...point, evidence: point.evidence.slice(0, MAX_EVIDENCE).map((e) => clip(e)), ...(point.assessed ? { assessed: { ...point.assessed, reason: clip(point.assessed.reason) } } : {}) }];
      }),
    ),
  };
  const a = t.acceptance;
  return {
    ...t,
    ...(triage ? { triage: triage as TechniqueResult['triage'] } : {}),
    ...(a ? { acceptance: { ...a, reason: clip(a.reason), owner: clip(a.owner), ...(a.ref !== undefined ? { ref: clip(a.ref) } : {}) } } : {}),
    ...(t.mitigations ? { mitigations: t.mitigations.slice(0, MAX_MITIGATIONS).map(boundMitigation) } : {}),
  };
}

/**
 * The result as the webview may receive it: every triage list and text within the validator's bounds (a model with
 * hundreds of controls listing one mitigation, or a reason of a page, would otherwise make the whole message invalid).
 * Techniques without triage are passed as they are (no copy).
 */
export function boundForWebview(result: CoverageResult): CoverageResult {
  return { ...result, techniques: result.techniques.map(boundTechnique), nextBest: { ...result.nextBest, picks: result.nextBest.picks.slice(0, MAX_PICKS) } };
}
