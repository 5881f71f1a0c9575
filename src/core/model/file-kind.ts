/** Which of our formats a file is: by its name first, else by its top-level format key. */

export type ModelFileKind = 'threat-model' | 'control-inventory';

const THREAT_MODEL_NAME = /\.threatmodel\.ya?ml$/i;
const CONTROLS_NAME = /\.controls\.ya?ml$/i;
// The format key at column 0 of any line: comments and other keys may come first.
const THREAT_MODEL_KEY = /^(?:threatModel|"threatModel"|'threatModel')[ \t]*:/m;
const CONTROLS_KEY = /^(?:controlInventory|"controlInventory"|'controlInventory')[ \t]*:/m;

/**
 * `threat-model` for `*.threatmodel.yaml|yml`, `control-inventory` for `*.controls.yaml|yml`; for other
 * names (including untitled documents), the top-level `threatModel:` / `controlInventory:` key decides;
 * callers only ask about YAML documents. Undefined: not ours.
 */
export function detectFileKind(fileName: string, text?: string): ModelFileKind | undefined {
  if (THREAT_MODEL_NAME.test(fileName)) return 'threat-model';
  if (CONTROLS_NAME.test(fileName)) return 'control-inventory';
  if (text === undefined) return undefined;
  const threatModelAt = text.search(THREAT_MODEL_KEY);
  const controlsAt = text.search(CONTROLS_KEY);
  if (threatModelAt < 0 && controlsAt < 0) return undefined;
  if (controlsAt < 0) return 'threat-model';
  if (threatModelAt < 0) return 'control-inventory';
  return threatModelAt < controlsAt ? 'threat-model' : 'control-inventory';
}
