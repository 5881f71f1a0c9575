/**
 * The one reader for every file a model or inventory names, for the model itself and for ATT&CK data: confined
 * to the roots when asked (see confinement.ts), regular files only (checked with `stat` before opening and with
 * `fstat` on the descriptor, opened non-blocking so a FIFO swapped in cannot block), and never more than the cap
 * read, so a device or a 10 GB file costs what the cap allows. A refusal says why in words that never include
 * any of the file's content.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { open, realpath, stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { Confinement } from './confinement';
import { outsideRoots, resolveFinal } from './confinement';
import { sizeLabel } from './limits';

export type RefusalReason = 'outside-root' | 'not-regular' | 'too-large' | 'unreadable';

export interface Refusal {
  readonly reason: RefusalReason;
  /** What is wrong, to follow the file's name: "is a FIFO (named pipe), not a regular file". */
  readonly detail: string;
  /** How to read it anyway, when there is a way (outside-root only). */
  readonly hint?: string;
}

export type BytesRead =
  | { readonly kind: 'bytes'; readonly bytes: Buffer; readonly realPath: string; readonly stats: Stats }
  | { readonly kind: 'missing' }
  | { readonly kind: 'refused'; readonly refusal: Refusal };

export type TextRead =
  | { readonly kind: 'text'; readonly text: string; readonly realPath?: string }
  | { readonly kind: 'missing' }
  | { readonly kind: 'refused'; readonly refusal: Refusal };

export interface ReadOptions {
  /** Refused as too large beyond this many bytes. */
  readonly maxBytes: number;
  /** The limit in messages: "the 256 KB limit for models and inventories". Default: "the N MB limit". */
  readonly limitLabel?: string;
  /** What to do about a file over the limit, for its refusal: "split it into several files". */
  readonly limitHint?: string;
  /** Only inside these roots (or allowed paths); absent for files the user named directly. */
  readonly confinement?: Confinement;
}

/** Kernel interfaces, not files: their "regular" entries report size 0 or block (/proc/kmsg). */
const SPECIAL_TREES = ['/proc', '/sys', '/dev'];

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

/** Reads a whole file as bytes under the options' rules; never throws for what the file system says. */
export async function readConfinedBytes(file: string, options: ReadOptions): Promise<BytesRead> {
  try {
    return await readChecked(path.resolve(file), options);
  } catch (e) {
    return fromError(e);
  }
}

/** readConfinedBytes decoded as UTF-8 (a BOM is kept, as `readFile(file, 'utf8')` keeps it). */
export async function readConfinedText(file: string, options: ReadOptions): Promise<TextRead> {
  const read = await readConfinedBytes(file, options);
  return read.kind === 'bytes' ? { kind: 'text', text: read.bytes.toString('utf8'), realPath: read.realPath } : read;
}

async function readChecked(file: string, options: ReadOptions): Promise<BytesRead> {
  if (options.confinement) {
    const final = await resolveFinal(file);
    const outside = outsideRoots(final, options.confinement);
    if (outside) return refused('outside-root', outside, options.confinement.howToAllow(final));
  }
  let real: string;
  try {
    real = await realpath(file);
  } catch (e) {
    if (isMissing(e)) return { kind: 'missing' };
    throw e;
  }
  if (SPECIAL_TREES.some((t) => real === t || real.startsWith(`${t}/`))) {
    return refused('not-regular', `is under ${SPECIAL_TREES.find((t) => real === t || real.startsWith(`${t}/`))}, a kernel interface rather than a file`);
  }
  const before = await stat(real);
  const problem = kindProblem(before) ?? sizeProblem(before.size, options);
  if (problem) return problem;

  const handle = await open(real, OPEN_FLAGS);
  try {
    const stats = await handle.stat();
    // Swapped between the stat and the open: judge what was opened, and refuse a changed identity.
    const after = kindProblem(stats) ?? sizeProblem(stats.size, options);
    if (after) return after;
    if (stats.ino !== before.ino || stats.dev !== before.dev) return refused('unreadable', 'changed while it was being opened');
    let buffer = Buffer.allocUnsafe(Math.min(stats.size, options.maxBytes) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > options.maxBytes) return refused('too-large', `is over ${limitOf(options)}`, options.limitHint);
        // The file grew since fstat: read on, still no further than one byte past the cap.
        const grown = Buffer.allocUnsafe(Math.min(buffer.length * 2, options.maxBytes + 1));
        buffer.copy(grown, 0, 0, length);
        buffer = grown;
      }
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (stats.size === 0) return refused('not-regular', 'reports a size of 0 but has content, like a /proc file: not a regular file');
    }
    return { kind: 'bytes', bytes: buffer.subarray(0, length), realPath: real, stats };
  } finally {
    await handle.close();
  }
}

