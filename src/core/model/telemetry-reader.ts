/** Reads an inventory's `telemetry:` entries (what is collected where) into the typed model. */
import { mappingItems } from './entry-readers';
import { optional } from './node-reader';
import type { MapReader } from './node-reader';
import type { CollectRef, SigmaLogsourceRef, TelemetryEntry } from './types';

const SIGMA_FIELDS = ['product', 'category', 'service'] as const;

/** Every readable entry; items the schema rejects (a number in `collects`, an empty `sigma`) are left out. */
export function readTelemetry(root: MapReader): TelemetryEntry[] {
  return mappingItems(root, 'telemetry').map((entry) => ({
    range: entry.range,
    ...optional('appliesTo', entry.has('appliesTo') ? (entry.strings('appliesTo') ?? []) : undefined),
    collects: (entry.items('collects') ?? []).flatMap((node): CollectRef[] => {
      const name = entry.scalarString(node);
      if (name) return name.value.trim() === '' ? [] : [{ kind: 'name', value: name.value.trim(), range: name.range }];
      const item = entry.reader(node);
      const sigma = item?.map('sigma');
      if (!item || !sigma) return [];
      const logsource: { -readonly [K in keyof SigmaLogsourceRef]: SigmaLogsourceRef[K] } = {};
      for (const f of SIGMA_FIELDS) {
        const v = sigma.string(f)?.value.trim().toLowerCase();
        if (v) logsource[f] = v;
      }
      return Object.keys(logsource).length === 0 ? [] : [{ kind: 'sigma', logsource, range: item.range }];
    }),
  }));
}
