/**
 * First run for a model whose pinned release is nowhere: the notification's buttons, driven as a user would click
 * them. The download URL setting points at a real server on 127.0.0.1 (a mirror, with {domain}/{version}).
 */
import * as assert from 'node:assert/strict';
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { mb } from '../../../src/core/data/download';
import { api, messageSince, recorder, setUserSetting, stixDir, statusWhere, workspaceDir } from '../helpers/api';
import { startStixServer, type StixServer } from '../helpers/stix-server';
import { recordedOrNext } from '../helpers/wait';

async function openModel(relative: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(path.join(workspaceDir(), relative));
  await vscode.window.showTextDocument(doc);
}

describe('first run: no data for the pinned release', () => {
  let server: StixServer;

  before(async () => {
    server = await startStixServer(stixDir());
    await setUserSetting('url', server.url('ok'));
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setUserSetting('url', undefined);
    await setUserSetting('autoDownload', undefined);
    await setUserSetting('path', undefined);
    await server.close();
  });

  it('opening a Mobile 18.1 model asks, with the size of the download, and "Download" fetches it', async () => {
    const ui = await recorder();
    const since = ui.messages.length;
    const progressSince = ui.progress.length;
    await openModel('secondary/mobile.threatmodel.yaml');
    const prompt = await messageSince(since, /needs ATT&CK mobile 18\.1/);
    const size = (await stat(path.join(stixDir(), 'mobile-attack-18.1.json'))).size;
    assert.equal(prompt.items[0], `Download (${mb(size)})`, 'the size comes from a HEAD request to the mirror');
    assert.match(prompt.message, /127\.0\.0\.1/, 'names the configured mirror');
    assert.ok(server.requests.includes('HEAD /ok/mobile-attack-18.1.json'), server.requests.join(', '));
    prompt.respond(prompt.items[0]);
    const progress = await recordedOrNext(ui.progress, progressSince, ui.onDidStartProgress, () => true, 'the download progress');
    assert.equal(progress.title, 'Downloading ATT&CK mobile 18.1');
    const s = await statusWhere((x) => x.pin.domain === 'mobile-attack' && x.state === 'ready', 'mobile 18.1 to be ready');
    assert.equal(s.data?.origin, 'download');
    assert.equal(s.text, 'ATT&CK mobile 18.1');
    assert.ok(server.requests.includes('GET /ok/mobile-attack-18.1.json'));
  });

  it('with autoDownload on, an ICS 18.1 model downloads without asking', async () => {
    await setUserSetting('autoDownload', true);
    const ui = await recorder();
    const since = ui.messages.length;
    const progressSince = ui.progress.length;
    await openModel('secondary/plant.threatmodel.yaml');
    const progress = await recordedOrNext(ui.progress, progressSince, ui.onDidStartProgress, () => true, 'the download progress');
    assert.equal(progress.title, 'Downloading ATT&CK ics 18.1');
    const s = await statusWhere((x) => x.pin.domain === 'ics-attack' && x.state === 'ready', 'ics 18.1 to be ready');
    assert.equal(s.data?.origin, 'download');
    assert.equal(s.data?.versionSource, 'collection', 'attack-stix-data bundles name their release');
    assert.equal(ui.messages.slice(since).filter((m) => /needs ATT&CK ics/.test(m.message)).length, 0, 'no question asked');
  });

  it('"Choose file…" lets the user pick a bundle they have; it becomes the path setting', async () => {
    await setUserSetting('autoDownload', undefined);
    const ui = await recorder();
    const since = ui.messages.length;
    const dialogsSince = ui.dialogs.length;
    await openModel('secondary/legacy.threatmodel.yaml');
    const prompt = await messageSince(since, /needs ATT&CK enterprise 15\.1/);
    prompt.respond('Choose file…');
    const dialog = await recordedOrNext(ui.dialogs, dialogsSince, ui.onDidShowDialog, () => true, 'the file dialog');
    assert.match(dialog.title, /ATT&CK STIX bundle/);
    const file = path.join(stixDir(), 'enterprise-attack-15.1.json');
    dialog.respond([file]);
    const s = await statusWhere((x) => x.pin.version === '15.1' && x.state === 'ready', 'enterprise 15.1 to be ready');
    assert.equal(s.data?.origin, 'setting');
    assert.equal(s.data?.file, file);
    assert.equal(vscode.workspace.getConfiguration('threatOverlap.attackData').inspect('path')?.globalValue, file, 'a file outside the workspace goes to user settings');
    const a = (await api()).attackData;
    assert.equal(a.status().label, 'enterprise 15.1');
  });
});
