/**
 * The download path through the command (progress notification, error messages), against a real HTTP server on
 * 127.0.0.1: every failure leaves the cache as it was and says what to do; then a real download succeeds.
 */
import * as assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { mb } from '../../../src/core/data/download';
import type { DownloadOutcome } from '../../../src/extension/api';
import { api, messageSince, recorder, settledStatus, stixDir } from '../helpers/api';
import { sha256File, snapshot } from '../helpers/cache';
import { closedPortUrl, startStixServer, type StixServer } from '../helpers/stix-server';
import { nextEvent, recordedOrNext } from '../helpers/wait';

const PIN = { domain: 'enterprise-attack', version: '18.1' } as const;
const FILE = 'enterprise-attack-18.1.json';

describe('download of ATT&CK data', () => {
  let server: StixServer;
  let cacheDir: string;

  before(async () => {
    server = await startStixServer(stixDir());
    cacheDir = (await api()).attackData.cacheDir;
  });
  after(() => server.close());

  /** Runs the download command and checks the invariant of every failure: cache untouched, data still missing. */
  async function failingDownload(url: string): Promise<{ outcome: DownloadOutcome; shown: string; items: readonly string[] }> {
    const before = await snapshot(cacheDir);
    const since = (await recorder()).messages.length;
    const outcome = await vscode.commands.executeCommand<DownloadOutcome>('threatOverlap.downloadAttackData', { ...PIN, url });
    assert.equal(outcome.ok, false, 'the download fails');
    assert.match(outcome.message ?? '', /The cache was not changed\./);
    assert.deepEqual(await snapshot(cacheDir), before, 'the cache is exactly as it was (no temporary files left)');
    assert.equal((await api()).attackData.status().state, 'missing');
    const message = await messageSince(since, /Could not download ATT&CK enterprise 18\.1|cancelled/);
    message.respond(undefined);
    return { outcome, shown: message.message, items: message.items };
  }

  it('404: says the release may not exist and to check the URL setting; offers Retry, Choose file…, Open settings', async () => {
    const { outcome, shown, items } = await failingDownload(server.url('missing'));
    assert.equal(outcome.code, 'http');
    assert.match(shown, /HTTP 404/);
    assert.match(shown, /threatOverlap\.attackData\.url/);
    assert.deepEqual(items, ['Retry', 'Choose file…', 'Open settings']);
  });

  it('a truncated body (the connection drops after 1 MB) is rejected', async () => {
    const { outcome, shown } = await failingDownload(server.url('truncated'));
    assert.equal(outcome.code, 'truncated');
    assert.match(shown, /stopped after 1\.0 MB of \d+ MB/);
    assert.match(shown, /Try again/);
  });

  it('a bundle of the wrong domain (Mobile served for Enterprise) is rejected by verification', async () => {
    const { outcome, shown } = await failingDownload(server.url('wrong'));
    assert.equal(outcome.code, 'invalid');
    assert.match(shown, /is not ATT&CK enterprise 18\.1/);
    assert.match(shown, /mobile/);
  });

  it('a page that is not a STIX bundle at all (captive portal HTML) is rejected', async () => {
    const { outcome } = await failingDownload(server.url('html'));
    assert.equal(outcome.code, 'invalid');
  });

  it('offline (nothing listens at the URL): says so and suggests a bundle you already have', async () => {
    const { outcome, shown } = await failingDownload(await closedPortUrl());
    assert.equal(outcome.code, 'offline');
    assert.match(shown, /offline or behind a proxy/);
    assert.match(shown, /Choose a bundle you already have/);
  });

  it('Cancel on the progress notification stops the download and leaves the cache as it was', async () => {
    const ui = await recorder();
    const since = ui.progress.length;
    const before = await snapshot(cacheDir);
    const running = vscode.commands.executeCommand<DownloadOutcome>('threatOverlap.downloadAttackData', { ...PIN, url: server.url('stall') });
    const progress = await recordedOrNext(ui.progress, since, ui.onDidStartProgress, () => true, 'the progress notification');
    assert.equal(progress.title, 'Downloading ATT&CK enterprise 18.1');
    const hasBytes = (s: { message?: string }) => / MB of \d+ MB$/.test(s.message ?? '');
    if (!progress.steps.some(hasBytes)) await nextEvent(progress.onDidReport, hasBytes, 'a progress step with bytes');
    progress.cancel();
    const outcome = await running;
    assert.equal(outcome.code, 'cancelled');
    assert.deepEqual(await snapshot(cacheDir), before);
    const told = await messageSince(0, /Download of ATT&CK enterprise 18\.1 cancelled\. The cache was not changed\./);
    assert.equal(told.kind, 'info');
  });

  it('"Open settings" on a failure opens the ATT&CK data settings', async () => {
    const since = (await recorder()).messages.length;
    const outcome = await vscode.commands.executeCommand<DownloadOutcome>('threatOverlap.downloadAttackData', { ...PIN, url: server.url('missing') });
    assert.equal(outcome.code, 'http');
    const message = await messageSince(since, /Could not download/);
    const opened = nextEvent(vscode.window.tabGroups.onDidChangeTabs, () => /settings/i.test(vscode.window.tabGroups.activeTabGroup.activeTab?.label ?? ''), 'the Settings editor');
    message.respond('Open settings');
    await opened;
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('downloads with progress in bytes, verifies, installs atomically and uses the data', async () => {
    const a = (await api()).attackData;
    const ui = await recorder();
    const since = ui.progress.length;
    const loaded = nextEvent(a.onDidLoadIndex, (e) => e.pin.domain === PIN.domain, 'the index of the download');
    const outcome = await vscode.commands.executeCommand<DownloadOutcome>('threatOverlap.downloadAttackData', { ...PIN, url: server.url('ok') });
    assert.equal(outcome.ok, true, outcome.message);
    assert.equal(outcome.file, path.join(cacheDir, FILE));
    assert.deepEqual(await readdir(cacheDir), [FILE], 'only the bundle, no temporary files');
    const source = await sha256File(path.join(stixDir(), FILE));
    assert.equal(outcome.sha256, source, 'the cached file is byte-identical to the served bundle');
    assert.equal(await sha256File(outcome.file!), source);
    const steps = ui.progress.slice(since)[0]!.steps;
    const total = mb(outcome.bytes!);
    assert.equal(steps[0]?.message, 'connecting…');
    assert.equal(steps.at(-1)?.message, `${total} of ${total}`, 'the last step shows all bytes');
    const received = steps.slice(1).map((s) => Number(/^([\d.]+) MB of /.exec(s.message ?? '')?.[1]));
    assert.ok(received.every((n, i) => Number.isFinite(n) && (i === 0 || n >= received[i - 1]!)), `bytes only grow: ${received.join(', ')}`);
    const percent = steps.reduce((sum, s) => sum + (s.increment ?? 0), 0);
    assert.ok(Math.abs(percent - 100) < 1e-6, `increments add up to 100% (${percent})`);
    const { index } = await loaded;
    assert.equal(index.domain, 'enterprise-attack');
    assert.equal(index.version, '18.1');
    assert.ok(index.techniques.length > 600, `${index.techniques.length} techniques`);
    const s = await settledStatus();
    assert.equal(s.state, 'ready');
    assert.equal(s.data?.origin, 'download');
    assert.equal(s.data?.file, outcome.file);
    assert.equal(s.text, 'ATT&CK enterprise 18.1');
  });

  it('a failed download later does not touch the bundle already cached', async () => {
    const before = await snapshot(cacheDir);
    const outcome = await vscode.commands.executeCommand<DownloadOutcome>('threatOverlap.downloadAttackData', { ...PIN, url: server.url('truncated') });
    assert.equal(outcome.code, 'truncated');
    assert.deepEqual(await snapshot(cacheDir), before);
    assert.equal((await api()).attackData.status().state, 'ready', 'the data in use stays');
  });
});
