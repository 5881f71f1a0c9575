/**
 * The parsed YAML document behind a model, kept as an opaque handle. Positions stay yaml offsets inside;
 * they become 0-based line/character Ranges in exactly one place (`toRange` in positions.ts).
 */
import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { LineCounter } from 'yaml';
import type { Document, Node, Pair, YAMLMap } from 'yaml';
import type { Diagnostic } from '../diagnostics';
import { parseChunked, parseWhole } from './chunked-parse';
import type { CommentToken } from './chunked-parse';
import { syntaxDiagnostics } from './yaml-diagnostics';

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
  uniqueKeys: true,
  // Our own messages carry the position; yaml's pretty errors would repeat the source line in them.
  prettyErrors: false,
  strict: true,
} as const;

/**
 * Parses YAML keeping node ranges; returns the handle and the syntax diagnostics. Large clean documents are
 * parsed in chunks that later parses reuse (chunked-parse.ts); the result is the same as a whole parse.
 */
export function parseYaml(text: string): { yaml: ParsedYaml; diagnostics: Diagnostic[] } {
  const { doc, lineCounter, comments } = parseChunked(text, PARSE_OPTIONS) ?? parseWhole(text, PARSE_OPTIONS);
  const yaml: ParsedYaml = Object.freeze({ text });
  const source: YamlSource = { text, doc, lineCounter, comments };
  sources.set(yaml, source);
  return { yaml, diagnostics: syntaxDiagnostics(source) };
}

/** The document behind a handle (model folder only). */
export function yamlSource(yaml: ParsedYaml): YamlSource {
  const source = sources.get(yaml);
  if (!source) throw new Error('not a ParsedYaml handle');
  return source;
}

/** The last pair with this key (the one `toJS` keeps when keys repeat). */
export function findPair(map: YAMLMap, key: string | number): Pair | undefined {
  for (let i = map.items.length - 1; i >= 0; i--) {
    const pair = map.items[i];
    if (isScalar(pair.key) && String(pair.key.value) === String(key)) return pair;
  }
  return undefined;
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
    if (isAlias(node)) node = (node.resolve(source.doc) as Node | undefined) ?? node;
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
