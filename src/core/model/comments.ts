/**
 * Trailing comments (`- T1055   # Process Injection`): people label ATT&CK IDs this way, so a comment
 * that names a different object than the ID is worth a diagnostic. Read from the comment tokens of the CST,
 * so a `#` inside a quoted string is never mistaken for a comment.
 */
import type { Located } from './types';
import { yamlSource } from './parsed-yaml';
import type { ParsedYaml, YamlSource } from './parsed-yaml';
import { toRange } from './positions';

const cache = new WeakMap<YamlSource, ReadonlyMap<number, Located<string>>>();

/**
 * Comments that end a line after some content, by 0-based line: `value` is the text after `#`, trimmed;
 * `range` covers the comment from `#`. Whole-line comments are left out: they describe what follows.
 */
export function trailingComments(parsed: ParsedYaml): ReadonlyMap<number, Located<string>> {
  const source = yamlSource(parsed);
  let comments = cache.get(source);
  if (!comments) {
    comments = collect(source);
    cache.set(source, comments);
  }
  return comments;
}

function collect(source: YamlSource): Map<number, Located<string>> {
  const out = new Map<number, Located<string>>();
  for (const token of source.comments) addComment(source, out, token.offset, token.source);
  return out;
}

function addComment(source: YamlSource, out: Map<number, Located<string>>, offset: number, raw: string): void {
  const text = raw.replace(/\r$/, '');
  const lineStart = source.text.lastIndexOf('\n', offset - 1) + 1;
  if (source.text.slice(lineStart, offset).trim() === '') return;
  const range = toRange(source, offset, offset + text.length);
  out.set(range.start.line, { value: text.replace(/^#+/, '').trim(), range });
}
