/** The extension's exported API (the value `activate` returns): what tests and other extensions can rely on. */
import type * as vscode from 'vscode';
import type { AttackIndex } from '../core/attack/types';
import type { AttackPin } from '../core/data/pin';
import type { DownloadErrorCode } from '../core/data/errors';

/** `idle`: no model or inventory in sight yet, nothing loaded and no status bar item. */
export type AttackDataState = 'idle' | 'loading' | 'ready' | 'missing';

/** Where loaded ATT&CK data came from: a settings path, THREAT_OVERLAP_ATTACK_DATA, the download cache, or a download just now. */
export type AttackDataOrigin = 'setting' | 'environment' | 'cache' | 'download';

/** The data in use for a pin. */
export interface AttackDataInUse {
  readonly origin: AttackDataOrigin;
  readonly file: string;
  readonly sha256: string;
  /** True when the compact index came from the index cache instead of a full parse. */
  readonly fromCache: boolean;
  readonly domain: string;
  readonly version: string;
  readonly versionSource: AttackIndex['versionSource'];
  readonly timings: Readonly<Record<string, number>>;
  readonly warnings: readonly string[];
}

/** A snapshot of the ATT&CK data state for the pin the user is looking at (the active model, else the workspace's). */
export interface AttackDataStatus {
  readonly state: AttackDataState;
  /** What the model asks for. */
  readonly pin: AttackPin;
  /** "enterprise 18.1". */
  readonly label: string;
  /** Status bar text, e.g. "ATT&CK enterprise 18.1". */
  readonly text: string;
  /** Status bar tooltip (Markdown). */
  readonly tooltip: string;
  readonly data?: AttackDataInUse;
  /** Why sources were skipped (wrong release, unreadable file, …), most important first. */
  readonly problems: readonly string[];
  readonly trusted: boolean;
  /** Workspace-level settings ignored because the workspace is not trusted. */
  readonly ignoredSettings: readonly string[];
}

/** Arguments of `threatOverlap.downloadAttackData`; defaults: the active pin and the configured URL (a template too). */
export interface DownloadRequest {
  readonly domain?: string;
  readonly version?: string;
  readonly url?: string;
}

export interface DownloadOutcome {
  readonly ok: boolean;
  readonly file?: string;
  readonly url?: string;
  readonly bytes?: number;
  readonly sha256?: string;
  readonly code?: DownloadErrorCode;
  readonly message?: string;
}

/** An index that just became available. */
export interface IndexLoadedEvent {
  readonly pin: AttackPin;
  readonly index: AttackIndex;
}

export interface AttackDataApi {
  status(): AttackDataStatus;
  readonly onDidChange: vscode.Event<AttackDataStatus>;
  readonly onDidLoadIndex: vscode.Event<IndexLoadedEvent>;
  /** The index for a pin (default: the active one), loading it if needed; undefined when no data is available. */
  getIndex(pin?: AttackPin): Promise<AttackIndex | undefined>;
  /** Downloads into the cache (no UI); `signal` cancels. */
  download(request?: DownloadRequest, signal?: AbortSignal): Promise<DownloadOutcome>;
  /** Re-resolves from the settings and the cache; resolves when the active pin is settled. */
  reload(): Promise<AttackDataStatus>;
  /** The download cache (`<globalStorage>/attack-data`). */
  readonly cacheDir: string;
  /** The compact index cache (`<globalStorage>/index-cache`). */
  readonly indexCacheDir: string;
}

/** A notification the extension showed; `respond` answers it as if the user clicked (or dismissed) it. */
export interface RecordedMessage {
  readonly kind: 'info' | 'warning' | 'error';
  readonly message: string;
  readonly items: readonly string[];
  /** The button chosen, by the user or by `respond`. */
  readonly answer: Promise<string | undefined>;
  respond(choice: string | undefined): void;
}

/** A quick pick; `respond` picks the item with this label (icons like `$(file)` ignored), or dismisses it. */
export interface RecordedPick {
  readonly title: string;
  readonly labels: readonly string[];
  /** Each item's description (same order as `labels`), '' when it has none. */
  readonly descriptions: readonly string[];
  respond(label: string | undefined): void;
}

/** A file dialog (never shown in test mode); `respond` returns these paths, or cancels. */
export interface RecordedDialog {
  readonly title: string;
  respond(paths: readonly string[] | undefined): void;
}

/** A progress notification: its steps so far, an event per step, and the user's Cancel button. */
export interface RecordedProgress {
  readonly title: string;
  readonly steps: readonly { readonly message?: string; readonly increment?: number }[];
  readonly onDidReport: vscode.Event<{ readonly message?: string; readonly increment?: number }>;
  /** Settles when the task ends. */
  readonly done: Promise<void>;
  cancel(): void;
}

/** Everything the extension asked the user, in order, with events for what comes next. */
export interface UiRecorder {
  readonly messages: readonly RecordedMessage[];
  readonly picks: readonly RecordedPick[];
  readonly dialogs: readonly RecordedDialog[];
  readonly progress: readonly RecordedProgress[];
  readonly onDidShowMessage: vscode.Event<RecordedMessage>;
  readonly onDidShowPick: vscode.Event<RecordedPick>;
  readonly onDidShowDialog: vscode.Event<RecordedDialog>;
  readonly onDidStartProgress: vscode.Event<RecordedProgress>;
}

/** Present only in `ExtensionMode.Test` (an extension test run): the integration suite's window on the UI. */
export interface TestingApi {
  readonly ui: UiRecorder;
}

export interface ThreatOverlapApi {
  readonly attackData: AttackDataApi;
  readonly testing?: TestingApi;
}
