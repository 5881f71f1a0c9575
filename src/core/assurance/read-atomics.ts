/**
 * Reads an Atomic Red Team `atomics` folder the user points at (`--atomics DIR`, the setting
 * `threatOverlap.assurance.atomics`). It is the user's own choice, like the ATT&CK data path: not confined to the
 * workspace, but every file goes through the one reader (regular files only, never /proc, /sys or /dev, at most
 * 256 KB each, at most 64 MB in all, at most 5,000 technique folders). Only `<Tnnnn[.nnn]>/<same>.yaml` is read;
 * a broken or refused file is a problem in the catalogue, never a failure. Parses are cached per folder and file
 * (by size and modification time), so reading the same folder again reads only files that changed.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { readConfinedText } from '../files/read-file';
import { MAX_IMPORT_FILE_BYTES, MAX_YAML_FILE_BYTES } from '../files/limits';
import { excerptPath } from '../text/safe-text';
import { parseAtomicFile, type AtomicFileRead } from './atomics';
import type { AtomicCatalogue, AtomicTest } from './types';

export const MAX_ATOMIC_FOLDERS = 5000;
const TECHNIQUE_DIR = /^T\d{4}(\.\d{3})?$/;
const PARALLEL = 16;

/** Why a folder could not be read at all (in our words). */
export class AtomicsFolderError extends Error {}

interface CachedFile { readonly key: string; readonly read: AtomicFileRead }
const cache = new Map<string, Map<string, CachedFile>>();

/** Reads the folder (see above); throws AtomicsFolderError only when `folder` is not a readable directory. */
export async function readAtomicsFolder(folder: string): Promise<AtomicCatalogue & { readonly reread: number }> {
  const shown = excerptPath(folder);
  const real = await realpath(folder).catch(() => undefined);
  if (real === undefined) throw new AtomicsFolderError(`${shown}: no such folder`);
  if (['/proc', '/sys', '/dev'].some((t) => real === t || real.startsWith(`${t}/`))) throw new AtomicsFolderError(`${shown} is a kernel interface, not a folder of files: not read`);
  const s = await stat(real).catch(() => undefined);
  if (!s?.isDirectory()) throw new AtomicsFolderError(`${shown} is not a folder`);
  const names = (await readdir(real).catch(() => [] as string[])).filter((n) => TECHNIQUE_DIR.test(n)).sort();
  const problems: { file: string; message: string }[] = [];
  if (names.length > MAX_ATOMIC_FOLDERS) problems.push({ file: real, message: `has ${names.length} technique folders: only the first ${MAX_ATOMIC_FOLDERS} are read` });
  const known = cache.get(real) ?? new Map<string, CachedFile>();
  const next = new Map<string, CachedFile>();
  const tests = new Map<string, readonly AtomicTest[]>();
  let total = 0;
  let reread = 0;
  let files = 0;
  const todo = names.slice(0, MAX_ATOMIC_FOLDERS);
  const readOne = async (name: string): Promise<void> => {
    const file = path.join(real, name, `${name}.yaml`);
    const fs = await stat(file).catch(() => undefined);
    if (!fs) {
      problems.push({ file, message: 'is missing: the folder has no technique file of its name' });
      return;
    }
    const key = `${fs.size}\0${fs.mtimeMs}`;
    let entry = known.get(file);
    if (entry?.key !== key) {
      if (total + fs.size > MAX_IMPORT_FILE_BYTES) {
        problems.push({ file, message: `not read: the folder's files are over ${MAX_IMPORT_FILE_BYTES / 1024 / 1024} MB in all` });
        return;
      }
      const read = await readConfinedText(file, { maxBytes: MAX_YAML_FILE_BYTES, limitLabel: 'the 256 KB limit for Atomic technique files' });
      reread++;
      entry = {
        key,
        read: read.kind === 'text' ? parseAtomicFile(read.text, name) : { kind: 'problem', message: read.kind === 'missing' ? 'is missing' : `${read.refusal.detail}: not read` },
      };
    }
    total += fs.size;
    next.set(file, entry);
    if (entry.read.kind === 'problem') problems.push({ file, message: entry.read.message });
    else {
      files++;
      tests.set(entry.read.technique, entry.read.tests);
    }
  };
  for (let i = 0; i < todo.length; i += PARALLEL) await Promise.all(todo.slice(i, i + PARALLEL).map(readOne));
  cache.set(real, next);
  problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { folder: real, tests, problems, files, reread };
}

/** Counts for a summary line: technique files, tests, tests per Atomic platform, problems. */
export function catalogueCounts(c: AtomicCatalogue): { files: number; tests: number; platforms: Record<string, number>; problems: number } {
  const platforms: Record<string, number> = {};
  let count = 0;
  for (const list of c.tests.values()) {
    for (const t of list) {
      count++;
      for (const p of t.platforms) platforms[p] = (platforms[p] ?? 0) + 1;
    }
  }
  return { files: c.files, tests: count, platforms, problems: c.problems.length };
}
