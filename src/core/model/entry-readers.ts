/** Readers for entries both formats share: ATT&CK references written as `ID` or `{ id, … }`. */
import type { Node } from 'yaml';
import type { Diagnostic, Range, Severity } from '../diagnostics';
import type { MapReader } from './node-reader';
import { ATTACK_ID_PATTERN } from './types';
import type { TechniqueRef } from './types';
import { quote } from '../text/safe-text';

/** An ATT&CK reference entry, plus the mapping it was written as (for extra fields like `coverage`). */
export interface AttackRefEntry extends TechniqueRef {
  readonly mapping?: MapReader;
}

/** The id and name every entry with an `id` carries; undefined when the id is missing or fails `accept`. */
export function identity(entry: MapReader, accept: (id: string) => boolean = (id) => id !== ''): (TechniqueRef & { readonly name?: string }) | undefined {
  const id = entry.string('id');
  if (!id || !accept(id.value)) return undefined;
  const name = entry.string('name');
  return { id: id.value, idRange: id.range, range: entry.range, ...(name ? { name: name.value, nameRange: name.range } : {}) };
}

/**
 * Reads `T1059` or `{ id: T1059, name: … }`. Entries whose ID is not ATT&CK-ID-shaped are left out:
 * the schema already reports them, and later checks should not report them again.
 */
export function readAttackRef(parent: MapReader, node: Node): AttackRefEntry | undefined {
  const bare = parent.scalarString(node);
  if (bare) return ATTACK_ID_PATTERN.test(bare.value) ? { id: bare.value, idRange: bare.range, range: bare.range } : undefined;
  const mapping = parent.reader(node);
  const entry = mapping && identity(mapping, (id) => ATTACK_ID_PATTERN.test(id));
  return mapping && entry ? { ...entry, mapping } : undefined;
}

/** All readable ATT&CK references of a list key. */
export function readAttackRefs(parent: MapReader, key: string): AttackRefEntry[] {
  return (parent.items(key) ?? []).flatMap((node) => {
    const entry = readAttackRef(parent, node);
    return entry ? [entry] : [];
  });
}

/** Drops the reader handle so no yaml node leaks into the model. */
export function techniqueRef(entry: AttackRefEntry): TechniqueRef {
  return {
    id: entry.id,
    idRange: entry.idRange,
    range: entry.range,
    ...(entry.name !== undefined ? { name: entry.name, nameRange: entry.nameRange } : {}),
  };
}

/** Mapping items of a list key, each with its reader. */
export function mappingItems(parent: MapReader, key: string): MapReader[] {
  return (parent.items(key) ?? []).flatMap((node) => {
    const reader = parent.reader(node);
    return reader ? [reader] : [];
  });
}

/** `model.duplicate-id` for every repeated id after the first (`data.firstRange` for "go to the first"). */
export function duplicateIdDiagnostics(entries: readonly { id: string; idRange: Range }[], what: string, severity: Severity): Diagnostic[] {
  const first = new Map<string, Range>();
  const diagnostics: Diagnostic[] = [];
  for (const entry of entries) {
    const earlier = first.get(entry.id);
    if (earlier) {
      diagnostics.push({
        code: 'model.duplicate-id',
        severity,
        message: `duplicate ${what} ${quote(entry.id)} (first on line ${earlier.start.line + 1})`,
        range: entry.idRange,
        data: { id: entry.id, firstRange: earlier },
      });
    } else {
      first.set(entry.id, entry.idRange);
    }
  }
  return diagnostics;
}
