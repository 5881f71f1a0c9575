/**
 * Limits that keep hostile YAML from hanging or crashing the parse (docs/robustness.md): a size cap checked
 * before parsing, a nesting limit for the data the schema sees, and duplicate-key detection in linear time
 * (`yaml`'s own `uniqueKeys` compares every key with every earlier one, which takes minutes for 50,000 keys).
 */
import { LineCounter, Parser, isAlias, isCollection, isMap, isPair, isScalar } from 'yaml';
import type { Document, Node } from 'yaml';

/**
 * Largest model or inventory read, in UTF-16 code units (256 KiB of ASCII text). A 2,000-line model is
 * ~80 KB; `yaml` parses about 1 MB/s on a slow machine, so larger files would block the editor for a second.
 */
export const MAX_YAML_LENGTH = 256 * 1024;

/** Deepest nesting of mappings and sequences read as data; real models nest fewer than 10 levels. */
export const MAX_NESTING_DEPTH = 100;

/** Flow brackets open at once beyond which a text is not parsed (the parser would recurse until out of stack). */
export const MAX_FLOW_DEPTH = 1000;

/**
 * Deepest nesting of collections handed to `yaml`'s composer, which recurses a few frames per level and runs out
 * of Node's default stack near 800 levels (flow) or 900 (block). Deeper text is refused before it is composed.
 */
export const MAX_PARSE_DEPTH = 400;

/**
 * Whether `[`/`{` ever stand more than MAX_FLOW_DEPTH deeper than their closers: one linear scan that also
 * counts brackets inside strings and comments, so it over-estimates, but no real file comes near the limit.
 */
export function flowTooDeep(text: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_FLOW_DEPTH) return true;
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) {
      depth--;
    }
  }
  return false;
}

/**
 * An upper bound on how deep collections can nest in `text`, from one scan of its lines: a block collection
 * nested in another starts further right, or on the same column once (a list as a mapping's value), or after
 * an indicator on the same line (`- - x`, `? - x`, `- a: x`); flow collections add at most their bracket depth.
 * So the bound is twice the largest (indentation + indicators) of a line, plus the deepest bracket count.
 */
export function nestingBound(text: string): number {
  let block = 0;
  let flow = 0;
  let open = 0;
  for (let start = 0; start <= text.length;) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    let i = start;
    while (i < end && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09)) i++;
    let levels = i - start + 1;
    for (; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x5b || c === 0x7b) flow = Math.max(flow, ++open);
      else if ((c === 0x5d || c === 0x7d) && open > 0) open--;
      else if (c === 0x2d || c === 0x3f || c === 0x3a) {
        const next = i + 1 < end ? text.charCodeAt(i + 1) : 0x20;
        if (next === 0x20 || next === 0x09 || next === 0x0d) levels++;
      }
    }
    block = Math.max(block, 2 * levels);
    if (newline < 0) break;
    start = newline + 1;
  }
  return block + flow;
}

const COLLECTION_TOKENS = new Set(['block-map', 'block-seq', 'flow-collection']);

/**
 * Whether collections in parsed CST tokens nest deeper than `limit`: the exact answer when the bound above
 * cannot rule it out. The CST parser keeps its own stack, so any depth is safe to tokenise; the walk is a loop.
 */
export function tokensNestDeeper(tokens: readonly unknown[], limit: number): boolean {
  const stack: { token: unknown; depth: number }[] = tokens.map((token) => ({ token, depth: 0 }));
  while (stack.length > 0) {
    const { token, depth } = stack.pop() as { token: unknown; depth: number };
    if (typeof token !== 'object' || token === null) continue;
    const t = token as { type?: unknown; value?: unknown; key?: unknown; items?: unknown };
    const level = COLLECTION_TOKENS.has(t.type as string) ? depth + 1 : depth;
    if (level > limit) return true;
    if (t.value !== undefined) stack.push({ token: t.value, depth: level });
    if (t.key !== undefined) stack.push({ token: t.key, depth: level });
    if (Array.isArray(t.items)) for (const item of t.items as unknown[]) stack.push({ token: item, depth: level });
  }
  return false;
}

