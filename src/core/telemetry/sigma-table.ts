/**
 * The project-data table data/sigma-logsources.json: Sigma logsources (product / category / service) → the ATT&CK
 * 18.1 data components and log sources that carry the same telemetry. A mapping applies to a logsource with exactly
 * the same three fields (absent = absent, compared lower-case): `{ product: windows, category: process_creation }`
 * is not `{ category: process_creation }`. docs/hunting.md documents it; a unit test checks it against ATT&CK 18.1.
 */
import tableData from '../../../data/sigma-logsources.json';
import type { SigmaLogsourceRef } from '../model/types';

export interface SigmaMapping {
  readonly logsource: SigmaLogsourceRef;
  /** ATT&CK data component IDs (DCnnnn). */
  readonly dataComponents: readonly string[];
  /** ATT&CK log sources; `channel` narrows the name to one event where the table knows it. */
  readonly logSources: readonly { readonly name: string; readonly channel?: string }[];
  readonly note?: string;
}

export interface SigmaTable {
  /** The ATT&CK release the table was written against. */
  readonly attackVersion: string;
  readonly mappings: readonly SigmaMapping[];
  /** The mapping for exactly this logsource, or undefined. */
  lookup(logsource: SigmaLogsourceRef): SigmaMapping | undefined;
}

/** `product|category|service`, lower-case, absent fields empty: the table's matching key. */
export function sigmaKey(l: SigmaLogsourceRef): string {
  const f = (v: string | undefined): string => (v ?? '').trim().toLowerCase();
  return `${f(l.product)}|${f(l.category)}|${f(l.service)}`;
}

/** `product: windows, category: process_creation` — for messages and reports. */
export function sigmaLabel(l: SigmaLogsourceRef): string {
  const parts = (['product', 'category', 'service'] as const).flatMap((k) => (l[k] ? [`${k}: ${l[k]}`] : []));
  return parts.length > 0 ? parts.join(', ') : '(no logsource)';
}

/** A table over `mappings`; a later mapping with the same key is ignored (the unit test keeps keys unique). */
export function sigmaTable(attackVersion: string, mappings: readonly SigmaMapping[]): SigmaTable {
  const byKey = new Map<string, SigmaMapping>();
  for (const m of mappings) if (!byKey.has(sigmaKey(m.logsource))) byKey.set(sigmaKey(m.logsource), m);
  return Object.freeze({ attackVersion, mappings, lookup: (l: SigmaLogsourceRef) => byKey.get(sigmaKey(l)) });
}

/** The shipped table. */
export const SIGMA_TABLE: SigmaTable = sigmaTable(tableData.attack.version, tableData.mappings as readonly SigmaMapping[]);
