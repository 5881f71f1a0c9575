/** "Threat Overlap: Select ATT&CK Data…": by argument, from the quick pick, inside the workspace, and bad choices. */
import * as assert from 'node:assert/strict';
import { rm, symlink } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AttackDataStatus } from '../../../src/extension/api';
import { api, dataConfig, ensureCachedBundle, messageSince, recorder, setUserSetting, settledStatus, stixDir, workspaceDir } from '../helpers/api';
import { recordedOrNext } from '../helpers/wait';

const SELECT = 'threatOverlap.selectAttackData';
const select = (arg?: unknown) => vscode.commands.executeCommand<AttackDataStatus | undefined>(SELECT, arg);

describe('Select ATT&CK Data…', () => {
  before(async () => {
    await ensureCachedBundle();
    const s = await settledStatus();
    assert.equal(s.label, 'enterprise 18.1', 'back on the workspace model');
  });
  afterEach(async () => {
    await dataConfig().update('path', undefined, vscode.ConfigurationTarget.Workspace);
    await setUserSetting('path', undefined);
  });

  it('with a bundle file: stores it in the user settings and uses it', async () => {
    const file = path.join(stixDir(), 'enterprise-attack-18.1.json');
    const s = await select(file);
    assert.equal(s?.state, 'ready');
    assert.equal(s?.data?.origin, 'setting');
    assert.equal(s?.data?.file, file);
    assert.equal(dataConfig().inspect('path')?.globalValue, file);
    assert.equal(s?.data?.fromCache, true, 'the compact index of this content is already cached (by SHA-256)');
  });

  it('with a folder: finds <domain>-<version>.json for the pin', async () => {
    const s = await select(vscode.Uri.file(stixDir()));
    assert.equal(s?.data?.origin, 'setting');
    assert.equal(s?.data?.file, path.join(stixDir(), 'enterprise-attack-18.1.json'));
  });

  it('a path that does not exist: says so and changes nothing', async () => {
    const since = (await recorder()).messages.length;
    const missing = path.join(workspaceDir(), 'no-such-bundle.json');
    assert.equal(await select(missing), undefined);
    const m = await messageSince(since, /ATT&CK data not found/);
    assert.equal(m.kind, 'error');
    assert.match(m.message, /no-such-bundle\.json does not exist/);
    assert.equal(dataConfig().inspect('path')?.globalValue, undefined);
  });

  it('a bundle of another domain: explains why it is not used; the download cache still serves', async () => {
    const since = (await recorder()).messages.length;
    const s = await select(path.join(stixDir(), 'mobile-attack-18.1.json'));
    assert.equal(s?.state, 'ready');
    assert.equal(s?.data?.origin, 'cache', 'falls back to the downloaded bundle');
    const m = await messageSince(since, /is not served by/);
    assert.match(m.message, /mobile/);
  });

  it('a bundle inside the workspace goes to the workspace settings as a relative path', async () => {
    const link = path.join(workspaceDir(), 'attack', 'enterprise-attack-18.1.json');
    await vscode.workspace.fs.createDirectory(vscode.Uri.file(path.dirname(link)));
    await symlink(path.join(stixDir(), 'enterprise-attack-18.1.json'), link);
    try {
      const s = await select(link);
      assert.equal(s?.data?.origin, 'setting');
      assert.equal(dataConfig().inspect('path')?.workspaceValue, path.join('attack', 'enterprise-attack-18.1.json'));
      assert.equal((await api()).attackData.status().data?.file, link);
    } finally {
      await rm(path.dirname(link), { recursive: true, force: true });
    }
  });

  it('without an argument: a quick pick of known bundles, Choose file… and Download…', async () => {
    const ui = await recorder();
    const since = ui.picks.length;
    const running = select();
    const pick = await recordedOrNext(ui.picks, since, ui.onDidShowPick, () => true, 'the quick pick');
    assert.equal(pick.title, 'Select ATT&CK Data');
    assert.ok(pick.labels.includes('enterprise-attack-18.1.json'), pick.labels.join(', '));
    assert.ok(pick.labels.includes('Choose file…'));
    assert.ok(pick.labels.includes('Download…'));
    pick.respond('enterprise-attack-18.1.json');
    const s = await running;
    assert.equal(s?.data?.origin, 'setting');
    assert.equal(s?.data?.file, path.join((await api()).attackData.cacheDir, 'enterprise-attack-18.1.json'));
  });

  it('dismissing the quick pick changes nothing', async () => {
    const ui = await recorder();
    const since = ui.picks.length;
    const running = select();
    const pick = await recordedOrNext(ui.picks, since, ui.onDidShowPick, () => true, 'the quick pick');
    pick.respond(undefined);
    assert.equal(await running, undefined);
    assert.equal(dataConfig().inspect('path')?.globalValue, undefined);
  });
});
