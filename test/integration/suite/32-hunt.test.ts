/** "Create Hunt Plan" in a real extension host: the plan opens as a Markdown document with hypotheses and candidate rules. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { setUserSetting, stixDir, workspaceDir } from '../helpers/api';

interface HuntOutcome { model?: string; gaps?: number; hypotheses?: number; document?: string; problem?: string }
const file = (name: string) => path.join(workspaceDir(), 'hunt', name);
const hunt = () => vscode.workspace.getConfiguration('threatOverlap.hunt');

describe('hunt plan', () => {
  before(async () => {
    const s = await setUserSetting('path', stixDir());
    assert.equal(s.state, 'ready', `ATT&CK data from ${stixDir()}: ${s.problems.join('; ')}`);
    await hunt().update('ruleLibrary', file('rules'), vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await hunt().update('ruleLibrary', undefined, vscode.ConfigurationTarget.Global);
    await setUserSetting('path', undefined);
  });

  it('is a palette command of the Threat Overlap category', async () => {
    const manifest = vscode.extensions.all.find((e) => e.packageJSON?.name === 'threat-overlap')?.packageJSON as { contributes: { commands: { command: string; category: string; title: string }[] } };
    const command = manifest.contributes.commands.find((c) => c.command === 'threatOverlap.createHuntPlan');
    assert.deepEqual([command?.category, command?.title], ['Threat Overlap', 'Create Hunt Plan']);
    assert.ok((await vscode.commands.getCommands(true)).includes('threatOverlap.createHuntPlan'));
  });

  it('opens the plan of the active model beside it: testable hypotheses, tunables and the library rule', async () => {
    const doc = await vscode.workspace.openTextDocument(file('hunt.threatmodel.yaml'));
    await vscode.window.showTextDocument(doc);
    const outcome = await vscode.commands.executeCommand<HuntOutcome>('threatOverlap.createHuntPlan');
    assert.equal(outcome?.problem, undefined, JSON.stringify(outcome));
    assert.equal(outcome?.model, file('hunt.threatmodel.yaml'));
    assert.equal(outcome?.gaps, 2);
    assert.ok((outcome?.hypotheses ?? 0) >= 2, JSON.stringify(outcome));
    const plan = vscode.workspace.textDocuments.find((d) => d.uri.toString() === outcome?.document);
    assert.ok(plan, 'the plan document is open');
    assert.equal(plan.languageId, 'markdown');
    assert.ok(plan.isUntitled, 'an untitled document: the user saves it where they like');
    assert.ok(vscode.window.visibleTextEditors.some((e) => e.document === plan), 'and visible');
    const text = plan.getText();
    assert.ok(text.startsWith('# Hunt plan: Hunt plan fixture'), text.slice(0, 200));
    assert.match(text, /\*\*Hypothesis\*\*.*If Sector ransomware used PowerShell \\\(T1059\\\.001\\\) on Staff laptops/);
    assert.match(text, /Testable: yes/);
    assert.match(text, /Tune: `/);
    assert.match(text, /Encoded PowerShell Fixture Rule — `encoded_powershell\.yml:1` \(sigma, stable, product\\: windows, category\\: process\\_creation; usable here\)/);
  });
});
