/**
 * `--atomics DIR`: an Atomic Red Team atomics folder, read as the user's own choice (not confined, like
 * --attack-data), each file a regular file within the cap. One line on standard error counts what was read; broken
 * or refused files are listed (at most 10, in our words) and do not stop the check; a folder that cannot be read at
 * all is an error (exit 2).
 */
import * as path from 'node:path';
import { AtomicsFolderError, catalogueCounts, readAtomicsFolder } from '../core/assurance/read-atomics';
import type { AtomicCatalogue } from '../core/assurance/types';
import { excerptPath, terminalLine } from '../core/text/safe-text';
import type { CliIo } from './io';

/** Thrown for exit 2: the folder is missing or not a folder. */
export class AtomicsOptionError extends Error {}

export async function atomicsFromOption(folder: string, io: CliIo): Promise<AtomicCatalogue> {
  let catalogue;
  try {
    catalogue = await readAtomicsFolder(folder);
  } catch (e) {
    if (e instanceof AtomicsFolderError) throw new AtomicsOptionError(`--atomics ${e.message}`);
    throw e;
  }
  const c = catalogueCounts(catalogue);
  io.err(`${terminalLine(`threat-overlap: Atomic Red Team: ${c.files} technique files, ${c.tests} tests${c.problems > 0 ? `, ${c.problems} not read` : ''}`)}\n`);
  for (const p of catalogue.problems.slice(0, 10)) io.err(`${terminalLine(`threat-overlap: --atomics ${excerptPath(path.relative(catalogue.folder, p.file))} ${p.message}`)}\n`);
  if (catalogue.problems.length > 10) io.err(`threat-overlap: --atomics … and ${catalogue.problems.length - 10} more not read\n`);
  return catalogue;
}
