/**
 * The raw STIX shapes the index builder reads. Only the fields we use are typed; everything in a
 * bundle is untrusted JSON, so every access is guarded.
 */
import type { ObjectKind, RelationshipType } from './types';

export interface StixExternalReference {
  readonly source_name?: unknown;
  readonly external_id?: unknown;
  readonly url?: unknown;
}

export interface StixKillChainPhase {
  readonly kill_chain_name?: unknown;
  readonly phase_name?: unknown;
}

/** Any STIX object as found in `bundle.objects`. */
export interface StixObject {
  readonly type?: unknown;
  readonly id?: unknown;
  readonly spec_version?: unknown;
  readonly modified?: unknown;
  readonly name?: unknown;
  readonly description?: unknown;
  readonly revoked?: unknown;
  readonly x_mitre_deprecated?: unknown;
  readonly external_references?: unknown;
  readonly kill_chain_phases?: unknown;
  readonly x_mitre_platforms?: unknown;
  readonly x_mitre_is_subtechnique?: unknown;
  readonly x_mitre_shortname?: unknown;
  readonly x_mitre_aliases?: unknown;
  readonly aliases?: unknown;
  readonly first_seen?: unknown;
  readonly last_seen?: unknown;
  readonly x_mitre_domains?: unknown;
  readonly x_mitre_version?: unknown;
  readonly tactic_refs?: unknown;
  readonly relationship_type?: unknown;
  readonly source_ref?: unknown;
  readonly target_ref?: unknown;
  readonly x_mitre_log_sources?: unknown;
  readonly x_mitre_log_source_references?: unknown;
  readonly x_mitre_mutable_elements?: unknown;
  readonly x_mitre_analytic_refs?: unknown;
}

export interface StixBundle {
  readonly type?: unknown;
  readonly spec_version?: unknown;
  readonly objects?: unknown;
}

/** STIX type → index kind for every object type the index keeps. */
export const KIND_OF_STIX_TYPE: ReadonlyMap<string, ObjectKind> = new Map<string, ObjectKind>([
  ['x-mitre-tactic', 'tactic'],
  ['attack-pattern', 'technique'],
  ['intrusion-set', 'group'],
  ['campaign', 'campaign'],
  ['malware', 'software'],
  ['tool', 'software'],
  ['course-of-action', 'mitigation'],
  ['x-mitre-data-source', 'data-source'],
  ['x-mitre-data-component', 'data-component'],
  ['x-mitre-detection-strategy', 'detection-strategy'],
  ['x-mitre-analytic', 'analytic'],
  ['x-mitre-asset', 'asset'],
]);

/** Relationship types in a fixed order: their position is the code used in the compact form. */
export const RELATIONSHIP_TYPES: readonly RelationshipType[] = [
  'uses',
  'mitigates',
  'detects',
  'subtechnique-of',
  'revoked-by',
  'targets',
  'attributed-to',
];
export const RELATIONSHIP_CODE: ReadonlyMap<string, number> = new Map(RELATIONSHIP_TYPES.map((t, i) => [t, i]));
export const REVOKED_BY_CODE = RELATIONSHIP_TYPES.indexOf('revoked-by');

/** Source names MITRE used for the ATT&CK ID reference (older Mobile/ICS objects use their own). */
const ATTACK_SOURCE_NAMES = new Set(['mitre-attack', 'mitre-mobile-attack', 'mitre-ics-attack']);
/** Kill-chain names of ATT&CK tactics across the three domains. */
export const ATTACK_KILL_CHAINS: ReadonlySet<string> = new Set(['mitre-attack', 'mitre-mobile-attack', 'mitre-ics-attack']);

/** The `mitre-attack` external reference (ATT&CK ID and URL), scanning only until it is found. */
export function attackReference(o: StixObject): { id: string; url: string } | undefined {
  const refs = o.external_references;
  if (!Array.isArray(refs)) return undefined;
  for (let i = 0; i < refs.length; i++) {
    const r = refs[i] as StixExternalReference | null;
    if (r && typeof r.external_id === 'string' && typeof r.source_name === 'string' && ATTACK_SOURCE_NAMES.has(r.source_name)) {
      return { id: r.external_id, url: typeof r.url === 'string' ? r.url : '' };
    }
  }
  return undefined;
}

/** The string elements of a JSON value that should be a string array. */
export function stringArray(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  const out: string[] = [];
  for (const s of v) if (typeof s === 'string') out.push(s);
  return out;
}

export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}
