/**
 * `--format text`: what a person reads in a terminal or a CI log. Gaps are grouped by triage outcome (Act, Attend,
 * Track*, Track), each with its decision path, the evidence behind every decision point and the mitigations that
 * would close it; Track gaps are summarised by path. Then the next best mitigations and the accepted risks. Every
 * line goes through `terminalLine`: a name's control characters, newlines or bidi overrides show as escapes, and no
 * line can start a CI log command.
 */
import { gapSeverity } from '../coverage/priority';
import type { TechniqueResult } from '../coverage/types';
import { OUTCOME_LABELS } from '../triage/decision-table';
import { terminalLine } from '../text/safe-text';
import type { ReportContext } from './context';
import { ATOMIC_TECHNIQUES_LIMIT, assuranceHeadline, atomicCandidates, atomicWords, claimStateWords, testedClaims, testWords } from './assurance-words';
import { adversaryWords, componentWords, originOf, sourceLabel } from './context';
import {
  MITIGATION_WORDS_LIMIT, acceptedInOrder, byPath, gapsByOutcome, mitigationWords, mitigationsByEffort, nextBestRows,
  nonZeroWords, outcomeCountWords, pointLines, topWords, triageWords,
} from './triage-words';

/** How many gaps (Act, Attend, Track*) the text report shows in full; the rest get one line each. */
export const TEXT_GAP_LIMIT = 250;
/** How many Track gap IDs one path line lists before "and N more". */
export const TRACK_IDS_LIMIT = 40;

const INDENT = '        ';

export function textReport(ctx: ReportContext, limit = TEXT_GAP_LIMIT): string {
  const { result } = ctx;
  const s = result.summary;
  const lines = [
    `${ctx.modelName} — ATT&CK ${result.domain} ${result.version}, policy minCoverage ${result.minCoverage}`,
    `adversary techniques ${s.adversary} · relevant ${s.relevant} · covered ${s.covered} · gaps ${s.gaps}` +
      ` (${outcomeCountWords(s.outcomes)}) · accepted ${s.accepted}` +
      ` (applicable only ${s.applicable}, not applicable ${s.notApplicable}, excluded ${s.excluded}, live ${s.total})`,
    `triage: ${triageWords(result)}`,
  ];
  if (s.gaps === 0) lines.push('No gaps: every relevant technique is covered at the policy level or accepted.');
  let shown = 0;
  for (const [outcome, gaps] of gapsByOutcome(result)) {
    if (gaps.length === 0) continue;
    const label = OUTCOME_LABELS[outcome];
    if (outcome === 'track') {
      lines.push('', `${label} (${gaps.length}), by decision path (the evidence of each: --format markdown or json):`);
      for (const group of byPath(gaps)) {
        const ids = group.gaps.map((g) => g.id);
        const listed = ids.length > TRACK_IDS_LIMIT ? `${ids.slice(0, TRACK_IDS_LIMIT).join(', ')} and ${ids.length - TRACK_IDS_LIMIT} more` : ids.join(', ');
        lines.push(`   ${group.path} (${ids.length}): ${listed}`);
      }
      continue;
    }
    lines.push('', `${label} (${gaps.length}):`);
    for (const t of gaps) {
      if (shown < limit) lines.push(...gapLines(ctx, t));
      else lines.push(headLine(t));
      shown++;
    }
  }
  if (shown > limit) lines.push(`   (${shown - limit} gap(s) after the first ${limit} in one line each: --format markdown or json for all)`);
  lines.push(...nextBestLines(ctx), ...acceptedLines(ctx), ...assuranceLines(ctx));
  return terminalLines(lines);
}

function headLine(t: TechniqueResult): string {
  const p = t.priority;
  return `${String(p?.rank ?? '').padStart(4)}. ${gapSeverity(t).padEnd(11)} ${t.id} ${t.name} — score ${p?.score ?? 0} · ${t.triage?.path ?? ''}`;
}

