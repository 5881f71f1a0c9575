/** "Did you mean …?" for ATT&CK IDs that do not exist: by a close ID, and by the name written next to it. */
import type { AttackIndex, AttackObject, ObjectKind, Technique } from '../attack/types';
import { editDistance } from '../model/suggest';
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
 * sub-technique, its parent.
 */
export function suggestIds(index: AttackIndex, id: string, kinds: readonly ObjectKind[], names: readonly string[]): IdSuggestion[] {
  const out: IdSuggestion[] = [];
  const add = (o: AttackObject, by: IdSuggestion['by']) => {
    if (o.id !== id && !out.some((s) => s.id === o.id)) out.push({ id: o.id, name: o.name, by });
  };
  const candidates = kinds.flatMap((k) => index.list(k));
  for (const name of names) {
    const exact = objectsNamed(index, name, kinds);
    for (const o of exact.length > 0 ? exact : closestByName(candidates, name)) add(o, 'name');
  }
  const upper = id.toUpperCase();
  candidates
    .map((o) => ({ o, d: editDistance(upper, o.id) }))
    .filter((c) => c.d <= 1)
    .sort((a, b) => a.d - b.d || a.o.id.localeCompare(b.o.id))
    .forEach((c) => add(c.o, 'id'));
  const dot = upper.indexOf('.');
  const parent = dot > 0 ? index.technique(upper.slice(0, dot)) : undefined;
  if (parent && kinds.includes('technique')) add(parent as Technique, 'id');
  return out.slice(0, MAX_SUGGESTIONS);
}

/** Objects whose name (or alias) is within a quarter of its length in edits: "Powershell" → PowerShell. */
function closestByName(candidates: readonly AttackObject[], name: string): AttackObject[] {
  const wanted = normalizeName(name);
  if (wanted.length < 4) return [];
  const limit = Math.max(1, Math.floor(wanted.length / 4));
  let best: AttackObject[] = [];
  let bestDistance = limit + 1;
  for (const o of candidates) {
    for (const n of [o.name, ...o.aliases]) {
      const candidate = normalizeName(n);
      if (Math.abs(candidate.length - wanted.length) > limit) continue;
      const d = editDistance(wanted, candidate);
      if (d < bestDistance) {
        best = [o];
        bestDistance = d;
      } else if (d === bestDistance && !best.includes(o)) {
        best.push(o);
      }
    }
  }
  return best.slice(0, 2);
}
