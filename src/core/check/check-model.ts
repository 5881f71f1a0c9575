/**
 * The gap check of one threat model, shared by `threat-overlap check` and the extension's "Run Gap Check":
 * read the model and its inventories, validate them against the ATT&CK index of the model's pin, and, only
 * when nothing is in error, analyse coverage and return what every report format needs.
 */
import * as path from 'node:path';
import type { AttackDomain, AttackIndex } from '../attack/types';
import { analyseCoverage } from '../coverage/engine';
import { coverageInputFrom } from '../coverage/model-input';
import { TOO_MANY_CODE, capDiagnostics, capDiagnosticsPerFile } from '../diagnostic-cap';
import type { Diagnostic } from '../diagnostics';
import { hasErrors } from '../diagnostics';
import type { ControlInventory, ThreatModel } from '../model/types';
import type { ReportContext } from '../report/context';
import { resolveImports } from '../import/index';
import { validateWorkspace } from '../validation/workspace';
import { readModelFiles } from './model-files';
import { isAttackVersion, modelPin } from '../data/pin';
import { commandLineConfinement } from '../files/confinement';
import type { FileSource } from '../files/source';
import { confinedSource } from '../files/source';
import { excerpt } from '../text/safe-text';
import type { TriageOptions } from '../coverage/model-input';
import type { TopScores } from '../triage/types';
import { triageDiagnostics } from '../triage/diagnostics';
import { prepareDecisionTable } from '../triage/prepare';
import { NO_TRIAGE_INPUT } from '../triage/triage';
import type { RuleFileCache } from '../rules/cache';
import { assuranceDiagnostics } from '../assurance/diagnostics';

export interface AttackPinRequest {
  readonly domain: AttackDomain;
  readonly version?: string;
}

export interface CheckRequest {
  readonly modelFile: string;
  /** Paths in reports are relative to this directory (the CLI's working directory). */
  readonly baseDir: string;
  readonly toolVersion: string;
  /** The index for the model's pin; throws AttackDataError when there is no usable data. */
  readonly loadIndex: (pin: AttackPinRequest) => Promise<AttackIndex>;
  /**
   * Where files are read from. Default: the disk, with the files the model and its inventories name confined to
   * the model's git work tree (else its folder) plus `allowOutside`.
   */
  readonly source?: FileSource;
  /** Paths outside the root that referenced files may resolve to (the CLI's `--allow-outside`), for the default source. */
  readonly allowOutside?: readonly string[];
  /**
   * Called between the stages (parse, validation, analysis): an editor passes a wait for the next turn of its event
   * loop, so a big model's check never holds it for all stages at once. The CLI has nothing to yield to.
   */
  readonly betweenStages?: () => Promise<void>;
  /** Parsed detection rule files kept between checks (the editor keeps one): only changed rule files are re-read. */
  readonly ruleCache?: RuleFileCache;
  /** A stamp for a rule file open with unsaved edits, so the cache does not answer with the disk's text. */
  readonly openStamp?: (file: string) => string | undefined;
  /**
   * Triage's date and data from outside the model: `asOf` (the CLI's --as-of, over the model's policy.asOf), `today`
   * (used when neither is given), Top Techniques scores. Omitted: no triage date, no scores.
   */
  readonly triage?: Pick<TriageOptions, 'asOf' | 'today' | 'atomics'> & {
    /** Top Techniques scores mapped onto the model's release (read by the caller, mapped once the index is loaded). */
    readonly top?: (index: AttackIndex) => ReadonlyMap<string, TopScores> | undefined;
  };
}

export type CheckOutcome =
  /** The input has errors: diagnostics only; callers write nothing. */
  | { readonly kind: 'invalid'; readonly diagnostics: readonly Diagnostic[]; readonly inputs: readonly string[] }
  | {
    readonly kind: 'analysed'; readonly diagnostics: readonly Diagnostic[]; readonly inputs: readonly string[]; readonly report: ReportContext; readonly index: AttackIndex;
    /** The parsed model and inventories the result came from (hunt plans read their techStack and telemetry). */
    readonly model: ThreatModel; readonly inventories: readonly ControlInventory[];
  };

