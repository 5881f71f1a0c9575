/** One entry point for "parse whatever model file this is", for the CLI's `validate FILE…` and the workspace. */
import { parseControlInventory } from './control-inventory';
import type { ControlInventoryParse } from './control-inventory';
import { detectFileKind } from './file-kind';
import { parseThreatModel } from './threat-model';
import type { ThreatModelParse } from './threat-model';

export type ModelFileParse =
  | ({ readonly kind: 'threat-model' } & ThreatModelParse)
  | ({ readonly kind: 'control-inventory' } & ControlInventoryParse);

/** Parses a threat model or control inventory, chosen by file name, else by its top-level format key; undefined: neither. */
export function parseModelFile(file: string, text: string): ModelFileParse | undefined {
  switch (detectFileKind(file, text)) {
    case 'threat-model':
      return { kind: 'threat-model', ...parseThreatModel(text, file) };
    case 'control-inventory':
      return { kind: 'control-inventory', ...parseControlInventory(text, file) };
    default:
      return undefined;
  }
}
