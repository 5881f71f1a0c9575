/** The shared first half of parsing either format: YAML syntax, then the JSON Schema. */
import type { Diagnostic } from '../diagnostics';
import { formatProblem, notInFormat } from './format-check';
import { rootReader } from './node-reader';
import type { MapReader } from './node-reader';
import { parseYaml, yamlSource } from './parsed-yaml';
import type { ParsedYaml, YamlSource } from './parsed-yaml';
import { schemaDiagnostics } from './schema-validation';
import { documentData } from './yaml-data';
import type { FormatKind } from './schema-validation';

/** What parsing one file gives: the typed model (undefined only when the document is not a mapping), every
 * syntax and schema diagnostic in document order, and the handle for `rangeOfPath` and the edit helpers. */
export interface ParseResult<T> {
  /** The file name or URI given to the parser. */
  readonly file?: string;
  readonly model?: T;
  readonly diagnostics: readonly Diagnostic[];
  readonly yaml: ParsedYaml;
}

export interface ValidatedDocument {
  readonly yaml: ParsedYaml;
  readonly source: YamlSource;
  /** The root mapping, when the document is in the format (format-check.ts). */
  readonly root?: MapReader;
  readonly diagnostics: Diagnostic[];
}

/** Parses and schema-checks a document of the given format. */
export function validateDocument(kind: FormatKind, text: string): ValidatedDocument {
  const { yaml, diagnostics, read } = parseYaml(text);
  const source = yamlSource(yaml);
  // Over a limit: nothing was parsed, and the limit's diagnostic says all there is to say.
  if (!read) return { yaml, source, diagnostics };
  const problem = formatProblem(kind, source);
  if (problem) return { yaml, source, diagnostics: notInFormat(diagnostics, problem) };
  const { data, diagnostics: aliasDiagnostics } = documentData(source);
  // Loops, not push(...list): a list of 100,000+ diagnostics as arguments overflows the stack.
  for (const d of aliasDiagnostics) diagnostics.push(d);
  // A syntax error explains its line better than the schema errors it causes there.
  const syntaxLines = new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => d.range.start.line));
  for (const d of schemaDiagnostics(kind, source, data)) if (!syntaxLines.has(d.range.start.line)) diagnostics.push(d);
  return { yaml, source, root: rootReader(source), diagnostics };
}

/** Diagnostics in document order, stamped with the file when known. */
export function finishDiagnostics(diagnostics: readonly Diagnostic[], file: string | undefined): Diagnostic[] {
  const sorted = [...diagnostics].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return file === undefined ? sorted : sorted.map((d) => ({ ...d, file }));
}
