/**
 * Gap results in the Problems panel: one diagnostic per gap, on the adversary or technique line that brought it
 * in, with a severity from its priority. A collection of its own: gap results live from one gap check to the
 * next (re-run on save), while validation diagnostics follow every keystroke.
 */
import * as vscode from 'vscode';
import { gapSeverity } from '../../core/coverage/priority';
import type { CoverageResult } from '../../core/coverage/types';
import type { Range } from '../../core/diagnostics';
import { gapSentence, gapsInPriorityOrder, originOf } from '../../core/report/context';

export const GAP_CODE = 'coverage.gap';

const SEVERITY = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
} as const;

export function toVscodeRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

/** File path → the gap diagnostics to show in it (gaps without a source line go on the model's first line). */
export function gapDiagnostics(result: CoverageResult, modelFile: string): Map<string, vscode.Diagnostic[]> {
  const out = new Map<string, vscode.Diagnostic[]>();
  for (const t of gapsInPriorityOrder(result)) {
    const origin = originOf(t);
    const file = origin?.file ?? modelFile;
    const range = origin ? toVscodeRange(origin.range) : new vscode.Range(0, 0, 0, 0);
    const severity = SEVERITY[gapSeverity(t)];
    const reasons = t.priority?.reasons.length ? ` Priority ${t.priority.score} (#${t.priority.rank}): ${t.priority.reasons.join('; ')}.` : '';
    const d = new vscode.Diagnostic(range, gapSentence(t, result.minCoverage) + reasons, severity);
    d.source = 'Threat Overlap gap check';
    // The engine keeps only https URLs (a bundle may carry others); without one the code is not a link.
    d.code = t.url ? { value: GAP_CODE, target: vscode.Uri.parse(t.url, true) } : GAP_CODE;
    const list = out.get(file);
    if (list) list.push(d);
    else out.set(file, [d]);
  }
  return out;
}
