/**
 * resolveRuleSets: the `rules: [ { path, format, levels } ]` of every control, read and turned into technique
 * entries (function detect) with one RuleEvidence per rule, plus diagnostics (on the rule files for what is wrong
 * in them, on the inventory entry for what the entry matched) and a summary per entry. Pure apart from the
 * injected readFile (the confined reader), the folder listing and the `stat` the cache keys on.
 */
import type { AttackIndex } from '../attack/types';
import type { Level, RuleEvidence } from '../coverage/types';
import type { Diagnostic } from '../diagnostics';
import type { TextRead } from '../files/read-file';
import { refusalDiagnostic } from '../files/refusal';
import type { ImportedControlTechnique } from '../import/types';
import { resolveIds } from '../import/retired';
import { quotePath } from '../text/safe-text';
import type { Control, ControlInventory, RuleSetRef } from '../model/types';
import { RuleFileCache, cacheKey, diskStamp } from './cache';
import { listRuleFiles, splitRuleGlob } from './glob';
import { ruleLevels } from './levels';
import { parseRuleFile } from './parse';
import { entryDiagnostic, fileDiagnostic, resolutionDiagnostics, summaryDiagnostic } from './report';
import type { RuleSetSummary } from './report';
import type { DetectionRule, ParsedRules, RuleFormat } from './types';

export interface RuleImportOptions {
  /** Reads a rule file (or probes the glob's folder) through the confined reader, role `import`. */
  readFile(file: string): Promise<TextRead>;
  readonly index: AttackIndex;
  /** Parsed files kept between analyses (the editor and the bench keep one); omitted: a fresh one per call. */
  readonly cache?: RuleFileCache;
  /** A stamp for a file whose text is not the disk's (open in an editor with unsaved edits). */
  readonly openStamp?: (file: string) => string | undefined;
}

export interface RuleImports {
  /** Per control with `rules:`: one technique entry per rule and technique it tags. */
  readonly controls: ReadonlyMap<Control, readonly ImportedControlTechnique[]>;
  readonly diagnostics: readonly Diagnostic[];
  readonly summaries: readonly RuleSetSummary[];
  /** Every rule file matched (for the files an analysis depends on). */
  readonly files: readonly string[];
}

/** Most refused files reported one by one per entry (the rest are counted in the summary). */
const MAX_REFUSAL_DIAGNOSTICS = 10;

/** Resolves every `rules:` entry of the inventories against `options.index`. Never throws for bad rule files. */
export async function resolveRuleSets(inventories: readonly ControlInventory[], options: RuleImportOptions): Promise<RuleImports> {
  const cache = options.cache ?? new RuleFileCache();
  const controls = new Map<Control, ImportedControlTechnique[]>();
  const diagnostics: Diagnostic[] = [];
  const summaries: RuleSetSummary[] = [];
  const files = new Set<string>();
  const fileDiagnosticsDone = new Set<string>();
  for (const inventory of inventories) {
    for (const control of inventory.controls) {
      for (const set of control.rules ?? []) {
        if (!set.path || !set.format) continue;
        const r = await resolveRuleSet(inventory.file, set, set.format.value, options, cache, fileDiagnosticsDone);
        for (const f of r.files) files.add(f);
        diagnostics.push(...r.diagnostics);
        summaries.push(r.summary);
        const list = controls.get(control);
        if (list) list.push(...r.techniques);
        else controls.set(control, r.techniques);
      }
    }
  }
  return { controls, diagnostics, summaries, files: [...files] };
}

interface SetResult {
  readonly techniques: ImportedControlTechnique[];
  readonly diagnostics: Diagnostic[];
  readonly summary: RuleSetSummary;
  readonly files: readonly string[];
}

