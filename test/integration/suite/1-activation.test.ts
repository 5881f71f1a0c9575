/** Activation and the first-run state: a workspace with a threat model, an empty download cache, no settings. */
import * as assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import * as vscode from 'vscode';
import { api, extension, messageSince, recorder, settledStatus } from '../helpers/api';
import { captureDir, captureWorkbench } from '../helpers/runner';

const COMMANDS = ['threatOverlap.selectAttackData', 'threatOverlap.downloadAttackData', 'threatOverlap.showAttackDataSource'];

describe('activation', () => {
  it('is activated by workspaceContains:**/*.threatmodel.{yaml,yml} before the suite asks', () => {
    // The host runs tests only after its eager (workspaceContains) activations: nobody called activate() yet.
    assert.equal(extension().isActive, true);
  });

  it('exports its API, with test hooks because this is an extension test run', async () => {
    const a = await api();
    assert.equal(typeof a.attackData.status, 'function');
    assert.equal(typeof a.attackData.download, 'function');
    assert.ok(a.testing?.ui, 'testing.ui');
  });

  it('contributes the ATT&CK data commands and registers every contributed command', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    const contributed = (extension().packageJSON as { contributes: { commands: { command: string; category: string }[] } }).contributes.commands;
    for (const c of COMMANDS) assert.ok(contributed.some((x) => x.command === c), `${c} is contributed`);
    for (const c of contributed) {
      assert.ok(all.has(c.command), `${c.command} is registered at activation`);
      assert.equal(c.category, 'Threat Overlap', `${c.command} has the category`);
    }
  });

  it('finds the workspace model and its pin (enterprise 18.1); with an empty cache the data is missing', async () => {
    const s = await settledStatus();
    assert.deepEqual(s.pin, { domain: 'enterprise-attack', version: '18.1' });
    assert.equal(s.state, 'missing');
    assert.equal(s.label, 'enterprise 18.1');
    assert.equal(s.data, undefined);
    assert.equal(s.trusted, true, 'extension test runs are trusted');
    assert.deepEqual(await readdir((await api()).attackData.cacheDir), [], 'the download cache starts empty');
  });

  it('the status bar item shows the domain and version, with a warning while data is missing', async () => {
    const s = (await api()).attackData.status();
    assert.equal(s.text, '$(warning) ATT&CK enterprise 18.1');
    assert.match(s.tooltip, /No ATT&CK data for enterprise 18\.1/);
    assert.match(s.tooltip, /Select ATT&CK Data/);
  });

  it('the workbench shows the warning status bar item and the notification with its three buttons', async function () {
    if (!captureDir()) this.skip(); // only the code-server runner can look at the page
    assert.ok(vscode.env.remoteName, 'a code-server window is a remote window (machine-scoped settings come from the Remote settings)');
    await messageSince(0, /needs ATT&CK enterprise 18\.1/);
    const seen = await captureWorkbench('first-run');
    const item = seen.statusBar.find((e) => e.text.includes('ATT&CK'));
    assert.ok(item, `an ATT&CK status bar item among ${seen.statusBar.map((e) => e.text).join(' | ')}`);
    assert.equal(item.text, 'ATT&CK enterprise 18.1');
    assert.equal(item.warning, true, 'shown in the warning colours');
    const toast = seen.notifications.find((n) => n.message.includes('needs ATT&CK enterprise 18.1'));
    assert.ok(toast, `the prompt among ${seen.notifications.map((n) => n.message).join(' | ')}`);
    assert.deepEqual(toast.buttons.slice(1), ['Choose file…', 'Open settings']);
    assert.match(toast.buttons[0] ?? '', /^Download/);
  });

  it('explains the missing data once and offers Download, Choose file… and Open settings', async () => {
    const prompt = await messageSince(0, /needs ATT&CK enterprise 18\.1/);
    assert.equal(prompt.kind, 'warning');
    assert.match(prompt.message, /the release this threat model pins/);
    assert.match(prompt.message, /raw\.githubusercontent\.com/, 'names where the download comes from');
    assert.equal(prompt.items.length, 3);
    // Offline, the size of MITRE's file cannot be asked: the button then says just "Download".
    assert.match(prompt.items[0]!, /^Download( \(\d+(\.\d)? MB\))?$/);
    assert.deepEqual(prompt.items.slice(1), ['Choose file…', 'Open settings']);
    // code-server is a remote window: a data path in the local User settings would not apply here, so say where it goes.
    if (vscode.env.remoteName) assert.match(prompt.message, /remote window \(.+\) threatOverlap\.attackData\.path is read from the Remote settings/);
    const ui = await recorder();
    assert.equal(ui.messages.filter((m) => /needs ATT&CK enterprise 18\.1/.test(m.message)).length, 1, 'asked once');
    prompt.respond(undefined);
    assert.equal(await prompt.answer, undefined);
  });
});
