/**
 * The detection objects of ATT&CK ≥ 18 (data components with their log sources, analytics, detection strategies).
 * Their list fields are kept as flat string lists — exactly what the compact index stores — and turned into frozen
 * objects on first read, through getters of one class per kind: a warm start pays nothing for the ~15,000 small
 * objects until a feature (telemetry, hunt plans, hover) reads them. Older releases have no analytics or strategies,
 * and data components without log sources: the lists are then empty.
 *
 * Flat lists (slots a, b, c of a record's row in the compact index):
 *   data component: [name, channel, …]
 *   analytic: platforms; [data component, name, channel, …]; [field, description, …]
 *   detection strategy: analytic IDs
 */
import type { StixObject } from './stix';
import { str, stringArray } from './stix';
import type { Analytic, AttackObject, DataComponent, DetectionStrategy, LogSource, LogSourceReference, MutableElement } from './types';

type Base = Omit<AttackObject, 'kind'>;
export type DetectionKind = 'data-component' | 'analytic' | 'detection-strategy';
type Flat = readonly (readonly string[])[];

/**
 * The compact index stores a detection record's flat lists as one JSON text (slot a of its row): one string per
 * record instead of ~15,000 strings and ~4,000 lists for Enterprise 18.1, which a warm start would otherwise slice.
 */
export function detectionText(rec: AttackObject): string {
  return JSON.stringify(flatOf(rec) ?? []);
}

/**
 * The flat lists of detectionText's JSON, checked against the kind's tuples. The file passed its checksum, so a
 * malformed text means a foreign writer: it reads as empty lists rather than failing a feature later.
 */
export function detectionFromText(kind: DetectionKind, json: string): Flat {
  const slots = kind === 'analytic' ? 3 : 1;
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch {
    v = undefined;
  }
  const ok = Array.isArray(v) && v.length === slots && v.every((l, k) => Array.isArray(l) && l.length % DETECTION_TUPLE[kind][k] === 0 && l.every((x) => typeof x === 'string'));
  const lists = (ok ? v : Array.from({ length: slots }, () => [])) as string[][];
  return Object.freeze(lists.map((l) => Object.freeze(l)));
}

/** Strings per tuple in each flat list. */
export const DETECTION_TUPLE: Readonly<Record<DetectionKind, readonly number[]>> = {
  'data-component': [2, 1, 1],
  analytic: [1, 3, 2],
  'detection-strategy': [1, 1, 1],
};

/** A record's flat lists (undefined for other kinds); the compact index hands a thunk, called once on first read. */
function flatOf(rec: object): Flat | undefined {
  return rec instanceof DetectionBase ? DetectionBase.flat(rec) : undefined;
}
const setFlat = (rec: object, lists: Flat): void => {
  if (rec instanceof DetectionBase) DetectionBase.setFlat(rec, lists);
};
const NONE: readonly string[] = Object.freeze([]);

function tuples(list: readonly string[] | undefined, n: number): string[][] {
  const out: string[][] = [];
  if (!list) return out;
  for (let i = 0; i + n <= list.length; i += n) out.push(list.slice(i, i + n));
  return out;
}

/** The object form of a record's flat lists, made and frozen once. */
function fieldsOf(rec: DetectionBase & AttackObject): Readonly<Record<string, unknown>> {
  let f = DetectionBase.fields(rec);
  if (f) return f;
  const lists = flatOf(rec) ?? [];
  const freezeAll = <T extends object>(xs: T[]): readonly T[] => Object.freeze(xs.map((x) => Object.freeze(x)));
  if (rec.kind === 'data-component') {
    f = { logSources: freezeAll(tuples(lists[0], 2).map(([name, channel]) => ({ name, channel }) as LogSource)) };
  } else if (rec.kind === 'analytic') {
    f = {
      platforms: Object.freeze([...(lists[0] ?? NONE)]),
      logSourceRefs: freezeAll(tuples(lists[1], 3).map(([dataComponentId, name, channel]) => ({ dataComponentId, name, channel }) as LogSourceReference)),
      mutableElements: freezeAll(tuples(lists[2], 2).map(([field, description]) => ({ field, description }) as MutableElement)),
    };
  } else {
    f = { analyticIds: Object.freeze([...(lists[0] ?? NONE)]) };
  }
  DetectionBase.setFields(rec, Object.freeze(f));
  return f;
}

