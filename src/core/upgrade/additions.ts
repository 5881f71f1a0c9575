/** Sub-techniques the target release adds to parents the files use: worth a look, never applied automatically. */
import type { AttackIndex } from '../attack/types';
import { at, groupBy } from './sites';
import type { FileSite } from './sites';
import type { NewSubtechniquesChange } from './types';

/**
 * One change per parent technique (used itself or through one of its sub-techniques) that has live
 * sub-techniques in `to` it did not have in `from`.
 */
export function newSubtechniqueChanges(sites: readonly FileSite[], from: AttackIndex, to: AttackIndex): NewSubtechniquesChange[] {
  const techniques = sites.filter((s) => s.expected === 'technique' && to.technique(s.id) !== undefined);
  const byParent = groupBy(techniques, (s) => to.technique(s.id)?.parentId ?? s.id);
  const out: NewSubtechniquesChange[] = [];
  for (const [parentId, group] of byParent) {
    const parent = to.technique(parentId);
    if (!parent) continue;
    const before = new Set(from.technique(parentId)?.subtechniqueIds ?? []);
    const added = parent.subtechniqueIds.filter((id) => !before.has(id)).flatMap((id) => {
      const t = to.technique(id);
      return t ? [{ id: t.id, name: t.name }] : [];
    });
    if (added.length === 0) continue;
    out.push({
      kind: 'new-subtechniques',
      parent: { id: parent.id, name: parent.name },
      added,
      locations: group.map(at),
      edits: [],
      message: `${parent.id} (${parent.name}) has ${added.length} new sub-technique${added.length === 1 ? '' : 's'} in ${to.version}: ${added.map((a) => `${a.id} ${a.name}`).join(', ')} (a parent does not include them: add the ones that apply)`,
    });
  }
  return out;
}
