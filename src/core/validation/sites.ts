/** Every ATT&CK reference a model or inventory makes, as ReferenceSites, with labelling comments attached. */
import type { ObjectKind } from '../attack/types';
import { trailingComments } from '../model/comments';
import type { ParsedYaml } from '../model/parsed-yaml';
import { isAttackAdversary } from '../model/threat-model';
import type { ControlInventory, Located, TechniqueRef, ThreatModel } from '../model/types';
import type { ReferenceSite } from './reference-check';

const located = (value: string | undefined, range: Located<string>['range'] | undefined): Located<string> | undefined =>
  value !== undefined && range !== undefined ? { value, range } : undefined;

function refSite(ref: TechniqueRef, expected: ObjectKind): ReferenceSite {
  const name = located(ref.name, ref.nameRange);
  return { id: ref.id, idRange: ref.idRange, expected, entryRange: ref.range, ...(name ? { name } : {}) };
}

/** Adversaries (group, campaign, software) and every technique entry of a threat model. */
export function threatModelSites(model: ThreatModel): ReferenceSite[] {
  const sites: ReferenceSite[] = [];
  for (const a of model.adversaries) {
    if (isAttackAdversary(a)) {
      const label = located(a.name, a.nameRange);
      sites.push({ id: a.id, idRange: a.idRange, expected: a.kind, ...(label ? { label } : {}) });
    }
    for (const t of a.techniques) sites.push(refSite(t, 'technique'));
  }
  for (const t of model.techniques.include) sites.push(refSite(t, 'technique'));
  for (const t of model.techniques.exclude) sites.push(refSite(t, 'technique'));
  return sites;
}

/** Mitigation and technique entries of every control. */
export function inventorySites(inventory: ControlInventory): ReferenceSite[] {
  return inventory.controls.flatMap((c) => [
    ...c.mitigations.map((m) => refSite(m, 'mitigation')),
    ...c.techniques.map((t) => refSite(t, 'technique')),
  ]);
}

/**
 * Attaches the trailing comment of a line to the one reference on it. A line with several IDs
 * (`[T1486, T1490]  # ransomware`) has a comment about the group of them, not a name to check.
 */
export function withComments<T extends ReferenceSite>(sites: readonly T[], yaml: ParsedYaml): T[] {
  const comments = trailingComments(yaml);
  if (comments.size === 0) return [...sites];
  const perLine = new Map<number, number>();
  for (const s of sites) perLine.set(s.idRange.start.line, (perLine.get(s.idRange.start.line) ?? 0) + 1);
  return sites.map((s) => {
    const line = s.idRange.start.line;
    const comment = perLine.get(line) === 1 ? comments.get(line) : undefined;
    return comment ? { ...s, comment } : s;
  });
}
