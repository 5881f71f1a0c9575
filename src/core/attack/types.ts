/**
 * The compact, immutable ATT&CK index: what every feature reads instead of the raw STIX bundle.
 * Objects are addressed by their ATT&CK ID (T1059.001, G0046, …); STIX IDs are kept for provenance only.
 */

export type AttackDomain = 'enterprise-attack' | 'mobile-attack' | 'ics-attack';
export const ATTACK_DOMAINS: readonly AttackDomain[] = ['enterprise-attack', 'mobile-attack', 'ics-attack'];

/** What kind of ATT&CK object a record is (derived from the STIX type). */
export type ObjectKind =
  | 'tactic'
  | 'technique'
  | 'group'
  | 'campaign'
  | 'software'
  | 'mitigation'
  | 'data-source'
  | 'data-component'
  | 'detection-strategy'
  | 'analytic'
  | 'asset';

/** Relationship types the index keeps. Everything else in a bundle is ignored. */
export type RelationshipType =
  | 'uses'
  | 'mitigates'
  | 'detects'
  | 'subtechnique-of'
  | 'revoked-by'
  | 'targets'
  | 'attributed-to';

export interface AttackObject {
  readonly kind: ObjectKind;
  /** ATT&CK ID, e.g. T1059.001, G0046, M1040, TA0002, DET0001, AN0001, A0002. */
  readonly id: string;
  readonly stixId: string;
  readonly name: string;
  /** Markdown as in the data (citations included). */
  readonly description: string;
  /** attack.mitre.org URL from the `mitre-attack` external reference. */
  readonly url: string;
  /** Alternative names (group aliases, software x_mitre_aliases), without the name itself. */
  readonly aliases: readonly string[];
  readonly revoked: boolean;
  readonly deprecated: boolean;
}

export interface Tactic extends AttackObject {
  readonly kind: 'tactic';
  /** kill-chain phase name used by techniques, e.g. "credential-access". */
  readonly shortname: string;
}

export interface Technique extends AttackObject {
  readonly kind: 'technique';
  /** Tactic shortnames in matrix order. */
  readonly tactics: readonly string[];
  /** ATT&CK platform names exactly as in the data (ICS: ["None"]). */
  readonly platforms: readonly string[];
  readonly isSubtechnique: boolean;
  /** For a sub-technique, the parent's ATT&CK ID. */
  readonly parentId?: string;
  /** For a parent, its live sub-techniques' IDs in ID order. */
  readonly subtechniqueIds: readonly string[];
}

export interface Campaign extends AttackObject {
  readonly kind: 'campaign';
  /** `first_seen` / `last_seen` as dates (YYYY-MM-DD), when the data has them. */
  readonly firstSeen?: string;
  readonly lastSeen?: string;
}

export interface Software extends AttackObject {
  readonly kind: 'software';
  readonly softwareType: 'malware' | 'tool';
  readonly platforms: readonly string[];
}

/** A log source as ATT&CK 18 names it: `WinEventLog:Security`, channel `EventCode=4688` (channel may be ""). */
export interface LogSource {
  readonly name: string;
  readonly channel: string;
}

/** A data component (DCnnnn in ATT&CK ≥ 18; ≤ 15 ones carry no ATT&CK ID and are addressed by STIX id). */
export interface DataComponent extends AttackObject {
  readonly kind: 'data-component';
  /** `x_mitre_log_sources` (ATT&CK ≥ 18; empty in older releases). */
  readonly logSources: readonly LogSource[];
}

/** One `x_mitre_log_source_references` entry of an analytic: the data component (ATT&CK ID) and where it is logged. */
export interface LogSourceReference extends LogSource {
  /** ATT&CK ID of the data component; references to objects missing from the bundle are dropped. */
  readonly dataComponentId: string;
}

/** An `x_mitre_mutable_elements` entry: a field of the analytic a team tunes to its environment. */
export interface MutableElement {
  readonly field: string;
  readonly description: string;
}

/** An analytic (ANnnnn, ATT&CK ≥ 18): how one detection strategy is implemented on some platforms. */
export interface Analytic extends AttackObject {
  readonly kind: 'analytic';
  readonly platforms: readonly string[];
  readonly logSourceRefs: readonly LogSourceReference[];
  readonly mutableElements: readonly MutableElement[];
}

/** A detection strategy (DETnnnn, ATT&CK ≥ 18): `detects` a technique through its analytics. */
export interface DetectionStrategy extends AttackObject {
  readonly kind: 'detection-strategy';
  /** ATT&CK IDs of its `x_mitre_analytic_refs`, in the data's order; references to missing analytics are dropped. */
  readonly analyticIds: readonly string[];
}

/** The immutable ATT&CK index of one domain and version. */
export interface AttackIndex {
  readonly domain: AttackDomain;
  /** ATT&CK release, e.g. "18.1"; from the x-mitre-collection, else the file name, else "unknown". */
  readonly version: string;
  readonly versionSource: 'collection' | 'file-name' | 'unknown';
  readonly specVersion: '2.0' | '2.1';
  /** Tactics in matrix order (x-mitre-matrix tactic_refs). */
  readonly tactics: readonly Tactic[];
  /** Live techniques and sub-techniques, in ID order. */
  readonly techniques: readonly Technique[];
  /** ATT&CK platform names used by live techniques, in first-seen order. */
  readonly platforms: readonly string[];

  /** Live objects of a kind, in ID order. */
  list(kind: ObjectKind): readonly AttackObject[];
  /** O(1): the live object with this ATT&CK ID (optionally of a kind), else undefined. */
  get(id: string, kind?: ObjectKind): AttackObject | undefined;
  /** O(1): the live technique with this ID. */
  technique(id: string): Technique | undefined;
  /** O(1): revoked or deprecated objects with this ID (kept aside, never in live sets). */
  retired(id: string): readonly AttackObject[];
  /** O(1), case-insensitive: live objects whose name or alias is this name. */
  byName(name: string, kind?: ObjectKind): readonly AttackObject[];
  /**
   * Targets (ATT&CK IDs) of live relationships of `type` from `sourceId` between live objects,
   * e.g. related('G0046','uses') → techniques and software. For 'revoked-by' the source may be retired.
   */
  related(sourceId: string, type: RelationshipType): readonly string[];
  /** Sources of live relationships of `type` pointing at `targetId`, e.g. relatedFrom('T1059','mitigates'). */
  relatedFrom(targetId: string, type: RelationshipType): readonly string[];
  /**
   * Follows revoked-by from a revoked ID to its live replacement (cycle-safe); undefined when there is none.
   */
  replacementOf(id: string): AttackObject | undefined;
  /** Number of live objects per kind plus retired totals. */
  counts(): IndexCounts;
}

export interface IndexCounts {
  tactics: number;
  techniques: number;
  subtechniques: number;
  groups: number;
  campaigns: number;
  software: number;
  malware: number;
  tools: number;
  mitigations: number;
  dataSources: number;
  dataComponents: number;
  detectionStrategies: number;
  analytics: number;
  assets: number;
  /** Live relationships (revoked-by excluded). */
  relationships: number;
  revoked: number;
  deprecated: number;
  /** Kept relationships per type, revoked-by included. */
  relationshipsByType: Readonly<Record<RelationshipType, number>>;
}

/** A typed failure to load ATT&CK data: the CLI prints `message` on one line and exits 2. */
export class AttackDataError extends Error {
  constructor(
    readonly code: 'not-found' | 'unreadable' | 'not-json' | 'truncated' | 'not-attack' | 'wrong-domain' | 'wrong-version',
    message: string,
  ) {
    super(message);
    this.name = 'AttackDataError';
  }
}
