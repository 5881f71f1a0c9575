/** Per referenced ATT&CK object: revoked, deprecated, removed or renamed between two releases. */
import type { AttackIndex, AttackObject } from '../attack/types';
import { replaceWithinEdit, scalarEdit } from '../model/range-edits';
import { describe, isNameOf, normalizeName } from '../validation/names';
import { at, groupBy, inFile } from './sites';
import type { FileSite } from './sites';
import type { FileEdit, UpgradeChange } from './types';

/** Changes of the objects `sites` reference, one per object, in order of first use. */
export function objectChanges(sites: readonly FileSite[], from: AttackIndex, to: AttackIndex): UpgradeChange[] {
  const out: UpgradeChange[] = [];
  for (const group of groupBy(sites, (s) => `${s.expected}|${s.id}`).values()) {
    const { id, expected: kind } = group[0];
    const locations = group.map(at);
    const before = from.get(id, kind);
    const after = to.get(id, kind);
    if (after) {
      if (before && before.name !== after.name) {
        out.push({ kind: 'renamed', id, objectKind: kind, oldName: before.name, newName: after.name, locations,
          message: `${id} is renamed: '${before.name}' in ${from.version} → '${after.name}' in ${to.version}${oldNameNowOf(to, before.name, kind, id)}`,
          edits: group.flatMap((s) => nameEdits(s, from, before, after.name)) });
      }
      continue;
    }
    const retired = to.retired(id).find((o) => o.kind === kind);
    const object = { id, kind, name: (before ?? retired)?.name ?? id };
    if (retired?.revoked) {
      const replacement = to.replacementOf(id);
      const alreadyRevoked = before === undefined;
      const edits = replacement ? group.flatMap((s) => revokedEdits(s, from, before ?? retired, replacement)) : [];
      const since = alreadyRevoked ? ` (already revoked in ${from.version})` : '';
      out.push({ kind: 'revoked', object, alreadyRevoked, locations, edits,
        ...(replacement ? { replacement: { id: replacement.id, name: replacement.name } } : {}),
        message: replacement ? `${describe(retired)} is revoked in ${to.version}${since}: replaced by ${describe(replacement)}`
          : `${describe(retired)} is revoked in ${to.version}${since}, with no replacement: remove it` });
    } else if (retired) {
      out.push({ kind: 'deprecated', object, locations, edits: [],
        message: `${describe(retired)} is deprecated in ${to.version} and no longer counts: remove it or pick a current ${kind}` });
    } else if (before) {
      out.push({ kind: 'removed', object, locations, edits: [],
        message: `${describe(before)} is not in ATT&CK ${to.version}: remove it or pick a current ${kind}` });
    }
  }
  return out;
}

/** ID → replacement, plus the `name:` and a comment that named the old object. */
function revokedEdits(site: FileSite, from: AttackIndex, old: AttackObject, replacement: AttackObject): FileEdit[] {
  return [...inFile(site.file, scalarEdit(site.yaml, site.idRange, replacement.id)), ...nameEdits(site, from, old, replacement.name)];
}

/** A `name:` (or adversary label) that is the old object's name becomes `newName`; so does the old name inside a comment. */
function nameEdits(site: FileSite, from: AttackIndex, old: AttackObject, newName: string): FileEdit[] {
  const edits: FileEdit[] = [];
  // A `name:` documents the object, so any of its names counts; a free label only when it is the name itself.
  if (site.name && isNameOf(from, old, site.name.value)) edits.push(...inFile(site.file, scalarEdit(site.yaml, site.name.range, newName)));
  if (site.label && normalizeName(site.label.value) === normalizeName(old.name)) edits.push(...inFile(site.file, scalarEdit(site.yaml, site.label.range, newName)));
  if (site.comment) edits.push(...inFile(site.file, replaceWithinEdit(site.yaml, site.comment.range, old.name, newName)));
  return edits;
}

/** " ('Browser Extensions' is now T1176.001)": the old name may have moved to another object. */
function oldNameNowOf(to: AttackIndex, name: string, kind: AttackObject['kind'], id: string): string {
  const other = to.byName(name, kind).find((o) => o.id !== id);
  return other ? ` ('${name}' is now ${other.id}: switch to it if that is what you meant)` : '';
}
