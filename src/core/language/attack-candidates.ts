/**
 * ATT&CK objects that match what the user typed, by ID or by name: "powersh" finds T1059.001 PowerShell, "T1059"
 * its family, "fin7" the group by its alias. Ranked: ID prefix, then name prefix, then a word of the name, then
 * anywhere in it; within a rank, in ID order.
 */
import type { AttackIndex, AttackObject, ObjectKind, Technique } from '../attack/types';

export interface AttackCandidate {
  readonly object: AttackObject;
  /** "Command and Scripting Interpreter: PowerShell" for a sub-technique, else the name. */
  readonly fullName: string;
  /** 0 = best. */
  readonly rank: number;
  /** The alias that matched, when the name did not. */
  readonly matchedAlias?: string;
}

/** The sub-technique form attack.mitre.org shows, "Parent: Child"; other objects keep their name. */
export function fullNameOf(index: AttackIndex, object: AttackObject): string {
  const parentId = object.kind === 'technique' ? (object as Technique).parentId : undefined;
  const parent = parentId !== undefined ? index.technique(parentId) : undefined;
  return parent ? `${parent.name}: ${object.name}` : object.name;
}

/** Live objects of `kinds` matching `typed` (case-insensitive), best first, at most `limit`. */
export function attackCandidates(index: AttackIndex, kinds: readonly ObjectKind[], typed: string, limit = 500): AttackCandidate[] {
  const query = typed.trim().toLowerCase();
  const found: AttackCandidate[] = [];
  for (const kind of kinds) {
    for (const object of index.list(kind)) {
      const fullName = fullNameOf(index, object);
      const match = matchRank(object, fullName, query);
      if (match) found.push({ object, fullName, ...match });
    }
  }
  found.sort((a, b) => a.rank - b.rank || a.object.id.localeCompare(b.object.id));
  return found.slice(0, limit);
}

function matchRank(object: AttackObject, fullName: string, query: string): { rank: number; matchedAlias?: string } | undefined {
  if (query.length === 0) return { rank: 0 };
  if (object.id.toLowerCase().startsWith(query)) return { rank: 0 };
  const name = fullName.toLowerCase();
  const own = object.name.toLowerCase();
  if (own.startsWith(query) || name.startsWith(query)) return { rank: 1 };
  if (wordStarts(name, query)) return { rank: 2 };
  for (const alias of object.aliases) {
    const a = alias.toLowerCase();
    if (a.startsWith(query) || wordStarts(a, query)) return { rank: 2, matchedAlias: alias };
  }
  if (query.length >= 3 && name.includes(query)) return { rank: 3 };
  return undefined;
}

function wordStarts(text: string, query: string): boolean {
  return text.split(/[\s:/()-]+/).some((word) => word.startsWith(query)) || text.includes(` ${query}`);
}