/**
 * For the few small files that must be read synchronously (a workspace's `.vscode/settings.json`): the same kind and
 * size checks, unconfined; undefined when missing, refused or unreadable.
 */
export function readSmallFileSync(file: string, maxBytes: number): string | undefined {
  try {
    const before = statSync(file);
    if (kindProblem(before) || before.size > maxBytes) return undefined;
    const fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    try {
      const stats = fstatSync(fd);
      if (kindProblem(stats) || stats.size > maxBytes) return undefined;
      const buffer = Buffer.allocUnsafe(stats.size + 1);
      let length = 0;
      for (let n; length < buffer.length && (n = readSync(fd, buffer, length, buffer.length - length, null)) > 0;) length += n;
      return length > stats.size ? undefined : buffer.toString('utf8', 0, length);
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

/** Anything but a regular file is refused, named as what it is. */
function kindProblem(s: FileKindStats): BytesRead | undefined {
  const what = nonRegularKind(s);
  return what === undefined ? undefined : refused('not-regular', `is ${what}, not a regular file`);
}

type FileKindStats = Pick<Stats, 'isFile' | 'isDirectory' | 'isFIFO' | 'isSocket' | 'isCharacterDevice' | 'isBlockDevice'>;

/** "a FIFO (named pipe)", "a directory", …; undefined for a regular file. */
export function nonRegularKind(s: FileKindStats): string | undefined {
  if (s.isFile()) return undefined;
  return s.isDirectory() ? 'a directory'
    : s.isFIFO() ? 'a FIFO (named pipe)'
    : s.isSocket() ? 'a socket'
    : s.isCharacterDevice() ? 'a character device'
    : s.isBlockDevice() ? 'a block device'
    : 'not a file';
}

function sizeProblem(size: number, options: ReadOptions): BytesRead | undefined {
  return size > options.maxBytes ? refused('too-large', `is ${sizeLabel(size)}, over ${limitOf(options)}`, options.limitHint) : undefined;
}

function limitOf(options: ReadOptions): string {
  return options.limitLabel ?? `the ${sizeLabel(options.maxBytes)} limit`;
}

function refused(reason: RefusalReason, detail: string, hint?: string): BytesRead {
  return { kind: 'refused', refusal: { reason, detail, ...(hint !== undefined ? { hint } : {}) } };
}

function isMissing(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** File-system errors in words: the code and what it means, never the error's own text (it can carry a path we did not show). */
function fromError(e: unknown): BytesRead {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (isMissing(e)) return { kind: 'missing' };
  const why: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ELOOP: 'too many levels of symbolic links, or a symbolic link where none may be',
    ENAMETOOLONG: 'the name is too long',
    EISDIR: 'is a directory',
    EIO: 'input/output error',
    EAGAIN: 'would block',
    ENXIO: 'no such device or address',
  };
  if (code !== undefined && why[code] !== undefined) return refused('unreadable', `cannot be read (${why[code]})`);
  if (code !== undefined) return refused('unreadable', `cannot be read (${code})`);
  throw e;
}
