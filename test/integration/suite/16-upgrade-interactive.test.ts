/**
 * "Upgrade Model to ATT&CK Release…" as a user runs it: no arguments, the release picked, the plan read, the
 * confirmation answered (or not) — every window interaction answered through the test-mode UI recorder.
 */
import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RecordedPick } from '../../../src/extension/api';
import { messageSince, recorder, stixDir } from '../helpers/api';
import { openLang, revertAndCloseAll, useRealAttackData } from '../helpers/lang';
import { nextEvent, recordedOrNext } from '../helpers/wait';

interface Outcome {
  readonly applied: boolean;
  readonly message?: string;
}

interface StixObject {
  readonly id: string;
  readonly type: string;
  readonly name?: string;
  readonly revoked?: boolean;
  readonly source_ref?: string;
  readonly target_ref?: string;
  readonly relationship_type?: string;
  readonly external_references?: readonly { readonly source_name: string; readonly external_id?: string }[];
}

const FIXTURE = 'legacy-interactive.threatmodel.yaml';
const REVOKED = 'T1574.002';
const attackId = (o: StixObject): string | undefined => o.external_references?.find((r) => r.source_name === 'mitre-attack')?.external_id;

/** What the real 18.1 bundle says replaces a revoked technique: its ID and name (via the `revoked-by` relationship). */
async function replacementIn18(id: string): Promise<{ id: string; name: string }> {
  const bundle = JSON.parse(await readFile(path.join(stixDir(), 'enterprise-attack-18.1.json'), 'utf8')) as { objects: StixObject[] };
  const revoked = bundle.objects.find((o) => o.type === 'attack-pattern' && attackId(o) === id);
  assert.ok(revoked?.revoked, `${id} is revoked in the 18.1 bundle`);
  const link = bundle.objects.find((o) => o.type === 'relationship' && o.relationship_type === 'revoked-by' && o.source_ref === revoked.id);
  const target = bundle.objects.find((o) => o.id === link?.target_ref);
  const targetId = target && attackId(target);
  assert.ok(targetId && target.name, `${id} has a revoked-by target in the 18.1 bundle`);
  return { id: targetId, name: target.name };
}

/** Runs the command on the active editor with no arguments and answers the release pick with `release`. */
async function startUpgrade(release: string): Promise<{ outcome: Thenable<Outcome>; pick: RecordedPick }> {
  const ui = await recorder();
  const since = ui.picks.length;
  const outcome = vscode.commands.executeCommand<Outcome>('threatOverlap.upgradeModel');
  const pick = await recordedOrNext(ui.picks, since, ui.onDidShowPick, (p) => /^Upgrade from ATT&CK 15\.1/.test(p.title), 'the release pick');
  pick.respond(release);
  return { outcome, pick };
}

/** The plan document the command opened (untitled Markdown), once the confirmation is showing. */
function planDocument(): vscode.TextDocument {
  const plan = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'untitled' && d.languageId === 'markdown' && d.getText().startsWith('# Upgrade'));
  assert.ok(plan, 'the plan opened as a Markdown document');
  return plan;
}

/** Reverts and closes the (untitled, so dirty) plan documents without a save prompt. */
async function closePlans(): Promise<void> {
  for (const plan of vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'untitled' && d.languageId === 'markdown' && !d.isClosed)) {
    const closed = nextEvent(vscode.workspace.onDidCloseTextDocument, (d) => d.uri.toString() === plan.uri.toString(), 'the plan to close');
    await vscode.window.showTextDocument(plan);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await closed;
  }
}

describe('language: interactive upgrade', () => {
  let restore: () => Promise<void>;
  before(async () => {
    restore = await useRealAttackData();
  });
  afterEach(async () => {
    await closePlans();
    await revertAndCloseAll();
  });
  after(() => restore());

  it('picks 18.1, shows the plan from the real data and applies it when confirmed', async () => {
    const replacement = await replacementIn18(REVOKED);
    const editor = await openLang(FIXTURE);
    const messages = (await recorder()).messages.length;
    const { outcome, pick } = await startUpgrade('18.1');
    assert.ok(pick.labels.includes('18.1') && !pick.labels.includes('15.1'), pick.labels.join(', '));
    const confirm = await messageSince(messages, /^Upgrade legacy-interactive\.threatmodel\.yaml to ATT&CK 18\.1: \d+ edits? in 1 file\?/);
    assert.deepEqual(confirm.items, ['Apply']);
    const plan = planDocument();
    const text = plan.getText();
    assert.match(text, /^# Upgrade Legacy Desktop from ATT&CK 15\.1 to 18\.1\n/);
    assert.match(text, /attack\.version: "15\.1" → "18\.1"/);
    assert.ok(text.includes(REVOKED) && text.includes(`replaced by ${replacement.id}`), text);
    assert.match(text, /Azure AD/);
    assert.equal(editor.document.isDirty, false, 'nothing changes before the answer');
    confirm.respond('Apply');
    const result = await outcome;
    assert.equal(result.applied, true, result.message);
    const after = editor.document.getText();
    assert.match(after, /attack: \{ domain: enterprise-attack, version: "18\.1" \}/);
    assert.ok(after.includes(`techniques: [${replacement.id}, T1059.001]`), after);
    assert.match(after, /platforms: \[Windows, Identity Provider\]/);
  });

  it('changes nothing when the user cancels at the confirmation', async () => {
    const editor = await openLang(FIXTURE);
    const before = editor.document.getText();
    assert.match(before, /version: "15\.1"/);
    const messages = (await recorder()).messages.length;
    const { outcome } = await startUpgrade('18.1');
    const confirm = await messageSince(messages, /^Upgrade legacy-interactive\.threatmodel\.yaml to ATT&CK 18\.1/);
    assert.match(planDocument().getText(), /replaced by T\d{4}/);
    confirm.respond(undefined);
    const result = await outcome;
    assert.equal(result.applied, false);
    assert.equal(editor.document.getText(), before);
    assert.equal(editor.document.isDirty, false);
  });
});
