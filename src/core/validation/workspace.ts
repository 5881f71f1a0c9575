/**
 * Validation across files: a threat model and the control inventories it lists are checked together, so
 * editing either re-validates the other (`filesAffectedBy` names what to refresh).
 */
import type { AttackDomain, AttackIndex } from '../attack/types';
import type { Refusal } from '../files/read-file';
import { capDiagnostics } from '../diagnostic-cap';
import type { Diagnostic } from '../diagnostics';
import type { ControlInventoryParse } from '../model/control-inventory';
import type { ThreatModelParse } from '../model/threat-model';
import type { Located, ThreatModel } from '../model/types';
import { checkControlInventory } from './control-checks';
import { crossFileDuplicates, missingControlFiles } from './workspace-checks';
import { normalizeFile, resolveReference } from './paths';
import { checkThreatModel } from './threat-model-checks';

export interface WorkspaceInput {
  /** Parsed threat models; each parse needs its `file`. */
  readonly models: readonly ThreatModelParse[];
  /** Parsed control inventories (open documents and files on disk alike). */
  readonly inventories: readonly ControlInventoryParse[];
  /** The index for a pin (version undefined: the newest at hand); undefined skips the ATT&CK checks. */
  indexFor(domain: AttackDomain, version: string | undefined): AttackIndex | undefined;
  /** Whether a file not among `inventories` exists, for model.control-file-missing. */
  fileExists(file: string): boolean;
  /** Why the confined reader refused a listed file (outside the root, not a regular file, …), for file.* diagnostics. */
  refusal?(file: string): Refusal | undefined;
  /** The newest ATT&CK release at hand for a domain, for model.version-behind. */
  availableVersion?(domain: AttackDomain): string | undefined;
  /** The pin for inventories no model lists. Default: Enterprise, newest. */
  readonly defaultPin?: { readonly domain: AttackDomain; readonly version?: string };
  /**
   * Which diagnostics of a file the caller shows (default: all); the others are dropped before the per-file cap,
   * so they take no place among the few hundred listed (the editor leaves schema problems to Red Hat's YAML).
   */
  shows?(file: string): ((d: Diagnostic) => boolean) | undefined;
}

/** A model's `controls:` entries, resolved. */
export interface ControlFileRef {
  readonly ref: Located<string>;
  /** Normalised file name (see paths.ts). */
  readonly file: string;
}

/** The control inventories a model lists, resolved against the model's file. */
export function controlFilesOf(model: ThreatModel): ControlFileRef[] {
  if (model.file === undefined) return [];
  const from = model.file;
  return model.controlFiles.map((ref) => ({ ref, file: normalizeFile(resolveReference(from, ref.value)) }));
}

/**
 * Every diagnostic of every file (or of `only` those files): syntax, schema and semantic, in document order,
 * keyed and stamped with each file's name as its parse gave it.
 */
export function validateWorkspace(input: WorkspaceInput, only?: Iterable<string>): Map<string, Diagnostic[]> {
  const wanted = only ? new Set([...only].map(normalizeFile)) : undefined;
  const indexes = new Map<string, AttackIndex | undefined>();
  const indexFor = (domain: AttackDomain, version: string | undefined) => {
    const key = `${domain}@${version ?? ''}`;
    if (!indexes.has(key)) indexes.set(key, input.indexFor(domain, version));
    return indexes.get(key);
  };
  const pinIndex = (m: ThreatModel) => indexFor(m.attack.domain.value, m.attack.version?.value);
  const models = input.models.flatMap((p) => (p.model && p.file !== undefined ? [{ parse: p, model: p.model, refs: controlFilesOf(p.model) }] : []));
  const inventoryFiles = new Set(input.inventories.flatMap((p) => (p.file !== undefined ? [normalizeFile(p.file)] : [])));
  // Inventory file → the models that list it (each once, in the models' order).
  const listing = new Map<string, (typeof models)[number][]>();
  for (const m of models) {
    for (const file of new Set(m.refs.map((r) => r.file))) {
      const list = listing.get(file);
      if (list) list.push(m);
      else listing.set(file, [m]);
    }
  }
  const duplicates = crossFileDuplicates(models.map((m) => ({ model: m.model, files: m.refs.map((r) => r.file) })), input.inventories);
  // Parse diagnostics already carry the file name as given; semantic ones get it here.
  const out = new Map<string, Diagnostic[]>();
  const emit = (file: string, diagnostics: readonly Diagnostic[]) => out.set(file, finish(file, diagnostics, input.shows?.(file)));

  for (const parse of input.models) {
    const name = parse.file;
    if (name === undefined || (wanted && !wanted.has(normalizeFile(name)))) continue;
    const model = parse.model;
    if (!model) {
      emit(name, parse.diagnostics);
      continue;
    }
    const available = input.availableVersion?.(model.attack.domain.value);
    emit(name, [
      ...parse.diagnostics,
      ...checkThreatModel(parse, pinIndex(model), available !== undefined ? { availableVersion: available } : {}),
      ...missingControlFiles(name, controlFilesOf(model), (f) => inventoryFiles.has(f) || input.fileExists(f), inventoryFiles, (f) => input.refusal?.(f)),
    ]);
  }
  const fallback = indexFor(input.defaultPin?.domain ?? 'enterprise-attack', input.defaultPin?.version);
  for (const parse of input.inventories) {
    if (parse.file === undefined) continue;
    const file = normalizeFile(parse.file);
    if (wanted && !wanted.has(file)) continue;
    const contexts = (listing.get(file) ?? []).map((m) => ({ model: m.model, index: pinIndex(m.model) }));
    const semantic = parse.model ? checkControlInventory(parse, contexts, fallback) : [];
    emit(parse.file, [...parse.diagnostics, ...semantic, ...(duplicates.get(file) ?? [])]);
  }
  return out;
}

/**
 * Which files to re-validate after `changed` was edited, created or deleted: it, and the files tied to it.
 * `previous`: the models as parsed before the edit, so an inventory a model stopped listing (or a model
 * that stopped listing the changed inventory) is refreshed too rather than keeping stale diagnostics.
 */
export function filesAffectedBy(changed: string, models: readonly ThreatModelParse[], previous: readonly ThreatModelParse[] = []): string[] {
  const file = normalizeFile(changed);
  const affected = new Set([file]);
  for (const parse of [...models, ...previous]) {
    if (!parse.model || parse.file === undefined) continue;
    const own = normalizeFile(parse.file);
    const refs = controlFilesOf(parse.model).map((r) => r.file);
    // A model brings its inventories; an inventory brings its models and their other inventories
    // (cross-file duplicate control ids).
    if (own === file || refs.includes(file)) {
      affected.add(own);
      for (const r of refs) affected.add(r);
    }
  }
  return [...affected];
}

/** Document order, stamped with the file, and at most MAX_DIAGNOSTICS_PER_FILE of them (the most severe). */
function finish(file: string, diagnostics: readonly Diagnostic[], keep?: (d: Diagnostic) => boolean): Diagnostic[] {
  const sorted = (keep ? diagnostics.filter(keep) : [...diagnostics])
    .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return capDiagnostics(sorted).map((d) => (d.file === file ? d : { ...d, file }));
}
