/**
 * Diagnostics on standard error as `file:line:col severity code message` (1-based), files relative to cwd; each one
 * line, whatever its path or message holds (control characters escaped, no CI log command at its start).
 */
import * as path from 'node:path';
import type { Diagnostic } from '../core/diagnostics';
import { formatDiagnostic } from '../core/diagnostics';
import { terminalLine } from '../core/text/safe-text';
import type { CliIo } from './io';

export function printDiagnostics(diagnostics: readonly Diagnostic[], cwd: string, io: CliIo): void {
  for (const d of diagnostics) io.err(`${terminalLine(formatDiagnostic(d, displayPath(d.file, cwd)))}\n`);
}

function displayPath(file: string | undefined, cwd: string): string {
  if (file === undefined) return '<input>';
  const rel = path.relative(cwd, file);
  return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel;
}