/** Whether `text` nests collections deeper than MAX_PARSE_DEPTH (the cheap bound first, then the CST). */
export function yamlTooDeep(text: string): boolean {
  return nestingBound(text) > MAX_PARSE_DEPTH && tokensNestDeeper([...new Parser().parse(text)], MAX_PARSE_DEPTH);
}

/** Thrown by the parse when collections nest deeper than MAX_PARSE_DEPTH; nothing is composed. */
export class NestingLimitError extends Error {
  override readonly name = 'NestingLimitError';
  constructor() {
    super(`collections nest more than ${MAX_PARSE_DEPTH} levels deep`);
  }
}

/** A key that repeats an earlier key of the same mapping (`first`). */
export interface DuplicateKey {
  readonly node: Node;
  readonly first: Node;
}

/**
 * Every repeated scalar key, compared as `yaml`'s `uniqueKeys: true` does (same scalar value; `1` and `'1'`
 * differ), walking the document without recursion so any depth is safe.
 */
export function duplicateKeys(doc: Document.Parsed): DuplicateKey[] {
  const out: DuplicateKey[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!isCollection(node)) continue;
    const seen = isMap(node) ? new Map<unknown, Node>() : undefined;
    for (const item of node.items as unknown[]) {
      if (!isPair(item)) {
        stack.push(item);
        continue;
      }
      const key = item.key as Node | null;
      if (seen && isScalar(key) && key.range) {
        const first = seen.get(key.value);
        if (first) out.push({ node: key, first });
        else seen.set(key.value, key);
      } else if (isCollection(key)) {
        stack.push(key);
      }
      stack.push(item.value);
    }
  }
  return out.sort((a, b) => (a.node.range?.[0] ?? 0) - (b.node.range?.[0] ?? 0));
}

/** Line starts of `text`, as the parser would have recorded them, for documents that were not parsed. */
export function lineCounterOf(text: string): LineCounter {
  const counter = new LineCounter();
  counter.addNewLine(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) counter.addNewLine(i + 1);
  return counter;
}

/** Whether an error is the engine's stack overflow, or our nesting limit that keeps the parser from one. */
export function isStackOverflow(e: unknown): boolean {
  return e instanceof NestingLimitError || (e instanceof RangeError && /call stack/i.test(e.message));
}

const targetsByDoc = new WeakMap<Document.Parsed, Map<Node, Node | undefined>>();

/** What each alias of a document points at, resolved in one pass and kept (Alias.resolve walks the whole document per call). */
export function aliasTargets(doc: Document.Parsed): ReadonlyMap<Node, Node | undefined> {
  let targets = targetsByDoc.get(doc);
  if (!targets) targetsByDoc.set(doc, (targets = resolveAliases(doc)));
  return targets;
}

/**
 * Nodes under `node` (itself included, aliases counted as one), counting stops past `limit`: what reading an
 * alias's target costs against MAX_ALIAS_EXPANSION.
 */
export function countNodes(node: Node, limit: number): number {
  let count = 0;
  const stack: unknown[] = [node];
  while (stack.length > 0 && count <= limit) {
    const next = stack.pop();
    if (isPair(next)) {
      stack.push(next.key, next.value);
      continue;
    }
    if (!next || typeof next !== 'object') continue;
    count++;
    if (!isCollection(next)) continue;
    // Each pushed node counts at least one: past the limit already, stop before copying a long list.
    if (count + stack.length + next.items.length > limit) return limit + 1;
    for (const item of next.items) stack.push(item);
  }
  return count;
}

function resolveAliases(doc: Document.Parsed): Map<Node, Node | undefined> {
  const targets = new Map<Node, Node | undefined>();
  const anchors = new Map<string, Node>();
  // Document order (a key before its value, a collection before its items), as Alias.resolve visits.
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isPair(node)) {
      stack.push(node.value, node.key);
      continue;
    }
    if (isAlias(node)) {
      targets.set(node, anchors.get(node.source));
      continue;
    }
    if (!node || typeof node !== 'object') continue;
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) anchors.set(anchor, node as Node);
    if (isCollection(node)) for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
  }
  return targets;
}
