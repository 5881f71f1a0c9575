/** The ATT&CK data commands: download, select, show source. Each returns a result tests can assert on. */
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { listCachedBundles } from '../../core/data/source';
import type { AttackDataStatus, DownloadOutcome, DownloadRequest } from '../api';
import type { AttackDataService } from './service';
import { targetForPath } from './settings';
import { CHOOSE_FILE, chooseBundleFile, downloadWithProgress } from './prompts';
import { describeSource } from './status-view';
import { COMMANDS } from '../command-ids';
import type { DisposableStore } from '../dispose';
import type { Ui } from '../ui';

type PathArg = string | vscode.Uri | { path: string };

/** Registers the commands into `store`. */
export function registerAttackDataCommands(store: DisposableStore, ui: Ui, service: AttackDataService): void {
  store.add(vscode.commands.registerCommand(COMMANDS.download, (request?: DownloadRequest) => download(ui, service, request)));
  store.add(vscode.commands.registerCommand(COMMANDS.select, (arg?: PathArg) => select(ui, service, arg)));
  store.add(vscode.commands.registerCommand(COMMANDS.showSource, () => showSource(ui, service)));
}

/** Arguments come from keybindings and other extensions too: keep only well-formed strings. */
function download(ui: Ui, service: AttackDataService, request?: DownloadRequest): Promise<DownloadOutcome> {
  service.engage();
  const r = request && typeof request === 'object' ? request : {};
  return downloadWithProgress(ui, service, { domain: str(r.domain), version: str(r.version), url: str(r.url) });
}

/** With a path (string, Uri or {path}), uses it; without, offers known bundles, a file dialog and a download. */
async function select(ui: Ui, service: AttackDataService, arg?: PathArg): Promise<AttackDataStatus | undefined> {
  service.engage();
  const given = typeof arg === 'string' ? arg : arg instanceof vscode.Uri ? arg.fsPath : typeof arg?.path === 'string' ? arg.path : undefined;
  if (given !== undefined) return applyPath(ui, service, path.resolve(given));
  type Item = vscode.QuickPickItem & { run: () => Promise<AttackDataStatus | undefined> };
  const settings = service.currentSettings();
  const known = new Map<string, string>();
  if (settings.path) known.set(settings.path, `Current setting (${settings.pathScope})`);
  for (const b of await listCachedBundles(service.cacheDir)) if (!known.has(b.file)) known.set(b.file, `Downloaded ${b.domain} ${b.version}`);
  const items: Item[] = [...known].map(([file, description]) => ({
    label: `$(file) ${path.basename(file)}`, description, detail: file, run: () => applyPath(ui, service, file),
  }));
  items.push(
    { label: '', kind: vscode.QuickPickItemKind.Separator, run: async () => undefined },
    { label: `$(folder-opened) ${CHOOSE_FILE}`, run: () => chooseBundleFile(ui) },
    { label: '$(cloud-download) Download…', description: service.status().label, run: async () => (await download(ui, service), service.status()) },
  );
  const inUse = service.status().text.replace(/\$\([^)]*\)\s*/g, '');
  const picked = await ui.pick(items, { title: 'Select ATT&CK Data', placeholder: `In use: ${inUse}` });
  return picked?.run();
}

/** Checks the path, writes the setting at the right target (user, or workspace for a bundle inside it), reloads. */
async function applyPath(ui: Ui, service: AttackDataService, file: string): Promise<AttackDataStatus | undefined> {
  if (!(await stat(file).catch(() => undefined))) {
    void ui.showMessage('error', `ATT&CK data not found: ${file} does not exist. Choose a STIX bundle file or a folder of them.`);
    return undefined;
  }
  const { target, value } = targetForPath(file);
  await vscode.workspace.getConfiguration('threatOverlap.attackData').update('path', value, target);
  const status = await service.reload();
  if (status.data?.origin !== 'setting' || status.data.file !== file) {
    const why = status.problems.find((p) => p.includes(file)) ?? status.problems[0] ?? 'it is not a bundle of that release';
    void ui.showMessage('error', `ATT&CK ${status.label} is not served by ${file}: ${why}. The setting was saved; choose another file or fix it.`);
  }
  return status;
}

/** Shows where the data in use comes from; returns the status. */
function showSource(ui: Ui, service: AttackDataService): AttackDataStatus {
  service.engage();
  const s = service.status();
  void ui.showMessage('info', describeSource(s), 'Select ATT&CK Data…').then((choice) => {
    if (choice) void vscode.commands.executeCommand(COMMANDS.select);
  });
  return s;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
