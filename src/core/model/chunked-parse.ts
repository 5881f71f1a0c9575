/**
 * Incremental parsing for large documents. Re-validating a 2,000-line model after each keystroke must take
 * ≤ 30 ms (SPEC), and `yaml` alone needs more than that for such a file. A model is a mapping of a few
 * top-level keys, and the big ones are block lists (`adversaries:`, `techStack:`), so the text is cut into
 * top-level entries and list items, each chunk is parsed on its own, and chunks whose text did not change
 * since an earlier parse come from a cache: an edit re-parses one list item.
 *
 * Only clean, simple documents take this path: no anchors, aliases, tags or directives, no CR or BOM, and
 * every chunk parses without an error or warning into exactly one entry or item. Anything else (including
 * the half-typed document in the middle of an edit) returns undefined and is parsed whole, so diagnostics
 * are always those of a whole-document parse. A unit test compares both paths node by node.
 */
import { Composer, Document, LineCounter, Pair, Parser, Scalar, YAMLMap, YAMLParseError, YAMLSeq, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { DocumentOptions, Node, ParseOptions, SchemaOptions } from 'yaml';
import { MAX_PARSE_DEPTH, NestingLimitError, nestingBound, tokensNestDeeper } from './yaml-limits';

/** A comment as the CST has it: offset in the text and its source (`# …`). */
export interface CommentToken {
  readonly offset: number;
  readonly source: string;
}

/** A parsed document, its line starts and every comment of its CST. */
export interface ParsedText {
  readonly doc: Document.Parsed;
  readonly lineCounter: LineCounter;
  readonly comments: readonly CommentToken[];
}

export type YamlOptions = ParseOptions & DocumentOptions & SchemaOptions;

/** Below this size a whole parse is fast enough and chunking gains nothing. */
const MIN_CHUNKED_LENGTH = 8_000;
/** A top-level block list of more lines than this is cut into its items. */
const MIN_SPLIT_LINES = 20;
const MAX_CACHE_ENTRIES = 20_000;

/** Parses `text` whole, as `parseDocument` does (a second document is an error), keeping line starts and comments. */
export function parseWhole(text: string, options: YamlOptions): ParsedText {
  const lineCounter = new LineCounter();
  const tokens = [...new Parser(lineCounter.addNewLine).parse(text)];
  // The composer recurses per level of nesting: deep text is refused here, before it can run out of stack.
  if (nestingBound(text) > MAX_PARSE_DEPTH && tokensNestDeeper(tokens, MAX_PARSE_DEPTH)) throw new NestingLimitError();
  let doc: Document.Parsed | undefined;
  for (const next of new Composer(options).compose(tokens, true, text.length)) {
    if (doc) {
      doc.errors.push(new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents'));
      break;
    }
    doc = next;
  }
  if (!doc) throw new Error('yaml composed no document');
  // No `#`, no comment: skip walking every CST token.
  return { doc, lineCounter, comments: text.includes('#') ? commentTokens(tokens) : [] };
}

/** Comments anywhere in CST tokens, in source order (walked without recursion: nesting may be very deep). */
function commentTokens(tokens: readonly unknown[]): CommentToken[] {
  const out: CommentToken[] = [];
  const stack: unknown[] = [tokens];
  while (stack.length > 0) {
    const token = stack.pop();
    if (Array.isArray(token)) {
      for (const item of token) stack.push(item);
      continue;
    }
    if (typeof token !== 'object' || token === null) continue;
    const t = token as { type?: unknown; offset?: unknown; source?: unknown };
    if (t.type === 'comment' && typeof t.offset === 'number' && typeof t.source === 'string') {
      out.push({ offset: t.offset, source: t.source });
      continue;
    }
    for (const value of Object.values(token)) if (typeof value === 'object') stack.push(value);
  }
  return out.sort((a, b) => a.offset - b.offset);
}

/** One chunk parsed on its own: its single entry (top level) or item (list), offsets relative to the chunk. */
interface Chunk {
  readonly node: Pair | Node;
  /** The copy last placed, reused while the chunk stays at the same offset (placed nodes are never changed). */
  last?: { readonly offset: number; readonly node: Pair | Node };
  /** The range of the collection holding it (the chunk's map or list). */
  readonly range: readonly [number, number, number];
  readonly comments: readonly CommentToken[];
}

const cache = new Map<string, Chunk | null>();

function parseChunk(text: string, kind: 'entry' | 'item', options: YamlOptions): Chunk | undefined {
  const key = `${kind}\u0000${text}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached ?? undefined;
  const { doc, comments } = parseWhole(text, options);
  const contents = doc.contents as Node | null;
  const ok = doc.errors.length === 0 && doc.warnings.length === 0 && contents?.range &&
    (kind === 'entry' ? isMap(contents) && !contents.flow : isSeq(contents) && !contents.flow) &&
    (contents as YAMLMap | YAMLSeq).items.length === 1;
  const chunk = ok ? { node: (contents as YAMLMap | YAMLSeq).items[0] as Pair | Node, range: contents.range as [number, number, number], comments } : null;
  if (cache.size >= MAX_CACHE_ENTRIES) cache.clear();
  cache.set(key, chunk);
  return chunk ?? undefined;
}

/**
 * A copy of a chunk's node with every range moved by `offset`: cached nodes are never changed, since earlier
 * parses may still hold them. (`node.clone()` copies property descriptors and costs several times more.)
 */
function placed(chunk: Chunk, offset: number): Pair | Node {
  if (chunk.last?.offset !== offset) chunk.last = { offset, node: copyAt(chunk.node, offset) as Pair | Node };
  return chunk.last.node;
}

function copyAt(node: unknown, offset: number): unknown {
  if (isPair(node)) return new Pair(copyAt(node.key, offset), copyAt(node.value, offset));
  if (isScalar(node)) return withRange(Object.assign(new Scalar(node.value), node), node.range, offset);
  if (isMap(node) || isSeq(node)) {
    const copy = Object.assign(isMap(node) ? new YAMLMap(node.schema) : new YAMLSeq(node.schema), node);
    copy.items = (node.items as unknown[]).map((item) => copyAt(item, offset)) as never;
    return withRange(copy, node.range, offset);
  }
  return node;
}

function withRange<T extends Node>(copy: T, range: Node['range'], offset: number): T {
  if (range) copy.range = [range[0] + offset, range[1] + offset, range[2] + offset];
  return copy;
}

const UNSAFE = /(^|[\s[{,])[&*!][^\s,\]}]|^(?:---|\.\.\.|%)|\r|\t/m;
const TOP_LEVEL_START = /^[^\s#-]/;
const SIMPLE_KEY_LINE = /^[A-Za-z_][A-Za-z0-9_-]*:[ ]*(?:#.*)?$/;

/** The chunked parse, or undefined when the document is small or not simple enough to cut safely. */
export function parseChunked(text: string, options: YamlOptions): ParsedText | undefined {
  if (text.length < MIN_CHUNKED_LENGTH || text.charCodeAt(0) === 0xfeff || UNSAFE.test(text)) return undefined;
  const lines = lineStarts(text);
  const starts = lines.filter((s, i) => i > 0 && TOP_LEVEL_START.test(text.slice(s, s + 1)));
  const first = lines.find((s) => TOP_LEVEL_START.test(text.slice(s, s + 1)));
  if (first === undefined) return undefined;
  // Comments and blank lines before the first key belong to the first entry.
  const bounds = [0, ...starts.filter((s) => s > first), text.length];
  const root = new YAMLMap();
  const comments: CommentToken[] = [];
  const keys = new Set<string>();
  let rootRange: [number, number, number] | undefined;
  for (let i = 0; i + 1 < bounds.length; i++) {
    const entry = parseEntry(text, bounds[i], bounds[i + 1], lines, options, comments);
    if (!entry) return undefined;
    const key = String((entry.pair.key as { value?: unknown } | null)?.value);
    if (keys.has(key)) return undefined; // duplicate keys: let the whole parse report them
    keys.add(key);
    root.items.push(entry.pair);
    rootRange = rootRange ? [rootRange[0], entry.range[1], entry.range[2]] : [...entry.range];
  }
  if (!rootRange) return undefined;
  root.range = rootRange;
  const doc = new Document(null, options) as unknown as Document.Parsed;
  doc.contents = root as never;
  doc.range = [rootRange[0], rootRange[1], text.length];
  const lineCounter = new LineCounter();
  for (const s of lines) lineCounter.addNewLine(s);
  return { doc, lineCounter, comments };
}

/** One top-level entry from `start` to `end`: parsed as a chunk, or cut into its list items when long. */
function parseEntry(text: string, start: number, end: number, lines: readonly number[], options: YamlOptions, comments: CommentToken[]):
  { pair: Pair; range: [number, number, number] } | undefined {
  const items = listItemStarts(text, start, end, lines);
  const head = parseChunk(text.slice(start, items ? items[0] : end), 'entry', options);
  if (!head) return undefined;
  const placedHead = placed(head, start) as Pair;
  for (const c of head.comments) comments.push({ offset: c.offset + start, source: c.source });
  const range: [number, number, number] = [head.range[0] + start, head.range[1] + start, head.range[2] + start];
  if (!items) return { pair: placedHead, range };
  const value = placedHead.value as Node | null;
  if (value !== null && !(isScalar(value) && value.value === null)) return undefined;
  const seq = new YAMLSeq();
  const bounds = [...items, end];
  let seqRange: [number, number, number] | undefined;
  for (let i = 0; i + 1 < bounds.length; i++) {
    const chunk = parseChunk(text.slice(bounds[i], bounds[i + 1]), 'item', options);
    if (!chunk) return undefined;
    seq.items.push(placed(chunk, bounds[i]));
    for (const c of chunk.comments) comments.push({ offset: c.offset + bounds[i], source: c.source });
    const r = chunk.range.map((x) => x + bounds[i]) as [number, number, number];
    seqRange = seqRange ? [seqRange[0], r[1], r[2]] : r;
  }
  if (!seqRange) return undefined;
  seq.range = seqRange;
  return { pair: new Pair(placedHead.key, seq), range: [range[0], seqRange[1], seqRange[2]] };
}

/**
 * Where the items of a long block list under a simple `key:` line start, or undefined when the entry is not
 * such a list (then it is parsed as one chunk). Every line must be blank, a comment, an item at the list's
 * indentation, or more indented than it.
 */
function listItemStarts(text: string, start: number, end: number, lines: readonly number[]): number[] | undefined {
  const own = lines.slice(firstAtOrAfter(lines, start), firstAtOrAfter(lines, end));
  if (own.length <= MIN_SPLIT_LINES || !SIMPLE_KEY_LINE.test(lineText(text, own[0]))) return undefined;
  const body = own.slice(1).filter((s) => !/^\s*(?:#.*)?$/.test(lineText(text, s)));
  const indent = /^( *)-(?: |$)/.exec(lineText(text, body[0] ?? start))?.[1].length;
  if (indent === undefined) return undefined;
  const items: number[] = [];
  for (const s of body) {
    const line = lineText(text, s);
    const spaces = /^ */.exec(line)?.[0].length ?? 0;
    if (spaces === indent && /^ *-(?: |$)/.test(line)) items.push(s);
    else if (spaces <= indent) return undefined;
  }
  return items;
}

function lineText(text: string, start: number): string {
  const newline = text.indexOf('\n', start);
  return text.slice(start, newline < 0 ? text.length : newline);
}

/** Index of the first line start ≥ offset (binary search: filtering every line per entry is quadratic). */
function firstAtOrAfter(lines: readonly number[], offset: number): number {
  let lo = 0;
  let hi = lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (lines[mid] < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Offsets of line starts, as `LineCounter` records them (0, then after every `\n`). */
function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i >= 0 && i + 1 <= text.length; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}
