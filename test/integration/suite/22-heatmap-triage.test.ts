/**
 * Gap triage in the heatmap of a real extension host: a copy of the heatmap fixture model triaged as of a fixed date
 * (policy.asOf, so the test does not depend on today) with its sector intelligence current and one Attend gap
 * accepted. The panel's analysis triages like the engine does, the message the webview gets carries every gap's
 * outcome and the accepted risk, and the webview reports drawing them (its `rendered` counts by outcome).
 */
import * as assert from 'node:assert/strict';
import { readFile, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CoverageResult } from '../../../src/core/coverage/types';
import type { HeatmapPanel } from '../../../src/extension/heatmap/panel';
import type { HeatmapTesting } from '../../../src/extension/heatmap/testing';
import type { RenderedMessage } from '../../../src/protocol';
import { setUserSetting, workspaceDir } from '../helpers/api';
import { engineResultFor, heatmapWithRealData } from '../helpers/heatmap';
import { untilState } from '../helpers/wait';

const AS_OF = '2026-12-03';
const file = (name: string) => path.join(workspaceDir(), 'heatmap', name);
const MODEL = () => file('triage-copy.threatmodel.yaml');

/** The fixture model, dated: triaged as of AS_OF, its intelligence of 2026-10-15; `accept`: techniques.accept entries. */
async function datedModel(accept = ''): Promise<string> {
  const text = await readFile(file('payments.threatmodel.yaml'), 'utf8');
  const dated = text
    .replace('name: Heatmap payments', 'name: Heatmap triage')
    .replace('policy: { minCoverage: partial }', `policy: { minCoverage: partial, asOf: ${AS_OF} }`)
    .replace('date: 2025-06-01', 'date: 2026-10-15')
    .replace('techniques:\n  exclude:', `techniques:\n${accept}  exclude:`);
  assert.notEqual(dated, text);
  return dated;
}

/** The engine's result for `text` as the model file, computed here apart from the panel. */
async function engineResult(text: string): Promise<CoverageResult> {
  return engineResultFor(text, MODEL(), {});
}

describe('heatmap triage', () => {
  let testing: HeatmapTesting;

  before(async () => {
    testing = await heatmapWithRealData();
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await rm(MODEL(), { force: true });
    await setUserSetting('path', undefined);
  });

  it('the webview gets and draws every gap outcome and the accepted risk, as of the model\'s policy.asOf', async () => {
    const unaccepted = await engineResult(await datedModel());
    const accepted = unaccepted.prioritizedGaps.find((id) => unaccepted.techniques.find((t) => t.id === id)?.triage?.outcome === 'attend');
    assert.ok(accepted, 'an Attend gap to accept');
    const text = await datedModel(`  accept:\n    - { id: ${accepted}, reason: Compensated until the migration, owner: payments-secops, until: 2027-03-01, ref: RISK-42 }\n`);
    await writeFile(MODEL(), text);
    const expected = await engineResult(text);
    assert.equal(expected.triage.asOf, AS_OF);
    assert.ok(expected.summary.outcomes.act > 0, 'an Act gap as of the date');
    assert.equal(expected.summary.accepted, 1);

    const opened = new Promise<HeatmapPanel>((resolve) => {
      const sub = testing.onDidOpen((p) => (sub.dispose(), resolve(p)));
    });
    await vscode.commands.executeCommand('threatOverlap.showHeatmap', vscode.Uri.file(MODEL()));
    const panel = await opened;
    const parents = expected.techniques.filter((t) => !t.isSubtechnique);
    const drawnOutcomes = {
      act: 0,
      attend: 0,
      'track*': 0,
      track: 0,
      accepted: parents.filter((t) => t.state === 'accepted').length,
    };
    for (const t of parents) if (t.state === 'gap' && t.triage) drawnOutcomes[t.triage.outcome]++;
    const r = (await untilState(
      () => panel.lastRender,
      panel.onDidRender,
      (x) => x !== undefined && JSON.stringify(x.outcomes) === JSON.stringify(drawnOutcomes),
      `the webview drawing ${JSON.stringify(drawnOutcomes)}`,
    )) as RenderedMessage;
    assert.equal(r.states.accepted, drawnOutcomes.accepted);
    assert.ok(r.outcomes.act > 0 || expected.techniques.some((t) => t.isSubtechnique && t.triage?.outcome === 'act'));

    const analysis = panel.current;
    assert.deepEqual(analysis?.result?.summary, expected.summary, 'the panel triaged as the engine does');
    assert.deepEqual(analysis?.result?.triage, expected.triage);
    const message = analysis?.message;
    assert.ok(message?.type === 'result');
    const sent = new Map(message.result.techniques.map((t) => [t.id, t]));
    for (const t of expected.techniques.filter((x) => x.state === 'gap')) {
      assert.equal(sent.get(t.id)?.triage?.outcome, t.triage?.outcome, t.id);
      assert.equal(sent.get(t.id)?.triage?.path, t.triage?.path, t.id);
      assert.deepEqual(sent.get(t.id)?.mitigations?.map((m) => m.id), t.mitigations?.map((m) => m.id), t.id);
    }
    assert.deepEqual(sent.get(accepted)?.acceptance && { owner: sent.get(accepted)?.acceptance?.owner, until: sent.get(accepted)?.acceptance?.until }, { owner: 'payments-secops', until: '2027-03-01' });
    assert.deepEqual(message.result.nextBest.picks.map((p) => p.id), expected.nextBest.picks.map((p) => p.id));
  });
});
