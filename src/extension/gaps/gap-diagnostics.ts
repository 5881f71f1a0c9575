/**
 * Gap results in the Problems panel: one diagnostic per gap, on the adversary or technique line that brought it
 * in, with the severity of its triage outcome (Act error, Attend warning, Track* information, Track hint) and a
 * message that starts with the outcome and its decision points. A collection of its own: gap results live from
 * one gap check to the next (re-run on save), while validation diagnostics follow every keystroke.
 *
 * VS Code's Problems panel never lists hints, so Track gaps are only the faint dots under their line by default;
 * `threatOverlap.triage.showTrack` publishes them as information instead, so they are listed (their message still
 * says "Track").
 */
import * as vscode from 'vscode';
import { gapSeverity } from '../../core/coverage/priority';
import type { CoverageResult, TechniqueResult } from '../../core/coverage/types';
import type { Range } from '../../core/diagnostics';
import { weakComponents } from '../../core/language/coverage-views';
import { gapDiagnosticMessage } from '../../core/language/triage-views';
import { gapsInPriorityOrder, originOf } from '../../core/report/context';
import type { Outcome } from '../../core/triage/decision-table';

export const GAP_CODE = 'coverage.gap';

const SEVERITY = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
} as const;

/** What a quick fix needs about the gap behind a diagnostic (VS Code's Diagnostic has no `data`: kept beside it). */
export interface GapData {
  readonly model: string;
  readonly id: string;
  readonly name: string;
  readonly outcome: Outcome;
  /** Its place in the model's gap order (1 = most urgent). */
  readonly rank: number;
  /** ATT&CK mitigations that mitigate the technique, ID order. */
  readonly mitigations: readonly { readonly id: string; readonly name: string }[];
  /** Components where the technique is below the policy ('*' left out). */
  readonly components: readonly string[];
}

export interface GapDiagnostic {
  readonly diagnostic: vscode.Diagnostic;
  readonly data: GapData;
}

export function toVscodeRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

/** The VS Code severity of a gap: its outcome's, except Track as information when `showTrack`. */
export function gapDiagnosticSeverity(t: Pick<TechniqueResult, 'triage'>, showTrack: boolean): vscode.DiagnosticSeverity {
  const severity = gapSeverity(t);
  return severity === 'hint' && showTrack ? vscode.DiagnosticSeverity.Information : SEVERITY[severity];
}

/** File path → the gap diagnostics to show in it (gaps without a source line go on the model's first line). */
export function gapDiagnostics(result: CoverageResult, modelFile: string, showTrack = false): Map<string, GapDiagnostic[]> {
  const out = new Map<string, GapDiagnostic[]>();
  for (const t of gapsInPriorityOrder(result)) {
    const origin = originOf(t);
    const file = origin?.file ?? modelFile;
    const range = origin ? toVscodeRange(origin.range) : new vscode.Range(0, 0, 0, 0);
    const d = new vscode.Diagnostic(range, gapDiagnosticMessage(t, result), gapDiagnosticSeverity(t, showTrack));
    d.source = 'Threat Overlap gap check';
    // The engine keeps only https URLs (a bundle may carry others); without one the code is not a link.
    d.code = t.url ? { value: GAP_CODE, target: vscode.Uri.parse(t.url, true) } : GAP_CODE;
    const data: GapData = {
      model: modelFile,
      id: t.id,
      name: t.name,
      outcome: t.triage?.outcome ?? 'track',
      rank: t.priority?.rank ?? 0,
      mitigations: (t.mitigations ?? []).map((m) => ({ id: m.id, name: m.name })),
      components: weakComponents(t, result.minCoverage).filter((c) => c !== '*'),
    };
    const list = out.get(file);
    if (list) list.push({ diagnostic: d, data });
    else out.set(file, [{ diagnostic: d, data }]);
  }
  return out;
}

/**
 * The key a diagnostic handed back by VS Code (a copy) is found by: its message, which names the technique and is
 * one per gap in a file. Not its range: VS Code moves a marker's range as the text above it is edited.
 */
export const diagnosticKey = (d: Pick<vscode.Diagnostic, 'message'>): string => d.message;
