/**
 * resolveImports: reads every file a threat model's `layer:` adversaries and its inventories' `framework:`
 * controls reference (each file once), and turns them into coverage input plus diagnostics. Pure apart from
 * the injected readFile, so the CLI (disk), the extension (open documents first) and tests (memory) share it.
 */
import type { AdversaryInput } from '../coverage/types';
import type { Diagnostic } from '../diagnostics';
import type { Refusal } from '../files/read-file';
import { refusalDiagnostic } from '../files/refusal';
import type { Adversary, Control, ControlInventory, ThreatModel } from '../model/types';
import { quotePath } from '../text/safe-text';
import { resolveReference } from '../validation/paths';
import { ImportError } from './errors';
import { readImportFile } from './load';
import type { ImportedFile } from './load';
import type { ImportSite } from './report';
import { importDiagnostic } from './report';
import { resolveAdversaryImport } from './resolve-adversary';
import { resolveControlImport } from './resolve-control';
import { resolveRuleSets } from '../rules/resolve';
import type { ImportOptions, ImportSummary, ImportedControlTechnique, ResolvedImports } from './types';

/** A file the confined reader would not read (outside the root, not a regular file, over the cap). */
interface RefusedImport {
  readonly refused: Refusal;
}

/** Reads each file once per call; a failure is kept so every reference to it reports the same thing. */
export type LoadImport = (file: string) => Promise<ImportedFile | ImportError | RefusedImport | undefined>;

function loader(readFile: ImportOptions['readFile']): LoadImport {
  const cache = new Map<string, Promise<ImportedFile | ImportError | RefusedImport | undefined>>();
  return (file) => {
    let pending = cache.get(file);
    if (!pending) {
      pending = readFile(file).then((read) => {
        if (read.kind === 'missing') return undefined;
        if (read.kind === 'refused') return { refused: read.refusal };
        try {
          return readImportFile(read.text);
        } catch (e) {
          if (e instanceof ImportError) return e;
          throw e;
        }
      });
      cache.set(file, pending);
    }
    return pending;
  };
}

function isRefused(loaded: ImportedFile | ImportError | RefusedImport | undefined): loaded is RefusedImport {
  return loaded !== undefined && !(loaded instanceof ImportError) && 'refused' in loaded;
}

/** The file.* diagnostic of a refused import, on the entry that named it. */
function refusedDiagnostic(site: ImportSite, refused: RefusedImport): Diagnostic {
  return refusalDiagnostic({ ...(site.yamlFile !== undefined ? { file: site.yamlFile } : {}), range: site.range, written: site.written, resolved: site.file, what: 'imported file' }, refused.refused);
}

/** The file a YAML entry names, relative to the YAML file (as written when the YAML file has no name). */
function siteOf(yamlFile: string | undefined, written: string, range: ImportSite['range']): ImportSite {
  const file = yamlFile !== undefined ? resolveReference(yamlFile, written) : written;
  return { ...(yamlFile !== undefined ? { yamlFile } : {}), range, file, written };
}

/**
 * Resolves the model's `layer:` adversaries and the `framework:` of every control in `inventories` against
 * `options.index`. Never throws for bad or refused imported files (they become diagnostics).
 */
export async function resolveImports(model: ThreatModel, inventories: readonly ControlInventory[], options: ImportOptions): Promise<ResolvedImports> {
  const load = loader(options.readFile);
  const adversaries = new Map<Adversary, AdversaryInput[]>();
  const controls = new Map<Control, ImportedControlTechnique[]>();
  const diagnostics: Diagnostic[] = [];
  const summaries: ImportSummary[] = [];
  const failed = (site: ImportSite, loaded: ImportError | undefined) =>
    loaded === undefined
      ? importDiagnostic(site, 'import.file-missing', `imported file ${quotePath(site.written)} not found`)
      : importDiagnostic(site, 'import.invalid', `cannot import ${quotePath(site.written)}: ${loaded.message}`, { reason: loaded.code });
  const summary = (site: ImportSite, use: ImportSummary['use'], format?: ImportedFile['format']): ImportSummary => ({
    file: site.file, from: { ...(site.yamlFile !== undefined ? { file: site.yamlFile } : {}), range: site.range }, use,
    ...(format ? { format } : {}), techniques: 0, revoked: [], deprecated: [], unknown: [],
  });

  for (const a of model.adversaries) {
    if (a.kind !== 'layer') continue;
    const site = siteOf(model.file, a.layer.value, a.layer.range);
    const loaded = await load(site.file);
    if (isRefused(loaded)) {
      diagnostics.push(refusedDiagnostic(site, loaded));
      summaries.push(summary(site, 'adversary'));
      continue;
    }
    if (loaded === undefined || loaded instanceof ImportError) {
      diagnostics.push(failed(site, loaded));
      summaries.push(summary(site, 'adversary'));
      continue;
    }
    const r = resolveAdversaryImport(a, loaded, site, options.index);
    adversaries.set(a, r.adversaries);
    for (const d of r.diagnostics) diagnostics.push(d);
    summaries.push({ ...summary(site, 'adversary', loaded.format), ...r.summary });
  }
  for (const inventory of inventories) {
    for (const control of inventory.controls) {
      const written = control.framework?.file;
      if (!control.framework || !written) continue;
      const site = siteOf(inventory.file, written.value, written.range);
      const loaded = await load(site.file);
      if (isRefused(loaded)) {
        diagnostics.push(refusedDiagnostic(site, loaded));
        summaries.push(summary(site, 'control'));
        continue;
      }
      if (loaded === undefined || loaded instanceof ImportError) {
        diagnostics.push(failed(site, loaded));
        summaries.push(summary(site, 'control'));
        continue;
      }
      const r = resolveControlImport(control.framework, loaded, site, options.index);
      controls.set(control, r.techniques);
      for (const d of r.diagnostics) diagnostics.push(d);
      summaries.push({ ...summary(site, 'control', loaded.format), ...r.summary });
    }
  }
  // Detection rule files (`rules:`): one technique entry per rule, after the framework's entries of the control.
  const rules = await resolveRuleSets(inventories, {
    readFile: options.readFile, index: options.index,
    ...(options.ruleCache ? { cache: options.ruleCache } : {}), ...(options.openStamp ? { openStamp: options.openStamp } : {}),
  });
  for (const [control, entries] of rules.controls) controls.set(control, [...(controls.get(control) ?? []), ...entries]);
  for (const d of rules.diagnostics) diagnostics.push(d);
  return { adversaries, controls, diagnostics, summaries, rules: { summaries: rules.summaries, files: rules.files } };
}
