/**
 * Turns a parsed threat model and its control inventories into the engine's editor-neutral input,
 * keeping a SourceRef on every entry so each result can point back at the line that brought it in.
 */
import type { Range } from '../diagnostics';
import type { ResolvedImports } from '../import/types';
import type { ControlInventory, ThreatModel } from '../model/types';
import type { DecisionTable } from '../triage/decision-table';
import { DEFAULT_DECISION_TABLE } from '../triage/decision-table';
import type { TopScores, TriageInput } from '../triage/types';
import type { AdversaryInput, ControlInput, CoverageInput, SourceRef } from './types';
import type { AtomicCatalogue, ValidationInput } from '../assurance/types';
import type { Control } from '../model/types';

/** What triage takes from outside the model: dates, a decision table read from `policy.decisionTable`, Top Techniques. */
export interface TriageOptions {
  /** The CLI's --as-of: wins over the model's policy.asOf. */
  readonly asOf?: string;
  /** Today (YYYY-MM-DD), used when neither --as-of nor policy.asOf is given; omitted: no triage date. */
  readonly today?: string;
  /** The model's own decision table, once read and checked; omitted: the shipped one. */
  readonly table?: DecisionTable;
  readonly top?: ReadonlyMap<string, TopScores>;
  /** An Atomic Red Team folder, read (the CLI's --atomics, the setting threatOverlap.assurance.atomics). */
  readonly atomics?: AtomicCatalogue;
}

const at = (file: string | undefined, range: Range | undefined): { source?: SourceRef } =>
  file !== undefined && range !== undefined ? { source: { file, range } } : {};

/** `techniques.include` becomes an own-intelligence adversary with this label. */
export const INCLUDE_LABEL = 'techniques.include';

/**
 * The engine's input for a model and the inventories it lists. `imports` (from `resolveImports` in
 * src/core/import) supplies what `layer:` adversaries and `framework:` controls stand for, in the model's
 * order; without it they contribute nothing.
 */
export function coverageInputFrom(model: ThreatModel, inventories: readonly ControlInventory[], imports?: ResolvedImports, options: TriageOptions = {}): CoverageInput {
  const file = model.file;
  const adversaries: AdversaryInput[] = [];
  for (const a of model.adversaries) {
    if (a.kind === 'layer') {
      for (const imported of imports?.adversaries.get(a) ?? []) adversaries.push(imported);
      continue;
    }
    const techniques = a.techniques.map((t) => ({ id: t.id, ...at(file, t.range) }));
    const common = { techniques, ...(a.motivation ? { motivation: a.motivation.value } : {}), ...at(file, a.range) };
    if (a.kind === 'intel') {
      adversaries.push({
        kind: 'intel', label: a.name ?? 'Own intelligence', includeSoftware: false, ...common,
        ...(a.source?.date ? { date: a.source.date.value } : {}),
        ...(a.automated?.value === true ? { automated: true } : {}),
      });
    }
    else adversaries.push({ kind: a.kind, ref: a.id, label: a.name ?? a.id, includeSoftware: a.includeSoftware.value, ...common });
  }
  if (model.techniques.include.length > 0) {
    adversaries.push({
      kind: 'intel',
      label: INCLUDE_LABEL,
      includeSoftware: false,
      techniques: model.techniques.include.map((t) => ({ id: t.id, ...at(file, t.range) })),
    });
  }
  const triage = triageInputFrom(model, options);
  const controls: ControlInput[] = [];
  for (const inventory of inventories) {
    for (const c of inventory.controls) {
      controls.push({
        id: c.id,
        ...(c.name !== undefined ? { name: c.name } : {}),
        status: c.status.value,
        ...(c.appliesTo ? { appliesTo: c.appliesTo.map((a) => a.value) } : {}),
        mitigations: c.mitigations.map((m) => ({ id: m.id, level: m.coverage.value, ...at(inventory.file, m.range) })),
        techniques: [
          ...c.techniques.map((t) => ({
            id: t.id,
            level: t.coverage.value,
            ...(t.function ? { function: t.function.value } : {}),
            ...at(inventory.file, t.range),
          })),
          ...(imports?.controls.get(c) ?? []),
        ],
        ...validationsOf(c, inventory.file),
        ...at(inventory.file, c.range),
      });
    }
  }
  return {
    minCoverage: model.policy.minCoverage.value,
    components: model.techStack.map((c) => ({
      id: c.id,
      ...(c.name !== undefined ? { name: c.name } : {}),
      platforms: c.platforms.map((p) => p.value),
      assets: c.assets.map((p) => p.value),
      ...(c.exposure ? { exposure: c.exposure.value } : {}),
      crownJewel: c.crownJewel.value,
      ...(c.impact ? { impact: c.impact.value } : {}),
      ...at(file, c.range),
    })),
    adversaries,
    exclusions: model.techniques.exclude.map((e) => ({ id: e.id, reason: e.reason?.value ?? '', ...at(file, e.range) })),
    controls,
    ...(inventories.some((i) => i.telemetry.length > 0) ? { telemetry: inventories.flatMap((i) => i.telemetry) } : {}),
    triage,
    assurance: {
      ...(triage.asOf !== undefined ? { asOf: triage.asOf } : {}),
      maxAgeDays: model.policy.validationMaxAge.value,
      ...(options.atomics ? { atomics: options.atomics } : {}),
    },
  };
}

