/**
 * What every language feature needs about a file: its parse, the threat models it belongs to, the ATT&CK index
 * of their pins, and a model's coverage. Validation across files goes through the core's `validateWorkspace`;
 * coverage through `analyseCoverage(coverageInputFrom(…))`. Both are memoised on the parses they read.
 */
import type { AttackIndex } from '../../core/attack/types';
import { analyseCoverage } from '../../core/coverage/engine';
import { coverageInputFrom } from '../../core/coverage/model-input';
import type { CoverageInput, CoverageResult } from '../../core/coverage/types';
import { modelPin, pinKey, type AttackPin } from '../../core/data/pin';
import type { Diagnostic } from '../../core/diagnostics';
import type { ControlInventoryParse, ThreatModel, ThreatModelParse } from '../../core/model/index';
import { controlFilesOf, filesAffectedBy, validateWorkspace } from '../../core/validation/index';
import type { AttackDataService } from '../attack-data/service';
import { Disposable } from '../dispose';
import type { WorkspaceModels } from '../workspace-models';
import { capDiagnostics } from '../../core/diagnostic-cap';
import { hasErrors } from '../../core/diagnostics';
import { triageDiagnostics } from '../../core/triage/diagnostics';
import { assuranceDiagnostics, assurancePolicyOf } from '../../core/assurance/diagnostics';
import { todayUtc } from '../../core/triage/dates';
import { NO_TRIAGE_INPUT } from '../../core/triage/triage';
import type { FileAccess } from '../file-access';
import { editorTriageOptions, type EditorTriage } from '../triage-options';
import type { AvailableData } from './available-data';
import type { ModelFile, ModelFiles } from './model-files';
import { ruleImports } from '../rule-files';

/** A model's coverage and what it was computed from. */
export interface ModelCoverage {
  readonly model: ThreatModelParse;
  readonly index: AttackIndex;
  readonly input: CoverageInput;
  readonly result: CoverageResult;
  /** The triage options it was computed with (today, the model's table, Top Techniques) and their diagnostics. */
  readonly triage: EditorTriage;
}

export class LanguageContext extends Disposable {
  private readonly coverageMemo = new WeakMap<ThreatModelParse, { deps: readonly unknown[]; value: ModelCoverage }>();
  private readonly loaded = new Map<string, AttackIndex>();

  constructor(
    readonly files: ModelFiles,
    private readonly service: AttackDataService,
    private readonly workspaceModels: WorkspaceModels,
    private readonly available: AvailableData,
    private readonly access: FileAccess,
  ) {
    super();
    this.disposables.add(service.onDidLoadIndex(({ pin, index }) => this.loaded.set(pinKey(pin), index)));
  }

  /** The index of a pin, loading it when needed; undefined while no data is at hand. */
  async index(pin: AttackPin): Promise<AttackIndex | undefined> {
    const index = await this.service.getIndex(pin);
    if (index) this.loaded.set(pinKey(pin), index);
    return index;
  }

  /** The index of a file's pin if it is loaded already (never waits: for features that must answer at once). */
  peekIndex(file: ModelFile): AttackIndex | undefined {
    const model = file.parse.kind === 'threat-model' ? file.parse.model : undefined;
    return this.loaded.get(pinKey(model ? modelPin(model) : this.workspaceModels.activePin()));
  }

  /** The models a file belongs to: itself for a threat model, the models that list it for an inventory. */
  async modelsOf(file: ModelFile): Promise<ThreatModelParse[]> {
    if (file.parse.kind === 'threat-model') return file.parse.model ? [file.parse] : [];
    return this.files.modelsListing(file.key);
  }

  /** The index for a file: its own pin, the first listing model's, else the active pin's. */
  async indexFor(file: ModelFile): Promise<AttackIndex | undefined> {
    const model = (await this.modelsOf(file))[0]?.model;
    return this.index(model ? modelPin(model) : this.workspaceModels.activePin());
  }

  /** The control inventories a model lists, as parsed now (open documents first); refused ones are left out. */
  async inventoriesOf(model: ThreatModel): Promise<ControlInventoryParse[]> {
    const files = await Promise.all(controlFilesOf(model).map((r) => this.files.referenced(r.file)));
    return files.flatMap((f) => (f.file?.parse.kind === 'control-inventory' ? [f.file.parse] : []));
  }

  /** Coverage of a model with its inventories; undefined without data for its pin. */
  async coverage(parse: ThreatModelParse): Promise<ModelCoverage | undefined> {
    const model = parse.model;
    if (!model) return undefined;
    const index = await this.index(modelPin(model));
    if (!index) return undefined;
    const inventories = await this.inventoriesOf(model);
    const source = await this.access.source();
    const triage = await editorTriageOptions(model, source, index);
    const { today, table, top, atomics } = triage.options;
    const own = inventories.flatMap((p) => (p.model ? [p.model] : []));
    // Detection rule files of `rules:` entries (cached per file: only changed files are read again).
    const rules = own.some((i) => i.controls.some((c) => c.rules !== undefined)) ? await ruleImports(own, source, index) : undefined;
    const deps = [index, today, table, top, atomics, rules?.version, ...inventories];
    const memo = this.coverageMemo.get(parse);
    if (memo && memo.deps.length === deps.length && memo.deps.every((d, i) => d === deps[i])) return memo.value;
    const input = coverageInputFrom(model, own, rules?.imports, triage.options);
    const value = { model: parse, index, input, result: analyseCoverage(index, input), triage };
    this.coverageMemo.set(parse, { deps, value });
    return value;
  }

