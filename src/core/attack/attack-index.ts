/**
 * The AttackIndex implementation over IndexData: Maps for O(1) lookups by ID and by name, and a CSR adjacency
 * (offsets + targets in typed arrays, both directions, keyed by relationship type and object position) that is
 * built on first use in a few linear passes over the sorted triples, without one array per object.
 */
import type { IndexData } from './index-data';
import { RELATIONSHIP_CODE, RELATIONSHIP_TYPES, REVOKED_BY_CODE } from './stix';
import type { AttackDomain, AttackIndex, AttackObject, IndexCounts, ObjectKind, RelationshipType, Tactic, Technique } from './types';

/** Row `type * n + position` of the forward (source → targets) or reverse (target → sources) relation. */
interface Adjacency {
  readonly forwardOffsets: Int32Array;
  readonly forwardTargets: Int32Array;
  readonly reverseOffsets: Int32Array;
  readonly reverseSources: Int32Array;
}

/** Derived state computed on first use; the index object itself is frozen. */
interface Lazy {
  adjacency?: Adjacency;
  /** Lower-cased name or alias → live objects. */
  names?: Map<string, readonly AttackObject[]>;
  counts?: IndexCounts;
}

const EMPTY: readonly never[] = Object.freeze([]);

export class AttackIndexImpl implements AttackIndex {
  readonly domain: AttackDomain;
  readonly version: string;
  readonly versionSource: 'collection' | 'file-name' | 'unknown';
  readonly specVersion: '2.0' | '2.1';
  readonly tactics: readonly Tactic[];
  readonly techniques: readonly Technique[];
  readonly platforms: readonly string[];

  /** Not a property: the plain data stays out of reach of callers (only the serializer reads it). */
  readonly #data: IndexData;
  /** ID → positions of every object (live and retired) with that ID. */
  readonly #slots = new Map<string, number[]>();
  readonly #byKind = new Map<ObjectKind, AttackObject[]>();
  readonly #lazy: Lazy = {};

  /** The data behind an index built by this module. */
  static dataOf(index: AttackIndexImpl): IndexData {
    return index.#data;
  }

