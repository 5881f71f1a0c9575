/**
 * The triage sections of the Markdown report: the gaps grouped by outcome (Act, Attend, Track* in full with the
 * decision path, the evidence of each decision point and what closes each gap; Track summarised by path), the next
 * best mitigations with running totals, and the accepted risks with their owners. Every string from the data or the
 * user goes through text/markdown.ts.
 */
import type { TechniqueResult } from '../coverage/types';
import { DECISION_POINT_NAMES, OUTCOME_LABELS } from '../triage/decision-table';
import { mdCode, mdLink, mdText as md } from '../text/markdown';
import type { ReportContext } from './context';
import { adversaryWords, componentWords, originOf, sourceLabel, tacticNames } from './context';
import {
  MITIGATION_WORDS_LIMIT, acceptedInOrder, byPath, gapsByOutcome, mitigationUseWords, mitigationWords, mitigationsByEffort,
  nextBestRows, outcomeCountWords, pointParts, topWords,
} from './triage-words';

const link = (t: TechniqueResult) => mdLink(t.id, t.url);
const OUTCOME_MEANING = {
  act: 'act now, at the highest level of attention',
  attend: 'out of the normal cycle, soon',
  'track*': 'in the normal cycle, and watch: it may need attention',
  track: 'in the normal cycle',
} as const;

/** "## Gaps by outcome" with one section per outcome that has gaps. */
export function gapSections(ctx: ReportContext): string[] {
  const { result } = ctx;
  const out = ['## Gaps by outcome', ''];
  if (result.summary.gaps === 0) return [...out, 'None: every relevant technique is covered at the policy level or accepted.', ''];
  out.push(`${md(outcomeCountWords(result.summary.outcomes))}. Inside an outcome, gaps are ranked by priority score, then by the Top ATT&CK Techniques score when given, then by ID.`, '');
  for (const [outcome, gaps] of gapsByOutcome(result)) {
    if (gaps.length === 0) continue;
    out.push(`### ${md(OUTCOME_LABELS[outcome])} (${gaps.length}): ${OUTCOME_MEANING[outcome]}`, '');
    if (outcome === 'track') out.push(...trackSummary(gaps));
    else for (const t of gaps) out.push(...gapBlock(ctx, t));
  }
  return out;
}

function gapBlock(ctx: ReportContext, t: TechniqueResult): string[] {
  const p = t.priority;
  const where = sourceLabel(ctx.baseDir, originOf(t));
  const out = [
    `#### ${p?.rank ?? ''}\\. ${link(t)} ${md(t.name)}`,
    '',
    `**${md(t.triage?.path ?? '')}** · score ${p?.score ?? 0} · ${md(tacticNames(ctx.result, t).join(', '))}${where ? ` · brought in by ${mdCode(where)}` : ''}`,
    '',
    ...DECISION_POINT_NAMES.map((name) => {
      const { value, evidence } = pointParts(t, name);
      return `- **${name}: ${md(value)}**${evidence ? ` — ${md(evidence)}` : ''}`;
    }),
  ];
  const top = topWords(t.triage?.top);
  if (top) out.push(`- **Top ATT&CK Techniques** — ${md(top)}`);
  out.push(`- **Used by** ${md(adversaryWords(t))}; **coverage** ${md(componentWords(t))}`);
  const options = mitigationsByEffort(t);
  if (options.length === 0) out.push(`- **What closes it**: no ATT&CK mitigation mitigates ${md(t.id)}; only a control that lists the technique itself`);
  else {
    out.push('- **What closes it**:');
    for (const m of options.slice(0, MITIGATION_WORDS_LIMIT)) out.push(`  - ${md(mitigationWords(m))}`);
    if (options.length > MITIGATION_WORDS_LIMIT) out.push(`  - and ${options.length - MITIGATION_WORDS_LIMIT} more (the JSON report lists every one)`);
  }
  out.push('');
  return out;
}

function trackSummary(gaps: readonly TechniqueResult[]): string[] {
  const out = ['Summarised by decision path (each gap\'s evidence and mitigations are in the JSON report).', '', '| Decision path | Gaps | Techniques |', '|---|---:|---|'];
  for (const group of byPath(gaps)) out.push(`| ${md(group.path)} | ${group.gaps.length} | ${group.gaps.map(link).join(', ')} |`);
  out.push('');
  return out;
}

/** "## Next best mitigations": the greedy picks, what each adds, the running total and what remains. */
export function nextBestSection(ctx: ReportContext): string[] {
  const { result } = ctx;
  if (result.summary.gaps === 0) return [];
  const out = [
    '## Next best mitigations',
    '',
    'The few ATT&CK mitigations that together close the most gaps, weighted by outcome (Act 8, Attend 4, Track\\* 2, Track 1). ' +
      'Each pick counts the gaps no earlier pick closes; a mitigation closes a gap when a counting control gives it at the policy level on every component below it.',
    '',
  ];
  const rows = nextBestRows(result);
  if (rows.length === 0) out.push('None: no ATT&CK mitigation closes any of the gaps.', '');
  else {
    out.push('| # | Mitigation | Closes | Act | Attend | Track\\* | Track | Cumulative | Remaining after | In the inventories |', '|---:|---|---:|---:|---:|---:|---:|---:|---|---|');
    rows.forEach((r, i) => {
      const b = r.pick.byOutcome;
      out.push(
        `| ${i + 1} | ${md(r.pick.id)} ${md(r.pick.name)} | ${r.pick.closes.length} | ${b.act} | ${b.attend} | ${b['track*']} | ${b.track} | ${r.cumulativeTotal} of ${result.summary.gaps} | ${md(outcomeCountWords(r.remaining))} | ${md(mitigationUseWords(r.option))} |`,
      );
    });
    out.push('');
  }
  if (result.nextBest.unmitigable > 0) out.push(`${result.nextBest.unmitigable} gap(s) have no ATT&CK mitigation at all: only controls that list the techniques close them.`, '');
  return out;
}

/** "## Accepted risks": technique, owner, until, reason, ref, and what it would be without the acceptance. */
export function acceptedSection(ctx: ReportContext): string[] {
  const accepted = acceptedInOrder(ctx.result);
  if (accepted.length === 0) return [];
  const out = [
    '## Accepted risks',
    '',
    `${accepted.length} technique(s) would be gaps; their risk is accepted until the date given (at most the policy's maximum ahead). From that date they are gaps again.`,
    '',
    '| Technique | Owner | Until | Reason | Ref | Would be | Accepted at |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const t of accepted) {
    const a = t.acceptance;
    const where = sourceLabel(ctx.baseDir, a?.source);
    const ref = a?.ref === undefined ? '–' : /^https:/i.test(a.ref) ? mdLink(a.ref, a.ref) : md(a.ref);
    out.push(`| ${link(t)} ${md(t.name)} | ${md(a?.owner ?? '')} | ${md(a?.until ?? '')} | ${md(a?.reason ?? '')} | ${ref} | ${md(t.triage?.path ?? '')} | ${where ? mdCode(where) : '–'} |`);
  }
  out.push('');
  return out;
}
