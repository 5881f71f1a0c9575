/**
 * Builds the ATT&CK index from a parsed STIX bundle (2.0 as in mitre/cti, 2.1 as in attack-stix-data)
 * in one pass over `objects`, copying only the fields the index keeps (no citations, no relationship
 * descriptions), then a few cheap passes over the much smaller set of kept records.
 */
import { AttackIndexImpl } from './attack-index';
import type { IndexData, MutableTechnique } from './index-data';
import { compareIds, freezeObjects, linkSubtechniques } from './index-data';
import { detectionRecord, isDetectionKind, repairDetection, resolveDetectionRefs } from './detection-records';
import { isRetired, keptRelationships, linkParents } from './relationships';
import type { StixBundle, StixObject } from './stix';
import { ATTACK_KILL_CHAINS, KIND_OF_STIX_TYPE, RELATIONSHIP_CODE, attackReference, str, stringArray } from './stix';
import type { AttackDomain, AttackIndex, AttackObject, Campaign, ObjectKind, Software, Tactic } from './types';
import { ATTACK_DOMAINS, AttackDataError } from './types';
import { versionOf } from './version';

export { versionFromFileName } from './version';

export interface BuildResult {
  readonly data: IndexData;
  readonly warnings: string[];
}

export interface BuildOptions {
  /** Fix-up for strings parsed from latin1-decoded text (see decodeBundleFast). */
  readonly repair?: (s: string) => string;
}

/** Builds an immutable AttackIndex from a parsed bundle; throws AttackDataError (`not-attack`) when it is not ATT&CK data. */
export function buildIndex(bundle: unknown, fileName?: string): AttackIndex {
  return new AttackIndexImpl(buildIndexData(bundle, fileName).data);
}

/** Keeps one object per STIX id: the one with the newest `modified` (ISO timestamps compare as strings). */
function keepNewest(slots: Map<string, number>, list: StixObject[], o: StixObject): void {
  const id = o.id;
  if (typeof id !== 'string') return;
  const at = slots.get(id);
  if (at === undefined) {
    slots.set(id, list.length);
    list.push(o);
  } else if (str(o.modified) > str(list[at].modified)) {
    list[at] = o;
  }
}

const NO_ALIASES: string[] = [];