  /**
   * Diagnostics of the open files among `changed` and the files tied to them (a model and its inventories),
   * keyed by file; with the parses they were computed from, so a stale result can be recognised. `shows`: which
   * diagnostics of a file will be published (the rest are left out before the per-file cap).
   */
  async validate(changed: readonly string[], shows?: (file: string) => ((d: Diagnostic) => boolean) | undefined): Promise<{ diagnostics: Map<string, Diagnostic[]>; parsed: Map<string, ModelFile> }> {
    const models = await this.files.models();
    const affected = new Set(changed.flatMap((k) => filesAffectedBy(k, models)));
    const parsed = new Map<string, ModelFile>();
    for (const key of affected) {
      const doc = this.files.openDocument(key);
      const file = doc ? this.files.parseDocument(doc) : undefined;
      if (file) parsed.set(key, file);
    }
    const publish = new Set(parsed.keys());
    const related = models.filter((m) => m.model && m.file !== undefined && (publish.has(m.file) || controlFilesOf(m.model).some((r) => publish.has(r.file))));
    // Every inventory: cross-file duplicates, and "did you mean" for a `controls:` path that names no file.
    const inventoryKeys = new Set([...(await this.files.inventoryKeys()), ...[...parsed.values()].filter((f) => f.parse.kind === 'control-inventory').map((f) => f.key)]);
    for (const m of related) for (const r of controlFilesOf(m.model!)) inventoryKeys.add(r.file);
    // Through the confined reader: an inventory outside the roots, a FIFO or an oversized file is not read, and the
    // `controls:` entry naming it says why. An inventory open in an editor is still validated itself.
    const inventoryFiles = await Promise.all([...inventoryKeys].map(async (k) => {
      const ref = await this.files.referenced(k);
      const open = parsed.get(k);
      return { key: k, ...ref, file: open?.parse.kind === 'control-inventory' ? open : ref.file };
    }));
    const exists = new Map(inventoryFiles.map((f) => [f.key, f.exists]));
    const refusals = new Map(inventoryFiles.flatMap((f) => (f.refusal ? [[f.key, f.refusal] as const] : [])));
    const inventories = inventoryFiles.flatMap((f) => (f.file?.parse.kind === 'control-inventory' ? [f.file.parse] : []));
    const defaultPin = this.workspaceModels.activePin();
    const pins = new Map<string, AttackPin>([[pinKey(defaultPin), defaultPin]]);
    for (const m of related) pins.set(pinKey(modelPin(m.model!)), modelPin(m.model!));
    const indexes = new Map(await Promise.all([...pins].map(async ([key, pin]) => [key, await this.index(pin)] as const)));
    const newest = new Map(await Promise.all(related.map(async (m) => [m.model!.attack.domain.value, await this.available.newest(m.model!.attack.domain.value)] as const)));
    const diagnostics = validateWorkspace({
      models: related,
      inventories,
      indexFor: (domain, version) => indexes.get(pinKey(version === undefined ? { domain } : { domain, version })),
      fileExists: (f) => exists.get(f) ?? false,
      refusal: (f) => refusals.get(f),
      availableVersion: (domain) => newest.get(domain),
      defaultPin,
      // Dropped before the per-file cap, so what is not shown takes no place among the diagnostics listed.
      ...(shows ? { shows } : {}),
    }, publish);
    await this.addTriageDiagnostics(diagnostics, parsed);
    await this.addAssuranceDiagnostics(diagnostics, parsed);
    return { diagnostics, parsed };
  }

  /**
   * The assurance.* diagnostics of each inventory being published (untested, stale and failed claims), judged on the
   * as-of date of the first model that lists it (its policy.asOf, else today) — as `validate` and `check` report them.
   */
  private async addAssuranceDiagnostics(diagnostics: Map<string, Diagnostic[]>, parsed: ReadonlyMap<string, ModelFile>): Promise<void> {
    for (const [key, file] of parsed) {
      if (file.parse.kind !== 'control-inventory' || !file.parse.model) continue;
      const model = (await this.files.modelsListing(key)).find((m) => m.model)?.model;
      const today = todayUtc();
      const policy = model ? assurancePolicyOf(model, model.policy.asOf?.value ?? today) : { asOf: today, maxAgeDays: 180 };
      const found = assuranceDiagnostics(file.parse.model, policy);
      if (found.length > 0) diagnostics.set(key, capDiagnostics([...(diagnostics.get(key) ?? []), ...found.map((d) => ({ ...d, file: key }))]));
    }
  }

  /**
   * The triage.* diagnostics of each threat model being published, on its own lines: its decision table's problems
   * always, and (once its coverage can be computed without errors) acceptances that ended, run too long or match no
   * gap, and stale assessments — as `threat-overlap validate` and `check` report them.
   */
  private async addTriageDiagnostics(diagnostics: Map<string, Diagnostic[]>, parsed: ReadonlyMap<string, ModelFile>): Promise<void> {
    for (const [key, file] of parsed) {
      if (file.parse.kind !== 'threat-model' || !file.parse.model) continue;
      const own = diagnostics.get(key) ?? [];
      const c = await this.coverage(file.parse);
      if (!c) continue;
      const found = [...c.triage.diagnostics];
      const inventoryErrors = (await this.inventoriesOf(file.parse.model)).some((p) => hasErrors((p.file !== undefined ? diagnostics.get(p.file) : undefined) ?? p.diagnostics));
      if (!hasErrors(own) && !hasErrors(found) && !inventoryErrors) found.push(...triageDiagnostics(file.parse.model, c.result, c.input.triage ?? NO_TRIAGE_INPUT));
      if (found.length > 0) diagnostics.set(key, capDiagnostics([...own, ...found.map((d) => ({ ...d, file: key }))]));
    }
  }
}
