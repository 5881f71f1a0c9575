/**
 * The one place yaml offsets become 0-based line/character positions, and the ranges of nodes: a node's
 * content range never includes the trailing comments and blank lines `yaml` counts into block collections.
 */
import { isCollection, isPair } from 'yaml';
import type { Node } from 'yaml';
import type { Position, Range } from '../diagnostics';
import type { YamlSource } from './parsed-yaml';

/** The one place offsets become 0-based positions (LineCounter.linePos is 1-based). */
export function toPosition(source: YamlSource, offset: number): Position {
  const { line, col } = source.lineCounter.linePos(Math.min(Math.max(offset, 0), source.text.length));
  return { line: line - 1, character: col - 1 };
}

export function toRange(source: YamlSource, start: number, end: number): Range {
  return { start: toPosition(source, start), end: toPosition(source, Math.max(start, end)) };
}

/** End of a node's content: block collections end at their last value, not after trailing comments. */
export function contentEnd(source: YamlSource, node: Node): number {
  let end = node.range?.[1] ?? 0;
  // Down the chain of last items (a loop, not recursion: nesting may be deep); the innermost one ends it.
  for (let at: Node = node; isCollection(at) && !at.flow && at.items.length > 0;) {
    const last = at.items[at.items.length - 1];
    const inner = (isPair(last) ? (last.value ?? last.key) : last) as Node | null;
    if (!inner?.range) break;
    end = inner.range[1];
    at = inner;
  }
  const start = node.range?.[0] ?? 0;
  while (end > start && /\s/.test(source.text[end - 1] ?? '')) end--;
  return end;
}

/** Range of a node's content, or undefined when it has no position. */
export function nodeRange(source: YamlSource, node: Node | null | undefined): Range | undefined {
  if (!node?.range) return undefined;
  return toRange(source, node.range[0], contentEnd(source, node));
}

/** The first line of a node (a mapping entry's head), for problems about the node as a whole. */
export function firstLineRange(source: YamlSource, node: Node): Range {
  const start = node.range?.[0] ?? 0;
  const end = contentEnd(source, node);
  const newline = source.text.indexOf('\n', start);
  const lineEnd = newline < 0 || newline > end ? end : newline;
  let trimmed = lineEnd;
  while (trimmed > start && /\s/.test(source.text[trimmed - 1] ?? '')) trimmed--;
  return toRange(source, start, trimmed);
}

/** Back from a 0-based position to an offset (for edits computed from a diagnostic's range). */
export function toOffset(source: YamlSource, position: Position): number {
  const starts = source.lineCounter.lineStarts;
  const lineStart = starts[Math.min(Math.max(position.line, 0), starts.length - 1)] ?? 0;
  return Math.min(lineStart + position.character, source.text.length);
}
