/**
 * Elastic detection rules (TOML, one rule per file, github.com/elastic/detection-rules) to DetectionRule.
 * TOML is parsed with `smol-toml` (maintained, spec-complete TOML 1.0, no dependencies, errors with line and
 * column). Techniques come from `[[rule.threat]]` blocks whose `framework` is "MITRE ATT&CK": each
 * `[[rule.threat.technique]]` id and its `[[rule.threat.technique.subtechnique]]` ids. smol-toml keeps no
 * positions, so the lines of `[rule]` and of each technique id are found by one scan of the text.
 */
import { TomlError, parse } from 'smol-toml';
import { cutText, problem } from './text';
import type { DetectionRule, ParsedRules, RuleProblem, RuleTechnique } from './types';
import { MAX_RULE_FILE_CHARS } from './types';

export const ATTACK_FRAMEWORK = 'MITRE ATT&CK';
const TECHNIQUE_ID = /^T\d{4}(\.\d{3})?$/;

type Table = Readonly<Record<string, unknown>>;

/** The rule in an Elastic TOML file (none when it is broken or not a rule), and what could not be read. */
export function parseElasticRule(text: string, file: string): ParsedRules {
  if (text.length > MAX_RULE_FILE_CHARS) return { rules: [], problems: [problem('too-large', file, 1, 1, `the Elastic rule file is larger than ${MAX_RULE_FILE_CHARS / 1024 / 1024} MB: not read`)] };
  let root: Table;
  try {
    root = parse(text) as Table;
  } catch (e) {
    // Never smol-toml's message or code block: they quote the file.
    const line = e instanceof TomlError ? e.line : 1;
    const column = e instanceof TomlError ? e.column : 1;
    return { rules: [], problems: [problem('parse-error', file, line, column, `not valid TOML (line ${line}, column ${column}): the rule is not read`)] };
  }
  const lines = scanLines(text);
  const rule = table(root['rule']);
  const name = rule ? str(rule['name']) : undefined;
  if (!rule || name === undefined || name.trim() === '') {
    return { rules: [], problems: [problem('not-a-rule', file, lines.rule ?? 1, 1, 'not an Elastic detection rule: it needs a `[rule]` table with a `name`')] };
  }
  const problems: RuleProblem[] = [];
  const techniques = readThreats(rule['threat'], lines.ids, file, problems);
  const id = str(rule['rule_id']);
  const status = str(table(root['metadata'])?.['maturity'])?.toLowerCase();
  const severity = str(rule['severity'])?.toLowerCase();
  const index = Array.isArray(rule['index']) ? rule['index'].filter((i): i is string => typeof i === 'string').map((i) => cutText(i)) : undefined;
  const parsed: DetectionRule = {
    format: 'elastic',
    file,
    line: lines.rule ?? 1,
    ...(id ? { id: cutText(id) } : {}),
    title: cutText(name),
    ...(status ? { status: cutText(status) } : {}),
    ...(severity ? { severity: cutText(severity) } : {}),
    techniques,
    ...(index && index.length > 0 ? { indices: index } : {}),
  };
  return { rules: [parsed], problems };
}

function readThreats(threats: unknown, idLines: ReadonlyMap<string, number>, file: string, problems: RuleProblem[]): RuleTechnique[] {
  const out: RuleTechnique[] = [];
  const seen = new Set<string>();
  const add = (raw: unknown): void => {
    if (typeof raw !== 'string') return;
    const id = raw.trim().toUpperCase();
    const line = idLines.get(id) ?? idLines.get(raw) ?? 1;
    if (!TECHNIQUE_ID.test(id)) {
      problems.push(problem('malformed-tag', file, line, 1, `the technique id ${JSON.stringify(cutText(raw, 40))} is not an ATT&CK technique ID (TNNNN or TNNNN.NNN): ignored`));
      return;
    }
    if (seen.has(id)) return;
    seen.add(id);
    out.push({ id, line });
  };
  for (const threat of Array.isArray(threats) ? threats : []) {
    const t = table(threat);
    if (!t || t['framework'] !== ATTACK_FRAMEWORK) continue;
    for (const technique of Array.isArray(t['technique']) ? t['technique'] : []) {
      const tech = table(technique);
      if (!tech) continue;
      add(tech['id']);
      for (const sub of Array.isArray(tech['subtechnique']) ? tech['subtechnique'] : []) add(table(sub)?.['id']);
    }
  }
  return out;
}

/** 1-based lines of the `[rule]` header and of the first `id = "…"` assignment of each value. */
function scanLines(text: string): { rule?: number; ids: Map<string, number> } {
  const ids = new Map<string, number>();
  let rule: number | undefined;
  let line = 1;
  for (let start = 0; start <= text.length; line++) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const content = text.slice(start, end).trim();
    if (rule === undefined && /^\[\s*rule\s*\]/.test(content)) rule = line;
    const id = /^id\s*=\s*["']([^"']*)["']/.exec(content);
    if (id) {
      const value = (id[1] as string).trim().toUpperCase();
      if (!ids.has(value)) ids.set(value, line);
    }
    if (newline < 0) break;
    start = newline + 1;
  }
  return { ...(rule !== undefined ? { rule } : {}), ids };
}

function table(v: unknown): Table | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date) ? (v as Table) : undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
