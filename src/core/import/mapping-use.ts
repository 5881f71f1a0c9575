/**
 * What a CTID mapping gives a control that lists some of its capabilities: each `technique-scores` row gives
 * its technique the row's score as the level (minimal/partial/significant map 1:1 onto ours) with its category
 * as the function (protect/detect/respond); each `mitigates` row (NIST 800-53, no score) gives MITIGATES_LEVEL,
 * function protect. Other row types (KEV's CVE → technique impacts) describe vulnerabilities, not controls.
 */
import type { ControlFunction, Level } from '../coverage/types';
import { closestMatch } from '../model/suggest';
import type { SuggestBudget } from '../model/suggest';
import type { MappingCapability, MappingFile } from './ctid-mapping';

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
 * capability in the group, e.g. `entra-id` in M365, `AC` in NIST). Undefined when neither matches. Looked up in maps
 * built once per file, so an inventory listing many capabilities of a large mapping costs no pass over it per entry.
 */
export function matchCapability(file: MappingFile, written: string): CapabilityMatch | undefined {
  const lookup = lookupOf(file);
  const found = file.capabilities.get(written) ?? lookup.byKey.get(capabilityKey(written));
  if (found) return { ids: [found.id], nonMappable: found.rows === 0 };
  const inGroup = lookup.byGroup.get(written) ?? [];
  if (inGroup.length === 0) return undefined;
  return { ids: inGroup.map((c) => c.id), nonMappable: inGroup.every((c) => c.rows === 0) };
}

/** The nearest capability ID or group key, for "did you mean" (paid from the check's `budget`). */
export function suggestCapability(file: MappingFile, written: string, budget?: SuggestBudget): string | undefined {
  // Lazily: past the budget (or the candidate cap) the rest of a large mapping is never walked.
  return closestMatch(written, (function* () {
    yield* file.capabilities.keys();
    yield* file.groups.keys();
  })(), budget);
}

/** The technique entries the capabilities give, in file order. */
export function mappedTechniques(file: MappingFile, capabilityIds: ReadonlySet<string>): MappedTechnique[] {
  const byCapability = lookupOf(file).rows;
  const positions = [...capabilityIds].flatMap((id) => byCapability.get(id) ?? []).sort((a, b) => a - b);
  const out: MappedTechnique[] = [];
  for (const position of positions) {
    const row = file.rows[position];
    if (row.type === 'technique-scores' && row.score && row.category) {
      out.push({ techniqueId: row.techniqueId, level: row.score, function: row.category, capabilityId: row.capabilityId });
    } else if (row.type === 'mitigates') {
      out.push({ techniqueId: row.techniqueId, level: MITIGATES_LEVEL, function: 'protect', capabilityId: row.capabilityId });
    }
  }
  return out;
}

interface Lookup {
  /** capabilityKey → the first capability with that key. */
  readonly byKey: ReadonlyMap<string, MappingCapability>;
  readonly byGroup: ReadonlyMap<string, readonly MappingCapability[]>;
  /** capability ID → positions of its rows in `rows`. */
  readonly rows: ReadonlyMap<string, readonly number[]>;
}

const lookups = new WeakMap<MappingFile, Lookup>();

function lookupOf(file: MappingFile): Lookup {
  let lookup = lookups.get(file);
  if (lookup) return lookup;
  const byKey = new Map<string, MappingCapability>();
  const byGroup = new Map<string, MappingCapability[]>();
  for (const c of file.capabilities.values()) {
    const key = capabilityKey(c.id);
    if (!byKey.has(key)) byKey.set(key, c);
    if (c.group === undefined) continue;
    const list = byGroup.get(c.group);
    if (list) list.push(c);
    else byGroup.set(c.group, [c]);
  }
  const rows = new Map<string, number[]>();
  file.rows.forEach((row, position) => {
    const list = rows.get(row.capabilityId);
    if (list) list.push(position);
    else rows.set(row.capabilityId, [position]);
  });
  lookup = { byKey, byGroup, rows };
  lookups.set(file, lookup);
  return lookup;
}
