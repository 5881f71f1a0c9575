/** The one place core positions, diagnostics and edits become VS Code objects (core ranges are 0-based already). */
import * as vscode from 'vscode';
import type { Diagnostic as CoreDiagnostic, Range as CoreRange, Severity } from '../../core/diagnostics';
import type { TextEdit as CoreTextEdit } from '../../core/model/index';

export const DIAGNOSTIC_SOURCE = 'threat-overlap';

const SEVERITY: Readonly<Record<Severity, vscode.DiagnosticSeverity>> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export function toRange(range: CoreRange): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

export function toCoreRange(range: vscode.Range): CoreRange {
  return { start: { line: range.start.line, character: range.start.character }, end: { line: range.end.line, character: range.end.character } };
}

export function toDiagnostic(d: CoreDiagnostic): vscode.Diagnostic {
  const out = new vscode.Diagnostic(toRange(d.range), d.message, SEVERITY[d.severity]);
  out.source = DIAGNOSTIC_SOURCE;
  out.code = d.code;
  if (d.code === 'attack.deprecated' || d.code === 'attack.revoked') out.tags = [vscode.DiagnosticTag.Deprecated];
  return out;
}

/** True when a VS Code diagnostic (as a code-action context hands it back) is this core diagnostic. */
export function isSameDiagnostic(vs: vscode.Diagnostic, core: CoreDiagnostic): boolean {
  const code = typeof vs.code === 'object' ? vs.code.value : vs.code;
  return vs.source === DIAGNOSTIC_SOURCE && code === core.code && vs.message === core.message && vs.range.isEqual(toRange(core.range));
}

export function addEdits(edit: vscode.WorkspaceEdit, uri: vscode.Uri, edits: readonly CoreTextEdit[]): vscode.WorkspaceEdit {
  for (const e of edits) edit.replace(uri, toRange(e.range), e.newText);
  return edit;
}

export function contains(range: CoreRange | undefined, position: vscode.Position): boolean {
  return range !== undefined && toRange(range).contains(position);
}
