/**
 * YAML syntax errors and warnings as diagnostics. Codes stay a small stable set (`yaml.syntax`,
 * `yaml.warning`, `yaml.version`, `yaml.duplicate-key`, `yaml.multiple-documents`) rather than mirroring the library's own
 * codes, which may change between `yaml` releases; the library code is kept in `data.yamlCode`.
 */
import type { YAMLError } from 'yaml';
import type { Diagnostic, Range } from '../diagnostics';
import { nodeRange, toRange } from './positions';
import type { YamlSource } from './parsed-yaml';
import { excerpt, quote } from '../text/safe-text';
import { duplicateKeys } from './yaml-limits';
import type { DuplicateKey } from './yaml-limits';

/** Diagnostics for the parser's errors (severity error) and warnings (severity warning), and repeated keys. */
export function syntaxDiagnostics(source: YamlSource): Diagnostic[] {
  const { errors, warnings } = source.doc;
  // Where the text ends without trailing white space: measured once, not once per error.
  const written = source.text.trimEnd().length;
  return [
    ...errors.map((e) => toDiagnostic(source, e, 'error', written)),
    ...yamlDirectives(source),
    ...duplicateKeys(source.doc).map((key) => duplicateKeyDiagnostic(source, key, written)),
    ...warnings.map((e) => toDiagnostic(source, e, 'warning', written)),
  ];
}

/** Spans the whole repeated key and names the line of the first one. */
function duplicateKeyDiagnostic(source: YamlSource, { node, first }: DuplicateKey, written: number): Diagnostic {
  const start = node.range?.[0] ?? 0;
  const firstRange = nodeRange(source, first);
  const where = firstRange ? ` (first on line ${firstRange.start.line + 1})` : '';
  const key = String((node as { value?: unknown }).value);
  return {
    code: 'yaml.duplicate-key',
    severity: 'error',
    message: `duplicate key ${quote(key)}${where}: only the last one counts`,
    range: nodeRange(source, node) ?? errorRange(source, [start, start + 1], written),
    data: { yamlCode: 'DUPLICATE_KEY', key, ...(firstRange ? { firstRange } : {}) },
  };
}

/**
 * The `%YAML` directives before the document (the `%` lines, among comments and blank lines, before the first other
 * line): a second one is an error (YAML 1.2 §6.8.1 forbids it; `yaml` accepts it silently), and `%YAML 1.1` (or 1.0)
 * gets a warning, because every file is read as YAML 1.2 whatever it declares and the two differ where it matters
 * here: `yes`/`no`/`on`/`off` are strings, not booleans, and `0777` is a decimal number.
 */
function yamlDirectives(source: YamlSource): Diagnostic[] {
  const text = source.text;
  const found: Diagnostic[] = [];
  let seen = false;
  for (let start = text.charCodeAt(0) === 0xfeff ? 1 : 0; start < text.length;) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const line = text.slice(start, end);
    if (/^%YAML[ \t]/.test(line)) {
      if (seen) {
        return [{ code: 'yaml.syntax', severity: 'error', message: 'a second %YAML directive: a document has at most one', range: toRange(source, start, end), data: { yamlCode: 'REPEATED_YAML_DIRECTIVE' } }];
      }
      seen = true;
      const version = /^%YAML[ \t]+(1\.[01])(?:[ \t#]|$)/.exec(line)?.[1];
      if (version) {
        const message =
          `this file declares YAML ${version}, but Threat Overlap reads every file as YAML 1.2: yes/no/on/off are strings here, ` +
          'not booleans (write true/false), and numbers with a leading 0 are decimal';
        found.push({ code: 'yaml.version', severity: 'warning', message, range: toRange(source, start, end), data: { version } });
      }
    } else if (!/^(?:%|#|\s*$)/.test(line)) {
      break;
    }
    start = end + 1;
  }
  return found;
}

function toDiagnostic(source: YamlSource, e: YAMLError, severity: 'error' | 'warning', written: number): Diagnostic {
  const range = errorRange(source, e.pos, written);
  if (e.code === 'RESOURCE_EXHAUSTION') {
    // The composer caught its own stack overflow: the engine's words are not a message (parse limits prevent it).
    return { code: 'yaml.too-deep', severity: 'error', message: 'mappings and lists nest too deep here to be read', range, data: { yamlCode: e.code } };
  }
  const code = e.code === 'MULTIPLE_DOCS' ? 'yaml.multiple-documents' : severity === 'error' ? 'yaml.syntax' : 'yaml.warning';
  return { code, severity, message: yamlMessage(e), range, data: { yamlCode: e.code } };
}

/**
 * Messages in our words where `yaml` would quote the source (tag names, directives, escape sequences, stray
 * text) or an engine's error text; other `yaml` messages are fixed phrases, kept but cut short and escaped.
 */
const OWN_WORDS: Readonly<Record<string, string>> = {
  MULTIPLE_DOCS: 'only one YAML document per file: remove this `---` and what follows, or move it to its own file',
  TAG_RESOLVE_FAILED: 'tags are not resolved here: the value is read as a plain string',
  BAD_DIRECTIVE: 'unknown or unsupported directive: it is ignored (files are read as YAML 1.2)',
  BAD_DQ_ESCAPE: 'invalid escape sequence in a double-quoted string',
};

const QUOTING_PREFIXES = ['Block scalar header includes extra characters', 'Not a YAML token', 'Plain value cannot start with'];

function yamlMessage(e: YAMLError): string {
  const own = OWN_WORDS[e.code];
  if (own !== undefined) return own;
  const prefix = QUOTING_PREFIXES.find((p) => e.message.startsWith(p));
  return prefix ?? excerpt(e.message, 160);
}

/**
 * yaml reports "missing closing quote" and the like at the end of the input, past the final newline, where
 * an editor shows nothing; such positions move back onto the last character written.
 */
function errorRange(source: YamlSource, [start, end]: readonly [number, number], written: number): Range {
  if (start < written) return toRange(source, start, end);
  const last = Math.max(written - 1, 0);
  return toRange(source, last, last + 1);
}