/** Runs the whole check. Throws ModelFileError (no model file) and whatever loadIndex throws. */
export async function checkModel(req: CheckRequest): Promise<CheckOutcome> {
  const source = req.source ?? confinedSource(await commandLineConfinement(req.modelFile, req.allowOutside ?? [], req.baseDir));
  const files = await readModelFiles(req.modelFile, source);
  const model = files.model.model;
  // Every file the result depends on (listed inventories too, even missing or refused ones: fixing them changes it).
  const inputs = [files.model.file ?? req.modelFile, ...files.inventories.flatMap((p) => p.file ?? []), ...files.missing, ...files.refused.keys()];
  if (!model) return { kind: 'invalid', diagnostics: capDiagnostics(files.model.diagnostics), inputs };
  // The pin names files and URLs: a version that is not a release (`../../x`) never gets that far.
  const version = model.attack.version?.value;
  if (version !== undefined && !isAttackVersion(version)) return { kind: 'invalid', diagnostics: withPinError(files.model.diagnostics, model.attack.version!, model.file), inputs };

  const index = await req.loadIndex(modelPin(model));
  const pause = req.betweenStages ?? (async () => undefined);
  await pause();
  const byFile = validateWorkspace({
    models: [files.model],
    inventories: files.inventories,
    indexFor: (domain) => (domain === index.domain ? index : undefined),
    fileExists: () => false,
    refusal: (f) => files.refused.get(f),
  });
  const inventories = files.inventories.flatMap((p): ControlInventory[] => (p.model ? [p.model] : []));
  // Navigator layers, CTID mappings and DeTT&CT files the model and its inventories reference.
  const imports = await resolveImports(model, inventories, {
    readFile: (f) => source(f, { role: 'import', confined: true }), index,
    ...(req.ruleCache ? { ruleCache: req.ruleCache } : {}), ...(req.openStamp ? { openStamp: req.openStamp } : {}),
  });
  // Imports and the data's version add to the files' diagnostics: the per-file cap is applied again over all of them.
  const diagnostics = capDiagnosticsPerFile([...[...byFile.values()].flat(), ...imports.diagnostics, ...versionMismatch(model.attack.version, index, model.file)]);
  for (const summary of imports.summaries) if (!inputs.includes(summary.file)) inputs.push(summary.file);
  // Detection rule files the inventories' `rules:` matched (thousands: a set, not includes per file).
  const known = new Set(inputs);
  for (const f of imports.rules?.files ?? []) if (!known.has(f)) inputs.push(f);
  // The model's own decision table (policy.decisionTable), read like every other file the model names.
  const table = await prepareDecisionTable(model, source);
  if (table.file !== undefined && !inputs.includes(table.file)) inputs.push(table.file);
  diagnostics.push(...table.diagnostics);
  if (hasErrors(diagnostics)) return { kind: 'invalid', diagnostics, inputs };

  await pause();
  const top = req.triage?.top?.(index);
  const input = coverageInputFrom(model, inventories, imports, {
    ...(req.triage?.asOf !== undefined ? { asOf: req.triage.asOf } : {}),
    ...(req.triage?.today !== undefined ? { today: req.triage.today } : {}),
    ...(table.table ? { table: table.table } : {}),
    ...(top ? { top } : {}),
    ...(req.triage?.atomics ? { atomics: req.triage.atomics } : {}),
  });
  const result = analyseCoverage(index, input);
  // Untested, stale and failed claims, on the inventories' own lines, judged on the triage date.
  const policy = { ...(input.assurance?.asOf !== undefined ? { asOf: input.assurance.asOf } : {}), maxAgeDays: model.policy.validationMaxAge.value };
  for (const inventory of inventories) diagnostics.push(...assuranceDiagnostics(inventory, policy));
  // Acceptances that ended or match no gap, stale assessments: known only once the analysis is done.
  diagnostics.push(...triageDiagnostics(model, result, input.triage ?? NO_TRIAGE_INPUT));
  const report: ReportContext = {
    result,
    modelName: model.name ?? path.basename(req.modelFile),
    modelFile: path.resolve(req.modelFile),
    baseDir: req.baseDir,
    diagnostics,
    toolVersion: req.toolVersion,
  };
  return { kind: 'analysed', diagnostics, inputs, report, index, model, inventories };
}

/** The model's diagnostics, with one on the version unless the schema already reported it. */
function withPinError(diagnostics: readonly Diagnostic[], version: { value: string; range: Diagnostic['range'] }, file: string | undefined): Diagnostic[] {
  const onVersion = (d: Diagnostic) => d.severity === 'error' && d.range.start.line === version.range.start.line && d.range.start.character === version.range.start.character;
  if (diagnostics.some(onVersion)) return [...diagnostics];
  return [...diagnostics, {
    code: 'schema.pattern',
    severity: 'error',
    message: 'not an ATT&CK release: expected major.minor, e.g. "18.1"',
    range: version.range,
    ...(file !== undefined ? { file } : {}),
    data: { pattern: '^\\d+\\.\\d+$' },
  }];
}

/**
 * The data given is another release than the model pins (an explicit file): the check still runs, since the
 * user chose that file, but says that results may differ from the pinned release's.
 */
function versionMismatch(pinned: { value: string; range: Diagnostic['range'] } | undefined, index: AttackIndex, file: string | undefined): Diagnostic[] {
  if (!pinned || pinned.value === index.version) return [];
  return [{
    code: 'attack.data-version-mismatch',
    severity: 'warning',
    message: `the model pins ATT&CK ${excerpt(pinned.value)} but the data given is ${excerpt(index.version)}: results follow ${excerpt(index.version)}`,
    range: pinned.range,
    ...(file !== undefined ? { file } : {}),
    data: { pinned: pinned.value, data: index.version },
  }];
}

/** Counts by severity, for summaries: those a `diagnostics.too-many` stands for included, not the summary itself. */
export function countSeverities(diagnostics: readonly Diagnostic[]): Record<Diagnostic['severity'], number> {
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const d of diagnostics) {
    if (d.code !== TOO_MANY_CODE) {
      counts[d.severity]++;
      continue;
    }
    const omitted = (d.data?.omitted ?? {}) as Partial<Record<Diagnostic['severity'], unknown>>;
    for (const s of Object.keys(counts) as Diagnostic['severity'][]) counts[s] += typeof omitted[s] === 'number' ? omitted[s] : 0;
  }
  return counts;
}