  constructor(data: IndexData) {
    this.#data = data;
    this.domain = data.domain;
    this.version = data.version;
    this.versionSource = data.versionSource;
    this.specVersion = data.specVersion;
    this.platforms = Object.freeze([...data.platforms]);
    const { objects, liveCount } = data;
    for (let i = 0; i < objects.length; i++) {
      const o = objects[i];
      const at = this.#slots.get(o.id);
      if (at) at.push(i);
      else this.#slots.set(o.id, [i]);
      if (i >= liveCount) continue;
      const list = this.#byKind.get(o.kind);
      if (list) list.push(o);
      else this.#byKind.set(o.kind, [o]);
    }
    this.tactics = Object.freeze(data.tacticOrder.map((i) => objects[i] as Tactic));
    this.techniques = (this.#byKind.get('technique') ?? EMPTY) as readonly Technique[];
    for (const list of this.#byKind.values()) Object.freeze(list);
    Object.freeze(this);
  }

  /** Built on the first name lookup: loads that only need IDs (the CLI, a warm start) skip lower-casing every name. */
  #nameMap(): Map<string, readonly AttackObject[]> {
    if (this.#lazy.names) return this.#lazy.names;
    const names = new Map<string, AttackObject[]>();
    const add = (name: string, o: AttackObject): void => {
      if (!name) return;
      const key = name.toLowerCase();
      const list = names.get(key);
      if (!list) names.set(key, [o]);
      else if (!list.includes(o)) list.push(o);
    };
    const { objects, liveCount } = this.#data;
    for (let i = 0; i < liveCount; i++) {
      add(objects[i].name, objects[i]);
      for (const a of objects[i].aliases) add(a, objects[i]);
    }
    for (const list of names.values()) Object.freeze(list);
    return (this.#lazy.names = names);
  }

  list(kind: ObjectKind): readonly AttackObject[] {
    return this.#byKind.get(kind) ?? EMPTY;
  }

  /** Positions with this ID; IDs in the data are upper case, so a lower-case query is retried upper-cased. */
  #slotsOf(id: string): readonly number[] | undefined {
    return this.#slots.get(id) ?? this.#slots.get(id.toUpperCase());
  }

  get(id: string, kind?: ObjectKind): AttackObject | undefined {
    const at = this.#slotsOf(id);
    if (!at) return undefined;
    const { objects, liveCount } = this.#data;
    for (const i of at) if (i < liveCount && (kind === undefined || objects[i].kind === kind)) return objects[i];
    return undefined;
  }

  technique(id: string): Technique | undefined {
    return this.get(id, 'technique') as Technique | undefined;
  }

  retired(id: string): readonly AttackObject[] {
    const at = this.#slotsOf(id);
    if (!at) return EMPTY;
    const { objects, liveCount } = this.#data;
    const out: AttackObject[] = [];
    for (const i of at) if (i >= liveCount) out.push(objects[i]);
    return out;
  }

  byName(name: string, kind?: ObjectKind): readonly AttackObject[] {
    const list = this.#nameMap().get(name.toLowerCase());
    if (!list) return EMPTY;
    return kind === undefined ? list : list.filter((o) => o.kind === kind);
  }

  related(sourceId: string, type: RelationshipType): readonly string[] {
    const a = this.#adjacency();
    return this.#walk(a.forwardOffsets, a.forwardTargets, sourceId, type);
  }

  relatedFrom(targetId: string, type: RelationshipType): readonly string[] {
    const a = this.#adjacency();
    return this.#walk(a.reverseOffsets, a.reverseSources, targetId, type);
  }

  #walk(offsets: Int32Array, ends: Int32Array, id: string, type: RelationshipType): readonly string[] {
    const code = RELATIONSHIP_CODE.get(type);
    const at = this.#slotsOf(id);
    if (code === undefined || !at) return EMPTY;
    const { objects } = this.#data;
    const row = code * objects.length;
    const out: string[] = [];
    for (const i of at) {
      for (let k = offsets[row + i]; k < offsets[row + i + 1]; k++) {
        const end = objects[ends[k]].id;
        // Several objects can share an ID (kinds differ): keep the answer free of duplicates.
        if (at.length === 1 || !out.includes(end)) out.push(end);
      }
    }
    return out;
  }

  replacementOf(id: string): AttackObject | undefined {
    const at = this.#slotsOf(id);
    if (!at) return undefined;
    const { objects, liveCount } = this.#data;
    const { forwardOffsets: offsets, forwardTargets: targets } = this.#adjacency();
    const row = REVOKED_BY_CODE * objects.length;
    // Breadth-first along revoked-by from every retired object with this ID; `seen` makes cycles harmless.
    const queue = at.filter((i) => i >= liveCount);
    const seen = new Set(queue);
    for (let q = 0; q < queue.length; q++) {
      const i = queue[q];
      for (let k = offsets[row + i]; k < offsets[row + i + 1]; k++) {
        const t = targets[k];
        if (t < liveCount) return objects[t];
        if (!seen.has(t)) {
          seen.add(t);
          queue.push(t);
        }
      }
    }
    return undefined;
  }

  /**
   * Forward rows come straight from the triples' (type, source, target) order; reverse rows by a counting
   * sort, which keeps each row's sources in position (ID) order.
   */
  #adjacency(): Adjacency {
    if (this.#lazy.adjacency) return this.#lazy.adjacency;
    const rels = this.#data.relationships;
    const n = this.#data.objects.length;
    const rows = RELATIONSHIP_TYPES.length * n;
    const m = rels.length / 3;
    const forwardOffsets = new Int32Array(rows + 1);
    const reverseOffsets = new Int32Array(rows + 1);
    const forwardTargets = new Int32Array(m);
    for (let k = 0, i = 0; k < m; k++, i += 3) {
      const base = rels[i] * n;
      forwardOffsets[base + rels[i + 1] + 1]++;
      reverseOffsets[base + rels[i + 2] + 1]++;
      forwardTargets[k] = rels[i + 2];
    }
    for (let r = 0; r < rows; r++) {
      forwardOffsets[r + 1] += forwardOffsets[r];
      reverseOffsets[r + 1] += reverseOffsets[r];
    }
    const reverseSources = new Int32Array(m);
    const fill = reverseOffsets.slice(0, rows);
    for (let i = 0; i < rels.length; i += 3) reverseSources[fill[rels[i] * n + rels[i + 2]]++] = rels[i + 1];
    return (this.#lazy.adjacency = { forwardOffsets, forwardTargets, reverseOffsets, reverseSources });
  }

  counts(): IndexCounts {
    return (this.#lazy.counts ??= this.#computeCounts());
  }

  #computeCounts(): IndexCounts {
    const n = (k: ObjectKind): number => this.list(k).length;
    const software = this.list('software');
    const malware = software.filter((s) => (s as { softwareType?: string }).softwareType === 'malware').length;
    const subtechniques = this.techniques.filter((t) => t.isSubtechnique).length;
    const { objects, liveCount, relationships } = this.#data;
    let revoked = 0, deprecated = 0;
    for (let i = liveCount; i < objects.length; i++) {
      if (objects[i].revoked) revoked++;
      else deprecated++;
    }
    const byType = Object.fromEntries(RELATIONSHIP_TYPES.map((t) => [t, 0])) as Record<RelationshipType, number>;
    for (let i = 0; i < relationships.length; i += 3) byType[RELATIONSHIP_TYPES[relationships[i]]]++;
    return Object.freeze({
      tactics: this.tactics.length,
      techniques: this.techniques.length - subtechniques,
      subtechniques,
      groups: n('group'),
      campaigns: n('campaign'),
      software: software.length,
      malware,
      tools: software.length - malware,
      mitigations: n('mitigation'),
      dataSources: n('data-source'),
      dataComponents: n('data-component'),
      detectionStrategies: n('detection-strategy'),
      analytics: n('analytic'),
      assets: n('asset'),
      relationships: relationships.length / 3 - byType['revoked-by'],
      revoked,
      deprecated,
      relationshipsByType: Object.freeze(byType),
    });
  }
}
