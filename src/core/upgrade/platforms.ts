/**
 * Platforms the target release no longer has. Renames are derived from the data (where the old platform's
 * techniques went); the table in platform-renames.ts covers pairs of releases the data cannot settle.
 */
import type { AttackIndex } from '../attack/types';
import { removeItemsEdits, scalarEdit } from '../model/range-edits';
import type { ThreatModelParse } from '../model/threat-model';
import type { Range } from '../diagnostics';
import { PLATFORM_RENAMES, derivePlatformRenames } from '../validation/platform-renames';
import type { FileEdit, FileRange, PlatformChange } from './types';

interface Rename { readonly to?: string; readonly source: PlatformChange['source']; readonly alsoTo: readonly string[] }

/** How each platform of `from` missing from `to` maps into `to`. */
export function platformRenames(from: AttackIndex, to: AttackIndex): Map<string, Rename> {
  const out = new Map<string, Rename>();
  const derived = derivePlatformRenames(from, to);
  for (const gone of from.platforms.filter((p) => !to.platforms.includes(p))) {
    const d = derived.find((r) => r.from === gone);
    const table = PLATFORM_RENAMES.find((r) => r.from === gone && to.platforms.includes(r.to));
    out.set(gone, d ? { to: d.to, source: 'data', alsoTo: d.alsoTo.map((a) => a.platform) }
      : table ? { to: table.to, source: 'table', alsoTo: [] } : { source: 'none', alsoTo: [] });
  }
  return out;
}

/** One change per old platform written in the tech stack; a rename that a component already lists removes the old name. */
export function platformChanges(model: ThreatModelParse, from: AttackIndex, to: AttackIndex): PlatformChange[] {
  const renames = platformRenames(from, to);
  const file = model.file ?? '';
  const found = new Map<string, { locations: FileRange[]; edits: FileEdit[] }>();
  for (const component of model.model?.techStack ?? []) {
    const names = new Set(component.platforms.map((p) => p.value));
    const removals: Range[] = [];
    for (const platform of component.platforms) {
      const rename = renames.get(platform.value);
      if (!rename) continue;
      const entry = found.get(platform.value) ?? { locations: [], edits: [] };
      found.set(platform.value, entry);
      entry.locations.push({ file, range: platform.range });
      if (rename.to === undefined) continue;
      if (names.has(rename.to)) {
        removals.push(platform.range);
      } else {
        names.add(rename.to);
        entry.edits.push({ file, edit: scalarEdit(model.yaml, platform.range, rename.to) });
      }
    }
    for (const edit of removeItemsEdits(model.yaml, removals)) {
      const platform = component.platforms.find((p) => contains(edit.range, p.range));
      found.get(platform?.value ?? '')?.edits.push({ file, edit });
    }
  }
  return [...found].map(([name, { locations, edits }]) => {
    const rename = renames.get(name) ?? { source: 'none' as const, alsoTo: [] };
    const also = rename.alsoTo.length > 0 ? ` (some of its techniques also moved to ${rename.alsoTo.join(', ')})` : '';
    const message = rename.to !== undefined
      ? `platform '${name}' is called '${rename.to}' in ${to.version}${also}`
      : `platform '${name}' is not in ${to.version} and has no successor: pick the platforms of ${to.version} this component runs`;
    return { kind: 'platform', from: name, ...(rename.to !== undefined ? { to: rename.to } : {}), source: rename.source, alsoTo: rename.alsoTo, locations, edits, message };
  });
}

function contains(outer: Range, inner: Range): boolean {
  const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}
