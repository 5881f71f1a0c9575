/**
 * Where the files a model or inventory names may be: inside a root (the model's git work tree, else its folder;
 * in the editor the workspace folders), after following symbolic links, or at a path the user allowed. A pull
 * request that edits a model must not make the check read a CI runner's secrets or block on a device.
 */
import { lstat, readlink, realpath } from 'node:fs/promises';
import * as path from 'node:path';

/** A directory referenced files may be in: its real path, and how messages name it. */
export interface ConfinementRoot {
  readonly path: string;
  /** e.g. "the model's git work tree /repo", "the workspace folder /w". */
  readonly label: string;
}

export interface Confinement {
  readonly roots: readonly ConfinementRoot[];
  /** Real paths (files or directories) the user allowed although outside every root. */
  readonly allowed: readonly string[];
  /** How to allow `file` (its real path), for the message of a refusal: "pass --allow-outside /etc/x". */
  readonly howToAllow: (file: string) => string;
}

/** Whether `file` is `dir` or inside it (both absolute, normalised). */
export function isInside(file: string, dir: string): boolean {
  if (file === dir) return true;
  const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
  return file.startsWith(prefix);
}

/** Why `final` (a path with every existing link followed) may not be read, or undefined when it may. */
export function outsideRoots(final: string, confinement: Confinement): string | undefined {
  if (confinement.roots.some((r) => isInside(final, r.path))) return undefined;
  if (confinement.allowed.some((a) => isInside(final, a))) return undefined;
  const where = confinement.roots.length === 0 ? 'no folder is open to read from' : `outside ${confinement.roots.map((r) => r.label).join(' and ')}`;
  return `resolves to ${final}, ${where}`;
}

const MAX_LINKS = 40;

/**
 * The path `file` leads to once every symbolic link on the way is followed, whether or not the file at the end
 * exists: a dangling link is followed as far as it goes. So a confinement decision about a missing file is the
 * same as about an existing one, and cannot tell anyone which files exist outside the roots.
 */
export async function resolveFinal(file: string, hops = 0): Promise<string> {
  const absolute = path.resolve(file);
  try {
    return await realpath(absolute);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw e;
  }
  const parent = path.dirname(absolute);
  if (parent === absolute) return absolute;
  const dir = await resolveFinal(parent, hops);
  const candidate = path.join(dir, path.basename(absolute));
  let target: string;
  try {
    target = await readlink(candidate);
  } catch {
    return candidate; // not there, or not a link: this is where the file would be
  }
  if (hops >= MAX_LINKS) throw Object.assign(new Error('too many levels of symbolic links'), { code: 'ELOOP' });
  return resolveFinal(path.resolve(dir, target), hops + 1);
}

/**
 * The root of a model on the command line: the nearest enclosing git work tree of its folder (a directory that
 * holds `.git`, a directory or, for worktrees and submodules, a file), else the folder itself. Real paths.
 */
export async function projectRoot(modelFile: string): Promise<ConfinementRoot> {
  const folder = await resolveFinal(path.dirname(path.resolve(modelFile)));
  for (let dir = folder; ; dir = path.dirname(dir)) {
    if (await exists(path.join(dir, '.git'))) return { path: dir, label: `the model's git work tree ${dir}` };
    if (path.dirname(dir) === dir) break;
  }
  return { path: folder, label: `the model's folder ${folder}` };
}

async function exists(file: string): Promise<boolean> {
  try {
    await lstat(file);
    return true;
  } catch {
    return false;
  }
}

/** Real paths of the paths a user allowed; one that does not exist is kept as written (absolute). */
export async function allowedPaths(paths: readonly string[], base: string): Promise<string[]> {
  return Promise.all(paths.map((p) => resolveFinal(path.resolve(base, p)).catch(() => path.resolve(base, p))));
}

/** The command line's confinement for a model: its project root, plus `--allow-outside` paths. */
export async function commandLineConfinement(modelFile: string, allowOutside: readonly string[], cwd: string): Promise<Confinement> {
  return {
    roots: [await projectRoot(modelFile)],
    allowed: await allowedPaths(allowOutside, cwd),
    howToAllow: (file) => `to read it anyway, pass --allow-outside ${file}`,
  };
}
