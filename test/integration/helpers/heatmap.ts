/** What the heatmap suites share: real ATT&CK data in place and the heatmap's test hook. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { HEATMAP_TESTING_COMMAND, type HeatmapTesting } from '../../../src/extension/heatmap/testing';
import { setUserSetting, statusWhere, stixDir } from './api';

/** Points the data path setting at the real bundles, waits until they are loaded, and returns the test hook. */
export async function heatmapWithRealData(): Promise<HeatmapTesting> {
  await setUserSetting('path', stixDir());
  const s = await statusWhere((x) => x.state === 'ready' || x.state === 'missing', 'the ATT&CK data to settle', 60_000);
  assert.equal(s.state, 'ready', `ATT&CK data from ${stixDir()}: ${s.problems.join('; ')}`);
  const hook = await vscode.commands.executeCommand<HeatmapTesting>(HEATMAP_TESTING_COMMAND);
  assert.ok(hook, 'the heatmap test hook is registered in ExtensionMode.Test');
  return hook;
}
