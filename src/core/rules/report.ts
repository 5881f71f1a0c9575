/**
 * The diagnostics of rule import and the summary of one `rules:` entry. What is wrong in a rule file sits on that
 * file, at its line (a broken file is a warning there, never a failed model); what an entry matched sits on the
 * entry's `path` in the inventory. Messages quote at most a short, escaped excerpt of a rule file.
 */
import type { Diagnostic, Range, Severity } from '../diagnostics';
import type { IdResolution } from '../import/retired';
import { excerpt, listSome, quotePath } from '../text/safe-text';
import type { DetectionRule, RuleFormat } from './types';

/** Every `rules.*` code with its severity and meaning (docs/rules.md lists the same). */
export const RULE_CODES: Readonly<Record<string, { readonly severity: Severity; readonly description: string }>> = {
  'rules.parse-error': { severity: 'warning', description: 'A rule file is not valid YAML / TOML: on the file, at the line and column of the error; its rules are not read.' },
  'rules.not-a-rule': { severity: 'warning', description: 'A YAML document without a Sigma `title`, or TOML without an Elastic `[rule]` `name`: not read.' },
  'rules.too-large': { severity: 'warning', description: 'A rule file over 2 MB, nesting deeper than 400 levels or expanding aliases too far: not read.' },
  'rules.malformed-tag': { severity: 'warning', description: 'An ATT&CK-looking tag that is no technique ID (`attack.t1059.01`): ignored.' },
  'rules.revoked-technique': { severity: 'warning', description: 'A rule tags a technique revoked in the pinned release: it counts as its replacement.' },
  'rules.deprecated-technique': { severity: 'warning', description: 'A rule tags a technique deprecated (or revoked without replacement) in the pinned release: left out.' },
  'rules.unknown-technique': { severity: 'warning', description: 'A rule tags a technique ID that is not in the pinned release: left out.' },
  'rules.no-match': { severity: 'warning', description: 'A `rules:` path or glob matches no rule file.' },
  'rules.too-many-files': { severity: 'warning', description: 'A glob matches more than 20,000 files: the first 20,000 in path order are read.' },
  'rules.file-refused': { severity: 'warning', description: 'A matched rule file was not read by the confined reader (not a regular file, over the cap, outside the roots through a link); at most 10 per entry, the rest counted in the summary.' },
  'rules.summary': { severity: 'information', description: 'What an entry imported: files, rules, techniques, rules skipped by status, broken files.' },
};

/** What one `rules:` entry imported. Every matched file is counted once: used, broken, refused, or only skipped. */
export interface RuleSetSummary {
  readonly inventory?: string;
  readonly range: Range;
  readonly written: string;
  readonly format: RuleFormat;
  /** Files read (matched and present). */
  readonly files: number;
  /** Rules in them. */
  readonly rules: number;
  /** Rules that give the control at least one live technique. */
  readonly counted: number;
  /** Distinct live techniques the entry gives. */
  readonly techniques: number;
  /** Rules whose status gives `none` (or no level at all), by status. */
  readonly skippedByStatus: Readonly<Record<string, number>>;
  /** Statuses the entry's table does not know (skipped). */
  readonly unknownStatus?: readonly string[];
  /** Counting rules without a technique tag. */
  readonly noTechniques: number;
  /** Counting rules whose every technique tag is unknown or deprecated in the pinned release (reported on the tags). */
  readonly noLiveTechniques: number;
  /** Files that gave no rule because of a problem (parse error, not a rule, too large). */
  readonly broken: number;
  readonly refused: number;
  readonly revoked?: number;
  readonly deprecated?: number;
  readonly unknown?: number;
}

interface EntrySite {
  readonly yamlFile?: string;
  readonly range: Range;
  readonly written: string;
}

const severityOf = (code: string): Severity => RULE_CODES[code]?.severity ?? 'warning';

