/**
 * What a CTID mapping gives a control that lists some of its capabilities: each `technique-scores` row gives
 * its technique the row's score as the level (minimal/partial/significant map 1:1 onto ours) with its category
 * as the function (protect/detect/respond); each `mitigates` row (NIST 800-53, no score) gives MITIGATES_LEVEL,
 * function protect. Other row types (KEV's CVE → technique impacts) describe vulnerabilities, not controls.
 */
import type { ControlFunction, Level } from '../coverage/types';
import { closestMatch } from '../model/suggest';
import type { MappingFile } from './ctid-mapping';

/** The level a `mitigates` row gives: SPEC's default for a mitigation or technique entry. */
export const MITIGATES_LEVEL: Level = 'partial';

export interface MappedTechnique {
  /** As written in the mapping (may be revoked in the pinned release). */
  readonly techniqueId: string;
  readonly level: Level;
  readonly function: ControlFunction;
  readonly capabilityId: string;
}

/** Whether the file can give controls coverage (it has score or mitigates rows). */
export function isControlMapping(file: MappingFile): boolean {
  return file.rows.some((r) => r.type === 'technique-scores' || r.type === 'mitigates');
}

export interface CapabilityMatch {
  /** The capability IDs a written name stands for: itself, or every capability of a capability group. */
  readonly ids: readonly string[];
  /** Listed, but every row of it is non_mappable. */
  readonly nonMappable: boolean;
}

/** Case and zero padding do not tell capability IDs apart: NIST's file writes `AC-02`, people write `AC-2` or `ac-2`. */
function capabilityKey(id: string): string {
  return id.toLowerCase().replace(/(^|[^0-9])0+(?=\d)/g, '$1');
}

/**
 * A written capability: a capability_id (exact, else ignoring case and zero padding), else a capability_group key (every
 * capability in the group, e.g. `entra-id` in M365, `AC` in NIST). Undefined when neither matches.
 */
export function matchCapability(file: MappingFile, written: string): CapabilityMatch | undefined {
  const key = capabilityKey(written);
  const found = file.capabilities.get(written) ?? [...file.capabilities.values()].find((c) => capabilityKey(c.id) === key);
  if (found) return { ids: [found.id], nonMappable: found.rows === 0 };
  const inGroup = [...file.capabilities.values()].filter((c) => c.group === written);
  if (inGroup.length === 0) return undefined;
  return { ids: inGroup.map((c) => c.id), nonMappable: inGroup.every((c) => c.rows === 0) };
}

/** The nearest capability ID or group key, for "did you mean". */
export function suggestCapability(file: MappingFile, written: string): string | undefined {
  return closestMatch(written, [...file.capabilities.keys(), ...file.groups.keys()]);
}

/** The technique entries the capabilities give, in file order. */
export function mappedTechniques(file: MappingFile, capabilityIds: ReadonlySet<string>): MappedTechnique[] {
  const out: MappedTechnique[] = [];
  for (const row of file.rows) {
    if (!capabilityIds.has(row.capabilityId)) continue;
    if (row.type === 'technique-scores' && row.score && row.category) {
      out.push({ techniqueId: row.techniqueId, level: row.score, function: row.category, capabilityId: row.capabilityId });
    } else if (row.type === 'mitigates') {
      out.push({ techniqueId: row.techniqueId, level: MITIGATES_LEVEL, function: 'protect', capabilityId: row.capabilityId });
    }
  }
  return out;
}
