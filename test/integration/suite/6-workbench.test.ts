/** The end state as the user sees it: the model open, its data ready, the status bar item showing domain and version. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ensureCachedBundle, statusWhere, workspaceDir } from '../helpers/api';
import { captureDir, captureWorkbench } from '../helpers/runner';

describe('the workbench with the extension active', () => {
  before(() => ensureCachedBundle());

  it('shows the model and "ATT&CK enterprise 18.1" in the status bar (screenshot: workbench.png)', async function () {
    if (!captureDir()) this.skip(); // only the code-server runner can look at the page
    const doc = await vscode.workspace.openTextDocument(path.join(workspaceDir(), 'payments.threatmodel.yaml'));
    await vscode.window.showTextDocument(doc);
    const status = await statusWhere((s) => s.state === 'ready' && s.label === 'enterprise 18.1', 'enterprise 18.1 ready');
    await vscode.commands.executeCommand('notifications.clearAll');
    const seen = await captureWorkbench('workbench');
    const item = seen.statusBar.find((e) => e.text.includes('ATT&CK'));
    assert.ok(item, `an ATT&CK status bar item among ${seen.statusBar.map((e) => e.text).join(' | ')}`);
    assert.equal(item.text, status.text);
    assert.equal(item.warning, false);
    assert.match(item.ariaLabel, /ATT&CK enterprise 18\.1/);
    assert.deepEqual(seen.notifications, [], 'notifications cleared');
  });
});
