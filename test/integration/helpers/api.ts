/** The extension under test, its API and its test hooks, and the paths the suite uses. */
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AttackDataStatus, RecordedMessage, ThreatOverlapApi, UiRecorder } from '../../../src/extension/api';
import { startStixServer } from './stix-server';
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

/**
 * Makes sure the download cache holds the real bundle of `pin` (downloading it from a local server on 127.0.0.1 when
 * it is not there), then re-resolves and resolves with the settled status. Lets a suite run alone (`--grep`) that
 * expects what the download suite leaves behind.
 */
export async function ensureCachedBundle(pin: { domain: string; version: string } = { domain: 'enterprise-attack', version: '18.1' }): Promise<AttackDataStatus> {
  const a = (await api()).attackData;
  if (!existsSync(path.join(a.cacheDir, `${pin.domain}-${pin.version}.json`))) {
    const server = await startStixServer(stixDir());
    try {
      const outcome = await a.download({ ...pin, url: server.url('ok') });
      assert.equal(outcome.ok, true, `download of ${pin.domain} ${pin.version} into the cache: ${outcome.message ?? ''}`);
    } finally {
      await server.close();
    }
  }
  return a.reload();
}
