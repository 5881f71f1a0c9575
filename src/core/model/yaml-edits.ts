/**
 * Locations and edits on a parsed document, for quick fixes: the range of a path, and the text edit that
 * appends an item to a sequence (creating the missing keys on the way) in the style the file already uses.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { Node } from 'yaml';
import type { Range } from '../diagnostics';
import { locatePath, yamlSource } from './parsed-yaml';
import { contentEnd, nodeRange, toPosition, toRange } from './positions';
import type { ParsedYaml, YamlPath, YamlSource } from './parsed-yaml';

/** Replace `range` with `newText` (an insertion when the range is empty). */
export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

/** Which part of a located entry: its value, its key (mapping values only), or key through value. */
export type PathPart = 'value' | 'key' | 'entry';

/**
 * Range of the node at `path` (keys and sequence indices), e.g. `['techniques', 'exclude', 0, 'id']`.
 * Undefined when the path does not exist or the part does not (a sequence item has no key).
 */
export function rangeOfPath(parsed: ParsedYaml, path: YamlPath, part: PathPart = 'value'): Range | undefined {
  const source = yamlSource(parsed);
  const location = locatePath(source, path);
  if (location.resolved < path.length) return undefined;
  const keyNode = location.pair?.key as Node | null | undefined;
  const valueNode = location.node;
  if (part === 'key') return nodeRange(source, keyNode);
  if (part === 'value' || !keyNode?.range) return nodeRange(source, valueNode) ?? (part === 'entry' ? nodeRange(source, keyNode) : undefined);
  const end = valueNode?.range ? contentEnd(source, valueNode) : contentEnd(source, keyNode);
  return toRange(source, keyNode.range[0], end);
}

/**
 * The edit that appends `item` (one line of YAML, best in flow style such as `{ id: T1200, reason: … }`)
 * to the sequence at `path`. Missing keys at the end of the path are created. Undefined when the path runs
 * into a scalar or a sequence index that does not exist.
 */
export function appendToSequenceEdit(parsed: ParsedYaml, path: YamlPath, item: string): TextEdit | undefined {
  const source = yamlSource(parsed);
  const location = locatePath(source, path);
  const node = location.node;
  const missing = path.slice(location.resolved);
  if (missing.some((segment) => typeof segment === 'number')) return undefined;
  const keys = missing as readonly string[];

  if (keys.length === 0) {
    if (isSeq(node)) return node.flow ? appendToFlowSequence(source, node.items as Node[], node, item) : appendToBlockSequence(source, node, item);
    if (isEmptyValue(node) && location.pair?.key) return insertAfter(source, location.pair.key as Node, blockTail(source, location.pair.key as Node, [], item));
    return undefined;
  }
  if (node === null || node === undefined) {
    // Empty document: start it.
    const text = source.text;
    const separator = text.length === 0 || text.endsWith('\n') ? '' : '\n';
    const at = toPosition(source, text.length);
    return { range: { start: at, end: at }, newText: `${separator}${nestedBlock(keys, item, '')}\n` };
  }
  if (isMap(node)) {
    if (node.flow) return appendToFlowMap(source, node, `${keys[0]}: ${nestedFlow(keys.slice(1), item)}`);
    const indent = ' '.repeat(column(source, node));
    return insertAt(source, contentEnd(source, node), `\n${nestedBlock(keys, item, indent)}`);
  }
  if (isEmptyValue(node) && location.pair?.key) return insertAfter(source, location.pair.key as Node, blockTail(source, location.pair.key as Node, keys, item));
  return undefined;
}

function isEmptyValue(node: Node | null): boolean {
  return node === null || (isScalar(node) && node.value === null);
}

function column(source: YamlSource, node: Node): number {
  return toPosition(source, node.range?.[0] ?? 0).character;
}

function insertAt(source: YamlSource, offset: number, newText: string): TextEdit {
  const at = toPosition(source, offset);
  return { range: { start: at, end: at }, newText };
}

/** After `key:` (whose value is empty): the remaining keys and the item, indented under the key. */
function insertAfter(source: YamlSource, key: Node, tail: string): TextEdit {
  const colon = source.text.indexOf(':', contentEnd(source, key));
  return insertAt(source, colon < 0 ? contentEnd(source, key) : colon + 1, tail);
}

function blockTail(source: YamlSource, key: Node, keys: readonly string[], item: string): string {
  return `\n${nestedBlock(keys, item, ' '.repeat(column(source, key) + 2))}`;
}

/** `a:\n  b:\n    - item` starting at `indent`. */
function nestedBlock(keys: readonly string[], item: string, indent: string): string {
  const lines = keys.map((key, depth) => `${indent}${'  '.repeat(depth)}${key}:`);
  lines.push(`${indent}${'  '.repeat(keys.length)}- ${item}`);
  return lines.join('\n');
}

/** `{ b: [item] }` for the keys below the first. */
function nestedFlow(keys: readonly string[], item: string): string {
  return keys.reduceRight((inner, key) => `{ ${key}: ${inner} }`, `[${item}]`);
}

function appendToBlockSequence(source: YamlSource, seq: Node, item: string): TextEdit {
  const indent = ' '.repeat(column(source, seq));
  return insertAt(source, contentEnd(source, seq), `\n${indent}- ${item}`);
}

function appendToFlowSequence(source: YamlSource, items: readonly Node[], seq: Node, item: string): TextEdit {
  const last = items[items.length - 1];
  if (last?.range) return insertAt(source, contentEnd(source, last), `, ${item}`);
  return insertAt(source, (seq.range?.[0] ?? 0) + 1, item); // `[]` → `[item]`
}

function appendToFlowMap(source: YamlSource, map: Node & { items: unknown[] }, entry: string): TextEdit {
  const last = map.items[map.items.length - 1] as { key?: Node | null; value?: Node | null } | undefined;
  const lastNode = last?.value ?? last?.key;
  if (lastNode?.range) return insertAt(source, contentEnd(source, lastNode), `, ${entry}`);
  return insertAt(source, (map.range?.[0] ?? 0) + 1, ` ${entry} `);
}
