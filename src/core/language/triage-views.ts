/**
 * What the editor says about triage, as plain strings and Markdown built from the engine's result: a gap
 * diagnostic's message ("Act: active · automatable · open · high — Gap: T1486 …"), the outcome CodeLens over an
 * adversary ("1 Act · 14 Attend gaps"), the triage lines of a hover card, and whether an acceptance holds.
 */
import type { CoverageResult, TechniqueResult } from '../coverage/types';
import { gapSentence } from '../report/context';
import { pointWords } from '../report/triage-words';
import { daysBetween } from '../triage/dates';
import type { Outcome } from '../triage/decision-table';
import { DECISION_POINT_NAMES, OUTCOME_LABELS } from '../triage/decision-table';
import type { AcceptanceStatus } from '../triage/triage';
import { acceptanceStatus } from '../triage/triage';
import type { AcceptanceInput, TriageInput } from '../triage/types';
import { mdText } from '../text/markdown';

/** "active · automatable · open · high" (the path without its outcome). */
export function decisionPoints(t: Pick<TechniqueResult, 'triage'>): string {
  return t.triage?.path.split(' → ')[0] ?? '';
}

/** "Act: active · automatable · open · high — Gap: T1486 Data Encrypted for Impact is used by … (policy partial)." */
export function gapDiagnosticMessage(t: TechniqueResult, result: CoverageResult): string {
  const outcome = t.triage?.outcome ?? 'track';
  const points = decisionPoints(t);
  const rank = t.priority ? ` Rank ${t.priority.rank} of ${result.summary.gaps}.` : '';
  return `${OUTCOME_LABELS[outcome]}${points ? `: ${points}` : ''} — ${gapSentence(t, result.minCoverage)}${rank}`;
}

export type OutcomeTally = Record<Outcome, number>;

const emptyTally = (): OutcomeTally => ({ act: 0, attend: 0, 'track*': 0, track: 0 });

/** Each adversary's gaps by outcome (an adversary that brings a technique in twice counts it once). */
export function adversaryOutcomes(result: CoverageResult): Map<number, OutcomeTally> {
  let memo = outcomeMemo.get(result);
  if (memo) return memo;
  memo = new Map();
  for (const t of result.techniques) {
    if (t.state !== 'gap') continue;
    const outcome = t.triage?.outcome ?? 'track';
    for (const adversary of new Set(t.adversaries.map((a) => a.adversary))) {
      let tally = memo.get(adversary);
      if (!tally) memo.set(adversary, (tally = emptyTally()));
      tally[outcome]++;
    }
  }
  outcomeMemo.set(result, memo);
  return memo;
}

const outcomeMemo = new WeakMap<CoverageResult, Map<number, OutcomeTally>>();

/** "2 Act · 14 Attend gaps", "no Act or Attend gaps (3 Track*, 9 Track)". */
export function outcomeLensTitle(tally: OutcomeTally | undefined): string {
  const t = tally ?? emptyTally();
  if (t.act === 0 && t.attend === 0) {
    const rest = [t['track*'] > 0 ? `${t['track*']} Track*` : '', t.track > 0 ? `${t.track} Track` : ''].filter(Boolean);
    return `no Act or Attend gaps${rest.length > 0 ? ` (${rest.join(', ')})` : ''}`;
  }
  return `${t.act} Act · ${t.attend} Attend gap${t.act + t.attend === 1 ? '' : 's'}`;
}

/** How many mitigations a hover lists. */
export const HOVER_MITIGATIONS = 5;

/** The hover card's triage lines for a gap or accepted technique (Markdown; model and data text escaped). */
export function triageHoverLines(t: TechniqueResult, triage: TriageInput | undefined): string[] {
  if (!t.triage) return [];
  const out = [`- Triage: **${OUTCOME_LABELS[t.triage.outcome]}** (${mdText(decisionPoints(t))})`];
  for (const p of DECISION_POINT_NAMES) out.push(`  - ${p}: ${mdText(pointWords(t, p))}${t.triage[p].assessed ? ` (assessed; computed ${t.triage[p].assessed!.computed})` : ''}`);
  if (t.triage.top) out.push(`  - Top ATT&CK Techniques: prevalence ${t.triage.top.prevalence.toFixed(2)}, choke point ${t.triage.top.chokePoint.toFixed(2)}, actionability ${t.triage.top.actionability.toFixed(2)}`);
  const ms = t.mitigations ?? [];
  if (ms.length > 0) {
    out.push(`- What closes it: ${ms.slice(0, HOVER_MITIGATIONS).map((m) => `${m.id} ${mdText(m.name)} (${mdText(m.action)})`).join('; ')}${ms.length > HOVER_MITIGATIONS ? `; and ${ms.length - HOVER_MITIGATIONS} more` : ''}`);
  } else if (t.state === 'gap') out.push('- What closes it: no ATT&CK mitigation mitigates it; a control that covers the technique itself');
  if (t.acceptance && triage) out.push(`- ${mdText(acceptanceWords(t.acceptance, triage))}`);
  return out;
}

/** "Accepted by x until 2027-03-31 (118 days left)", "The acceptance by x ended on 2026-01-31: a gap again". */
export function acceptanceWords(a: AcceptanceInput, triage: TriageInput): string {
  const status: AcceptanceStatus = acceptanceStatus(a, triage);
  const left = triage.asOf !== undefined ? daysBetween(triage.asOf, a.until) : undefined;
  switch (status) {
    case 'holds':
      return `Accepted by ${a.owner} until ${a.until} (${left} day${left === 1 ? '' : 's'} left as of ${triage.asOf})${a.ref ? `, ${a.ref}` : ''}: not a gap while it holds`;
    case 'ended':
      return `The acceptance by ${a.owner} ended on ${a.until} (triage date ${triage.asOf}): a gap again`;
    case 'too-long':
      return `The acceptance by ${a.owner} runs until ${a.until}, ${left} days after ${triage.asOf}: more than policy.maxAcceptance (${triage.maxAcceptanceDays} days), so it does not count`;
    default:
      return `Accepted by ${a.owner} until ${a.until}, but there is no triage date: it does not count`;
  }
}