/** Longest test `ref` kept (docs/assurance.md). */
export const MAX_REF = 200;

/** A control's tests in the order written: each technique entry's `validated`, then the control-level list. */
function validationsOf(c: Control, file: string | undefined): { validated?: ValidationInput[] } {
  const validated: ValidationInput[] = [];
  const add = (technique: string, v: Control['validated'][number] | Control['techniques'][number]['validated'][number]) => validated.push({
    technique, date: v.date.value, result: v.result.value,
    // A ref is a GUID, a ticket or a report name: cut to MAX_REF characters so no report or message grows with it.
    ...(v.method ? { method: v.method.value } : {}), ...(v.ref ? { ref: v.ref.value.slice(0, MAX_REF) } : {}), ...at(file, v.range),
  });
  for (const t of c.techniques) for (const v of t.validated) add(t.id, v);
  for (const v of c.validated) add(v.technique.value, v);
  return validated.length > 0 ? { validated } : {};
}

/** The model's triage policy, assessments and acceptances, with the date and table `options` give. */
export function triageInputFrom(model: ThreatModel, options: TriageOptions = {}): TriageInput {
  const file = model.file;
  const asOf = options.asOf ?? model.policy.asOf?.value ?? options.today;
  return {
    ...(asOf !== undefined ? { asOf } : {}),
    intelMaxAgeDays: model.policy.intelMaxAge.value,
    maxAcceptanceDays: model.policy.maxAcceptance.value,
    table: options.table ?? DEFAULT_DECISION_TABLE,
    assessments: model.techniques.assess.flatMap((a) => {
      const values = {
        ...(a.activity ? { activity: a.activity.value } : {}),
        ...(a.automatable ? { automatable: a.automatable.value } : {}),
        ...(a.exposure ? { exposure: a.exposure.value } : {}),
        ...(a.missionImpact ? { missionImpact: a.missionImpact.value } : {}),
      };
      return Object.keys(values).length > 0 ? [{ id: a.id, values, reason: a.reason?.value ?? '', ...at(file, a.range) }] : [];
    }),
    acceptances: model.techniques.accept.flatMap((a) => (a.until && a.owner ? [{
      id: a.id, reason: a.reason?.value ?? '', owner: a.owner.value, until: a.until.value,
      ...(a.ref ? { ref: a.ref.value } : {}), ...at(file, a.range),
    }] : [])),
    ...(options.top ? { top: options.top } : {}),
  };
}
