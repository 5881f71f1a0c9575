/**
 * Gap triage in the editor, in a real extension host, on the example model as of 2026-12-03 (policy.asOf in the
 * fixture copy, test/integration/workspace/triage): Problems severity by outcome (Act error for T1486), Track hints
 * hidden and shown by threatOverlap.triage.showTrack, the triage.* diagnostics on their lines, the Accept Risk and
 * Add Mitigation quick fixes changing the files, and the outcome CodeLens over the adversaries.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { recorder, workspaceDir } from '../helpers/api';
import { codeOf, diagnosticsWhere, revertAndCloseAll, useRealAttackData } from '../helpers/lang';
import { nextEvent, recordedOrNext } from '../helpers/wait';

interface Summary {
  model: string;
  status: string;
  asOf?: string;
  summary?: { gaps: number; accepted: number; act: number; attend: number; trackStar: number; track: number };
  gaps?: string[];
}
const SOURCE = 'Threat Overlap gap check';
const file = (name: string) => path.join(workspaceDir(), 'triage', name);
const modelUri = () => vscode.Uri.file(file('payments.threatmodel.yaml'));
const gapDiagnostics = () => vscode.languages.getDiagnostics(modelUri()).filter((d) => d.source === SOURCE);
const S = vscode.DiagnosticSeverity;

async function runCheck(): Promise<Summary> {
  const [summary] = (await vscode.commands.executeCommand<Summary[]>('threatOverlap.runGapCheck', modelUri()))!;
  assert.equal(summary?.status, 'analysed', JSON.stringify(summary));
  return summary;
}

const t1486 = () => gapDiagnostics().find((d) => d.message.includes('Gap: T1486 '));

describe('triage in the editor', () => {
  let restore: () => Promise<void>;
  let summary: Summary;
  before(async () => {
    restore = await useRealAttackData();
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(modelUri()));
    summary = await runCheck();
  });
  after(async () => {
    await vscode.workspace.getConfiguration('threatOverlap.triage').update('showTrack', undefined, vscode.ConfigurationTarget.Global);
    await revertAndCloseAll();
    await restore();
  });

  it('Problems severity follows the outcome: Act error (T1486), Attend warning, Track* information, Track hint', () => {
    const s = summary.summary!;
    assert.equal(summary.asOf, '2026-12-03', 'policy.asOf of the fixture is the triage date');
    assert.deepEqual([s.act, s.attend, s.trackStar, s.track], [1, 91, 22, 63], 'the example distribution as of 2026-12-03 (docs/triage.md)');
    assert.equal(summary.gaps![0], 'T1486');
    const ds = gapDiagnostics();
    assert.equal(ds.length, s.gaps);
    const count = (sev: vscode.DiagnosticSeverity) => ds.filter((d) => d.severity === sev).length;
    assert.deepEqual([count(S.Error), count(S.Warning), count(S.Information), count(S.Hint)], [s.act, s.attend, s.trackStar, s.track]);
    const act = t1486();
    assert.equal(act?.severity, S.Error);
    assert.ok(act.message.startsWith('Act: active · automatable · open · high — Gap: T1486 Data Encrypted for Impact '), act.message);
    for (const d of ds.filter((x) => x.severity === S.Warning)) assert.ok(d.message.startsWith('Attend: '), d.message);
    for (const d of ds.filter((x) => x.severity === S.Hint)) assert.ok(d.message.startsWith('Track: '), d.message);
  });

  it('threatOverlap.triage.showTrack lists Track gaps as information; off again, they are hints', async () => {
    const config = vscode.workspace.getConfiguration('threatOverlap.triage');
    const trackIs = (sev: vscode.DiagnosticSeverity) => () => {
      const track = gapDiagnostics().filter((d) => d.message.startsWith('Track: '));
      return track.length === summary.summary!.track && track.every((d) => d.severity === sev);
    };
    const shown = nextEvent(vscode.languages.onDidChangeDiagnostics, trackIs(S.Information), 'Track gaps as information');
    await config.update('showTrack', true, vscode.ConfigurationTarget.Global);
    await shown;
    assert.equal(gapDiagnostics().filter((d) => d.severity === S.Hint).length, 0, 'no hints left');
    assert.equal(t1486()?.severity, S.Error, 'the others keep their severity');
    const hidden = nextEvent(vscode.languages.onDidChangeDiagnostics, trackIs(S.Hint), 'Track gaps as hints again');
    await config.update('showTrack', undefined, vscode.ConfigurationTarget.Global);
    await hidden;
  });

  it('the triage.* diagnostics of the model are on their lines: the ended acceptance, the orphaned assessment', async () => {
    const doc = await vscode.workspace.openTextDocument(modelUri());
    const lineOf = (needle: string) => doc.getText().split('\n').findIndex((l) => l.includes(needle));
    const ds = await diagnosticsWhere(modelUri(), (x) => x.some((d) => codeOf(d) === 'triage.acceptance-ended'), 'triage.acceptance-ended');
    const ended = ds.find((d) => codeOf(d) === 'triage.acceptance-ended')!;
    assert.equal(ended.range.start.line, lineOf('until: 2026-11-30'));
    assert.equal(doc.getText(ended.range), '2026-11-30');
    assert.match(ended.message, /storage@example\.com.*ended on 2026-11-30/);
    const orphan = ds.find((d) => codeOf(d) === 'triage.assessment-orphaned');
    assert.equal(orphan?.range.start.line, lineOf('exposure: small, reason: Badge'));
    assert.match(orphan.message, /T1200 is excluded/);
  });

  it('the CodeLens over each adversary counts its Act and Attend gaps and runs the gap check', async () => {
    const doc = await vscode.workspace.openTextDocument(modelUri());
    const intelLine = doc.getText().split('\n').findIndex((l) => l.includes('Ransomware seen in our sector'));
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', modelUri());
    const onIntel = lenses.filter((l) => l.range.start.line === intelLine).map((l) => l.command);
    const outcome = onIntel.find((c) => / Act · /.test(c?.title ?? ''));
    assert.match(outcome?.title ?? '', /^1 Act · \d+ Attend gaps?$/, JSON.stringify(onIntel.map((c) => c?.title)));
    assert.equal(outcome!.command, 'threatOverlap.runGapCheck');
    const fin7 = lenses.find((l) => doc.lineAt(l.range.start.line).text.includes('G0046') && / Act · /.test(l.command?.title ?? ''));
    assert.match(fin7?.command?.title ?? '', /^1 Act · \d+ Attend gaps$/, 'FIN7 brings T1486 in through Maze and REvil');
  });

  it('hover over T1486 shows its outcome, each decision point and what closes it', async () => {
    const doc = await vscode.workspace.openTextDocument(modelUri());
    const at = doc.positionAt(doc.getText().indexOf('T1486') + 2);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', modelUri(), at);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /Triage: \*\*Act\*\* \(active · automatable · open · high\)/);
    for (const p of ['activity', 'automatable', 'exposure', 'missionImpact']) assert.match(text, new RegExp(`  - ${p}: `));
    assert.match(text, /What closes it: .*M1053/);
    const until = doc.positionAt(doc.getText().indexOf('2026-11-30'));
    const over = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', modelUri(), until);
    // Markdown-escaped (text/markdown.ts): compared as it renders.
    const rendered = over.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n').replace(/\\(.)/g, '$1');
    assert.match(rendered, /Acceptance of T1649:\*\* The acceptance by storage@example\.com ended on 2026-11-30/);
  });

  it('completion: an acceptance\'s until (triage date + 90 days first), the decision points of an assessment, gaps first', async () => {
    const doc = await vscode.workspace.openTextDocument(modelUri());
    const labels = async (needle: string, offset: number) => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', modelUri(), doc.positionAt(doc.getText().indexOf(needle) + offset));
      return list.items.filter((i) => i.sortText !== undefined).sort((a, b) => a.sortText!.localeCompare(b.sortText!)).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    };
    assert.deepEqual((await labels('2026-11-30', 0)).slice(0, 3), ['2027-03-03', '2027-01-02', '2027-12-03']);
    assert.deepEqual(await labels('exposure: small, reason: Badge', 'exposure: '.length), ['small', 'controlled', 'open']);
    assert.equal((await labels('id: T1649', 'id: '.length))[0], 'T1486', 'the most urgent gap first');
  });

  it('"Accept risk for T1486" inserts an acceptance (owner, until asOf + 90 days) and selects the reason', async () => {
    const d = t1486()!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', modelUri(), d.range, vscode.CodeActionKind.QuickFix.value);
    const accept = actions.find((a) => a.title.startsWith('Accept risk for T1486'));
    assert.ok(accept?.edit, actions.map((a) => a.title).join(' | '));
    assert.equal(accept.title, 'Accept risk for T1486 (Act) until 2027-03-03');
    assert.equal(await vscode.workspace.applyEdit(accept.edit), true);
    const doc = await vscode.workspace.openTextDocument(modelUri());
    assert.match(doc.getText(), /\n {4}- \{ id: T1486, reason: "TODO: why is this risk accepted\?", owner: security-architecture@example\.com, until: 2027-03-03 \}\n/);
    assert.match(doc.getText(), /# spread by scripted tooling across the estate/, 'comments kept');
    assert.ok(accept.command);
    assert.equal(await vscode.commands.executeCommand(accept.command.command, ...(accept.command.arguments ?? [])), true);
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.getText(editor.selection), 'TODO: why is this risk accepted?');
  });

  it('"Add mitigation M1053 … to an inventory…" asks which inventory and adds a planned control there', async () => {
    const d = t1486()!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', modelUri(), d.range, vscode.CodeActionKind.QuickFix.value);
    const add = actions.find((a) => a.title === 'Add mitigation M1053 Data Backup to an inventory…');
    assert.ok(add?.command, actions.map((a) => a.title).join(' | '));
    const ui = await recorder();
    const since = ui.picks.length;
    const running = vscode.commands.executeCommand<{ control?: string; inventory?: string; problem?: string }>(add.command.command, ...(add.command.arguments ?? []));
    const pick = await recordedOrNext(ui.picks, since, ui.onDidShowPick, (p) => p.title.startsWith('Add M1053 to which inventory'), 'the inventory pick');
    assert.deepEqual(pick.labels, ['triage/endpoint.controls.yaml', 'triage/cloud.controls.yaml']);
    pick.respond('triage/cloud.controls.yaml');
    const outcome = await running;
    assert.equal(outcome?.problem, undefined);
    assert.equal(outcome?.control, 'M1053-01');
    const inventory = await vscode.workspace.openTextDocument(vscode.Uri.file(file('cloud.controls.yaml')));
    assert.match(inventory.getText(), /\n {2}- \{ id: M1053-01, name: Data Backup, status: planned, appliesTo: \[k8s\], mitigations: \[\{ id: M1053, coverage: partial \}\] \}\n$/);
    assert.match(inventory.getText(), /^# Cloud, cluster and identity controls/, 'comments kept');
  });

  it('"Add Mitigation…" from the palette offers the next best mitigations with their Act and Attend counts', async () => {
    const ui = await recorder();
    const since = ui.picks.length;
    const running = vscode.commands.executeCommand<{ control?: string; inventory?: string; problem?: string }>('threatOverlap.addMitigation', modelUri());
    const pick = await recordedOrNext(ui.picks, since, ui.onDidShowPick, (p) => p.title.startsWith('Add which mitigation'), 'the mitigation pick');
    assert.ok(pick.labels.length >= 3, pick.labels.join(' | '));
    assert.equal(pick.labels[0], 'M1031 Network Intrusion Prevention', 'the first of the next best (docs/triage.md)');
    assert.ok(pick.labels.includes('M1053 Data Backup'));
    for (const d of pick.descriptions) assert.match(d, /^closes \d+ Act · \d+ Attend gaps? \(\d+ in all\)$/);
    assert.match(pick.descriptions[pick.labels.indexOf('M1053 Data Backup')]!, /^closes 1 Act · /, 'M1053 closes the Act gap');
    pick.respond('M1031 Network Intrusion Prevention');
    const which = await recordedOrNext(ui.picks, since + 1, ui.onDidShowPick, (p) => p.title.startsWith('Add M1031 to which inventory'), 'the inventory pick');
    which.respond('triage/endpoint.controls.yaml');
    const outcome = await running;
    assert.equal(outcome?.control, 'M1031-01', JSON.stringify(outcome));
    const inventory = await vscode.workspace.openTextDocument(vscode.Uri.file(file('endpoint.controls.yaml')));
    assert.match(inventory.getText(), /- \{ id: M1031-01, name: Network Intrusion Prevention, status: planned, appliesTo: \[[^\]]+\], mitigations: \[\{ id: M1031, coverage: partial \}\] \}\n$/);
  });
});