function gapLines(ctx: ReportContext, t: TechniqueResult): string[] {
  const p = t.priority;
  const where = sourceLabel(ctx.baseDir, originOf(t));
  const out = [
    `${String(p?.rank ?? '').padStart(4)}. ${gapSeverity(t).padEnd(11)} ${t.id} ${t.name} — score ${p?.score ?? 0}`,
    `${INDENT}${t.triage?.path ?? ''}`,
    ...pointLines(t).map(([name, words]) => `${INDENT}  ${name} ${words}`),
  ];
  const top = topWords(t.triage?.top);
  if (top) out.push(`${INDENT}  Top ATT&CK Techniques: ${top}`);
  out.push(`${INDENT}used by ${adversaryWords(t)}; coverage ${componentWords(t)}${where ? `; from ${where}` : ''}`);
  const options = mitigationsByEffort(t);
  if (options.length === 0) out.push(`${INDENT}closes it: no ATT&CK mitigation mitigates ${t.id}: only a control that lists the technique itself`);
  else {
    out.push(`${INDENT}closes it:`);
    for (const m of options.slice(0, MITIGATION_WORDS_LIMIT)) out.push(`${INDENT}  ${mitigationWords(m)}`);
    if (options.length > MITIGATION_WORDS_LIMIT) out.push(`${INDENT}  and ${options.length - MITIGATION_WORDS_LIMIT} more mitigation(s)`);
  }
  return out;
}

function nextBestLines(ctx: ReportContext): string[] {
  const { result } = ctx;
  if (result.summary.gaps === 0) return [];
  const rows = nextBestRows(result);
  const out = ['', 'Next best mitigations (each closes the gaps no earlier pick closes; weighted Act 8, Attend 4, Track* 2, Track 1):'];
  if (rows.length === 0) out.push('   none: no ATT&CK mitigation closes any of the gaps');
  rows.forEach((r, i) => {
    out.push(
      `${String(i + 1).padStart(4)}. ${r.pick.id} ${r.pick.name} — closes ${r.pick.closes.length} (${nonZeroWords(r.pick.byOutcome)})` +
        `; cumulative ${r.cumulativeTotal} of ${result.summary.gaps}; remaining ${outcomeCountWords(r.remaining)}`,
    );
  });
  if (result.nextBest.unmitigable > 0) out.push(`   ${result.nextBest.unmitigable} gap(s) have no ATT&CK mitigation at all: only controls that list the techniques close them`);
  return out;
}

function acceptedLines(ctx: ReportContext): string[] {
  const accepted = acceptedInOrder(ctx.result);
  if (accepted.length === 0) return [];
  const out = ['', `Accepted risks (${accepted.length}):`];
  for (const t of accepted) {
    const a = t.acceptance;
    const where = sourceLabel(ctx.baseDir, a?.source);
    out.push(
      `   ${t.id} ${t.name} — owner ${a?.owner ?? ''}, until ${a?.until ?? ''}${a?.ref ? `, ref ${a.ref}` : ''}${where ? `; accepted at ${where}` : ''}`,
      `${INDENT}reason: ${a?.reason ?? ''}`,
      `${INDENT}would be ${t.triage?.path ?? 'a gap'}`,
    );
  }
  return out;
}

/** Claimed vs validated: the headline, every tested claim but the validated ones, the atomic tests to run. */
function assuranceLines(ctx: ReportContext): string[] {
  const { result } = ctx;
  const out = ['', `Assurance: ${assuranceHeadline(result)}`];
  const rows = testedClaims(result);
  for (const r of rows.filter((x) => x.validation.state !== 'validated')) {
    const where = sourceLabel(ctx.baseDir, r.source);
    out.push(`   ${r.validation.state.padEnd(9)} ${r.control} on ${r.technique.id} ${r.technique.name} (${r.components.join(', ')}) — ${claimStateWords(r)}; latest ${testWords(r.validation)}${where ? `; at ${where}` : ''}`);
  }
  const validated = rows.filter((x) => x.validation.state === 'validated').length;
  if (validated > 0) out.push(`   ${validated} tested claim(s) validated (each with its test: --format markdown or json)`);
  const a = result.assurance.atomics;
  if (a) {
    const candidates = atomicCandidates(result);
    out.push(`   Atomic Red Team (${a.files} technique files, ${a.tests} tests): ${candidates.length} covered or gap technique(s) not validated have tests for their components`);
    for (const t of candidates.slice(0, ATOMIC_TECHNIQUES_LIMIT)) out.push(`${INDENT}${t.id} ${t.name} (${t.state}): ${atomicWords(t.atomics!)}`);
    if (candidates.length > ATOMIC_TECHNIQUES_LIMIT) out.push(`${INDENT}and ${candidates.length - ATOMIC_TECHNIQUES_LIMIT} more (--format json)`);
  }
  return out;
}

function terminalLines(lines: readonly string[]): string {
  return `${lines.map(terminalLine).join('\n')}\n`;
}
