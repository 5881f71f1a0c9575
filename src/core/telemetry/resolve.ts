/**
 * What a control inventory's `telemetry:` declares, resolved against the ATT&CK index and the Sigma table into one
 * view per component: the data components, ATT&CK log source names and Sigma logsources collected there. Questions
 * the rest of the core asks of it: is this analytic's log source reference collected here, is this Sigma rule's
 * logsource collected here (and if not, what is missing).
 */
import type { AttackIndex, DataComponent, LogSourceReference } from '../attack/types';
import type { CollectRef, ControlInventory, SigmaLogsourceRef, TelemetryEntry } from '../model/types';
import type { SigmaTable } from './sigma-table';
import { SIGMA_TABLE, sigmaKey } from './sigma-table';

/** What one `collects` item stands for (undefined fields: it resolved to nothing of that kind). */
export interface ResolvedCollect {
  readonly dataComponent?: DataComponent;
  /** An ATT&CK log source name as the data spells it. */
  readonly logSource?: string;
  readonly sigma?: SigmaLogsourceRef;
}

/** Telemetry collected on one component. */
export interface ComponentTelemetry {
  /** Some `telemetry` entry applies to the component (if false, nothing is known: rules count, with a note). */
  readonly declared: boolean;
  /** Data component IDs: declared ones plus those the table maps declared Sigma logsources to. */
  readonly dataComponents: ReadonlySet<string>;
  /**
   * Lower-cased ATT&CK log source names collected whole: declared ones, plus those the table maps a declared Sigma
   * logsource with a `service` to (an event log channel is the whole log source).
   */
  readonly logSources: ReadonlySet<string>;
  /**
   * `name|channel`, lower-cased: the single events a declared Sigma logsource without `service` (a category such as
   * process_creation) stands for. Declaring `{ product: windows, category: image_load }` collects Sysmon EventCode=7,
   * not every Sysmon event.
   */
  readonly channels: ReadonlySet<string>;
  /** sigmaKey of each declared Sigma logsource. */
  readonly sigma: ReadonlySet<string>;
}

export const NO_TELEMETRY: ComponentTelemetry = Object.freeze({ declared: false, dataComponents: new Set<string>(), logSources: new Set<string>(), channels: new Set<string>(), sigma: new Set<string>() });

const channelKey = (name: string, channel: string): string => `${name}|${channel}`.toLowerCase();

/** Every ATT&CK log source name of the release (from its data components), lower-cased → as spelt in the data. */
export function logSourceNames(index: AttackIndex): ReadonlyMap<string, string> {
  let names = memo.get(index);
  if (!names) {
    names = new Map();
    for (const d of index.list('data-component') as DataComponent[]) for (const l of d.logSources) if (!names.has(l.name.toLowerCase())) names.set(l.name.toLowerCase(), l.name);
    memo.set(index, names);
  }
  return names;
}
const memo = new WeakMap<AttackIndex, Map<string, string>>();

/** A live data component by ID (DC0032) or name (Process Creation, case-insensitive). */
export function dataComponentOf(index: AttackIndex, text: string): DataComponent | undefined {
  return (index.get(text, 'data-component') ?? index.byName(text, 'data-component')[0]) as DataComponent | undefined;
}

/** What a `collects` item names in this release; empty when it names nothing (checks report that). */
export function resolveCollect(index: AttackIndex, item: CollectRef): ResolvedCollect {
  if (item.kind === 'sigma') return { sigma: item.logsource };
  const dataComponent = dataComponentOf(index, item.value);
  if (dataComponent) return { dataComponent };
  const logSource = logSourceNames(index).get(item.value.toLowerCase());
  return logSource !== undefined ? { logSource } : {};
}

/** Per-component telemetry of the given inventories for the given component ids ('*' when the model has none). */
export function componentTelemetry(index: AttackIndex, inventories: readonly ControlInventory[], componentIds: readonly string[], table: SigmaTable = SIGMA_TABLE): ReadonlyMap<string, ComponentTelemetry> {
  return telemetryOfEntries(index, inventories.flatMap((i) => i.telemetry), componentIds, table);
}

/** Per-component telemetry of the given entries (see componentTelemetry). */
export function telemetryOfEntries(index: AttackIndex, entries: readonly TelemetryEntry[], componentIds: readonly string[], table: SigmaTable = SIGMA_TABLE): ReadonlyMap<string, ComponentTelemetry> {
  const out = new Map<string, { declared: boolean; dataComponents: Set<string>; logSources: Set<string>; channels: Set<string>; sigma: Set<string> }>();
  for (const id of componentIds) out.set(id, { declared: false, dataComponents: new Set(), logSources: new Set(), channels: new Set(), sigma: new Set() });
  {
    for (const entry of entries) {
      const targets = entry.appliesTo === undefined ? componentIds : entry.appliesTo.map((a) => a.value).filter((a) => out.has(a));
      for (const id of targets) {
        const t = out.get(id);
        if (!t) continue;
        t.declared = true;
        for (const item of entry.collects) {
          const r = resolveCollect(index, item);
          if (r.dataComponent) t.dataComponents.add(r.dataComponent.id);
          if (r.logSource !== undefined) t.logSources.add(r.logSource.toLowerCase());
          if (r.sigma) {
            t.sigma.add(sigmaKey(r.sigma));
            const m = table.lookup(r.sigma);
            for (const dc of m?.dataComponents ?? []) t.dataComponents.add(dc);
            for (const l of m?.logSources ?? []) {
              if (m?.logsource.service !== undefined) t.logSources.add(l.name.toLowerCase());
              else if (l.channel !== undefined) t.channels.add(channelKey(l.name, l.channel));
            }
          }
        }
      }
    }
  }
  return out;
}

/** An analytic's log source reference is collected where its data component or its log source name is. */
export function collectsReference(t: ComponentTelemetry, ref: LogSourceReference): boolean {
  return t.dataComponents.has(ref.dataComponentId) || t.logSources.has(ref.name.toLowerCase()) || t.channels.has(channelKey(ref.name, ref.channel));
}

/** Whether a Sigma rule's logsource is collected on a component, and what it needs in ATT&CK terms. */
export interface SigmaNeed {
  readonly collected: boolean;
  /** The table's data components and log source names for the logsource (empty when the table has no mapping). */
  readonly dataComponents: readonly string[];
  readonly logSources: readonly string[];
  readonly mapped: boolean;
}

/**
 * A Sigma logsource is collected on a component when the same logsource is declared there, or what the table maps
 * it to is declared (directly, or through another declared Sigma logsource): for a logsource with a `service` (an
 * event log channel, an audit trail) one of its log source names; for one without (a category of events) one of its
 * data components or log source names. A service the table maps to no log source name falls back to its components.
 */
export function sigmaNeed(t: ComponentTelemetry, logsource: SigmaLogsourceRef, table: SigmaTable = SIGMA_TABLE): SigmaNeed {
  const m = table.lookup(logsource);
  const dataComponents = m?.dataComponents ?? [];
  const logSources = [...new Set((m?.logSources ?? []).map((l) => l.name))];
  const byName = logSources.some((l) => t.logSources.has(l.toLowerCase()))
    || (m?.logSources ?? []).some((l) => l.channel !== undefined && t.channels.has(channelKey(l.name, l.channel)));
  const byComponent = dataComponents.some((d) => t.dataComponents.has(d));
  const service = m?.logsource.service !== undefined && logSources.length > 0;
  const collected = t.sigma.has(sigmaKey(logsource)) || byName || (!service && byComponent);
  return { collected, dataComponents, logSources, mapped: m !== undefined };
}
