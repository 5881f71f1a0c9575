/**
 * Tolerant readers over yaml nodes for building the typed model: a value of the wrong shape reads as
 * absent (the schema reports it), so a half-typed document still yields its valid parts.
 */
import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { Node, Pair, YAMLMap } from 'yaml';
import type { Range } from '../diagnostics';
import { findPair } from './parsed-yaml';
import { nodeRange, toRange } from './positions';
import type { YamlSource } from './parsed-yaml';
import type { Defaulted, Located } from './types';
import { MAX_ALIAS_EXPANSION } from './yaml-data';
import { aliasTargets, countNodes } from './yaml-limits';

/**
 * Nodes that aliases may still bring into one reading of a document, shared by a root reader and every reader
 * made from it: without it, 5,000 entries aliasing one 5,000-item list would build 25 million references.
 */
interface AliasBudget {
  remaining: number;
}

/** A mapping node with typed, range-keeping accessors. */
export class MapReader {
  constructor(
    readonly source: YamlSource,
    readonly node: YAMLMap,
    private readonly budget: AliasBudget = { remaining: MAX_ALIAS_EXPANSION },
  ) {}

  /** The whole mapping's content range. */
  get range(): Range {
    return nodeRange(this.source, this.node) ?? toRange(this.source, 0, 0);
  }

  has(key: string): boolean {
    return findPair(this.node, key) !== undefined;
  }

  /** The value node of a key, aliases resolved. */
  value(key: string): Node | undefined {
    const pair: Pair | undefined = findPair(this.node, key);
    return pair ? this.resolve(pair.value as Node | null) : undefined;
  }

  string(key: string): Located<string> | undefined {
    return this.scalarOf(this.value(key), (v): v is string => typeof v === 'string');
  }

  number(key: string): Located<number> | undefined {
    return this.scalarOf(this.value(key), (v): v is number => typeof v === 'number');
  }

  boolean(key: string): Located<boolean> | undefined {
    return this.scalarOf(this.value(key), (v): v is boolean => typeof v === 'boolean');
  }

  /** A string from a closed set; anything else reads as absent. */
  oneOf<T extends string>(key: string, allowed: readonly T[]): Located<T> | undefined {
    return this.scalarOf(this.value(key), (v): v is T => typeof v === 'string' && (allowed as readonly string[]).includes(v));
  }

  map(key: string): MapReader | undefined {
    const node = this.value(key);
    return isMap(node) ? new MapReader(this.source, node, this.budget) : undefined;
  }

  /** Items of a sequence value (aliases resolved), or undefined when the key is absent or not a list. */
  items(key: string): Node[] | undefined {
    const node = this.value(key);
    return isSeq(node) ? node.items.map((item) => this.resolve(item as Node | null)).filter((n): n is Node => n !== undefined) : undefined;
  }

  /** String items of a sequence, each with its range; non-strings are skipped. */
  strings(key: string): Located<string>[] | undefined {
    return this.items(key)?.flatMap((item) => {
      const located = this.scalarOf(item, (v): v is string => typeof v === 'string');
      return located ? [located] : [];
    });
  }

  /** The scalar text as written (e.g. `15.10`, which reads as the number 15.1). */
  sourceText(key: string): Located<string> | undefined {
    const node = this.value(key);
    if (!isScalar(node) || node.value === null || !node.range) return undefined;
    const range = nodeRange(this.source, node);
    const text = typeof node.value === 'string' ? node.value : this.source.text.slice(node.range[0], node.range[1]).trim();
    return range ? { value: text, range } : undefined;
  }

  /** A reader for a mapping node (e.g. a sequence item), or undefined. */
  reader(node: Node | undefined): MapReader | undefined {
    return isMap(node) ? new MapReader(this.source, node, this.budget) : undefined;
  }

  /** A string scalar node as a located value. */
  scalarString(node: Node | undefined): Located<string> | undefined {
    return this.scalarOf(node, (v): v is string => typeof v === 'string');
  }

  private scalarOf<T>(node: Node | undefined, accept: (v: unknown) => v is T): Located<T> | undefined {
    if (!isScalar(node) || !accept(node.value)) return undefined;
    const range = nodeRange(this.source, node);
    return range ? { value: node.value, range } : undefined;
  }

  /** Aliases resolve to their anchor while the budget lasts; past it they read as absent (yaml.alias reports the limit). */
  private resolve(node: Node | null): Node | undefined {
    if (!isAlias(node)) return node ?? undefined;
    const target = aliasTargets(this.source.doc).get(node);
    if (!target || this.budget.remaining <= 0) return undefined;
    const cost = countNodes(target, this.budget.remaining);
    if (cost > this.budget.remaining) {
      this.budget.remaining = 0;
      return undefined;
    }
    this.budget.remaining -= cost;
    return target;
  }
}

/** A reader for the document root, when it is a mapping. */
export function rootReader(source: YamlSource): MapReader | undefined {
  const contents = source.doc.contents as Node | null;
  return isMap(contents) ? new MapReader(source, contents) : undefined;
}

/** A value with a default, remembering whether the user wrote a valid one. */
export function withDefault<T>(written: Located<T> | undefined, fallback: T): Defaulted<T> {
  return written ? { value: written.value, explicit: true, range: written.range } : { value: fallback, explicit: false };
}

/** `{ key: value }` when the value is defined, else `{}`: keeps absent optionals absent from the model. */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: V });
}
