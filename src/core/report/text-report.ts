/**
 * `--format text`: what a person reads in a terminal or a CI log. Every line goes through `terminalLine`: a
 * name's control characters, newlines or bidi overrides show as escapes, and no line can start a CI log command.
 */
import { gapSeverity } from '../coverage/priority';
import { terminalLine } from '../text/safe-text';
import type { ReportContext } from './context';
import { adversaryWords, componentWords, gapsInPriorityOrder, originOf, sourceLabel } from './context';

/** How many gaps the text report lists in full; the rest are counted. */
export const TEXT_GAP_LIMIT = 25;

export function textReport(ctx: ReportContext, limit = TEXT_GAP_LIMIT): string {
  const { result } = ctx;
  const s = result.summary;
  const lines = [
    `${ctx.modelName} — ATT&CK ${result.domain} ${result.version}, policy minCoverage ${result.minCoverage}`,
    `adversary techniques ${s.adversary} · relevant ${s.relevant} · covered ${s.covered} · gaps ${s.gaps}` +
      ` (applicable only ${s.applicable}, not applicable ${s.notApplicable}, excluded ${s.excluded}, live ${s.total})`,
  ];
  const gaps = gapsInPriorityOrder(result);
  if (gaps.length === 0) {
    lines.push('No gaps: every relevant technique is covered at the policy level.');
    return terminalLines(lines);
  }
  lines.push('', `Gaps, most urgent first:`);
  for (const t of gaps.slice(0, limit)) {
    const p = t.priority;
    const where = sourceLabel(ctx.baseDir, originOf(t));
    lines.push(
      `${String(p?.rank ?? '').padStart(4)}. ${p ? gapSeverity(t).padEnd(11) : ''} ${t.id} ${t.name} — score ${p?.score ?? 0}`,
      `        used by ${adversaryWords(t)}; coverage ${componentWords(t)}${where ? `; from ${where}` : ''}`,
    );
  }
  if (gaps.length > limit) lines.push(`   … and ${gaps.length - limit} more (use --format markdown or json for all).`);
  return terminalLines(lines);
}

function terminalLines(lines: readonly string[]): string {
  return `${lines.map(terminalLine).join('\n')}\n`;
}
