/**
 * A `rules: [ { path } ]` value as a folder and a glob inside it. Globs are matched with `tinyglobby` (maintained,
 * picomatch syntax: `*`, `**`, `?`, `[…]`, `{a,b}`), without following symbolic links to folders and without dot
 * files, so a link inside the rule folder cannot make the walk leave it. Only the folder is listed here; every
 * matched file is then read through the confined reader like any file a model names.
 */
import * as path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';

/** More matched files than this in one entry are not read (the SigmaHQ rules folder holds about 3,100). */
export const MAX_RULE_FILES = 20_000;

export interface RuleGlob {
  /** The folder the glob is matched in (absolute), or the file itself when the path has no glob characters. */
  readonly base: string;
  /** The glob relative to `base`; undefined for a plain file path. */
  readonly pattern?: string;
}

/** Splits a path written in `yamlFile` (relative to it, `/` separated) into its static folder and its glob. */
export function splitRuleGlob(yamlFile: string | undefined, written: string): RuleGlob {
  const from = yamlFile !== undefined ? path.dirname(yamlFile) : process.cwd();
  const segments = written.replace(/\\/g, '/').split('/');
  const dynamic = segments.findIndex((s) => isDynamicPattern(s));
  if (dynamic < 0) return { base: path.resolve(from, ...segments) };
  return { base: path.resolve(from, ...segments.slice(0, dynamic)), pattern: segments.slice(dynamic).join('/') };
}

/** The regular files under `base` matching `pattern`, sorted; at most MAX_RULE_FILES (then `truncated`). */
export async function listRuleFiles(base: string, pattern: string, limit = MAX_RULE_FILES): Promise<{ files: string[]; truncated: boolean }> {
  let found: string[];
  try {
    found = await glob(pattern, { cwd: base, absolute: true, onlyFiles: true, followSymbolicLinks: false, dot: false, expandDirectories: false });
  } catch {
    return { files: [], truncated: false };
  }
  const files = found.map((f) => path.normalize(f)).sort();
  return files.length > limit ? { files: files.slice(0, limit), truncated: true } : { files, truncated: false };
}