/** The fields every record has, in the builder's order (one hidden class per kind). */
abstract class DetectionBase {
  readonly id: string; readonly stixId: string; readonly name: string; readonly description: string; readonly url: string;
  readonly aliases: readonly string[]; readonly revoked: boolean; readonly deprecated: boolean;
  // Private fields: no properties (so equality and JSON see the public shape only), writable after Object.freeze.
  #flat: Flat | (() => Flat);
  #fields: Readonly<Record<string, unknown>> | undefined;
  constructor(b: Base, lists: Flat | (() => Flat)) {
    this.id = b.id; this.stixId = b.stixId; this.name = b.name; this.description = b.description; this.url = b.url;
    this.aliases = b.aliases; this.revoked = b.revoked; this.deprecated = b.deprecated;
    this.#flat = lists;
  }
  static flat(r: DetectionBase): Flat {
    if (typeof r.#flat === 'function') r.#flat = r.#flat();
    return r.#flat;
  }
  static lazy(r: DetectionBase): boolean {
    return typeof r.#flat === 'function';
  }
  static setFlat(r: DetectionBase, lists: Flat): void {
    r.#flat = lists;
    r.#fields = undefined;
  }
  static fields(r: DetectionBase): Readonly<Record<string, unknown>> | undefined {
    return r.#fields;
  }
  static setFields(r: DetectionBase, f: Readonly<Record<string, unknown>>): void {
    r.#fields = f;
  }
}

class DataComponentRecord extends DetectionBase implements DataComponent {
  readonly kind = 'data-component' as const;
  get logSources(): readonly LogSource[] { return fieldsOf(this).logSources as readonly LogSource[]; }
}
class AnalyticRecord extends DetectionBase implements Analytic {
  readonly kind = 'analytic' as const;
  get platforms(): readonly string[] { return fieldsOf(this).platforms as readonly string[]; }
  get logSourceRefs(): readonly LogSourceReference[] { return fieldsOf(this).logSourceRefs as readonly LogSourceReference[]; }
  get mutableElements(): readonly MutableElement[] { return fieldsOf(this).mutableElements as readonly MutableElement[]; }
}
class DetectionStrategyRecord extends DetectionBase implements DetectionStrategy {
  readonly kind = 'detection-strategy' as const;
  get analyticIds(): readonly string[] { return fieldsOf(this).analyticIds as readonly string[]; }
}

/** A detection record over flat lists (from STIX or from the compact index). */
export function detectionFromLists(kind: DetectionKind, base: Base, lists: Flat | (() => Flat)): AttackObject {
  if (kind === 'data-component') return new DataComponentRecord(base, lists);
  if (kind === 'analytic') return new AnalyticRecord(base, lists);
  return new DetectionStrategyRecord(base, lists);
}

/** The flat lists of a detection record (empty for other kinds). */
export function detectionLists(rec: AttackObject): Flat {
  return flatOf(rec) ?? [];
}

/** The record of a data component, analytic or detection strategy from STIX (references still STIX ids). */
export function detectionRecord(o: StixObject, kind: DetectionKind, base: Base): AttackObject {
  const each = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? (v as unknown[]).filter((e): e is Record<string, unknown> => !!e && typeof e === 'object') : []);
  if (kind === 'data-component') {
    // Entries without a name are dropped.
    const sources = each(o.x_mitre_log_sources).filter((e) => typeof e.name === 'string' && e.name !== '').flatMap((e) => [e.name as string, str(e.channel)]);
    return detectionFromLists(kind, base, [sources]);
  }
  if (kind === 'analytic') {
    const refs = each(o.x_mitre_log_source_references).filter((e) => typeof e.x_mitre_data_component_ref === 'string')
      .flatMap((e) => [e.x_mitre_data_component_ref as string, str(e.name), str(e.channel)]);
    const mutable = each(o.x_mitre_mutable_elements).filter((e) => typeof e.field === 'string' && e.field !== '').flatMap((e) => [e.field as string, str(e.description)]);
    return detectionFromLists(kind, base, [stringArray(o.x_mitre_platforms), refs, mutable]);
  }
  return detectionFromLists(kind, base, [stringArray(o.x_mitre_analytic_refs)]);
}

/**
 * Replaces the STIX ids in analytics and detection strategies by the ATT&CK IDs of the objects they name
 * (`idOf` returns undefined for an object the bundle does not hold: that reference is dropped).
 */
export function resolveDetectionRefs(records: readonly AttackObject[], idOf: (stixId: string) => string | undefined): void {
  for (const r of records) {
    const lists = flatOf(r);
    if (!lists) continue;
    if (r.kind === 'analytic') {
      const refs: string[] = [];
      for (const [dc, name, channel] of tuples(lists[1], 3)) {
        const id = idOf(dc);
        if (id !== undefined) refs.push(id, name, channel);
      }
      setFlat(r, [lists[0], refs, lists[2]]);
    } else if (r.kind === 'detection-strategy') {
      setFlat(r, [lists[0].flatMap((ref) => idOf(ref) ?? [])]);
    }
  }
}

/** Applies the latin1 fix-up (see decodeBundleFast) to the strings of a detection record. */
export function repairDetection(rec: AttackObject, repair: (s: string) => string): void {
  const lists = flatOf(rec);
  if (lists) setFlat(rec, lists.map((l) => l.map(repair)));
}

/** Freezes the flat lists of a detection record (its object fields are frozen as they are made). */
export function freezeDetection(rec: AttackObject): void {
  // Lists from the compact index are frozen as they are made: a record still holding its thunk is left as it is.
  if (!(rec instanceof DetectionBase) || DetectionBase.lazy(rec)) return;
  const lists = DetectionBase.flat(rec);
  DetectionBase.setFlat(rec, Object.freeze(lists.map((l) => (Object.isFrozen(l) ? l : Object.freeze([...l])))));
}

export const isDetectionKind = (k: string): k is DetectionKind => k === 'data-component' || k === 'analytic' || k === 'detection-strategy';
