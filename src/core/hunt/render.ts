/** A hunt plan as Markdown (for people; every string escaped) or JSON (the stable machine interface). */
import { OUTCOME_LABELS } from '../triage/decision-table';
import { jsonText } from '../text/json-text';
import { mdCode, mdLink, mdText } from '../text/markdown';
import type { CandidateRule, ComponentHunt, DataNeed, GapHunt, Hypothesis, HuntPlan } from './types';

export const HUNT_FORMATS = ['markdown', 'json'] as const;
export type HuntFormat = (typeof HUNT_FORMATS)[number];

export function renderHuntPlan(format: HuntFormat, plan: HuntPlan): string {
  return format === 'json' ? jsonText({ huntPlan: 1, ...plan }) : huntMarkdown(plan);
}

const TESTABLE: Readonly<Record<Hypothesis['testable'], string>> = {
  yes: 'yes — the data it needs is collected there',
  no: 'no — none of the data it needs is collected there',
  undeclared: 'not known — no telemetry is declared for this component',
};

/** The whole plan: summary, then one section per gap, one sub-section per component. */
export function huntMarkdown(plan: HuntPlan): string {
  const lines: string[] = [`# Hunt plan: ${mdText(plan.modelName)}`, ''];
  const hypotheses = plan.gaps.reduce((n, g) => n + g.components.reduce((m, c) => m + c.hypotheses.length, 0), 0);
  const testable = plan.gaps.reduce((n, g) => n + g.components.reduce((m, c) => m + c.hypotheses.filter((h) => h.testable === 'yes').length, 0), 0);
  lines.push(`ATT&CK ${mdText(plan.attack.domain)} ${mdText(plan.attack.version)}; ${plan.gaps.length} gap(s), most urgent first; ${hypotheses} hypothesis(es), ${testable} testable with the telemetry declared.`, '');
  if (plan.ruleLibrary) {
    const l = plan.ruleLibrary;
    lines.push(`Rule library: ${mdCode(l.dir)} (${l.rules} rules in ${l.files} files, ${l.problems} file problem(s)).`, '');
  }
  for (const n of plan.notes) lines.push(`> ${mdText(n)}`, '');
  for (const g of plan.gaps) lines.push(...gapSection(g));
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

/** One gap's section (also what the extension shows for a single technique). */
export function gapSection(g: GapHunt): string[] {
  const outcome = g.outcome ? `${OUTCOME_LABELS[g.outcome]} · ` : '';
  const lines = [`## ${g.rank > 0 ? `${g.rank}. ` : ''}${mdLink(`${g.technique} ${g.name}`, g.url)}`, ''];
  lines.push(`${mdText(`${outcome}brought in by ${g.adversaries.join(', ') || 'the model'}`)}`, '');
  for (const c of g.components) lines.push(...componentSection(c));
  return lines;
}

function componentSection(c: ComponentHunt): string[] {
  const lines = [`### On ${mdText(c.componentName)}${c.platforms.length > 0 ? ` (${mdText(c.platforms.join(', '))})` : ''}`, ''];
  if (c.hypotheses.length === 0) lines.push('No ATT&CK analytic of this technique covers these platforms.', '');
  c.hypotheses.forEach((h, i) => lines.push(...hypothesisLines(h, i + 1)));
  if (c.candidates.length > 0) {
    lines.push('Candidate public rules:', '');
    for (const r of c.candidates) lines.push(`- ${candidateLine(r)}`);
    if (c.moreCandidates > 0) lines.push(`- … and ${c.moreCandidates} more`);
    lines.push('');
  }
  return lines;
}

function hypothesisLines(h: Hypothesis, n: number): string[] {
  const lines = [
    `${n}. **Hypothesis** (${mdLink(h.analytic.id, h.analytic.url)} of ${mdLink(`${h.strategy.id} ${h.strategy.name}`, h.strategy.url)}): ${mdText(h.text)}`,
    `   - Data needed: ${h.needs.length > 0 ? h.needs.map(needText).join('; ') : 'none named by the analytic'}`,
    `   - Testable: ${TESTABLE[h.testable]}`,
  ];
  if (h.toCollect.length > 0) lines.push(`   - ${h.testable === 'undeclared' ? 'Declare or collect' : 'To collect'}: ${h.toCollect.map(mdText).join('; ')}`);
  if (h.tunable.length > 0) lines.push(`   - Tune: ${h.tunable.map((m) => `${mdCode(m.field)} (${mdText(m.description)})`).join('; ')}`);
  lines.push('');
  return lines;
}

function needText(n: DataNeed): string {
  const mark = n.collected === undefined ? '' : n.collected ? ' ✓' : ' ✗';
  return `${mdCode(n.logSource)}${n.channel && n.channel !== 'None' ? ` ${mdText(n.channel)}` : ''} (${mdText(`${n.dataComponent} ${n.dataComponentName}`)})${mark}`;
}

function candidateLine(r: CandidateRule): string {
  const usable = r.usable === 'yes' ? 'usable here' : r.usable === 'no' ? `needs ${(r.needs ?? []).join(', ')}` : 'telemetry not declared';
  return `${mdText(r.title)} — ${mdCode(`${r.file}:${r.line}`)} (${mdText([r.format, r.status, r.logsource].filter(Boolean).join(', '))}; ${mdText(usable)})`;
}
