/**
 * The detection objects of ATT&CK ≥ 18 (data components with their log sources, analytics, detection strategies):
 * reading them from STIX, resolving their STIX references to ATT&CK IDs once every record is known, and the flat
 * string lists the compact index stores them as. Older releases have no analytics or strategies, and data
 * components without log sources: the records are then simply empty lists.
 */
import type { StixObject } from './stix';
import { str, stringArray } from './stix';
import type { Analytic, AttackObject, DataComponent, DetectionStrategy, LogSource, LogSourceReference, MutableElement } from './types';

type Base = Omit<AttackObject, 'kind'>;
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The data component's `x_mitre_log_sources` as (name, channel) pairs; entries without a name are dropped. */
function logSourcesOf(v: unknown): LogSource[] {
  if (!Array.isArray(v)) return [];
  const out: LogSource[] = [];
  for (const e of v as { name?: unknown; channel?: unknown }[]) {
    if (e && typeof e === 'object' && typeof e.name === 'string' && e.name !== '') out.push({ name: e.name, channel: str(e.channel) });
  }
  return out;
}

/** Analytic log source references with the data component's STIX id; resolved to ATT&CK IDs later. */
function referencesOf(v: unknown): LogSourceReference[] {
  if (!Array.isArray(v)) return [];
  const out: LogSourceReference[] = [];
  for (const e of v as { x_mitre_data_component_ref?: unknown; name?: unknown; channel?: unknown }[]) {
    if (!e || typeof e !== 'object' || typeof e.x_mitre_data_component_ref !== 'string') continue;
    out.push({ dataComponentId: e.x_mitre_data_component_ref, name: str(e.name), channel: str(e.channel) });
  }
  return out;
}

function mutableElementsOf(v: unknown): MutableElement[] {
  if (!Array.isArray(v)) return [];
  const out: MutableElement[] = [];
  for (const e of v as { field?: unknown; description?: unknown }[]) {
    if (e && typeof e === 'object' && typeof e.field === 'string' && e.field !== '') out.push({ field: e.field, description: str(e.description) });
  }
  return out;
}

/** The record of a data component, analytic or detection strategy (references still STIX ids). */
export function detectionRecord(o: StixObject, kind: 'data-component' | 'analytic' | 'detection-strategy', base: Base): AttackObject {
  if (kind === 'data-component') {
    const d: DataComponent = { kind, ...base, logSources: logSourcesOf(o.x_mitre_log_sources) };
    return d;
  }
  if (kind === 'analytic') {
    const a: Analytic = {
      kind, ...base, platforms: stringArray(o.x_mitre_platforms),
      logSourceRefs: referencesOf(o.x_mitre_log_source_references), mutableElements: mutableElementsOf(o.x_mitre_mutable_elements),
    };
    return a;
  }
  const s: DetectionStrategy = { kind, ...base, analyticIds: stringArray(o.x_mitre_analytic_refs) };
  return s;
}

/**
 * Replaces the STIX ids in analytics and detection strategies by the ATT&CK IDs of the objects they name
 * (`idOf` returns undefined for an object the bundle does not hold: that reference is dropped).
 */
export function resolveDetectionRefs(records: readonly AttackObject[], idOf: (stixId: string) => string | undefined): void {
  for (const r of records) {
    if (r.kind === 'analytic') {
      const a = r as Mutable<Analytic>;
      a.logSourceRefs = a.logSourceRefs.flatMap((ref) => {
        const id = idOf(ref.dataComponentId);
        return id === undefined ? [] : [{ dataComponentId: id, name: ref.name, channel: ref.channel }];
      });
    } else if (r.kind === 'detection-strategy') {
      const s = r as Mutable<DetectionStrategy>;
      s.analyticIds = s.analyticIds.flatMap((ref) => idOf(ref) ?? []);
    }
  }
}

