/**
 * Reading one threat model together with the control inventories it lists, through a small file-reading
 * interface so the CLI (disk), the extension (open documents first) and tests (memory) share the logic.
 */
import * as path from 'node:path';
import { readFile } from 'node:fs/promises';
import type { ControlInventoryParse } from '../model/control-inventory';
import { parseControlInventory } from '../model/control-inventory';
import type { ThreatModelParse } from '../model/threat-model';
import { parseThreatModel } from '../model/threat-model';
import { controlFilesOf } from '../validation/workspace';

/** Reads a file's text; undefined when it does not exist. Other failures throw. */
export type ReadText = (file: string) => Promise<string | undefined>;

export interface ModelFiles {
  readonly model: ThreatModelParse;
  /** The inventories the model lists that could be read, in the model's order. */
  readonly inventories: readonly ControlInventoryParse[];
  /** Files the model lists that do not exist (validation reports them as model.control-file-missing). */
  readonly missing: readonly string[];
}

/** Reads from disk; a missing file (or a directory) is undefined, other errors propagate. */
export const readTextFromDisk: ReadText = async (file) => {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
    throw e;
  }
};

/** Thrown when the model file itself cannot be read. */
export class ModelFileError extends Error {
  override readonly name = 'ModelFileError';
}

/** Parses `modelFile` and every inventory its `controls:` lists (each once, even when listed twice). */
export async function readModelFiles(modelFile: string, readText: ReadText = readTextFromDisk): Promise<ModelFiles> {
  const file = path.resolve(modelFile);
  const text = await readText(file);
  if (text === undefined) throw new ModelFileError(`threat model ${modelFile} does not exist`);
  const model = parseThreatModel(text, file);
  const inventories: ControlInventoryParse[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  for (const ref of model.model ? controlFilesOf(model.model) : []) {
    if (seen.has(ref.file)) continue;
    seen.add(ref.file);
    const inventoryText = await readText(ref.file);
    if (inventoryText === undefined) missing.push(ref.file);
    else inventories.push(parseControlInventory(inventoryText, ref.file));
  }
  return { model, inventories, missing };
}
