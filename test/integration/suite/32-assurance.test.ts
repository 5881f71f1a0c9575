/**
 * Assurance in a real extension host (docs/assurance.md), on test/integration/workspace/assurance as of 2026-12-03:
 * a missed latest test is an assurance.failed warning on its line that says the claim gives none, a stale one an
 * assurance.stale warning; with threatOverlap.assurance.atomics set to the real atomics folder, the hover over a
 * technique lists its Atomic Red Team tests for the component's platforms.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import { stixDir, workspaceDir } from '../helpers/api';
import { codeOf, diagnosticWithCode, positionOf, revertAndCloseAll, useRealAttackData } from '../helpers/lang';

const file = (name: string) => path.join(workspaceDir(), 'assurance', name);
const inventoryUri = () => vscode.Uri.file(file('assured.controls.yaml'));
const atomicsDir = () => process.env['THREAT_OVERLAP_ATOMICS'] ?? path.resolve(stixDir(), '..', 'atomic-red-team', 'atomics');

async function hoverText(doc: vscode.TextDocument, needle: string): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(doc, needle, 1));
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n').replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

describe('assurance in the editor', () => {
  let restore: () => Promise<void>;
  let doc: vscode.TextDocument;
  before(async () => {
    restore = await useRealAttackData();
    doc = await vscode.workspace.openTextDocument(inventoryUri());
    await vscode.window.showTextDocument(doc);
  });
  after(async () => {
    await vscode.workspace.getConfiguration('threatOverlap.assurance').update('atomics', undefined, vscode.ConfigurationTarget.Global);
    await revertAndCloseAll();
    await restore();
  });

  it('a missed latest test: assurance.failed (warning) on that test, the claim gives none', async () => {
    const missed = '{ date: 2026-11-20, method: purple-team, ref: PT-MISS, result: missed }';
    const d = await diagnosticWithCode(inventoryUri(), 'assurance.failed', missed);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(d.message, /EDR-01's claim on T1059\.001 \(significant\) gives none: its latest test, purple-team on 2026-11-20 \(PT-MISS\), missed it/);
    const stale = await diagnosticWithCode(inventoryUri(), 'assurance.stale', '{ date: 2026-02-01, method: pentest, ref: PEN-OLD, result: blocked }');
    assert.match(stale.message, /305 days before 2026-12-03/);
    assert.equal(vscode.languages.getDiagnostics(inventoryUri()).filter((x) => codeOf(x) === 'assurance.failed').length, 1, 'the earlier detected test is not the latest: one failed claim');
  });

  it('the hover shows the failed claim; with the atomics setting it lists the Atomic Red Team tests for Windows', async () => {
    const before = await hoverText(doc, 'T1059.001');
    assert.match(before, /Validated: \*\*failed\*\*/);
    assert.match(before, /EDR-01: failed, gives none \(claimed significant\); latest purple-team on 2026-11-20 \(PT-MISS\): missed/);
    assert.doesNotMatch(before, /Atomic Red Team/, 'no atomics folder set yet');
    await vscode.workspace.getConfiguration('threatOverlap.assurance').update('atomics', atomicsDir(), vscode.ConfigurationTarget.Global);
    const after = await hoverText(doc, 'T1059.001');
    // What the folder itself says: T1059.001's tests that support windows.
    const tests = (parse(readFileSync(path.join(atomicsDir(), 'T1059.001', 'T1059.001.yaml'), 'utf8')) as { atomic_tests: { name: string; supported_platforms: string[] }[] }).atomic_tests;
    const windows = tests.filter((t) => t.supported_platforms.map((p) => p.trim().toLowerCase()).includes('windows'));
    assert.ok(windows.length > 0);
    assert.match(after, new RegExp(`Atomic Red Team: ${windows.length} tests? for these components \\(${tests.length} in all\\)`));
    assert.ok(after.includes(`${windows[0]!.name.trim()} (Windows · laptops)`), after);
  });
});
