/**
 * The plain data behind an AttackIndex: what the builder produces, what the cache and the worker
 * serialize, and what AttackIndexImpl wraps with lookup Maps. Kept flat so that moving it costs little.
 */
import { freezeDetection } from './detection-records';
import type { AttackDomain, AttackObject, Software, Technique } from './types';

export interface IndexData {
  readonly domain: AttackDomain;
  readonly version: string;
  readonly versionSource: 'collection' | 'file-name' | 'unknown';
  readonly specVersion: '2.0' | '2.1';
  /**
   * Every ATT&CK object: the first `liveCount` are live, in ID order; the rest are retired (revoked or
   * deprecated), in ID order. Relationship endpoints are positions in this array.
   */
  readonly objects: readonly AttackObject[];
  readonly liveCount: number;
  /** Positions of the live matrix's tactics, in matrix order. */
  readonly tacticOrder: readonly number[];
  /**
   * Kept relationships as flat triples (type code, source position, target position), sorted and unique.
   * Type codes index RELATIONSHIP_TYPES. Only revoked-by may have retired endpoints.
   */
  readonly relationships: Int32Array;
  /** Platform names of live techniques, first seen in ID order. */
  readonly platforms: readonly string[];
}

/** ID order used everywhere: plain code-unit order puts T1001 < T1001.001 < T1002. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A technique record whose sub-technique list is filled in after all techniques are known. */
export type MutableTechnique = { -readonly [K in keyof Technique]: Technique[K] } & { subtechniqueIds: string[] };

/**
 * Fills `subtechniqueIds` of live parents from the live sub-techniques' `parentId`, in ID order.
 * Shared by the builder and the deserializer so both produce identical records.
 */
export function linkSubtechniques(objects: readonly AttackObject[], liveCount: number): void {
  const parents = new Map<string, MutableTechnique>();
  for (let i = 0; i < liveCount; i++) {
    const o = objects[i];
    if (o.kind === 'technique' && !(o as Technique).isSubtechnique) parents.set(o.id, o as MutableTechnique);
  }
  for (let i = 0; i < liveCount; i++) {
    const t = objects[i] as MutableTechnique;
    if (t.kind !== 'technique' || !t.isSubtechnique || t.parentId === undefined) continue;
    parents.get(t.parentId)?.subtechniqueIds.push(t.id);
  }
}

/** Freezes records and their arrays so the index is immutable in fact, not only in its types. */
export function freezeObjects(objects: readonly AttackObject[]): void {
  for (const o of objects) {
    Object.freeze(o.aliases);
    if (o.kind === 'technique') {
      const t = o as Technique;
      Object.freeze(t.subtechniqueIds);
      // tactics/platforms arrays are interned (shared) and frozen where they are created
    } else if (o.kind === 'software') {
      Object.freeze((o as Software).platforms);
    } else {
      freezeDetection(o);
    }
    Object.freeze(o);
  }
}
