/**
 * Writing a report where the user asked (`--out`): a new path, or a regular file that is none of the check's inputs,
 * replaced atomically with its mode kept. Never through a symbolic link, never over a directory, FIFO, socket or
 * device, never over the model or a file it reads: those are refused with a clear message and nothing is written.
 */
import type { Stats } from 'node:fs';
import { lstat, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { writeFileAtomic } from '../attack/atomic-write';

/** The output path cannot take the report; `message` says why, and nothing was written. */
export class OutputFileError extends Error {
  override readonly name = 'OutputFileError';
}

/** A file the check read: the report must not replace it. */
export interface CheckInput {
  readonly file: string;
  /** How the message names it: "the threat model", "a control inventory". */
  readonly role: string;
}

/**
 * Writes `data` to `target` (as given by the user; relative to `cwd`). Throws OutputFileError when the target is a
 * symbolic link, not a regular file, or one of `inputs`, or when the write fails; the target is then unchanged.
 */
export async function writeReportFile(target: string, data: string, inputs: readonly CheckInput[], cwd: string): Promise<string> {
  const file = path.resolve(cwd, target);
  let existing: Stats | undefined;
  try {
    existing = await lstat(file);
  } catch (e) {
    if (!isMissing(e)) throw new OutputFileError(`cannot write ${target} (${codeOf(e)}): nothing written`);
  }
  if (existing) await checkReplaceable(target, existing, inputs);
  try {
    await writeFileAtomic(file, data, existing ? { mode: existing.mode & 0o7777 } : {});
  } catch (e) {
    throw new OutputFileError(`cannot write ${target} (${codeOf(e)}): nothing written`);
  }
  return file;
}

async function checkReplaceable(target: string, existing: Stats, inputs: readonly CheckInput[]): Promise<void> {
  if (existing.isSymbolicLink()) {
    throw new OutputFileError(`${target} is a symbolic link: not replaced, nothing written (give the path of the file itself, or remove the link)`);
  }
  if (!existing.isFile()) throw new OutputFileError(`${target} is ${kindOf(existing)}, not a regular file: nothing written (--out takes a file path)`);
  for (const input of inputs) {
    const s = await stat(input.file).catch(() => undefined);
    if (s && s.ino === existing.ino && s.dev === existing.dev) {
      throw new OutputFileError(`${target} is ${input.role} of this check (${input.file}): not overwritten, nothing written`);
    }
  }
}

function kindOf(s: Stats): string {
  if (s.isDirectory()) return 'a directory';
  if (s.isFIFO()) return 'a FIFO (named pipe)';
  if (s.isSocket()) return 'a socket';
  if (s.isCharacterDevice()) return 'a character device';
  if (s.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

function isMissing(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT';
}

function codeOf(e: unknown): string {
  return (e as NodeJS.ErrnoException | null)?.code ?? 'error';
}