export function entryDiagnostic(site: EntrySite, code: string, message: string, data: Record<string, unknown> = {}): Diagnostic {
  return { code, severity: severityOf(code), message, range: site.range, ...(site.yamlFile !== undefined ? { file: site.yamlFile } : {}), data: { path: site.written, ...data } };
}

/** A diagnostic on a rule file: from the 1-based line and column to the end of that line. */
export function fileDiagnostic(file: string, line: number, column: number, code: string, message: string, data: Record<string, unknown> = {}): Diagnostic {
  return { code, severity: severityOf(code), message, range: { start: { line: line - 1, character: Math.max(0, column - 1) }, end: { line, character: 0 } }, file, data };
}

/** On each tag of a counting rule whose ID is revoked, deprecated or unknown in the pinned release, once per tag. */
export function resolutionDiagnostics(rules: readonly DetectionRule[], r: IdResolution, pinned: string, done: Set<string>): Diagnostic[] {
  if (r.revoked.length === 0 && r.deprecated.length === 0 && r.unknown.length === 0) return [];
  const revoked = new Map(r.revoked.map((x) => [x.id, x.replacement]));
  const deprecated = new Set(r.deprecated);
  const unknown = new Set(r.unknown);
  const out: Diagnostic[] = [];
  for (const rule of rules) {
    for (const t of rule.techniques) {
      const replacement = revoked.get(t.id);
      const code = replacement !== undefined ? 'rules.revoked-technique' : deprecated.has(t.id) ? 'rules.deprecated-technique' : unknown.has(t.id) ? 'rules.unknown-technique' : undefined;
      if (code === undefined) continue;
      const key = `${rule.file}:${t.line}:${t.id}`;
      if (done.has(key)) continue;
      done.add(key);
      const id = excerpt(t.id);
      const message = replacement !== undefined ? `${id} is revoked in ATT&CK ${pinned}: the rule counts for ${replacement}`
        : deprecated.has(t.id) ? `${id} is deprecated (or revoked without replacement) in ATT&CK ${pinned}: left out`
        : `${id} is not a technique in ATT&CK ${pinned}: left out`;
      out.push(fileDiagnostic(rule.file, t.line, 1, code, message, { id: t.id, ...(replacement !== undefined ? { replacement } : {}) }));
    }
  }
  return out;
}

/** `rules.summary` on the entry: "312 Sigma rule files, 320 rules: 300 give 95 techniques; skipped by status …". */
export function summaryDiagnostic(site: EntrySite, s: RuleSetSummary): Diagnostic {
  const kind = s.format === 'sigma' ? 'Sigma' : 'Elastic';
  const n = (x: number) => x.toLocaleString('en-US');
  const skipped = Object.entries(s.skippedByStatus).sort(([a], [b]) => (a < b ? -1 : 1));
  const parts = [`${n(s.files)} ${kind} rule file(s), ${n(s.rules)} rule(s): ${n(s.counted)} give ${n(s.techniques)} technique(s)`];
  if (skipped.length > 0) parts.push(`skipped by status: ${listSome(skipped.map(([status, count]) => `${excerpt(status, 40)} ${n(count)}`))}`);
  if (s.noTechniques > 0) parts.push(`${n(s.noTechniques)} without technique tags`);
  if (s.noLiveTechniques > 0) parts.push(`${n(s.noLiveTechniques)} whose techniques are all unknown or deprecated in ATT&CK`);
  if (s.broken > 0) parts.push(`${n(s.broken)} broken file(s) (see their diagnostics)`);
  if (s.refused > 0) parts.push(`${n(s.refused)} file(s) not read`);
  const retired = (s.revoked ?? 0) + (s.deprecated ?? 0) + (s.unknown ?? 0);
  if (retired > 0) parts.push(`${n(retired)} technique ID(s) revoked, deprecated or unknown in the pinned release (see the rule files)`);
  return entryDiagnostic(site, 'rules.summary', `${quotePath(site.written)}: ${parts.join('; ')}`, { summary: s });
}
