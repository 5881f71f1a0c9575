/**
 * Reading one threat model together with the control inventories it lists, through a FileSource so the CLI
 * (disk), the extension (open documents first) and tests share the logic. Every inventory goes through the
 * confined reader: one outside the model's root, not a regular file, or over the cap is refused, and validation
 * reports it on the `controls:` entry that named it.
 */
import * as path from 'node:path';
import type { Refusal } from '../files/read-file';
import { refusalDiagnostic } from '../files/refusal';
import type { FileSource } from '../files/source';
import type { ControlInventoryParse } from '../model/control-inventory';
import { parseControlInventory } from '../model/control-inventory';
import type { ThreatModelParse } from '../model/threat-model';
import { parseThreatModel } from '../model/threat-model';
import { controlFilesOf } from '../validation/workspace';

export interface ModelFiles {
  readonly model: ThreatModelParse;
  /** The inventories the model lists that could be read, in the model's order. */
  readonly inventories: readonly ControlInventoryParse[];
  /** Files the model lists that do not exist (validation reports them as model.control-file-missing). */
  readonly missing: readonly string[];
  /** Files the model lists that the reader refused, and why (validation reports them as file.*). */
  readonly refused: ReadonlyMap<string, Refusal>;
}

/** Thrown when the model file itself does not exist. */
export class ModelFileError extends Error {
  override readonly name = 'ModelFileError';
}

/**
 * Parses `modelFile` and every inventory its `controls:` lists (each once, even when listed twice). A model the
 * reader refuses (a FIFO, a device, over the cap) gives a parse with one file.* diagnostic and no model.
 */
export async function readModelFiles(modelFile: string, source: FileSource): Promise<ModelFiles> {
  const file = path.resolve(modelFile);
  const read = await source(file, { role: 'yaml', confined: false });
  if (read.kind === 'missing') throw new ModelFileError(`threat model ${modelFile} does not exist`);
  if (read.kind === 'refused') {
    const diagnostic = refusalDiagnostic({ file, written: path.basename(file), resolved: file, what: 'threat model' }, read.refusal);
    return { model: refusedParse(file, diagnostic), inventories: [], missing: [], refused: new Map() };
  }
  const model = parseThreatModel(read.text, file);
  const inventories: ControlInventoryParse[] = [];
  const missing: string[] = [];
  const refused = new Map<string, Refusal>();
  const seen = new Set<string>();
  for (const ref of model.model ? controlFilesOf(model.model) : []) {
    if (seen.has(ref.file)) continue;
    seen.add(ref.file);
    const inventory = await source(ref.file, { role: 'yaml', confined: true });
    if (inventory.kind === 'missing') missing.push(ref.file);
    else if (inventory.kind === 'refused') refused.set(ref.file, inventory.refusal);
    else inventories.push(parseControlInventory(inventory.text, ref.file));
  }
  return { model, inventories, missing, refused };
}

/** The parse of a file that was not read: no model, only the refusal. */
export function refusedParse(file: string, diagnostic: ThreatModelParse['diagnostics'][number]): ThreatModelParse {
  const empty = parseThreatModel('', file);
  return { ...(empty.file !== undefined ? { file: empty.file } : {}), yaml: empty.yaml, diagnostics: [diagnostic] };
}
