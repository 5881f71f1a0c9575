/**
 * Whether a document is in the format it is read as, decided before anything else is read from it. A threat
 * model is a YAML mapping with a `threatModel` key at the top level, an inventory one with `controlInventory`
 * (whatever their value: a wrong version is the schema's to report). Anything else — a scalar or a list at the
 * top, a mapping without the key, a file so broken that no such mapping comes out — is not ours: it gets one
 * diagnostic that says what was expected and where, plus its YAML diagnostics (whose messages carry no content), and
 * nothing from it is quoted, checked or read into a model. This is what keeps `controls: [ /etc/passwd ]`
 * from printing the file.
 */
import { isMap } from 'yaml';
import type { Node } from 'yaml';
import type { Diagnostic } from '../diagnostics';
import { findPair } from './parsed-yaml';
import type { YamlSource } from './parsed-yaml';
import { toRange } from './positions';
import type { FormatKind } from './schema-compile';

/** The top-level key that makes a document a threat model or an inventory. */
export const FORMAT_KEYS: Readonly<Record<FormatKind, string>> = { 'threat-model': 'threatModel', 'control-inventory': 'controlInventory' };

const NOUNS: Readonly<Record<FormatKind, string>> = { 'threat-model': 'a threat model', 'control-inventory': 'a control inventory' };


/** Undefined when the document is in the format; else the one diagnostic that says so. */
export function formatProblem(kind: FormatKind, source: YamlSource): Diagnostic | undefined {
  const root = source.doc.contents as Node | null;
  const key = FORMAT_KEYS[kind];
  if (isMap(root) && findPair(root, key)) return undefined;
  const start = `${NOUNS[kind]} is a YAML mapping that starts with '${key}: 1'`;
  const isMapping = isMap(root);
  const message = isMapping
    ? `not ${NOUNS[kind]}: the top-level mapping has no '${key}' key (${start}); nothing else is read from this file`
    : `not ${NOUNS[kind]}: the top level is not a mapping (${start}); nothing else is read from this file`;
  return {
    code: isMapping ? 'schema.required' : 'schema.type',
    severity: 'error',
    message,
    range: toRange(source, 0, 0),
    data: isMapping ? { missing: [key], format: kind } : { expected: 'object', format: kind },
  };
}

/**
 * The diagnostics of a file that is not in the format: its YAML diagnostics (our words, which never quote the
 * source; a repeated key is not named), then the format problem.
 */
export function notInFormat(diagnostics: readonly Diagnostic[], problem: Diagnostic): Diagnostic[] {
  const yaml = diagnostics.filter((d) => d.code.startsWith('yaml.')).map((d): Diagnostic => {
    if (d.code !== 'yaml.duplicate-key') return d;
    const first = d.data?.['firstRange'] as Diagnostic['range'] | undefined;
    const where = first ? ` (first on line ${first.start.line + 1})` : '';
    return { ...d, message: `duplicate key${where}: only the last one counts`, data: { yamlCode: 'DUPLICATE_KEY', ...(first ? { firstRange: first } : {}) } };
  });
  return [...yaml, problem];
}
