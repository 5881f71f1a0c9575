/**
 * A rule library: a folder of public detection rules (a SigmaHQ `rules/` checkout, Elastic's detection-rules `rules/`)
 * the user points at with `threatOverlap.hunt.ruleLibrary` or `--rule-library DIR`. Every `.yml`/`.yaml` file is read
 * as Sigma and every `.toml` as Elastic, through R's parsers (src/core/rules); broken files are counted, never thrown.
 * Rules are indexed by the technique IDs they are tagged with.
 */
import { readFile, readdir } from 'node:fs/promises';
import * as path from 'node:path';
import { parseRuleFile } from '../rules/index';
import type { DetectionRule, RuleFormat } from '../rules/index';
import type { RuleLibrarySummary } from './types';

export interface RuleLibrary {
  readonly summary: RuleLibrarySummary;
  /** Rules tagged with exactly this technique ID. */
  rulesFor(techniqueId: string): readonly DetectionRule[];
  /** Path of a rule's file relative to the library folder, with forward slashes. */
  relative(rule: DetectionRule): string;
}

/** Files above this size are skipped as problems (real rules are under 60 KB). */
const MAX_FILE_BYTES = 1024 * 1024;

function formatOf(name: string): RuleFormat | undefined {
  const n = name.toLowerCase();
  return n.endsWith('.yml') || n.endsWith('.yaml') ? 'sigma' : n.endsWith('.toml') ? 'elastic' : undefined;
}

/** Reads and indexes every rule file under `dir` (symbolic links are not followed). */
export async function loadRuleLibrary(dir: string): Promise<RuleLibrary> {
  const root = path.resolve(dir);
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile() && formatOf(e.name) !== undefined)
    .map((e) => path.join((e as { parentPath?: string; path?: string }).parentPath ?? (e as { path: string }).path, e.name))
    .sort();
  const byTechnique = new Map<string, DetectionRule[]>();
  let rules = 0, problems = 0;
  for (const file of files) {
    let text: string;
    try {
      const bytes = await readFile(file);
      if (bytes.length > MAX_FILE_BYTES) {
        problems++;
        continue;
      }
      text = bytes.toString('utf8');
    } catch {
      problems++;
      continue;
    }
    const parsed = parseRuleFile(formatOf(file) as RuleFormat, text, file);
    problems += parsed.problems.filter((p) => p.code !== 'malformed-tag').length;
    for (const rule of parsed.rules) {
      rules++;
      for (const t of rule.techniques) {
        const list = byTechnique.get(t.id);
        if (list) list.push(rule);
        else byTechnique.set(t.id, [rule]);
      }
    }
  }
  return {
    summary: { dir: root, files: files.length, rules, problems },
    rulesFor: (id) => byTechnique.get(id) ?? [],
    relative: (rule) => path.relative(root, rule.file).split(path.sep).join('/'),
  };
}