/** Applies the latin1 fix-up (see decodeBundleFast) to the strings of a detection record. */
export function repairDetection(rec: AttackObject, repair: (s: string) => string): void {
  if (rec.kind === 'data-component') {
    const d = rec as Mutable<DataComponent>;
    d.logSources = d.logSources.map((l) => ({ name: repair(l.name), channel: repair(l.channel) }));
  } else if (rec.kind === 'analytic') {
    const a = rec as Mutable<Analytic>;
    a.platforms = a.platforms.map(repair);
    a.logSourceRefs = a.logSourceRefs.map((l) => ({ dataComponentId: repair(l.dataComponentId), name: repair(l.name), channel: repair(l.channel) }));
    a.mutableElements = a.mutableElements.map((m) => ({ field: repair(m.field), description: repair(m.description) }));
  } else if (rec.kind === 'detection-strategy') {
    const s = rec as Mutable<DetectionStrategy>;
    s.analyticIds = s.analyticIds.map(repair);
  }
}

/** Freezes the arrays (and their entries) of a detection record. */
export function freezeDetection(rec: AttackObject): void {
  if (rec.kind === 'data-component') {
    for (const l of (rec as DataComponent).logSources) Object.freeze(l);
    Object.freeze((rec as DataComponent).logSources);
  } else if (rec.kind === 'analytic') {
    const a = rec as Analytic;
    for (const l of a.logSourceRefs) Object.freeze(l);
    for (const m of a.mutableElements) Object.freeze(m);
    Object.freeze(a.platforms);
    Object.freeze(a.logSourceRefs);
    Object.freeze(a.mutableElements);
  } else if (rec.kind === 'detection-strategy') {
    Object.freeze((rec as DetectionStrategy).analyticIds);
  }
}

/**
 * The string lists the compact index stores for a detection record, in slots a, b, c of its row: data component
 * [name, channel, …]; analytic platforms, [component, name, channel, …], [field, description, …]; strategy analytic IDs.
 */
export function detectionLists(rec: AttackObject): readonly (readonly string[])[] {
  if (rec.kind === 'data-component') return [(rec as DataComponent).logSources.flatMap((l) => [l.name, l.channel])];
  if (rec.kind === 'analytic') {
    const a = rec as Analytic;
    return [a.platforms, a.logSourceRefs.flatMap((l) => [l.dataComponentId, l.name, l.channel]), a.mutableElements.flatMap((m) => [m.field, m.description])];
  }
  if (rec.kind === 'detection-strategy') return [(rec as DetectionStrategy).analyticIds];
  return [];
}

/** The inverse of detectionLists; throws on a list whose length does not fit its tuples (a corrupt file). */
export function detectionFromLists(kind: 'data-component' | 'analytic' | 'detection-strategy', base: Base, lists: readonly (readonly string[])[]): AttackObject {
  const tuples = (l: readonly string[] | undefined, n: number): string[][] => {
    const list = l ?? [];
    if (list.length % n !== 0) throw new Error('bad detection list');
    const out: string[][] = [];
    for (let i = 0; i < list.length; i += n) out.push(list.slice(i, i + n));
    return out;
  };
  if (kind === 'data-component') {
    const d: DataComponent = { kind, ...base, logSources: tuples(lists[0], 2).map(([name, channel]) => ({ name, channel })) };
    return d;
  }
  if (kind === 'analytic') {
    const a: Analytic = {
      kind, ...base, platforms: [...(lists[0] ?? [])],
      logSourceRefs: tuples(lists[1], 3).map(([dataComponentId, name, channel]) => ({ dataComponentId, name, channel })),
      mutableElements: tuples(lists[2], 2).map(([field, description]) => ({ field, description })),
    };
    return a;
  }
  const s: DetectionStrategy = { kind, ...base, analyticIds: [...(lists[0] ?? [])] };
  return s;
}

export const isDetectionKind = (k: string): k is 'data-component' | 'analytic' | 'detection-strategy' =>
  k === 'data-component' || k === 'analytic' || k === 'detection-strategy';
