/** Diagnostics on standard error as `file:line:col severity code message` (1-based), files relative to cwd. */
import * as path from 'node:path';
import type { Diagnostic } from '../core/diagnostics';
import { formatDiagnostic } from '../core/diagnostics';
import type { CliIo } from './io';

export function printDiagnostics(diagnostics: readonly Diagnostic[], cwd: string, io: CliIo): void {
  for (const d of diagnostics) io.err(`${formatDiagnostic(d, displayPath(d.file, cwd))}\n`);
}

function displayPath(file: string | undefined, cwd: string): string {
  if (file === undefined) return '<input>';
  const rel = path.relative(cwd, file);
  return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel;
}
