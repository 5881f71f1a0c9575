/**
 * Diagnostics on an inventory's `telemetry:` entries, against the ATT&CK release of each threat model that lists it:
 * unknown or deprecated data components, names that are neither a data component nor an ATT&CK log source, Sigma
 * logsources the project table does not map, `appliesTo` ids no model defines. Releases without detection data
 * (before ATT&CK 18) get one note per entry instead of a diagnostic per item.
 */
import type { AttackIndex } from '../attack/types';
import type { Diagnostic } from '../diagnostics';
import { SuggestBudget, closestMatch } from '../model/suggest';
import type { ControlInventory, TelemetryEntry, ThreatModel } from '../model/types';
import { excerpt, quote } from '../text/safe-text';
import { dataComponentOf, logSourceNames } from './resolve';
import { SIGMA_TABLE, sigmaLabel } from './sigma-table';

export const TELEMETRY_CODES = {
  'telemetry.unknown-data-component': { severity: 'warning', description: 'A `collects` ID is no data component of the pinned ATT&CK release (suggests the nearest).' },
  'telemetry.deprecated-data-component': { severity: 'warning', description: 'A `collects` data component is deprecated in the pinned release.' },
  'telemetry.unknown-log-source': { severity: 'warning', description: 'A `collects` name is neither a data component name nor an ATT&CK log source name of the release (suggests the nearest).' },
  'telemetry.sigma-unmapped': { severity: 'information', description: 'A Sigma logsource data/sigma-logsources.json does not map: it counts for Sigma rules with exactly that logsource, but tells hunt plans nothing.' },
  'telemetry.unknown-component': { severity: 'warning', description: "A telemetry entry's `appliesTo` names a component no referencing threat model has." },
  'telemetry.no-detection-data': { severity: 'information', description: 'The pinned ATT&CK release has no data component IDs, log sources or analytics (they came with v18): only Sigma logsources are used.' },
} as const;

const DC_ID = /^DC\d{4}$/i;

/** Every telemetry diagnostic of the inventory for one index (one per distinct pin of the models that list it). */
export function checkTelemetry(inventory: ControlInventory, models: readonly ThreatModel[], index: AttackIndex | undefined): Diagnostic[] {
  const out: Diagnostic[] = [];
  const components = new Set(models.flatMap((m) => m.techStack.map((c) => c.id)));
  const budget = new SuggestBudget();
  for (const entry of inventory.telemetry) {
    if (models.length > 0) {
      for (const id of entry.appliesTo ?? []) {
        if (components.has(id.value)) continue;
        const suggestion = closestMatch(id.value, components, budget);
        out.push({
          code: 'telemetry.unknown-component', severity: 'warning', range: id.range,
          message: `no techStack component ${quote(id.value)}: this telemetry applies nowhere for it${suggestion !== undefined ? ` (did you mean ${quote(suggestion)}?)` : ''}`,
          data: { id: id.value, ...(suggestion !== undefined ? { replacement: suggestion } : {}) },
        });
      }
    }
    if (index) out.push(...checkCollects(entry, index, budget));
  }
  return out;
}

function checkCollects(entry: TelemetryEntry, index: AttackIndex, budget: SuggestBudget): Diagnostic[] {
  const out: Diagnostic[] = [];
  const names = logSourceNames(index);
  const hasDetectionData = names.size > 0;
  if (!hasDetectionData && entry.collects.some((c) => c.kind === 'name')) {
    out.push({
      code: 'telemetry.no-detection-data', severity: 'information', range: entry.range,
      message: `ATT&CK ${excerpt(index.version)} has no data component IDs or log sources (they came with v18): only the Sigma logsources of this entry are used`,
      data: { version: index.version },
    });
  }
  for (const item of entry.collects) {
    if (item.kind === 'sigma') {
      if (!SIGMA_TABLE.lookup(item.logsource)) {
        out.push({
          code: 'telemetry.sigma-unmapped', severity: 'information', range: item.range,
          message: `data/sigma-logsources.json does not map the Sigma logsource ${excerpt(sigmaLabel(item.logsource), 80)}: it counts for rules with exactly this logsource, hunt plans cannot use it`,
          data: { logsource: item.logsource },
        });
      }
      continue;
    }
    if (!hasDetectionData || dataComponentOf(index, item.value) || names.has(item.value.toLowerCase())) continue;
    if (DC_ID.test(item.value)) {
      const retired = index.retired(item.value.toUpperCase()).find((o) => o.kind === 'data-component');
      if (retired) {
        out.push({
          code: 'telemetry.deprecated-data-component', severity: 'warning', range: item.range,
          message: `${excerpt(item.value)} (${excerpt(retired.name)}) is deprecated in ATT&CK ${excerpt(index.version)}: analytics no longer name it`,
          data: { id: item.value },
        });
        continue;
      }
      const ids = index.list('data-component').map((d) => d.id);
      const suggestion = closestMatch(item.value.toUpperCase(), ids, budget);
      const named = suggestion !== undefined ? index.get(suggestion, 'data-component')?.name : undefined;
      out.push({
        code: 'telemetry.unknown-data-component', severity: 'warning', range: item.range,
        message: `${excerpt(item.value)} is no data component of ATT&CK ${excerpt(index.version)}${suggestion !== undefined ? ` (did you mean ${suggestion}${named ? `, ${excerpt(named)}` : ''}?)` : ''}`,
        data: { id: item.value, ...(suggestion !== undefined ? { replacement: suggestion } : {}) },
      });
      continue;
    }
    const candidates = [...index.list('data-component').map((d) => d.name), ...names.values()];
    const suggestion = closestMatch(item.value, candidates, budget);
    out.push({
      code: 'telemetry.unknown-log-source', severity: 'warning', range: item.range,
      message: `${quote(item.value)} is neither a data component nor an ATT&CK log source of ATT&CK ${excerpt(index.version)}${suggestion !== undefined ? ` (did you mean ${quote(suggestion)}?)` : ''}`,
      data: { value: item.value, ...(suggestion !== undefined ? { replacement: suggestion } : {}) },
    });
  }
  return out;
}