/** The plain index data plus warnings; see buildIndex. */
export function buildIndexData(bundle: unknown, fileName?: string, options: BuildOptions = {}): BuildResult {
  const b = bundle as StixBundle | null;
  if (b === null || typeof b !== 'object' || b.type !== 'bundle' || !Array.isArray(b.objects)) {
    throw new AttackDataError('not-attack', `${fileName ?? 'ATT&CK data'} is not a STIX bundle (expected {"type": "bundle", "objects": [...]})`);
  }
  const warnings: string[] = [];
  const objects = b.objects as unknown[];

  // The one pass over the bundle: sort objects into the few buckets we need, newest per STIX id.
  const raws: StixObject[] = [];
  const rawSlots = new Map<string, number>();
  const rels: StixObject[] = [];
  const relSlots = new Map<string, number>();
  const matrices: StixObject[] = [];
  const matrixSlots = new Map<string, number>();
  let collection: StixObject | undefined;
  let specVersion: unknown = b.spec_version;
  for (let i = 0; i < objects.length; i++) {
    const o = objects[i] as StixObject | null;
    if (o === null || typeof o !== 'object') continue;
    const type = o.type;
    if (type === 'relationship') {
      if (RELATIONSHIP_CODE.has(o.relationship_type as string)) keepNewest(relSlots, rels, o);
    } else if (typeof type === 'string' && KIND_OF_STIX_TYPE.has(type)) {
      keepNewest(rawSlots, raws, o);
    } else if (type === 'x-mitre-matrix') {
      keepNewest(matrixSlots, matrices, o);
    } else if (type === 'x-mitre-collection') {
      if (!collection || str(o.modified) > str(collection.modified)) collection = o;
    }
    if (specVersion === undefined && o.spec_version !== undefined) specVersion = o.spec_version;
  }

  // Mobile 18.1 ships a deprecated second matrix: only a live one defines the domain and tactic order.
  const matrix = matrices.find((m) => !isRetired(m) && matrixDomain(m) !== undefined);
  const domain = matrix && matrixDomain(matrix);
  if (!matrix || !domain) {
    throw new AttackDataError('not-attack', `${fileName ?? 'the bundle'} holds no live ATT&CK matrix (x-mitre-matrix for enterprise-attack, mobile-attack or ics-attack)`);
  }

  // Records: live first, then retired, each in ID order; positionOfSlot maps a raw slot to its position.
  const repair = options.repair;
  const records: AttackObject[] = new Array(raws.length);
  const phases: (string[] | undefined)[] = new Array(raws.length);
  const liveSlots: number[] = [];
  const retiredSlots: number[] = [];
  for (let i = 0; i < raws.length; i++) {
    const rec = (records[i] = toRecord(raws[i], i, phases));
    if (repair) repairRecord(rec, phases[i], repair);
    (rec.revoked || rec.deprecated ? retiredSlots : liveSlots).push(i);
  }
  const bySlot = (x: number, y: number): number => {
    const a = records[x], c = records[y];
    return a.id < c.id ? -1 : a.id > c.id ? 1 : compareIds(a.kind, c.kind) || compareIds(a.stixId, c.stixId);
  };
  const order = liveSlots.sort(bySlot).concat(retiredSlots.sort(bySlot));
  const liveCount = liveSlots.length;
  const sorted: AttackObject[] = new Array(order.length);
  const positionOfSlot = new Int32Array(raws.length);
  for (let i = 0; i < order.length; i++) {
    sorted[i] = records[order[i]];
    positionOfSlot[order[i]] = i;
  }
  const position = (stixId: unknown): number => {
    const at = typeof stixId === 'string' ? rawSlots.get(stixId) : undefined;
    return at === undefined ? -1 : positionOfSlot[at];
  };

  // Analytics and detection strategies name components and analytics by STIX id: the index speaks ATT&CK IDs.
  resolveDetectionRefs(sorted, (stixId) => {
    const at = position(stixId);
    return at < 0 ? undefined : sorted[at].id;
  });
  const tacticOrder = orderTactics(matrix, sorted, liveCount, position, phases, order);
  const relationships = keptRelationships(rels, position, liveCount, sorted.length);
  linkParents(sorted, liveCount, relationships);
  linkSubtechniques(sorted, liveCount);
  freezeObjects(sorted);

  const platforms = new Set<string>();
  for (let i = 0; i < liveCount; i++) if (sorted[i].kind === 'technique') for (const p of (sorted[i] as MutableTechnique).platforms) platforms.add(p);

  const collected = collection && str(collection.x_mitre_version);
  const { version, versionSource } = versionOf(collected && repair ? repair(collected) : collected, fileName, domain, warnings);
  const data: IndexData = {
    domain,
    version,
    versionSource,
    specVersion: specVersion === '2.1' ? '2.1' : '2.0',
    objects: sorted,
    liveCount,
    tacticOrder,
    relationships,
    platforms: [...platforms],
  };
  return { data, warnings };
}

/**
 * Positions of the live matrix's tactics in its order; techniques' tactics are sorted to follow it (phases of no
 * matrix tactic go last), and equal tactic and platform lists are shared and frozen.
 */
function orderTactics(
  matrix: StixObject,
  sorted: AttackObject[],
  liveCount: number,
  position: (stixId: unknown) => number,
  phases: (string[] | undefined)[],
  order: readonly number[],
): number[] {
  const tacticOrder: number[] = [];
  const tacticRank = new Map<string, number>();
  for (const ref of stringArray(matrix.tactic_refs)) {
    const at = position(ref);
    if (at < 0 || at >= liveCount || sorted[at].kind !== 'tactic' || tacticOrder.includes(at)) continue;
    tacticRank.set((sorted[at] as Tactic).shortname, tacticOrder.length);
    tacticOrder.push(at);
  }
  const interned = new Map<string, readonly string[]>();
  const intern = (list: string[]): readonly string[] => {
    const key = list.join('\u0000');
    let found = interned.get(key);
    if (!found) interned.set(key, (found = Object.freeze(list)));
    return found;
  };
  for (let i = 0; i < order.length; i++) {
    const p = phases[order[i]];
    if (!p) continue;
    const t = sorted[i] as MutableTechnique;
    p.sort((x, y) => (tacticRank.get(x) ?? 1e9) - (tacticRank.get(y) ?? 1e9));
    t.tactics = intern(p);
    t.platforms = intern(t.platforms as string[]);
  }
  return tacticOrder;
}

function matrixDomain(m: StixObject): AttackDomain | undefined {
  const ref = attackReference(m)?.id;
  if (ref && (ATTACK_DOMAINS as readonly string[]).includes(ref)) return ref as AttackDomain;
  const d = stringArray(m.x_mitre_domains)[0];
  return d && (ATTACK_DOMAINS as readonly string[]).includes(d) ? (d as AttackDomain) : undefined;
}

