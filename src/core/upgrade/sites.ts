/** The ATT&CK references of a model and its inventories, each with the file and parsed document it is in. */
import type { ControlInventoryParse } from '../model/control-inventory';
import type { ParsedYaml } from '../model/parsed-yaml';
import type { ThreatModelParse } from '../model/threat-model';
import type { ReferenceSite } from '../validation/reference-check';
import { inventorySites, threatModelSites, withComments } from '../validation/sites';
import type { FileEdit, FileRange } from './types';
import type { TextEdit } from '../model/yaml-edits';

/** A reference site in a file. */
export interface FileSite extends ReferenceSite {
  readonly file: string;
  readonly yaml: ParsedYaml;
}

/** Every reference of the model, then of each inventory, with trailing comments attached. */
export function fileSites(model: ThreatModelParse, inventories: readonly ControlInventoryParse[]): FileSite[] {
  const out: FileSite[] = [];
  const add = (sites: readonly ReferenceSite[], file: string | undefined, yaml: ParsedYaml) =>
    out.push(...withComments(sites, yaml).map((s) => ({ ...s, file: file ?? '', yaml })));
  if (model.model) add(threatModelSites(model.model), model.file, model.yaml);
  for (const inventory of inventories) if (inventory.model) add(inventorySites(inventory.model), inventory.file, inventory.yaml);
  return out;
}

/** Groups items by a key, keeping first-seen order. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

export const at = (site: FileSite): FileRange => ({ file: site.file, range: site.idRange });
export const inFile = (file: string, edit: TextEdit | undefined): FileEdit[] => (edit ? [{ file, edit }] : []);
