/**
 * Owns the ATT&CK data of the window: resolution (path setting → THREAT_OVERLAP_ATTACK_DATA → download cache →
 * download), loading in the worker, per-pin state, the events and the status bar item.
 */
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AttackIndex } from '../../core/attack/types';
import { isSafePin, pinKey, pinLabel, type AttackPin } from '../../core/data/pin';
import { remotePathHint } from '../../core/data/settings';
import { checkIndexMatches } from '../../core/data/verify';
import type { AttackDataStatus, DownloadOutcome, DownloadRequest, IndexLoadedEvent, AttackDataInUse, AttackDataState } from '../api';
import { findCandidates } from './sources';
import { readAttackDataSettings, SECTION, type AttackDataSettings } from './settings';
import { AttackStatusBar, presentStatus } from './status-view';
import type { AttackWorkerClient } from './worker-client';
import { Disposable } from '../dispose';
import { downloadIntoCache } from './download';
import type { DownloadProgress } from '../../core/data/download';
import type { WorkspaceModels } from '../workspace-models';

/** Per-pin state in the current generation (a settings change starts a new one). */
interface Entry {
  readonly pin: AttackPin;
  state: AttackDataState;
  index?: AttackIndex;
  data?: AttackDataInUse;
  problems: string[];
  settled: Promise<void>;
}

export const SHOW_SOURCE_COMMAND = 'threatOverlap.showAttackDataSource';

export class AttackDataService extends Disposable {
  private generation = 0;
  private started = false;
  /** False until a model or inventory is found or the user asks for data: no loading, prompt or status bar before. */
  private engaged = false;
  private entries = new Map<string, Entry>();
  private settings: AttackDataSettings = readAttackDataSettings();
  private pendingReload: { key: string; promise: Promise<AttackDataStatus> } | undefined;
  private readonly statusBar = this.disposables.add(new AttackStatusBar(SHOW_SOURCE_COMMAND));
  private readonly changed = this.disposables.add(new vscode.EventEmitter<AttackDataStatus>());
  private readonly loaded = this.disposables.add(new vscode.EventEmitter<IndexLoadedEvent>());
  private readonly missing = this.disposables.add(new vscode.EventEmitter<AttackPin>());
  readonly onDidChange = this.changed.event;
  readonly onDidLoadIndex = this.loaded.event;
  /** Fires when no source has data for a pin (the prompt offers a download). */
  readonly onDidFindMissing = this.missing.event;
  readonly cacheDir: string;
  readonly indexCacheDir: string;

