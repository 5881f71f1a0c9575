/**
 * Diagnostics produced by the core, in editor-neutral form. Positions are 0-based line/character
 * (VS Code's convention) plus the source offsets they came from; the extension converts them 1:1,
 * the CLI prints them 1-based.
 */

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface Position {
  /** 0-based line. */
  readonly line: number;
  /** 0-based UTF-16 column. */
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

export interface Diagnostic {
  /** Namespaced code, e.g. `yaml.syntax`, `schema.required`, `attack.revoked`. Quick fixes dispatch on it. */
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly range: Range;
  /** The file the diagnostic belongs to (absolute path or URI string), when known. */
  readonly file?: string;
  /** Machine-readable payload for quick fixes (e.g. `{ replacement: 'T1059.001' }`). */
  readonly data?: Readonly<Record<string, unknown>>;
}

export const ZERO_RANGE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** `file:line:col severity code message`, 1-based, as the CLI prints it. */
export function formatDiagnostic(d: Diagnostic, file = d.file ?? '<input>'): string {
  return `${file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.code} ${d.message}`;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
