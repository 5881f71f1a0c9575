/**
 * Robustness, webview messages in a real extension host: thousands of random and malformed messages (fast-check,
 * seed recorded) delivered to a heatmap panel's handler exactly as webview messages. 0 handler exceptions (every
 * refusal is one of the handler's own reasons), 0 actions outside the allow-list, and Reveal opens only the model's
 * files: no document outside them is ever opened. Prompts answer "cancel", so nothing is written.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import fc from 'fast-check';
import * as vscode from 'vscode';
import { normalizeFile } from '../../../src/core/validation/paths';
import type { ActionOutcome } from '../../../src/extension/heatmap/actions';
import type { HeatmapPanel } from '../../../src/extension/heatmap/panel';
import { HEATMAP_TESTING_COMMAND, type HeatmapTesting } from '../../../src/extension/heatmap/testing';
import { setUserSetting, statusWhere, stixDir, workspaceDir } from '../helpers/api';
import { untilState } from '../helpers/wait';

const SEED = 20260702;
const RUNS = 3000;
const MODEL = () => path.join(workspaceDir(), 'heatmap', 'payments.threatmodel.yaml');
/** What the handler may do; anything accepted must be one of these. */
const ALLOWED_ACTIONS = new Set(['reveal', 'exclude', 'openAttack', 'export', 'exportLayer']);
/** The handler's own refusals; any other detail would be an exception's message. */
const REFUSALS = [/^invalid message$/, / does not belong to this model$/, / is not in the current result$/, / is already excluded$/, /^cancelled$/, / is not an attack\.mitre\.org page$/, /^no result yet$/];

function messages(files: string[]): unknown[] {
  const hostile = [
    '/etc/passwd', path.join(workspaceDir(), '..', '..', 'etc', 'passwd'), path.join(workspaceDir(), 'payments.threatmodel.yaml'),
    path.join(workspaceDir(), 'heatmap', '..', 'endpoint.controls.yaml'), `file://${MODEL()}`, `vscode-vfs://github/x${MODEL()}`, `untitled:${MODEL()}`,
    'command:workbench.action.terminal.new', 'http://[', 'heatmap/payments.threatmodel.yaml', `${MODEL()}\0.txt`, '', '~/.ssh/id_rsa',
  ];
  const file = fc.oneof(fc.constantFrom(...files, ...hostile), fc.string());
  const any = fc.jsonValue({ maxDepth: 3 });
  return fc.sample(
    fc.oneof(
      { weight: 1, arbitrary: any },
      {
        weight: 5,
        arbitrary: fc.record(
          {
            type: fc.oneof(fc.constantFrom('ready', 'reveal', 'exclude', 'openAttack', 'saveExport', 'exportLayer', 'viewState', 'rendered', 'runCommand', '__proto__', 'constructor'), fc.string()),
            file,
            line: fc.oneof(fc.nat(100_000), fc.integer(), fc.double()),
            character: fc.oneof(fc.nat(500), fc.integer()),
            techniqueId: fc.oneof(fc.constantFrom('T1059', 'T1200', 'T1566.001', 'T9999', 'T1059/../x'), fc.string()),
            // Never a real attack.mitre.org page: the test must not open a browser.
            url: fc.oneof(fc.constantFrom('javascript:alert(1)', 'https://attack.mitre.org.evil.example/', 'http://attack.mitre.org/', 'file:///etc/passwd', 'command:workbench.action.terminal.new'), fc.string()),
            format: fc.constantFrom('svg', 'png', 'pdf'),
            data: fc.constantFrom('<svg/>', 'data:image/png;base64,AAAA', 'data:text/html,<script>', ''),
            state: any,
          },
          { requiredKeys: ['type'] },
        ),
      },
    ),
    { seed: SEED, numRuns: RUNS },
  );
}

describe('robustness: random webview messages to the heatmap host', () => {
  let testing: HeatmapTesting;
  let panel: HeatmapPanel;
  before(async () => {
    await setUserSetting('path', stixDir());
    const s = await statusWhere((x) => x.state === 'ready' || x.state === 'missing', 'the ATT&CK data to settle', 60_000);
    assert.equal(s.state, 'ready', s.problems.join('; '));
    testing = (await vscode.commands.executeCommand<HeatmapTesting>(HEATMAP_TESTING_COMMAND))!;
    const opened = new Promise<HeatmapPanel>((resolve) => {
      const sub = testing.onDidOpen((p) => (sub.dispose(), resolve(p)));
    });
    await vscode.commands.executeCommand('threatOverlap.showHeatmap', vscode.Uri.file(MODEL()));
    panel = testing.panel(vscode.Uri.file(MODEL())) ?? (await opened);
    await untilState(() => panel.current, panel.onDidAnalyse, (a) => a?.result !== undefined, 'the model analysed');
  });
  after(async () => {
    testing?.setPrompts(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setUserSetting('path', undefined);
  });

  it(`${RUNS} messages (seed ${SEED}): no exception, nothing outside the allow-list, Reveal only opens the model's files`, async () => {
    const files = panel.current!.files;
    let prompted = 0;
    testing.setPrompts({ exclusionReason: async () => (prompted++, undefined), saveLocation: async () => (prompted++, undefined) });
    const openBefore = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
    const outcomes: ActionOutcome[] = [];
    const sub = panel.onDidAct((o) => outcomes.push(o));
    const started = Date.now();
    let worst = 0;
    const worstByType = new Map<string, number>();
    try {
      for (const m of messages([...files])) {
        const t = Date.now();
        await testing.simulate(panel, m);
        const ms = Date.now() - t;
        worst = Math.max(worst, ms);
        const type = typeof m === 'object' && m !== null && typeof (m as { type?: unknown }).type === 'string' ? (m as { type: string }).type : 'other';
        const key = ['ready', 'viewState', 'rendered', 'saveExport', ...ALLOWED_ACTIONS].includes(type) ? type : 'other';
        worstByType.set(key, Math.max(ms, worstByType.get(key) ?? 0));
      }
    } finally {
      sub.dispose();
    }
    const accepted = outcomes.filter((o) => o.accepted);
    for (const o of accepted) {
      assert.ok(ALLOWED_ACTIONS.has(o.type), `accepted ${o.type}`);
      if (o.type === 'reveal') assert.ok(files.has(normalizeFile(o.detail.replace(/:\d+$/, ''))), `revealed ${o.detail}`);
      assert.notEqual(o.type, 'openAttack', 'no generated URL is an attack.mitre.org page');
    }
    const exceptions = outcomes.filter((o) => !o.accepted && !REFUSALS.some((r) => r.test(o.detail)));
    assert.deepEqual(exceptions, [], 'every refusal is one of the handler\'s reasons, none an exception');
    const opened = vscode.workspace.textDocuments.filter((d) => !openBefore.has(d.uri.toString()) && d.uri.scheme !== 'output');
    for (const d of opened) assert.ok(d.uri.scheme === 'file' && files.has(normalizeFile(d.uri.fsPath)), `opened ${d.uri.toString()}`);
    assert.ok(accepted.some((o) => o.type === 'reveal'), 'valid Reveals were tried too');
    console.log(`robustness: ${RUNS} webview messages, seed ${SEED}: ${outcomes.length} outcomes, ${accepted.length} accepted (${[...new Set(accepted.map((o) => o.type))].join(', ')}), ${outcomes.length - accepted.length} refused, 0 exceptions, ${prompted} prompts cancelled, ${opened.length} documents opened (all the model's), worst ${worst} ms (${[...worstByType].map(([k, v]) => `${k} ${v}`).join(', ')}), total ${Date.now() - started} ms`);
  });
});
