/**
 * The parsed YAML document behind a model, kept as an opaque handle. Positions stay yaml offsets inside;
 * they become 0-based line/character Ranges in exactly one place (`toRange` in positions.ts).
 */
import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { LineCounter } from 'yaml';
import type { Document, Node, Pair, YAMLMap } from 'yaml';
import type { Diagnostic } from '../diagnostics';
import { parseChunked, parseWhole } from './chunked-parse';
import type { CommentToken, ParsedText } from './chunked-parse';
import { syntaxDiagnostics } from './yaml-diagnostics';
import { MAX_FLOW_DEPTH, MAX_PARSE_DEPTH, MAX_YAML_LENGTH, aliasTargets, flowTooDeep, isStackOverflow, lineCounterOf } from './yaml-limits';

/** Opaque handle on a parsed YAML document, for `rangeOfPath` and edit helpers. */
export interface ParsedYaml {
  /** The text that was parsed. */
  readonly text: string;
}

/** What the handle hides: only the model folder reaches it, through `yamlSource`. */
export interface YamlSource {
  readonly text: string;
  readonly doc: Document.Parsed;
  readonly lineCounter: LineCounter;
  /** Every comment of the CST, in source order. */
  readonly comments: readonly CommentToken[];
}

const sources = new WeakMap<ParsedYaml, YamlSource>();

/** A key of a mapping or an index of a sequence. */
export type YamlPath = readonly (string | number)[];

/**
 * Parser options, pinned so every consumer (extension, CLI, tests) reads the same document the same way.
 * `maxAliasCount` is not a parse option in `yaml`: alias expansion is bounded where data is built (yaml-data.ts).
 */
const PARSE_OPTIONS = {
  version: '1.2',
  // YAML 1.2 core: `no` stays a string, dates stay strings, no `<<` merge magic (merge: false).
  schema: 'core',
  merge: false,
  // `!!binary`, `!!timestamp` would become Buffers and Dates; left unresolved they warn and stay strings.
  resolveKnownTags: false,
  // Repeated keys are still errors (yaml.duplicate-key), found in linear time by yaml-limits.ts: yaml's own
  // check is quadratic in the number of keys of a mapping.
  uniqueKeys: false,
  // Our own messages carry the position; yaml's pretty errors would repeat the source line in them.
  prettyErrors: false,
  strict: true,
} as const;

/**
 * Parses YAML keeping node ranges; returns the handle, the syntax diagnostics and whether the text was read at all
 * (false: over a size or depth limit, an empty document and the limit's diagnostic). Large clean documents are
 * parsed in chunks that later parses reuse (chunked-parse.ts); the result is the same as a whole parse.
 */
export function parseYaml(text: string): { yaml: ParsedYaml; diagnostics: Diagnostic[]; read: boolean } {
  const { parsed, limit } = parseWithinLimits(text);
  const yaml: ParsedYaml = Object.freeze({ text });
  const source: YamlSource = { text, ...parsed };
  sources.set(yaml, source);
  return { yaml, diagnostics: limit ? [limit] : syntaxDiagnostics(source), read: !limit };
}

/**
 * The parse, or an empty document and a `yaml.too-large` / `yaml.too-deep` diagnostic when the text is over
 * the size cap or nests so deep that the parser runs out of stack.
 */
function parseWithinLimits(text: string): { parsed: ParsedText; limit?: Diagnostic } {
  const unparsed = (code: string, message: string, data: Record<string, unknown>) => ({
    parsed: { doc: parseWhole('', PARSE_OPTIONS).doc, lineCounter: lineCounterOf(text), comments: [] },
    limit: { code, severity: 'error' as const, message, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, data },
  });
  if (text.length > MAX_YAML_LENGTH) {
    const kb = (n: number) => `${Math.ceil(n / 1024).toLocaleString('en-US')} KB`;
    return unparsed('yaml.too-large', `the file is ${kb(text.length)}, over the ${kb(MAX_YAML_LENGTH)} limit for models and inventories: not read (split it into several files)`, { length: text.length, limit: MAX_YAML_LENGTH });
  }
  const tooDeep = (limit: number) => unparsed('yaml.too-deep', `the file nests mappings and lists more than ${limit} levels deep: not read`, { limit });
  if (flowTooDeep(text)) return tooDeep(MAX_FLOW_DEPTH);
  try {
    return { parsed: parseChunked(text, PARSE_OPTIONS) ?? parseWhole(text, PARSE_OPTIONS) };
  } catch (e) {
    if (!isStackOverflow(e)) throw e;
    return tooDeep(MAX_PARSE_DEPTH);
  }
}

/** The document behind a handle (model folder only). */
export function yamlSource(yaml: ParsedYaml): YamlSource {
  const source = sources.get(yaml);
  if (!source) throw new Error('not a ParsedYaml handle');
  return source;
}

/** Key → last pair, for large mappings (a linear search per lookup is quadratic over 50,000 keys). */
const pairIndexes = new WeakMap<YAMLMap, { readonly length: number; readonly byKey: Map<string, Pair> }>();
const INDEXED_MAP_SIZE = 32;

/** The last pair with this key (the one `toJS` keeps when keys repeat). */
export function findPair(map: YAMLMap, key: string | number): Pair | undefined {
  if (map.items.length > INDEXED_MAP_SIZE) return pairIndex(map).get(String(key));
  for (let i = map.items.length - 1; i >= 0; i--) {
    const pair = map.items[i];
    if (isScalar(pair.key) && String(pair.key.value) === String(key)) return pair;
  }
  return undefined;
}

function pairIndex(map: YAMLMap): Map<string, Pair> {
  const known = pairIndexes.get(map);
  if (known?.length === map.items.length) return known.byKey;
  const byKey = new Map<string, Pair>();
  for (const pair of map.items) if (isScalar(pair.key)) byKey.set(String(pair.key.value), pair);
  pairIndexes.set(map, { length: map.items.length, byKey });
  return byKey;
}

/** Where a path led: the deepest node reached, the pair holding it, and how many segments resolved. */
export interface PathLocation {
  readonly node: Node | null;
  /** The mapping pair whose value is `node` (undefined for sequence items and the root). */
  readonly pair?: Pair;
  readonly resolved: number;
}

/** Follows a path through mappings and sequences (aliases resolve to their anchors). */
export function locatePath(source: YamlSource, path: YamlPath): PathLocation {
  let node = source.doc.contents as Node | null;
  let pair: Pair | undefined;
  for (let i = 0; i < path.length; i++) {
    if (isAlias(node)) node = aliasTargets(source.doc).get(node) ?? node;
    const segment = path[i];
    if (isMap(node)) {
      const next = findPair(node, segment);
      if (!next) return { node, pair, resolved: i };
      pair = next;
      node = next.value as Node | null;
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)] as Node | undefined;
      if (item === undefined) return { node, pair, resolved: i };
      pair = undefined;
      node = item;
    } else {
      return { node, pair, resolved: i };
    }
  }
  return { node, pair, resolved: path.length };
}
