/**
 * YAML syntax errors and warnings as diagnostics. Codes stay a small stable set (`yaml.syntax`,
 * `yaml.warning`, `yaml.duplicate-key`, `yaml.multiple-documents`) rather than mirroring the library's own
 * codes, which may change between `yaml` releases; the library code is kept in `data.yamlCode`.
 */
import { isCollection, isPair, isScalar } from 'yaml';
import type { Node, YAMLError } from 'yaml';
import type { Diagnostic, Range } from '../diagnostics';
import { nodeRange, toRange } from './positions';
import type { YamlSource } from './parsed-yaml';

interface KeyInfo {
  readonly node: Node;
  /** The first key of the same mapping with the same text. */
  readonly first?: Node;
}

/** Diagnostics for the parser's errors (severity error) and warnings (severity warning). */
export function syntaxDiagnostics(source: YamlSource): Diagnostic[] {
  const { errors, warnings } = source.doc;
  const keys = new Map<number, KeyInfo>();
  if (errors.some((e) => e.code === 'DUPLICATE_KEY')) collectKeys(source.doc.contents as Node | null, keys);
  return [
    ...errors.map((e) => toDiagnostic(source, e, 'error', keys)),
    ...warnings.map((e) => toDiagnostic(source, e, 'warning', keys)),
  ];
}

function toDiagnostic(source: YamlSource, e: YAMLError, severity: 'error' | 'warning', keys: ReadonlyMap<number, KeyInfo>): Diagnostic {
  const range = errorRange(source, e.pos);
  if (e.code === 'DUPLICATE_KEY') {
    // yaml points at the start of the repeated key; widen to the whole key and name the first one.
    const key = keys.get(e.pos[0]);
    if (key && isScalar(key.node)) {
      const firstRange: Range | undefined = key.first ? nodeRange(source, key.first) : undefined;
      const where = firstRange ? ` (first on line ${firstRange.start.line + 1})` : '';
      return {
        code: 'yaml.duplicate-key',
        severity,
        message: `duplicate key '${String(key.node.value)}'${where}: only the last one counts`,
        range: nodeRange(source, key.node) ?? range,
        data: { yamlCode: e.code, key: String(key.node.value), ...(firstRange ? { firstRange } : {}) },
      };
    }
  }
  const code = e.code === 'DUPLICATE_KEY' ? 'yaml.duplicate-key'
    : e.code === 'MULTIPLE_DOCS' ? 'yaml.multiple-documents'
    : severity === 'error' ? 'yaml.syntax' : 'yaml.warning';
  const message = e.code === 'MULTIPLE_DOCS' ? 'only one YAML document per file: remove this `---` and what follows, or move it to its own file' : e.message;
  return { code, severity, message, range, data: { yamlCode: e.code } };
}

/**
 * yaml reports "missing closing quote" and the like at the end of the input, past the final newline, where
 * an editor shows nothing; such positions move back onto the last character written.
 */
function errorRange(source: YamlSource, [start, end]: readonly [number, number]): Range {
  const text = source.text;
  if (start < text.trimEnd().length) return toRange(source, start, end);
  const last = Math.max(text.trimEnd().length - 1, 0);
  return toRange(source, last, last + 1);
}

/** Key nodes by start offset, each with the first earlier key of the same text in its mapping. */
function collectKeys(node: Node | null, into: Map<number, KeyInfo>): void {
  if (!isCollection(node)) return;
  const firstByText = new Map<string, Node>();
  for (const item of node.items) {
    if (isPair(item)) {
      const key = item.key as Node | null;
      if (key?.range) {
        const text = isScalar(key) ? String(key.value) : undefined;
        const first = text !== undefined ? firstByText.get(text) : undefined;
        into.set(key.range[0], { node: key, ...(first ? { first } : {}) });
        if (text !== undefined && !first) firstByText.set(text, key);
      }
      collectKeys(item.value as Node | null, into);
    } else {
      collectKeys(item as Node, into);
    }
  }
}
