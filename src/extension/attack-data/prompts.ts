/** The user-facing side of ATT&CK data: the first-run prompt, download progress, and the Restricted Mode notice. */
import * as vscode from 'vscode';
import { probeDownloadSize, mb } from '../../core/data/download';
import { pinKey, pinLabel, type AttackPin } from '../../core/data/pin';
import { restrictedModeNotice } from '../../core/data/settings';
import { attackDataUrl } from '../../core/data/source';
import type { AttackDataStatus, DownloadOutcome, DownloadRequest } from '../api';
import type { AttackDataService } from './service';
import { downloadPin, progressText } from './download';
import { COMMANDS } from '../command-ids';
import { Disposable } from '../dispose';
import type { Ui } from '../ui';

export const CHOOSE_FILE = 'Choose file…';
export const OPEN_SETTINGS = 'Open settings';
export const RETRY = 'Retry';
const PROGRESS_INTERVAL_MS = 100;

/** Downloads with a cancellable progress notification showing the bytes received; reports failures with next steps. */
export async function downloadWithProgress(ui: Ui, service: AttackDataService, request: DownloadRequest): Promise<DownloadOutcome> {
  const pin = downloadPin(request, service.status().pin);
  const title = typeof pin === 'string' ? 'Downloading ATT&CK data' : `Downloading ATT&CK ${pinLabel(pin)}`;
  const outcome = await ui.withProgress(title, (progress, token) => {
    const abort = new AbortController();
    const cancel = token.onCancellationRequested(() => abort.abort());
    let shownPercent = 0;
    let shownAt = -Infinity;
    progress.report({ message: 'connecting…' });
    return service
      .download(request, abort.signal, (p) => {
        // At most ten updates a second, plus the last one: enough for the eye, cheap for the host.
        const now = performance.now();
        if (now - shownAt < PROGRESS_INTERVAL_MS && p.received !== p.total) return;
        shownAt = now;
        const percent = p.total ? (p.received / p.total) * 100 : undefined;
        progress.report({ message: progressText(p), increment: percent === undefined ? undefined : percent - shownPercent });
        shownPercent = percent ?? shownPercent;
      })
      .finally(() => cancel.dispose());
  });
  if (outcome.ok) vscode.window.setStatusBarMessage(`$(check) ATT&CK data downloaded to ${outcome.file}`, 5000);
  else if (outcome.code === 'cancelled') void ui.showMessage('info', outcome.message ?? 'Download cancelled.');
  else void offerNextSteps(ui, ui.showMessage('error', outcome.message ?? 'Download failed.', RETRY, CHOOSE_FILE, OPEN_SETTINGS), request);
  return outcome;
}

/** Lets the user pick a bundle file or folder and applies it through the select command. */
export async function chooseBundleFile(ui: Ui): Promise<AttackDataStatus | undefined> {
  const picked = await ui.showOpenDialog({
    title: 'Choose an ATT&CK STIX bundle (or a folder of them)',
    canSelectFiles: true,
    canSelectFolders: true,
    canSelectMany: false,
    filters: { 'STIX bundle': ['json'] },
  });
  if (!picked?.[0]) return undefined;
  return vscode.commands.executeCommand<AttackDataStatus | undefined>(COMMANDS.select, picked[0].fsPath);
}

async function offerNextSteps(ui: Ui, answer: Thenable<string | undefined>, request: DownloadRequest): Promise<void> {
  const choice = await answer;
  if (choice === RETRY || choice?.startsWith('Download')) await vscode.commands.executeCommand(COMMANDS.download, request);
  else if (choice === CHOOSE_FILE) await chooseBundleFile(ui);
  else if (choice === OPEN_SETTINGS) await vscode.commands.executeCommand('workbench.action.openSettings', 'threatOverlap.attackData');
}

/** Reacts to missing data (asks once per pin, or downloads when allowed) and tells once about ignored settings. */
export class AttackDataPrompts extends Disposable {
  private readonly prompted = new Set<string>();
  private toldRestricted = false;

  constructor(
    private readonly ui: Ui,
    private readonly service: AttackDataService,
  ) {
    super();
    this.disposables.add(service.onDidFindMissing((pin) => void this.onMissing(pin)));
    this.disposables.add(service.onDidChange((status) => this.onStatus(status)));
  }

  private async onMissing(pin: AttackPin): Promise<void> {
    const request = downloadPin({ domain: pin.domain, version: pin.version }, pin);
    if (typeof request === 'string' || this.prompted.has(pinKey(pin))) return;
    this.prompted.add(pinKey(pin));
    const settings = this.service.currentSettings();
    if (settings.autoDownload) {
      await downloadWithProgress(this.ui, this.service, request);
      return;
    }
    const url = attackDataUrl(settings.urlTemplate, request.domain, request.version!);
    const size = await probeDownloadSize(url, { timeoutMs: 4000 });
    const download = size === undefined ? 'Download' : `Download (${mb(size)})`;
    const what = pin.version ? `ATT&CK ${pinLabel(pin)}, the release this threat model pins,` : `ATT&CK ${pinLabel(pin)} data`;
    const problems = this.service.status().problems;
    const why = problems.length > 0 ? ` (${problems[0]})` : '';
    const message =
      `Threat Overlap needs ${what} and found none in the settings or the download cache${why}. ` +
      `Download release ${request.version} from ${hostOf(url)}, or choose a STIX bundle you already have.`;
    await offerNextSteps(this.ui, this.ui.showMessage('warning', message, download, CHOOSE_FILE, OPEN_SETTINGS), request);
  }

  private onStatus(status: AttackDataStatus): void {
    const message = restrictedModeNotice(status.ignoredSettings);
    if (this.toldRestricted || message === undefined) return;
    this.toldRestricted = true;
    void this.ui.showMessage('info', message, 'Manage Workspace Trust').then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
    });
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
