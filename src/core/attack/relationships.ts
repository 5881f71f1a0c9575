/**
 * The relationships the index keeps, as sorted unique (type, source, target) triples of object positions,
 * and the parent links they imply for sub-techniques.
 */
import type { MutableTechnique } from './index-data';
import type { StixObject } from './stix';
import { RELATIONSHIP_CODE, REVOKED_BY_CODE } from './stix';
import type { AttackObject } from './types';

const SUBTECHNIQUE_OF_CODE = RELATIONSHIP_CODE.get('subtechnique-of') as number;

export const isRetired = (o: StixObject): boolean => o.revoked === true || o.x_mitre_deprecated === true;

/**
 * Relationships that are neither revoked nor deprecated themselves and join two live objects, plus revoked-by,
 * whose source is retired by definition. `position` maps a STIX id to an object position (−1: not kept);
 * positions below `liveCount` are live. Each triple is packed into one float (exact below 2^53) so a single
 * typed-array sort orders and de-duplicates them.
 */
export function keptRelationships(rels: readonly StixObject[], position: (stixId: unknown) => number, liveCount: number, n: number): Int32Array {
  const keys = new Float64Array(rels.length);
  let m = 0;
  for (let i = 0; i < rels.length; i++) {
    const r = rels[i];
    if (isRetired(r)) continue;
    const code = RELATIONSHIP_CODE.get(r.relationship_type as string) as number;
    const src = position(r.source_ref);
    const tgt = position(r.target_ref);
    if (src < 0 || tgt < 0) continue;
    if (code !== REVOKED_BY_CODE && (src >= liveCount || tgt >= liveCount)) continue;
    keys[m++] = (code * n + src) * n + tgt;
  }
  const sorted = keys.subarray(0, m).sort();
  const out = new Int32Array(m * 3);
  let k = 0;
  for (let i = 0; i < m; i++) {
    const key = sorted[i];
    if (i > 0 && key === sorted[i - 1]) continue;
    const tgt = key % n;
    const rest = (key - tgt) / n;
    const src = rest % n;
    out[k++] = (rest - src) / n;
    out[k++] = src;
    out[k++] = tgt;
  }
  return out.slice(0, k);
}

/** A live sub-technique's parent is its live subtechnique-of target; the ID prefix (set earlier) is the fallback. */
export function linkParents(objects: readonly AttackObject[], liveCount: number, rels: Int32Array): void {
  for (let i = 0; i < rels.length; i += 3) {
    if (rels[i] !== SUBTECHNIQUE_OF_CODE) continue;
    const sub = objects[rels[i + 1]] as MutableTechnique;
    const parent = objects[rels[i + 2]];
    if (sub.kind === 'technique' && parent.kind === 'technique' && rels[i + 1] < liveCount) {
      sub.isSubtechnique = true;
      sub.parentId = parent.id;
    }
  }
}