/**
 * One record per kept object, with only the fields the index exposes (one object literal per kind, so
 * V8 sees a handful of shapes). A technique's raw kill-chain phases go to `phases[slot]` for sorting later.
 */
function toRecord(o: StixObject, slot: number, phases: (string[] | undefined)[]): AttackObject {
  const type = o.type as string;
  const kind = KIND_OF_STIX_TYPE.get(type) as ObjectKind;
  const stixId = o.id as string;
  const ref = attackReference(o);
  // ATT&CK ≤ v15 data components carry no ATT&CK ID: the STIX id keeps them addressable.
  const id = ref ? ref.id : stixId;
  const name = str(o.name);
  const description = str(o.description);
  const url = ref ? ref.url : '';
  const revoked = o.revoked === true;
  const deprecated = o.x_mitre_deprecated === true;
  if (kind === 'technique') {
    const p: string[] = (phases[slot] = []);
    const kcp = o.kill_chain_phases;
    if (Array.isArray(kcp)) {
      for (const k of kcp as { kill_chain_name?: unknown; phase_name?: unknown }[]) {
        if (k && ATTACK_KILL_CHAINS.has(k.kill_chain_name as string) && typeof k.phase_name === 'string' && !p.includes(k.phase_name)) p.push(k.phase_name);
      }
    }
    const dot = id.indexOf('.');
    const isSubtechnique = o.x_mitre_is_subtechnique === true || (dot > 0 && ref !== undefined);
    const t: MutableTechnique = {
      kind, id, stixId, name, description, url, aliases: [], revoked, deprecated,
      tactics: p, platforms: stringArray(o.x_mitre_platforms), isSubtechnique, subtechniqueIds: [],
    };
    if (isSubtechnique && dot > 0) t.parentId = id.slice(0, dot);
    return t;
  }
  const aliases = aliasesOf(o, name);
  if (kind === 'tactic') {
    const t: Tactic = { kind, id, stixId, name, description, url, aliases, revoked, deprecated, shortname: str(o.x_mitre_shortname) };
    return t;
  }
  if (kind === 'software') {
    const softwareType = type === 'tool' ? 'tool' : 'malware';
    const s: Software = { kind, id, stixId, name, description, url, aliases, revoked, deprecated, softwareType, platforms: stringArray(o.x_mitre_platforms) };
    return s;
  }
  if (kind === 'campaign') {
    const c: Mutable<Campaign> = { kind, id, stixId, name, description, url, aliases, revoked, deprecated };
    const first = dateOf(o.first_seen);
    const last = dateOf(o.last_seen);
    if (first) c.firstSeen = first;
    if (last) c.lastSeen = last;
    return c;
  }
  if (isDetectionKind(kind)) return detectionRecord(o, kind, { id, stixId, name, description, url, aliases, revoked, deprecated });
  return { kind, id, stixId, name, description, url, aliases, revoked, deprecated };
}

/** The date part of a STIX timestamp (`2025-09-01T04:00:00.000Z` → `2025-09-01`), when it is one. */
function dateOf(v: unknown): string | undefined {
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : undefined;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Applies the latin1 fix-up to every string a fresh record keeps (its arrays are still private to it). */
function repairRecord(rec: AttackObject, phases: string[] | undefined, repair: (s: string) => string): void {
  const r = rec as Mutable<AttackObject> & { shortname?: string; platforms?: string[]; parentId?: string };
  r.id = repair(r.id);
  r.stixId = repair(r.stixId);
  r.name = repair(r.name);
  r.description = repair(r.description);
  r.url = repair(r.url);
  if (r.aliases.length > 0) r.aliases = r.aliases.map(repair);
  if (r.shortname !== undefined) r.shortname = repair(r.shortname);
  if (r.parentId !== undefined) r.parentId = repair(r.parentId);
  // Detection records keep their lists flat: repairDetection rewrites those.
  if (r.platforms && !isDetectionKind(r.kind)) for (let i = 0; i < r.platforms.length; i++) r.platforms[i] = repair(r.platforms[i]);
  if (phases) for (let i = 0; i < phases.length; i++) phases[i] = repair(phases[i]);
  repairDetection(rec, repair);
}

/** Group/campaign `aliases` or software `x_mitre_aliases`, without the object's own name. */
function aliasesOf(o: StixObject, name: string): string[] {
  const raw = o.aliases ?? o.x_mitre_aliases;
  if (!Array.isArray(raw) || raw.length === 0) return NO_ALIASES;
  const out: string[] = [];
  for (const a of stringArray(raw)) if (a !== name && !out.includes(a)) out.push(a);
  return out;
}