async function resolveRuleSet(
  yamlFile: string | undefined, set: RuleSetRef, format: RuleFormat, options: RuleImportOptions, cache: RuleFileCache, done: Set<string>,
): Promise<SetResult> {
  const written = set.path!.value;
  const site = { ...(yamlFile !== undefined ? { yamlFile } : {}), range: set.path!.range, written };
  const diagnostics: Diagnostic[] = [];
  const summary: MutableSummary = {
    ...(yamlFile !== undefined ? { inventory: yamlFile } : {}), range: set.range, written, format,
    files: 0, rules: 0, counted: 0, techniques: 0, skippedByStatus: {}, noTechniques: 0, noLiveTechniques: 0, broken: 0, refused: 0,
  };
  const glob = splitRuleGlob(yamlFile, written);
  let matched: string[];
  if (glob.pattern === undefined) matched = [glob.base];
  else {
    // The folder is checked by the confined reader before it is listed: a glob outside the roots lists nothing.
    const probe = await options.readFile(glob.base);
    if (probe.kind === 'refused' && probe.refusal.reason === 'outside-root') {
      diagnostics.push(refusalDiagnostic({ ...(yamlFile !== undefined ? { file: yamlFile } : {}), range: site.range, written, resolved: glob.base, what: 'rule folder' }, probe.refusal));
      return { techniques: [], diagnostics, summary, files: [] };
    }
    const listed = probe.kind === 'missing' ? { files: [], truncated: false } : await listRuleFiles(glob.base, glob.pattern);
    matched = listed.files;
    if (listed.truncated) diagnostics.push(entryDiagnostic(site, 'rules.too-many-files', `${quotePath(written)} matches more than ${matched.length.toLocaleString('en-US')} files: only the first ${matched.length.toLocaleString('en-US')} (in path order) are read`, { limit: matched.length }));
  }

  const levelOf = ruleLevels(format, set.levels);
  const rules: DetectionRule[] = [];
  for (const file of matched) {
    const parsed = await readRules(file, format, options, cache);
    if (parsed === 'missing') continue;
    summary.files++;
    if ('refused' in parsed) {
      summary.refused++;
      if (summary.refused <= MAX_REFUSAL_DIAGNOSTICS) diagnostics.push(entryDiagnostic(site, 'rules.file-refused', `rule file ${quotePath(file)} ${parsed.refused.detail}: not read${parsed.refused.hint !== undefined ? `; ${parsed.refused.hint}` : ''}`, { file, reason: parsed.refused.reason }));
      continue;
    }
    if (parsed.rules.length === 0 && parsed.problems.length > 0) summary.broken++;
    // One rule file listed by two entries is reported once.
    if (!done.has(cacheKey(format, file))) {
      done.add(cacheKey(format, file));
      for (const p of parsed.problems) diagnostics.push(fileDiagnostic(p.file, p.line, p.column, `rules.${p.code}`, p.message));
    }
    rules.push(...parsed.rules);
  }
  summary.rules = rules.length;
  if (matched.length === 0 || summary.files === 0) {
    diagnostics.push(entryDiagnostic(site, 'rules.no-match', `${quotePath(written)} matches no ${format === 'sigma' ? 'Sigma' : 'Elastic'} rule file`));
    return { techniques: [], diagnostics, summary, files: matched };
  }

  // Which rules count, at what level; every tagged ID resolved once against the pinned release.
  const counting: { rule: DetectionRule; level: Level; status: string }[] = [];
  for (const rule of rules) {
    const { status, level } = levelOf(rule.status);
    if (level === undefined || level === 'none') {
      summary.skippedByStatus[status] = (summary.skippedByStatus[status] ?? 0) + 1;
      if (level === undefined) summary.unknownStatus = [...new Set([...(summary.unknownStatus ?? []), status])];
      continue;
    }
    if (rule.techniques.length === 0) {
      summary.noTechniques++;
      continue;
    }
    counting.push({ rule, level, status });
  }
  const resolution = resolveIds(options.index, counting.flatMap((c) => c.rule.techniques.map((t) => t.id)));
  const techniques: ImportedControlTechnique[] = [];
  const distinct = new Set<string>();
  for (const { rule, level } of counting) {
    const evidence = ruleEvidence(rule, level);
    const seen = new Set<string>();
    for (const t of rule.techniques) {
      const id = resolution.live.get(t.id);
      if (id === undefined || seen.has(id)) continue;
      seen.add(id);
      distinct.add(id);
      const range = { start: { line: t.line - 1, character: 0 }, end: { line: t.line, character: 0 } };
      techniques.push({ id, level, function: 'detect', source: { file: rule.file, range }, rule: evidence });
    }
    if (seen.size > 0) summary.counted++;
    else summary.noLiveTechniques++;
  }
  diagnostics.push(...resolutionDiagnostics(counting.map((c) => c.rule), resolution, options.index.version, done));
  summary.techniques = distinct.size;
  summary.revoked = resolution.revoked.length;
  summary.deprecated = resolution.deprecated.length;
  summary.unknown = resolution.unknown.length;
  diagnostics.push(summaryDiagnostic(site, summary));
  return { techniques, diagnostics, summary, files: matched };
}

type MutableSummary = { -readonly [K in keyof RuleSetSummary]: RuleSetSummary[K] } & { skippedByStatus: Record<string, number> };

/** One file's rules: from the cache when its stamp is unchanged, else read through the confined reader and parsed. */
async function readRules(file: string, format: RuleFormat, options: RuleImportOptions, cache: RuleFileCache): Promise<ParsedRules | 'missing' | { refused: Extract<TextRead, { kind: 'refused' }>['refusal'] }> {
  const key = cacheKey(format, file);
  const stamp = options.openStamp?.(file) ?? await diskStamp(file);
  const cached = cache.get(key, stamp);
  if (cached) return cached;
  const read = await options.readFile(file);
  cache.reads++;
  if (read.kind === 'missing') return 'missing';
  if (read.kind === 'refused') return { refused: read.refusal };
  const text = read.text.charCodeAt(0) === 0xfeff ? read.text.slice(1) : read.text;
  const parsed = parseRuleFile(format, text, file);
  cache.set(key, stamp, parsed);
  return parsed;
}

function ruleEvidence(rule: DetectionRule, level: Level): RuleEvidence {
  return {
    format: rule.format,
    title: rule.title,
    ...(rule.id !== undefined ? { id: rule.id } : {}),
    file: rule.file,
    line: rule.line,
    ...(rule.status !== undefined ? { status: rule.status } : {}),
    level,
    ...(rule.logsource ? { logsource: rule.logsource } : {}),
    ...(rule.indices ? { indices: rule.indices } : {}),
  };
}
