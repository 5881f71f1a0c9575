/** The status bar item's states and its click (Show ATT&CK Data Source); loading happens in the worker thread. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AttackDataStatus } from '../../../src/extension/api';
import { api, ensureCachedBundle, messageSince, recorder, settledStatus } from '../helpers/api';

describe('status bar item and data source', () => {
  before(() => ensureCachedBundle());

  it('shows loading while the data is being (re)loaded, then the domain and version', async () => {
    const a = (await api()).attackData;
    const seen: AttackDataStatus[] = [];
    const sub = a.onDidChange((s) => seen.push(s));
    const final = await a.reload().finally(() => sub.dispose());
    assert.equal(seen[0]?.state, 'loading');
    assert.equal(seen[0]?.text, '$(sync~spin) ATT&CK enterprise 18.1');
    assert.match(seen[0]?.tooltip ?? '', /Loading ATT&CK enterprise 18\.1/);
    assert.equal(final.state, 'ready');
    assert.equal(seen.at(-1)?.state, 'ready');
    assert.equal(final.text, 'ATT&CK enterprise 18.1');
    assert.match(final.tooltip, /from the download cache/);
  });

  it('the second load comes from the compact index cache, built and serialized in the worker thread', async () => {
    const s = await settledStatus();
    assert.equal(s.data?.fromCache, true);
    assert.ok('deserializeMs' in (s.data?.timings ?? {}), 'the main thread only deserializes');
    assert.ok('serializeMs' in (s.data?.timings ?? {}), 'the worker serializes');
  });

  it('clicking it (Show ATT&CK Data Source) tells where the data comes from', async () => {
    const since = (await recorder()).messages.length;
    const s = await vscode.commands.executeCommand<AttackDataStatus>('threatOverlap.showAttackDataSource');
    assert.equal(s.state, 'ready');
    const m = await messageSince(since, /^ATT&CK enterprise 18\.1 from the download cache: /);
    assert.match(m.message, /enterprise-attack-18\.1\.json \(SHA-256 [0-9a-f]{12}…, compact index from the index cache, release from the file-name\)/);
    assert.deepEqual(m.items, ['Select ATT&CK Data…']);
    m.respond(undefined);
  });

  it('getIndex serves the index of the active pin', async () => {
    const index = await (await api()).attackData.getIndex();
    assert.equal(index?.domain, 'enterprise-attack');
    assert.equal(index?.version, '18.1');
    assert.equal(index?.technique('T1059')?.name, 'Command and Scripting Interpreter');
  });
});
