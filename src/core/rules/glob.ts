/**
 * A `rules: [ { path } ]` value as a folder and a glob inside it. Globs are matched with `tinyglobby` (maintained,
 * picomatch syntax: `*`, `**`, `?`, `[…]`, `{a,b}`), without following symbolic links to folders and without dot
 * files, so a link inside the rule folder cannot make the walk leave it. Only the folder is listed here; every
 * matched file is then read through the confined reader like any file a model names.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Tinyglobby from 'tinyglobby';

// The CommonJS build, by `require`: its ESM build (and fdir's) calls createRequire(import.meta.url), which every
// cjs bundle of ours (extension, CLI, tests' own builds) would leave undefined and fail on at load.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { glob, isDynamicPattern } = require('tinyglobby') as typeof Tinyglobby;

/** More matched files than this in one entry are not read (the SigmaHQ rules folder holds about 3,100). */
export const MAX_RULE_FILES = 20_000;

export interface RuleGlob {
  /** The folder the glob is matched in (absolute), or the file itself when the path has no glob characters. */
  readonly base: string;
  /** The glob relative to `base`; undefined for a plain file path. */
  readonly pattern?: string;
}

/** A file path for a YAML file named by a path or a `file:` URI (the editor's spelling); undefined for other URIs. */
export function localPath(file: string): string | undefined {
  if (!/^[a-z][a-z0-9+.-]+:/i.test(file)) return file;
  if (!file.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(file);
  } catch {
    return undefined;
  }
}

/**
 * Splits a path written in `yamlFile` (relative to it, `/` separated) into its static folder and its glob;
 * undefined when the YAML file is not on the local file system (a `vscode-vfs:` URI has no folder to list).
 */
export function splitRuleGlob(yamlFile: string | undefined, written: string): RuleGlob | undefined {
  const local = yamlFile !== undefined ? localPath(yamlFile) : process.cwd();
  if (local === undefined) return undefined;
  const from = yamlFile !== undefined ? path.dirname(local) : local;
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
