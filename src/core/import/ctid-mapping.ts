/**
 * CTID Mappings Explorer files (the unified format of mapex-unified-data-schema.json), read defensively and
 * normalised: `technique_scores` and `technique_score` are one type, `protects` (older NIST releases) is
 * `mitigates`, and `non_mappable` rows (status non_mappable, mapping_type null or "non_mappable") are kept
 * apart as capabilities that map to nothing.
 */
import type { AttackDomain } from '../attack/types';
import type { ControlFunction } from '../coverage/types';
import { ImportError, MAX_IMPORT_ENTRIES } from './errors';
import { TextCap, arr, isObject, own, parseJsonObject, str } from './json-guard';
import type { CutText, JsonObject } from './json-guard';

export type MappingScore = 'minimal' | 'partial' | 'significant';
/** `technique-scores`: protect/detect/respond × minimal/partial/significant; `mitigates`: NIST-style, no score. */
export type MappingType = 'technique-scores' | 'mitigates' | (string & {});

export interface MappingRow {
  readonly capabilityId: string;
  readonly capabilityGroup?: string;
  readonly techniqueId: string;
  readonly type: MappingType;
  readonly category?: ControlFunction;
  readonly score?: MappingScore;
}

export interface MappingCapability {
  readonly id: string;
  readonly description?: string;
  readonly group?: string;
  /** Mappable rows of this capability. */
  readonly rows: number;
}

export interface MappingFile {
  readonly framework: string;
  readonly frameworkVersion: string;
  /** The ATT&CK release the mapping was made against, e.g. "16.1". */
  readonly attackVersion: string;
  readonly domain?: AttackDomain;
  /** Mappable rows, normalised, in file order. */
  readonly rows: readonly MappingRow[];
  /** Every capability ID the file names (non-mappable ones with rows 0), in first-seen order. */
  readonly capabilities: ReadonlyMap<string, MappingCapability>;
  /** capability_groups: group key → name. */
  readonly groups: ReadonlyMap<string, string>;
  readonly nonMappableRows: number;
  /** Rows dropped because a field had a wrong type or value (a score type without a valid category/score). */
  readonly skippedRows: number;
  /** Texts longer than MAX_IMPORTED_TEXT, cut as they were read. */
  readonly cut: readonly CutText[];
}

const TYPE_ALIASES: Readonly<Record<string, MappingType>> = {
  technique_scores: 'technique-scores',
  technique_score: 'technique-scores',
  mitigates: 'mitigates',
  protects: 'mitigates',
};
const DOMAINS: Readonly<Record<string, AttackDomain>> = { enterprise: 'enterprise-attack', mobile: 'mobile-attack', ics: 'ics-attack' };
const CATEGORIES = new Set<string>(['protect', 'detect', 'respond']);
const SCORES = new Set<string>(['minimal', 'partial', 'significant']);

/** Parses a mapping file's text; throws ImportError when it is not in the Mappings Explorer format. */
export function parseMappingFile(text: string): MappingFile {
  return readMappingFile(parseJsonObject(text, 'the mapping file'));
}

/** Reads an already parsed mapping object. */
export function readMappingFile(root: JsonObject): MappingFile {
  const metadata = own(root, 'metadata');
  const objects = arr(root, 'mapping_objects');
  if (!isObject(metadata) || !objects) throw new ImportError('invalid', 'not a Mappings Explorer file: it needs `metadata` and `mapping_objects`');
  if (objects.length > MAX_IMPORT_ENTRIES) throw new ImportError('too-large', `the mapping has more than ${MAX_IMPORT_ENTRIES} rows`);
  const cap = new TextCap();
  const attackVersion = cap.str(metadata, 'attack_version');
  if (!attackVersion) throw new ImportError('invalid', 'the mapping names no `metadata.attack_version`');
  const rows: MappingRow[] = [];
  const capabilities = new Map<string, { id: string; description?: string; group?: string; rows: number }>();
  let nonMappableRows = 0;
  let skippedRows = 0;
  for (const o of objects) {
    const row = isObject(o) ? readRow(o, cap) : 'skip';
    if (row === 'skip') {
      skippedRows++;
      continue;
    }
    if (row === 'non-mappable') {
      nonMappableRows++;
      continue;
    }
    const capability = capabilities.get(row.capabilityId) ?? { id: row.capabilityId, ...row.info, rows: 0 };
    capabilities.set(row.capabilityId, capability);
    if (row.row) {
      rows.push(row.row);
      capability.rows++;
    } else nonMappableRows++;
  }
  const groups = own(metadata, 'capability_groups');
  const writtenDomain = str(metadata, 'technology_domain') ?? '';
  const domain = Object.prototype.hasOwnProperty.call(DOMAINS, writtenDomain) ? DOMAINS[writtenDomain] : undefined;
  const groupEntries = isObject(groups) ? Object.entries(groups).flatMap(([k, v]) => (typeof v === 'string' ? [[cap.text(k, 'capability_groups'), cap.text(v, 'capability_groups')] as const] : [])) : [];
  if (groupEntries.length > MAX_IMPORT_ENTRIES) throw new ImportError('too-large', `the mapping has more than ${MAX_IMPORT_ENTRIES} capability groups`);
  return {
    framework: cap.str(metadata, 'mapping_framework') ?? '',
    frameworkVersion: cap.str(metadata, 'mapping_framework_version') ?? '',
    attackVersion,
    ...(domain ? { domain } : {}),
    rows,
    capabilities,
    groups: new Map(groupEntries),
    nonMappableRows,
    skippedRows,
    cut: cap.cut,
  };
}

type ReadRow = { capabilityId: string; info: { description?: string; group?: string }; row?: MappingRow } | 'non-mappable' | 'skip';

function readRow(o: JsonObject, cap: TextCap): ReadRow {
  const rawType = cap.str(o, 'mapping_type');
  const capabilityId = cap.text(str(o, 'capability_id')?.trim(), 'capability_id') ?? '';
  const group = cap.str(o, 'capability_group') ?? undefined;
  const description = cap.str(o, 'capability_description');
  const info = { ...(description !== undefined ? { description } : {}), ...(group ? { group } : {}) };
  const techniqueId = cap.text(str(o, 'attack_object_id')?.trim(), 'attack_object_id') ?? '';
  // NIST lists techniques with no mitigation as non_mappable rows without a capability: nothing to keep.
  if (str(o, 'status') === 'non_mappable' || rawType === undefined || rawType === 'non_mappable') return capabilityId ? { capabilityId, info } : 'non-mappable';
  if (!capabilityId || !techniqueId) return 'skip';
  const type = Object.prototype.hasOwnProperty.call(TYPE_ALIASES, rawType) ? TYPE_ALIASES[rawType] : rawType;
  const category = str(o, 'score_category')?.toLowerCase();
  const score = str(o, 'score_value')?.toLowerCase();
  if (type === 'technique-scores' && !(category && CATEGORIES.has(category) && score && SCORES.has(score))) return 'skip';
  return {
    capabilityId,
    info,
    row: {
      capabilityId,
      ...(group ? { capabilityGroup: group } : {}),
      techniqueId,
      type,
      ...(category && CATEGORIES.has(category) ? { category: category as ControlFunction } : {}),
      ...(score && SCORES.has(score) ? { score: score as MappingScore } : {}),
    },
  };
}
