/**
 * One model's analysis for the heatmap: read the model and its control inventories (open editors first, so
 * unsaved edits count), get the ATT&CK index the model pins, run the coverage engine. Returns the message for
 * the webview and the set of files that belong to the model (what edits to watch and what Reveal may open).
 */
import type * as vscode from 'vscode';
import type { AttackIndex } from '../../core/attack/types';
import { analyseCoverage } from '../../core/coverage/engine';
import { coverageInputFrom } from '../../core/coverage/model-input';
import type { CoverageResult } from '../../core/coverage/types';
import { readAttackPin, type AttackPin } from '../../core/data/pin';
import { parseControlInventory, parseThreatModel } from '../../core/model/index';
import type { FileSource } from '../../core/files/source';
import type { ControlInventory } from '../../core/model/types';
import { editorTriageOptions } from '../triage-options';
import { normalizeFile, resolveReference } from '../../core/validation/paths';
import type { ResultMessage, StatusMessage } from '../../protocol';
import { boundForWebview } from '../../protocol-triage';
import { nextTurn } from '../next-turn';
import { ruleImports } from '../rule-files';

export interface ModelAnalysis {
  /** Normalised paths of the model and the inventories it names (read or not). */
  readonly files: ReadonlySet<string>;
  readonly message: ResultMessage | StatusMessage;
  readonly result?: CoverageResult;
  readonly modelName: string;
}

/**
 * The model and its inventories come through the confined reader (open documents first, with unsaved edits): an
 * inventory outside the workspace, a FIFO or an oversized file is left out (its `controls:` entry says why).
 */
export async function analyseModel(modelUri: vscode.Uri, getIndex: (pin: AttackPin) => Promise<AttackIndex | undefined>, source: FileSource): Promise<ModelAnalysis> {
  const modelFile = modelUri.fsPath;
  const files = new Set([normalizeFile(modelFile)]);
  const fallbackName = modelFile.split(/[\\/]/).pop() ?? modelFile;
  const status = (state: StatusMessage['state'], message: string): ModelAnalysis => ({
    files,
    modelName: fallbackName,
    message: { type: 'status', modelUri: modelUri.toString(), state, message },
  });
  const read = await source(modelFile, { role: 'yaml', confined: false });
  const text = read.kind === 'text' ? read.text : undefined;
  const model = text === undefined ? undefined : parseThreatModel(text, modelFile).model;
  const pin = text === undefined ? undefined : readAttackPin(text);
  if (!model || !pin) return status('invalid-model', `${fallbackName} is not a threat model that can be read (see the Problems panel).`);
  const inventories: ControlInventory[] = [];
  for (const ref of model.controlFiles) {
    const file = resolveReference(modelFile, ref.value);
    files.add(normalizeFile(file));
    const inventoryRead = await source(file, { role: 'yaml', confined: true });
    const inventory = inventoryRead.kind === 'text' ? parseControlInventory(inventoryRead.text, file).model : undefined;
    if (inventory) inventories.push(inventory);
  }
  const index = await getIndex(pin);
  if (!index) {
    return status('missing-data', `No ATT&CK data for ${pin.domain} ${pin.version ?? ''}: run "Threat Overlap: Select ATT&CK Data…" or download it.`);
  }
  // The same triage options as the language features and the gap check (its diagnostics are the gap checker's).
  const triage = await editorTriageOptions(model, source, index);
  for (const f of triage.files) files.add(normalizeFile(f));
  // Detection rule files of `rules:` entries: their rules are evidence in the details, and Reveal may open them.
  const rules = inventories.some((i) => i.controls.some((c) => c.rules !== undefined)) ? await ruleImports(inventories, source, index) : undefined;
  for (const f of rules?.files ?? []) files.add(normalizeFile(f));
  // Reading and analysing are separate turns of the event loop: for a big model each is tens of ms.
  await nextTurn();
  const input = coverageInputFrom(model, inventories, rules?.imports, triage.options);
  const result = analyseCoverage(index, input);
  const modelName = model.name ?? fallbackName;
  return {
    files,
    modelName,
    result,
    message: {
      type: 'result',
      modelUri: modelUri.toString(),
      modelName,
      components: input.components.map((c) => ({ id: c.id, label: c.name ?? c.id })),
      adversaries: input.adversaries.map((a, i) => ({ id: String(i), label: a.label })),
      // Every triage list and text within the protocol's bounds (the message is validated on receipt).
      result: boundForWebview(result),
    },
  };
}
