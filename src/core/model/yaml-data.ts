/**
 * The plain data the JSON Schema sees, built from the parsed nodes rather than with `doc.toJS()`:
 * `toJS` throws on the first unresolved alias (losing every schema diagnostic) and reports alias bombs
 * without a position. Here each alias problem becomes a diagnostic at the alias, its value reads as null,
 * and everything else is still validated.
 */
import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { Alias, Node } from 'yaml';
import type { Diagnostic } from '../diagnostics';
import type { YamlSource } from './parsed-yaml';
import { nodeRange, toRange } from './positions';
import { MAX_NESTING_DEPTH, aliasTargets } from './yaml-limits';
import { quote } from '../text/safe-text';

/**
 * Most nodes aliases may expand to in one document (the role of `yaml`'s `maxAliasCount`): real models
 * reuse a few small lists; a "billion laughs" document would otherwise expand exponentially.
 */
export const MAX_ALIAS_EXPANSION = 10_000;

interface Conversion {
  readonly source: YamlSource;
  readonly diagnostics: Diagnostic[];
  /** Nodes still allowed to be produced through aliases. */
  budget: number;
  /** Alias targets being expanded right now (an alias inside its own anchor would never end). */
  readonly expanding: Set<Node>;
  aliasDepth: number;
  /** The limit was reported: later aliases read as null silently. */
  exhausted: boolean;
  /** What each alias points at, resolved in one pass. */
  readonly targets: ReadonlyMap<Node, Node | undefined>;
  /** Collections entered right now; deeper than MAX_NESTING_DEPTH reads as null (reported once). */
  depth: number;
  tooDeep: boolean;
}

/** The document's contents as plain JSON-like data, plus the alias diagnostics met on the way. */
export function documentData(source: YamlSource): { data: unknown; diagnostics: Diagnostic[] } {
  const state: Conversion = {
    source, diagnostics: [], budget: MAX_ALIAS_EXPANSION, expanding: new Set(), aliasDepth: 0, exhausted: false,
    targets: aliasTargets(source.doc), depth: 0, tooDeep: false,
  };
  const data = convert(state, source.doc.contents as Node | null);
  return { data, diagnostics: state.diagnostics };
}

function convert(state: Conversion, node: Node | null | undefined): unknown {
  if (node === null || node === undefined) return null;
  if (state.aliasDepth > 0 && --state.budget < 0) return null;
  if (isAlias(node)) return convertAlias(state, node);
  if (isScalar(node)) {
    // Unresolved tags (`!!binary …`) keep their source text, so the schema sees a string, not a Buffer.
    const value = node.value;
    return value instanceof Uint8Array ? state.source.text.slice(node.range?.[0] ?? 0, node.range?.[1] ?? 0).trim() : value;
  }
  if (isSeq(node) || isMap(node)) {
    if (state.depth >= MAX_NESTING_DEPTH) return tooDeep(state, node);
    state.depth++;
    try {
      return convertCollection(state, node);
    } finally {
      state.depth--;
    }
  }
  return null;
}

function convertCollection(state: Conversion, node: Node): unknown {
  if (isSeq(node)) return node.items.map((item) => convert(state, item as Node | null));
  if (isMap(node)) {
    // A null-prototype object with defined properties: a `__proto__` key is data, not a prototype.
    const out = Object.create(null) as Record<string, unknown>;
    for (const pair of node.items) {
      const key = keyText(state, pair.key as Node | null);
      Object.defineProperty(out, key, { value: convert(state, pair.value as Node | null), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return null;
}

function tooDeep(state: Conversion, node: Node): null {
  if (!state.tooDeep) {
    state.tooDeep = true;
    state.diagnostics.push({
      code: 'yaml.too-deep',
      severity: 'error',
      message: `mappings and lists nest more than ${MAX_NESTING_DEPTH} levels deep here: the deeper part is not read`,
      range: toRange(state.source, node.range?.[0] ?? 0, node.range?.[0] ?? 0),
      data: { limit: MAX_NESTING_DEPTH },
    });
  }
  return null;
}

function keyText(state: Conversion, key: Node | null): string {
  if (isScalar(key)) return String(key.value ?? '');
  if (isAlias(key)) return key.source;
  // `? [a, b]` keys: their source text, which the schema then reports as an unknown property.
  return key?.range ? state.source.text.slice(key.range[0], key.range[1]).trim() : '';
}

function convertAlias(state: Conversion, alias: Alias): unknown {
  const target = state.targets.get(alias);
  const report = (message: string, reason: string): null => {
    state.diagnostics.push({
      code: 'yaml.alias',
      severity: 'error',
      message,
      range: nodeRange(state.source, alias) ?? toRange(state.source, 0, 0),
      data: { anchor: alias.source, reason },
    });
    return null;
  };
  if (!target) return report(`unknown alias ${quote(`*${alias.source}`)}: no anchor of that name before it`, 'unresolved');
  if (state.expanding.has(target)) return report(`alias ${quote(`*${alias.source}`)} refers to a node that contains it`, 'recursive');
  if (state.exhausted) return null;
  state.expanding.add(target);
  state.aliasDepth++;
  const value = convert(state, target);
  state.aliasDepth--;
  state.expanding.delete(target);
  if (state.budget < 0) {
    // Reported once, at the innermost alias that crossed the limit.
    if (state.exhausted) return null;
    state.exhausted = true;
    return report(`aliases expand to more than ${MAX_ALIAS_EXPANSION} nodes (a resource-exhaustion pattern): further expansions read as empty`, 'limit');
  }
  return value;
}