  constructor(
    storageDir: string,
    private readonly worker: AttackWorkerClient,
    private readonly models: WorkspaceModels,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this.cacheDir = path.join(storageDir, 'attack-data');
    this.indexCacheDir = path.join(storageDir, 'index-cache');
    this.disposables.add(models.onDidChangeActivePin((pin) => this.onActivePin(pin)));
    this.disposables.add(models.onDidFindModels(() => this.engage()));
    this.disposables.add(vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(SECTION) && this.refresh()));
    this.disposables.add(vscode.workspace.onDidGrantWorkspaceTrust(() => this.refresh()));
  }

  /** Creates the storage folders, finds the workspace's models and, when there are any, loads the active pin. */
  async start(): Promise<void> {
    await mkdir(this.cacheDir, { recursive: true });
    await mkdir(this.indexCacheDir, { recursive: true });
    await this.models.scan();
    this.started = true;
    if (this.models.hasModels()) this.engaged = true;
    if (this.engaged) await this.reload();
  }

  /** Starts serving data (status bar, loading, first-run prompt): called when models appear or the user asks. */
  engage(): void {
    if (this.engaged) return;
    this.engaged = true;
    if (this.started) void this.reload();
  }

  /** The state of the active pin. */
  status(): AttackDataStatus {
    const pin = this.models.activePin();
    const e = this.entries.get(pinKey(pin));
    return presentStatus({
      state: this.engaged ? (e?.state ?? 'loading') : 'idle',
      pin,
      data: e?.data,
      problems: e?.problems ?? [],
      trusted: this.settings.trusted,
      ignoredSettings: this.settings.ignored,
    });
  }

  currentSettings(): AttackDataSettings {
    return this.settings;
  }

  /** Re-reads the settings and re-resolves every pin; concurrent calls with the same settings share one run. */
  reload(): Promise<AttackDataStatus> {
    this.engaged = true;
    const settings = readAttackDataSettings();
    const key = JSON.stringify(settings);
    if (this.pendingReload?.key === key) return this.pendingReload.promise;
    this.settings = settings;
    this.log.info(`Data settings: path ${settings.path ?? '(none)'}${settings.path ? ` (${settings.pathScope})` : ''}, trusted ${settings.trusted}`);
    this.generation++;
    this.entries = new Map();
    const promise = this.ensure(this.models.activePin()).then(() => this.status());
    const pending = { key, promise };
    this.pendingReload = pending;
    void promise.finally(() => this.pendingReload === pending && (this.pendingReload = undefined));
    return promise;
  }

  /** The index for `pin` (default: the active pin), loading it first when needed. */
  async getIndex(pin: AttackPin = this.models.activePin()): Promise<AttackIndex | undefined> {
    this.engage();
    return (await this.ensure(pin)).index;
  }

  /** Downloads `request` into the cache and adopts it; never throws. */
  async download(request: DownloadRequest = {}, signal?: AbortSignal, onProgress?: (p: DownloadProgress) => void): Promise<DownloadOutcome> {
    this.engage();
    const result = await downloadIntoCache(request, {
      activePin: this.models.activePin(),
      urlTemplate: this.settings.urlTemplate,
      cacheDir: this.cacheDir,
      worker: this.worker,
      signal,
      onProgress,
    });
    if (!result.ok) {
      this.log.warn(`Download failed (${result.outcome.code}): ${result.outcome.message}`);
      return result.outcome;
    }
    this.log.info(`Downloaded ${result.outcome.url} → ${result.outcome.file} (${result.outcome.bytes} bytes)`);
    this.adopt(result.pin, result.index, result.data);
    return result.outcome;
  }

  /** Loads `pin` unless it is loaded or loading in this generation. */
  private ensure(pin: AttackPin): Promise<Entry> {
    const key = pinKey(pin);
    const existing = this.entries.get(key);
    if (existing) return existing.settled.then(() => existing);
    const entry: Entry = { pin, state: 'loading', problems: [], settled: Promise.resolve() };
    this.entries.set(key, entry);
    entry.settled = this.resolveEntry(entry, this.generation);
    this.notify(pin);
    return entry.settled.then(() => entry);
  }

  private async resolveEntry(entry: Entry, generation: number): Promise<void> {
    const { pin } = entry;
    // The pin becomes file names and a URL: a version that is not a release (`../../x`) is looked up nowhere.
    if (!isSafePin(pin)) {
      entry.problems.push('The pinned ATT&CK version is not a release (expected major.minor, e.g. 18.1): no data is looked up for it.');
      entry.state = 'missing';
      this.notify(pin);
      return;
    }
    const env = process.env['THREAT_OVERLAP_ATTACK_DATA'];
    const found = await findCandidates(pin, this.settings, this.cacheDir, env).catch((err: Error) => ({ candidates: [], problems: [err.message] }));
    entry.problems.push(...found.problems);
    for (const candidate of found.candidates) {
      try {
        const loaded = await this.worker.load(candidate.file, { cacheDir: this.indexCacheDir, expect: { ...pin } });
        checkIndexMatches(loaded.index, pin);
        if (generation !== this.generation) return;
        const { index } = loaded;
        const data: AttackDataInUse = {
          origin: candidate.origin, file: candidate.file, sha256: loaded.sha256, fromCache: loaded.fromCache, domain: index.domain,
          version: index.version, versionSource: index.versionSource, timings: loaded.timings, warnings: loaded.warnings,
        };
        this.log.info(`ATT&CK ${pinLabel(pin)}: ${candidate.label} (${formatTimings(loaded.timings)})`);
        this.setReady(entry, index, data);
        return;
      } catch (err) {
        entry.problems.push(`${candidate.label}: ${(err as Error).message}`);
      }
    }
    if (generation !== this.generation) return;
    // (Not when Restricted Mode ignored a workspace path: that is the reason, and the notice says so.)
    const remote = remotePathHint(vscode.env.remoteName, this.settings.path !== undefined || this.settings.ignored.length > 0);
    if (remote) entry.problems.push(remote);
    entry.state = 'missing';
    this.log.warn(`No ATT&CK data for ${pinLabel(pin)}. ${entry.problems.join(' | ')}`);
    this.notify(pin);
    this.missing.fire(pin);
  }

  private setReady(entry: Entry, index: AttackIndex, data: AttackDataInUse): void {
    entry.state = 'ready';
    entry.index = index;
    entry.data = data;
    this.loaded.fire({ pin: entry.pin, index });
    this.notify(entry.pin);
  }

  /** A fresh download serves its pin unless a configured source already does; missing pins look again. */
  private adopt(pin: AttackPin, index: AttackIndex, data: AttackDataInUse): void {
    const entry = this.entries.get(pinKey(pin));
    const configured = entry?.state === 'ready' && (entry.data?.origin === 'setting' || entry.data?.origin === 'environment');
    if (!configured) {
      const target = entry ?? { pin, state: 'loading' as const, problems: [], settled: Promise.resolve() };
      target.problems = [];
      this.entries.set(pinKey(pin), target);
      this.setReady(target, index, data);
    }
    for (const [key, other] of [...this.entries]) {
      if (other.state !== 'missing') continue;
      this.entries.delete(key);
      void this.ensure(other.pin);
    }
  }

  /** Settings or trust changed: re-resolve when serving, else just take the new settings. */
  private refresh(): void {
    this.log.info(`Settings or trust changed (${this.engaged ? 'reloading' : 'not serving yet'})`);
    if (this.engaged) void this.reload();
    else this.settings = readAttackDataSettings();
  }

  private onActivePin(pin: AttackPin): void {
    if (!this.started || !this.engaged) return;
    this.notify(pin);
    void this.ensure(pin);
  }

  private notify(pin: AttackPin): void {
    if (pinKey(pin) !== pinKey(this.models.activePin())) return;
    const status = this.status();
    this.statusBar.update(status);
    void vscode.commands.executeCommand('setContext', 'threatOverlap.attackDataState', status.state);
    this.changed.fire(status);
  }
}

function formatTimings(timings: Readonly<Record<string, number>>): string {
  return Object.entries(timings)
    .map(([k, v]) => `${k} ${Math.round(v)}`)
    .join(', ');
}
