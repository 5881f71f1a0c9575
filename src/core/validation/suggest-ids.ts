/** "Did you mean …?" for ATT&CK IDs that do not exist: by a close ID, and by the name written next to it. */
import type { AttackIndex, AttackObject, ObjectKind, Technique } from '../attack/types';
import { OneEditIndex, SuggestBudget, nearest } from '../model/suggest';
import type { Candidate } from '../model/suggest';
import { normalizeName, objectsNamed } from './names';

export interface IdSuggestion {
  readonly id: string;
  readonly name: string;
  /** `name`: the name written next to the ID is this object's; `id`: the ID is one typo away. */
  readonly by: 'id' | 'name';
}

const MAX_SUGGESTIONS = 5;

/**
 * Live objects of `kinds` the user may have meant by `id`: first those named by `names` (a `name:` field,
 * a trailing comment), exactly or nearly; then IDs one edit away (T1095 for T1059); then, for a missing
 * sub-technique, its parent. Near names cost a search of the data's names, paid from `budget`.
 */
export function suggestIds(index: AttackIndex, id: string, kinds: readonly ObjectKind[], names: readonly string[], budget: SuggestBudget = new SuggestBudget()): IdSuggestion[] {
  const out: IdSuggestion[] = [];
  const add = (o: AttackObject, by: IdSuggestion['by']) => {
    if (o.id !== id && !out.some((s) => s.id === o.id)) out.push({ id: o.id, name: o.name, by });
  };
  for (const name of names) {
    const exact = objectsNamed(index, name, kinds);
    for (const o of exact.length > 0 ? exact : closestByName(index, kinds, name, budget)) add(o, 'name');
  }
  const upper = id.toUpperCase();
  for (const o of idIndex(index, kinds).within(upper, budget).sort((a, b) => a.distance - b.distance || a.value.id.localeCompare(b.value.id))) add(o.value, 'id');
  const dot = upper.indexOf('.');
  const parent = dot > 0 ? index.technique(upper.slice(0, dot)) : undefined;
  if (parent && kinds.includes('technique')) add(parent as Technique, 'id');
  return out.slice(0, MAX_SUGGESTIONS);
}

/** Objects whose name (or alias) is within a quarter of its length in edits: "Powershell" → PowerShell. */
function closestByName(index: AttackIndex, kinds: readonly ObjectKind[], name: string, budget: SuggestBudget): AttackObject[] {
  const wanted = normalizeName(name);
  if (wanted.length < 4) return [];
  const limit = Math.max(1, Math.floor(wanted.length / 4));
  return [...new Set(nearest(wanted, nameCandidates(index, kinds), limit, budget))].slice(0, 2);
}

// Objects of an index never change: the candidate lists are built once per index and set of kinds.
const nameLists = new WeakMap<AttackIndex, Map<string, Candidate<AttackObject>[]>>();
const idIndexes = new WeakMap<AttackIndex, Map<string, OneEditIndex<AttackObject>>>();

function memo<T>(store: WeakMap<AttackIndex, Map<string, T>>, index: AttackIndex, kinds: readonly ObjectKind[], build: () => T): T {
  let byKinds = store.get(index);
  if (!byKinds) store.set(index, (byKinds = new Map()));
  const key = kinds.join(',');
  let value = byKinds.get(key);
  if (value === undefined) byKinds.set(key, (value = build()));
  return value;
}

/** Every name and alias of the live objects of `kinds`, normalised, in the index's order. */
function nameCandidates(index: AttackIndex, kinds: readonly ObjectKind[]): Candidate<AttackObject>[] {
  return memo(nameLists, index, kinds, () => kinds.flatMap((k) => index.list(k)).flatMap((o) => [o.name, ...o.aliases].map((n) => ({ lower: normalizeName(n), value: o }))));
}

/** The IDs of the live objects of `kinds`, for "one edit away" in a few lookups rather than a pass over them all. */
function idIndex(index: AttackIndex, kinds: readonly ObjectKind[]): OneEditIndex<AttackObject> {
  return memo(idIndexes, index, kinds, () => new OneEditIndex(kinds.flatMap((k) => index.list(k)).map((o) => ({ lower: o.id, value: o }))));
}
