/** What the heatmap suites share: real ATT&CK data in place and the heatmap's test hook. */
import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { HEATMAP_TESTING_COMMAND, type HeatmapTesting } from '../../../src/extension/heatmap/testing';
import { analyseCoverage } from '../../../src/core/coverage/engine';
import { coverageInputFrom, type TriageOptions } from '../../../src/core/coverage/model-input';
import type { CoverageResult } from '../../../src/core/coverage/types';
import { parseControlInventory, parseThreatModel } from '../../../src/core/model/index';
import { api, setUserSetting, statusWhere, stixDir } from './api';

/** Points the data path setting at the real bundles, waits until they are loaded, and returns the test hook. */
export async function heatmapWithRealData(): Promise<HeatmapTesting> {
  await setUserSetting('path', stixDir());
  const s = await statusWhere((x) => x.state === 'ready' || x.state === 'missing', 'the ATT&CK data to settle', 60_000);
  assert.equal(s.state, 'ready', `ATT&CK data from ${stixDir()}: ${s.problems.join('; ')}`);
  const hook = await vscode.commands.executeCommand<HeatmapTesting>(HEATMAP_TESTING_COMMAND);
  assert.ok(hook, 'the heatmap test hook is registered in ExtensionMode.Test');
  return hook;
}

/**
 * The engine's result for `text` as the model at `modelFile` (its inventories read from disk beside it), computed
 * here apart from the panel, with the extension's own ATT&CK 18.1 index: what the heatmap should draw.
 */
export async function engineResultFor(text: string, modelFile: string, triage: TriageOptions): Promise<CoverageResult> {
  const model = parseThreatModel(text, modelFile).model;
  assert.ok(model, `${modelFile} parses`);
  const inventories = [];
  for (const ref of model.controlFiles) {
    const inventoryFile = path.join(path.dirname(modelFile), ref.value);
    const inventory = parseControlInventory(await readFile(inventoryFile, 'utf8'), inventoryFile).model;
    if (inventory) inventories.push(inventory);
  }
  const index = await (await api()).attackData.getIndex({ domain: 'enterprise-attack', version: '18.1' });
  assert.ok(index);
  return analyseCoverage(index, coverageInputFrom(model, inventories, undefined, triage));
}
