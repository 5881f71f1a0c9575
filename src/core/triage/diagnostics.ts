/**
 * What triage says about the model's own decisions, once the analysis is done: acceptances that ended, run too far
 * ahead or match no gap any more, assessments that match no gap (stale decisions must not linger, as in Threagile's
 * risk tracking), and a decision table of its own that is broken or not monotone.
 */
import type { CoverageResult } from '../coverage/types';
import type { Diagnostic, Range } from '../diagnostics';
import type { ThreatModel } from '../model/types';
import { excerpt, quote } from '../text/safe-text';
import type { TableProblem } from './decision-table';
import { daysBetween } from './dates';
import { acceptanceStatus } from './triage';
import type { TriageInput } from './types';

export const TRIAGE_CODES = {
  'triage.acceptance-ended': { severity: 'warning', description: 'A `techniques.accept` entry whose `until` date has passed: the technique is a gap again; the message names the owner and the date.' },
  'triage.acceptance-too-long': { severity: 'warning', description: 'A `techniques.accept` entry whose `until` is more than `policy.maxAcceptance` days after the triage date: it does not count, the technique stays a gap.' },
  'triage.acceptance-orphaned': { severity: 'warning', description: 'A `techniques.accept` entry for a technique that is not a gap (covered, not used, excluded, unknown): the decision is stale; remove it.' },
  'triage.assessment-orphaned': { severity: 'warning', description: 'A `techniques.assess` entry for a technique that is not a gap: the override is stale; remove it.' },
  'triage.table-invalid': { severity: 'error', description: 'The model\'s own decision table (`policy.decisionTable`) is not a complete table: a missing, repeated or invalid row, or not the format. The check stops.' },
  'triage.table-not-monotone': { severity: 'warning', description: 'The model\'s own decision table lowers an outcome when a decision point is raised; each such step is named.' },
} as const;

const diag = (code: keyof typeof TRIAGE_CODES, message: string, range: Range, file: string | undefined, data: Record<string, unknown>): Diagnostic => ({
  code, severity: TRIAGE_CODES[code].severity, message, range, ...(file !== undefined ? { file } : {}), data,
});

/** Acceptance and assessment findings of an analysed model. */
export function triageDiagnostics(model: ThreatModel, result: CoverageResult, triage: TriageInput): Diagnostic[] {
  const state = new Map(result.techniques.map((t) => [t.id, t.state]));
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const a of model.techniques.accept) {
    if (seen.has(a.id) || !a.until || !a.owner) continue; // later duplicates and incomplete entries: the schema's
    seen.add(a.id);
    const s = state.get(a.id);
    const who = `${quote(a.owner.value)}`;
    if (s !== 'gap' && s !== 'accepted') {
      out.push(diag('triage.acceptance-orphaned', `${a.id} is ${s === undefined ? 'not a technique of this release' : stateWords(s)}: the acceptance by ${who} matches no gap any more; remove it`, a.idRange, model.file, { id: a.id, state: s ?? 'unknown' }));
      continue;
    }
    const status = acceptanceStatus({ id: a.id, reason: '', owner: a.owner.value, until: a.until.value }, triage);
    if (status === 'ended') {
      out.push(diag('triage.acceptance-ended', `the acceptance of ${a.id} by ${who} ended on ${a.until.value}: it is a gap again; renew it (a new until) or close the gap`, a.until.range, model.file, { id: a.id, owner: excerpt(a.owner.value), until: a.until.value }));
    } else if (status === 'too-long' && triage.asOf !== undefined) {
      const days = daysBetween(triage.asOf, a.until.value) ?? 0;
      out.push(diag('triage.acceptance-too-long', `the acceptance of ${a.id} by ${who} runs until ${a.until.value}, ${days} days after ${triage.asOf}: over policy.maxAcceptance (${triage.maxAcceptanceDays} days), so it does not count`, a.until.range, model.file, { id: a.id, days, limit: triage.maxAcceptanceDays }));
    }
  }
  const assessed = new Set<string>();
  for (const a of model.techniques.assess) {
    if (assessed.has(a.id)) continue;
    assessed.add(a.id);
    const s = state.get(a.id);
    if (s !== 'gap' && s !== 'accepted') {
      out.push(diag('triage.assessment-orphaned', `${a.id} is ${s === undefined ? 'not a technique of this release' : stateWords(s)}: this assessment matches no gap any more; remove it`, a.idRange, model.file, { id: a.id, state: s ?? 'unknown' }));
    }
  }
  return out;
}

const stateWords = (s: string): string =>
  ({ covered: 'covered', applicable: 'used by no adversary of the model', 'not-applicable': 'on none of the components', excluded: 'excluded' })[s] ?? s;

/** Diagnostics on `policy.decisionTable` for the problems of the model's own table. */
export function tableDiagnostics(problems: readonly TableProblem[], usable: boolean, range: Range, file: string | undefined): Diagnostic[] {
  if (problems.length === 0) return [];
  const listed = problems.slice(0, 5).map((p) => p.message).join('; ');
  const more = problems.length > 5 ? ` and ${problems.length - 5} more` : '';
  return usable
    ? [diag('triage.table-not-monotone', `the decision table is not monotone: ${listed}${more}`, range, file, { problems: problems.length })]
    : [diag('triage.table-invalid', `the decision table cannot be used: ${listed}${more}`, range, file, { problems: problems.length })];
}
