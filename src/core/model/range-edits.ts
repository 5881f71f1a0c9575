/**
 * Edits addressed by a diagnostic's range rather than by a YAML path: what quick fixes need, since a
 * diagnostic carries where the problem is, not how to get there. Each edit keeps the file's style
 * (flow or block lists, the quoting the user chose).
 */
import { isPair, isScalar, isSeq, visit } from 'yaml';
import type { Node, Pair, YAMLSeq } from 'yaml';
import type { Range } from '../diagnostics';
import { yamlSource } from './parsed-yaml';
import type { ParsedYaml, YamlSource } from './parsed-yaml';
import { contentEnd, toOffset, toRange } from './positions';
import type { TextEdit } from './yaml-edits';

interface Found {
  readonly node: Node;
  /** The pair the node is the value of, when it is one. */
  readonly pair?: Pair;
  /** The sequence the node is an item of, when it is one. */
  readonly seq?: YAMLSeq;
}

/** The node whose content starts at the range's start (the innermost, so a scalar over its parent list). */
function nodeAt(source: YamlSource, range: Range): Found | undefined {
  const start = toOffset(source, range.start);
  let found: Found | undefined;
  visit(source.doc, (_key, node, path) => {
    if (!isScalar(node) && !(node && typeof node === 'object' && 'items' in node)) return undefined;
    const n = node as Node;
    if (n.range?.[0] !== start) return undefined;
    const parent = path[path.length - 1];
    found = { node: n, ...(isPair(parent) && parent.value === node ? { pair: parent as Pair } : {}), ...(isSeq(parent) ? { seq: parent as YAMLSeq } : {}) };
    return undefined;
  });
  return found;
}

/** `value` written as a YAML scalar where `range` is: in the quotes used there, else plain when that is safe. */
export function scalarEdit(parsed: ParsedYaml, range: Range, value: string): TextEdit {
  const source = yamlSource(parsed);
  const old = source.text.slice(toOffset(source, range.start), toOffset(source, range.end));
  const quote = old.startsWith('"') ? '"' : old.startsWith("'") ? "'" : undefined;
  // Plain scalars may not contain `: `, ` #` or (inside flow lists) `,[]{}`, nor start with an indicator.
  const plainSafe = !/[:#,[\]{}]|^[-?!&*|>'"%@`\s]|\s$/.test(value) && value !== '';
  const text = quote === "'" ? `'${value.replace(/'/g, "''")}'` : quote === '"' || !plainSafe ? JSON.stringify(value) : value;
  return { range, newText: text };
}

/** Replaces the key of the mapping entry whose value is at `valueRange` (`group: S0154` → `software: S0154`). */
export function renameKeyEdit(parsed: ParsedYaml, valueRange: Range, newKey: string): TextEdit | undefined {
  const source = yamlSource(parsed);
  const key = nodeAt(source, valueRange)?.pair?.key as Node | undefined;
  if (!key?.range) return undefined;
  return { range: toRange(source, key.range[0], contentEnd(source, key)), newText: newKey };
}

/** Removes the sequence item at `itemRange`, with its separator (flow) or its whole line (block). */
export function removeItemEdit(parsed: ParsedYaml, itemRange: Range): TextEdit | undefined {
  const source = yamlSource(parsed);
  const found = nodeAt(source, itemRange);
  const seq = found?.seq;
  if (!found || !seq) return undefined;
  const items = seq.items as Node[];
  const i = items.indexOf(found.node);
  const start = found.node.range?.[0] ?? 0;
  const end = contentEnd(source, found.node);
  const text = source.text;
  if (seq.flow) {
    const next = items[i + 1]?.range?.[0];
    const previous = i > 0 ? items[i - 1] : undefined;
    // `[a, b, c]`: drop "b, "; the last item drops the ", " before it; a lone item leaves `[]`.
    if (next !== undefined) return { range: toRange(source, start, next), newText: '' };
    if (previous?.range) return { range: toRange(source, contentEnd(source, previous), end), newText: '' };
    return { range: toRange(source, start, end), newText: '' };
  }
  if (items.length === 1) return undefined; // an empty block list would leave `key:` null; let the user decide
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = text.indexOf('\n', end);
  return { range: toRange(source, lineStart, lineEnd < 0 ? text.length : lineEnd + 1), newText: '' };
}

/**
 * Removes several items of one or more sequences at once without overlapping edits: in a flow list each
 * run of neighbouring items goes with the separator after it (or, at the end, the one before it); in a block
 * list each item's lines go. Items that are not sequence items are skipped; a sequence never loses its
 * last item (that would leave `key:` null), so removing every item of a list removes all but the first.
 */
export function removeItemsEdits(parsed: ParsedYaml, itemRanges: readonly Range[]): TextEdit[] {
  const source = yamlSource(parsed);
  const bySeq = new Map<YAMLSeq, Set<number>>();
  for (const range of itemRanges) {
    const found = nodeAt(source, range);
    if (!found?.seq) continue;
    const indices = bySeq.get(found.seq) ?? new Set<number>();
    indices.add((found.seq.items as Node[]).indexOf(found.node));
    bySeq.set(found.seq, indices);
  }
  const edits: TextEdit[] = [];
  for (const [seq, indices] of bySeq) {
    const items = seq.items as Node[];
    if (indices.size >= items.length) indices.delete(0);
    edits.push(...(seq.flow ? flowRemovals(source, items, indices) : blockRemovals(source, items, indices)));
  }
  return edits;
}

function flowRemovals(source: YamlSource, items: readonly Node[], remove: ReadonlySet<number>): TextEdit[] {
  const edits: TextEdit[] = [];
  for (let i = 0; i < items.length; i++) {
    if (!remove.has(i)) continue;
    let j = i;
    while (remove.has(j + 1)) j++;
    const next = items[j + 1]?.range?.[0];
    const previous = items[i - 1];
    const start = next !== undefined || !previous ? (items[i].range?.[0] ?? 0) : contentEnd(source, previous);
    edits.push({ range: toRange(source, start, next ?? contentEnd(source, items[j])), newText: '' });
    i = j;
  }
  return edits;
}

function blockRemovals(source: YamlSource, items: readonly Node[], remove: ReadonlySet<number>): TextEdit[] {
  const text = source.text;
  return [...remove].map((i) => {
    const start = items[i].range?.[0] ?? 0;
    const end = contentEnd(source, items[i]);
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const lineEnd = text.indexOf('\n', end);
    return { range: toRange(source, lineStart, lineEnd < 0 ? text.length : lineEnd + 1), newText: '' };
  });
}

/** Replaces the first case-insensitive occurrence of `find` inside `range` (e.g. an old name in a comment). */
export function replaceWithinEdit(parsed: ParsedYaml, range: Range, find: string, replaceWith: string): TextEdit | undefined {
  const source = yamlSource(parsed);
  const start = toOffset(source, range.start);
  const at = source.text.slice(start, toOffset(source, range.end)).toLowerCase().indexOf(find.toLowerCase());
  if (find === '' || at < 0) return undefined;
  return { range: toRange(source, start + at, start + at + find.length), newText: replaceWith };
}
