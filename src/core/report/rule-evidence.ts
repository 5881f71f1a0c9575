/**
 * Detection-rule evidence in reports (docs/rules.md): per technique and rule-backed control, the rules that give
 * it coverage (title, id, file relative to the report's base, line, status, level), capped, with the total count.
 */
import type { RuleEvidence, TechniqueResult } from '../coverage/types';
import { MAX_RULES_SHOWN, ruleCountText, ruleEvidenceOf } from '../language/coverage-views';
import { mdCode, mdLink, mdText } from '../text/markdown';
import type { ReportContext } from './context';
import { relativePath } from './context';

/** Most techniques listed per control in the Markdown section (JSON lists every one). */
export const MAX_RULE_TECHNIQUES_MARKDOWN = 50;

export function ruleJson(baseDir: string, r: RuleEvidence): Record<string, unknown> {
  return {
    format: r.format, title: r.title, ...(r.id !== undefined ? { id: r.id } : {}),
    location: { file: relativePath(baseDir, r.file), line: r.line },
    ...(r.status !== undefined ? { status: r.status } : {}), level: r.level,
  };
}

/** For SARIF and JSON result properties: `{ rules: [{ control, count, rules: [...] }] }` when the technique has any. */
export function ruleProperties(baseDir: string, t: TechniqueResult): { rules?: Record<string, unknown>[] } {
  const evidence = ruleEvidenceOf(t);
  if (evidence.length === 0) return {};
  return { rules: evidence.map((e) => ({ control: e.control, format: e.format, count: e.count, rules: e.rules.slice(0, MAX_RULES_SHOWN).map((r) => ruleJson(baseDir, r)) })) };
}

/** "## Detection rules": per rule-backed control, the relevant techniques its rules cover and the first rules of each. */
export function ruleSection(ctx: ReportContext): string[] {
  const relevant = ctx.result.techniques.filter((t) => t.state === 'covered' || t.state === 'gap' || t.state === 'accepted');
  const byControl = new Map<string, { t: TechniqueResult; e: ReturnType<typeof ruleEvidenceOf>[number] }[]>();
  for (const t of relevant) for (const e of ruleEvidenceOf(t)) byControl.set(e.control, [...(byControl.get(e.control) ?? []), { t, e }]);
  if (byControl.size === 0) return [];
  const out = ['## Detection rules', '', 'Relevant techniques that rule-backed controls cover, with the rules behind each (first ' + MAX_RULES_SHOWN + ').', ''];
  for (const [control, items] of byControl) {
    out.push(`### ${mdText(control)}: ${items.length} relevant technique${items.length === 1 ? '' : 's'}`, '', '| Technique | State | Rules |', '|---|---|---|');
    for (const { t, e } of items.slice(0, MAX_RULE_TECHNIQUES_MARKDOWN)) {
      const rules = e.rules.slice(0, MAX_RULES_SHOWN).map((r) => `${mdText(r.title)} (${r.status !== undefined ? `${mdText(r.status)}, ` : ''}${r.level}; ${mdCode(`${relativePath(ctx.baseDir, r.file)}:${r.line}`)})`);
      const more = e.count - rules.length;
      out.push(`| ${mdLink(t.id, t.url)} ${mdText(t.name)} | ${t.state} | ${ruleCountText(e.format, e.count)}: ${rules.join('; ')}${more > 0 ? `; and ${more} more` : ''} |`);
    }
    if (items.length > MAX_RULE_TECHNIQUES_MARKDOWN) out.push('', `and ${items.length - MAX_RULE_TECHNIQUES_MARKDOWN} more techniques (the JSON report lists every one)`);
    out.push('');
  }
  return out;
}
