/**
 * How people write ATT&CK names next to IDs, and when what they wrote names the object. Matching is
 * case- and space-insensitive; a sub-technique also answers to "Parent: Child", the form attack.mitre.org
 * and the Navigator show.
 */
import type { AttackIndex, AttackObject, ObjectKind, Technique } from '../attack/types';
import { excerpt } from '../text/safe-text';

/**
 * Lower case, single spaces, no surrounding quotes or trailing full stop. Written as loops, not
 * `/["'`.]+$/g`, which retries from every character of a long run of quotes: quadratic in its length.
 */
export function normalizeName(name: string): string {
  const text = name.trim();
  let start = 0;
  let end = text.length;
  while (start < end && QUOTES.includes(text[start])) start++;
  while (end > start && (QUOTES.includes(text[end - 1]) || text[end - 1] === '.')) end--;
  return text.slice(start, end).replace(/\s+/g, ' ').toLowerCase();
}

const QUOTES = '"\'`';

const namesCache = new WeakMap<AttackObject, ReadonlySet<string>>();

/** Every normalised name the data gives an object (memoised: objects of an index never change). */
export function namesOf(index: AttackIndex, object: AttackObject): ReadonlySet<string> {
  let names = namesCache.get(object);
  if (!names) {
    const list = [object.name, ...object.aliases].map(normalizeName);
    const parentId = object.kind === 'technique' ? (object as Technique).parentId : undefined;
    const parent = parentId !== undefined ? index.technique(parentId) : undefined;
    if (parent) list.push(normalizeName(`${parent.name}: ${object.name}`));
    names = new Set(list);
    namesCache.set(object, names);
  }
  return names;
}

/** True when `written` is the object's name, an alias, or (sub-techniques) "Parent: Child". */
export function isNameOf(index: AttackIndex, object: AttackObject, written: string): boolean {
  return namesOf(index, object).has(normalizeName(written));
}

/** A sub-technique's parent (comments often name the family: `T1566.001 # Phishing`). */
export function isParentNameOf(index: AttackIndex, object: AttackObject, written: string): boolean {
  const parentId = object.kind === 'technique' ? (object as Technique).parentId : undefined;
  const parent = parentId !== undefined ? index.technique(parentId) : undefined;
  return parent !== undefined && namesOf(index, parent).has(normalizeName(written));
}

/**
 * What a free-text comment or label may be naming: the whole text and its first clause
 * ("APT29, their own TTPs only" → "APT29"), without a leading ID ("T1059 — Command…").
 */
export function nameCandidates(text: string): string[] {
  const withoutId = text.replace(/^[A-Z]{1,3}\d{4}(?:\.\d{3})?\b[\s:=–—-]*/, '');
  const firstClause = withoutId.slice(0, clauseEnd(withoutId));
  return [...new Set([withoutId.trim(), firstClause.trim()])].filter((c) => c.length > 0);
}

/**
 * Where the first clause ends: at `,`, `;`, `(` or a spaced dash (" – "). A scan, not a split on a pattern
 * that starts with `\s*`, which retries from every space of a long run of them: quadratic in its length.
 */
function clauseEnd(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === ',' || c === ';' || c === '(') return i;
    if (DASHES.includes(c) && i > 0 && i + 1 < text.length && /\s/.test(text[i - 1]) && /\s/.test(text[i + 1])) return i - 1;
  }
  return text.length;
}

const DASHES = '–—-';

/** Live objects of these kinds named `name` (name, alias or "Parent: Child"). */
export function objectsNamed(index: AttackIndex, name: string, kinds: readonly ObjectKind[]): AttackObject[] {
  const found = index.byName(name.trim()).filter((o) => kinds.includes(o.kind));
  if (found.length > 0 || !kinds.includes('technique')) return found;
  // "Parent: Child": look the child up among the parent's sub-techniques.
  const colon = name.indexOf(':');
  if (colon < 0) return [];
  const parents = index.byName(name.slice(0, colon).trim(), 'technique') as Technique[];
  const child = normalizeName(name.slice(colon + 1));
  return parents.flatMap((p) => p.subtechniqueIds.map((id) => index.technique(id)).filter((t): t is Technique => t !== undefined && normalizeName(t.name) === child));
}

/** "a technique", "an asset", … for messages. */
export function kindNoun(kind: ObjectKind, object?: AttackObject): string {
  if (kind === 'technique' && object && (object as Technique).isSubtechnique) return 'a sub-technique';
  const noun = kind.replace('-', ' ');
  return `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;
}

/** "ATT&CK Enterprise 18.1", naming the data a statement is true of. */
export function releaseLabel(index: AttackIndex): string {
  const domain = index.domain === 'ics-attack' ? 'ICS' : index.domain === 'mobile-attack' ? 'Mobile' : 'Enterprise';
  return `ATT&CK ${domain} ${excerpt(index.version)}`;
}

/** How much of an ATT&CK object's name a message shows (the longest real one is about 70 characters). */
export const ATTACK_NAME_LENGTH = 100;

/** `T1059 (Command and Scripting Interpreter)`. */
export function describe(object: AttackObject): string {
  return `${excerpt(object.id)} (${excerpt(object.name, ATTACK_NAME_LENGTH)})`;
}
