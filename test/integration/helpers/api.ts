/** The extension under test, its API and its test hooks, and the paths the suite uses. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AttackDataStatus, RecordedMessage, ThreatOverlapApi, UiRecorder } from '../../../src/extension/api';
import { recordedOrNext, untilState } from './wait';

export const EXTENSION_ID = 'threat-overlap.threat-overlap';

export function extension(): vscode.Extension<ThreatOverlapApi> {
  const ext = vscode.extensions.getExtension<ThreatOverlapApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed in this extension host`);
  return ext;
}

/** The API of the (already activated) extension. */
export async function api(): Promise<ThreatOverlapApi> {
  const ext = extension();
  return ext.isActive ? ext.exports : ext.activate();
}

/** The UI recorder; present because the host runs in ExtensionMode.Test. */
export async function recorder(): Promise<UiRecorder> {
  const ui = (await api()).testing?.ui;
  assert.ok(ui, 'the extension exposes its test hooks in ExtensionMode.Test');
  return ui;
}

/** Waits until the active pin's state satisfies `predicate` (no polling: on onDidChange). */
export async function statusWhere(predicate: (s: AttackDataStatus) => boolean, what: string, timeoutMs?: number): Promise<AttackDataStatus> {
  const a = (await api()).attackData;
  return untilState(() => a.status(), a.onDidChange, predicate, what, timeoutMs);
}

/** Settled: neither idle nor loading. */
export function settledStatus(): Promise<AttackDataStatus> {
  return statusWhere((s) => s.state === 'ready' || s.state === 'missing', 'the ATT&CK data to settle');
}

/** The first message shown since `since` (an index into `ui.messages`) whose text matches. */
export async function messageSince(since: number, match: RegExp, timeoutMs?: number): Promise<RecordedMessage> {
  const ui = await recorder();
  return recordedOrNext(ui.messages, since, ui.onDidShowMessage, (m) => match.test(m.message), `a message matching ${match}`, timeoutMs);
}

/** The first workspace folder (a fresh copy of test/integration/workspace). */
export function workspaceDir(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the runner opens a workspace folder');
  return folder.uri.fsPath;
}

/** The real ATT&CK bundles (THREAT_OVERLAP_ATTACK_STIX, else ../shared/attack-stix next to the repository). */
export function stixDir(): string {
  return process.env['THREAT_OVERLAP_ATTACK_STIX'] ?? path.resolve(extension().extensionPath, '..', 'shared', 'attack-stix');
}

export const dataConfig = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('threatOverlap.attackData');

/** Sets (or, with undefined, clears) a data setting in the user settings and waits for the data to settle. */
export async function setUserSetting(key: 'path' | 'url' | 'autoDownload', value: unknown): Promise<AttackDataStatus> {
  await dataConfig().update(key, value, vscode.ConfigurationTarget.Global);
  return (await api()).attackData.reload();
}
