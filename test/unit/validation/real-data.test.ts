import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, test } from 'node:test';
import { parseControlInventory, parseThreatModel } from '../../../src/core/model/index';
import { PLATFORM_RENAMES, checkThreatModel, derivePlatformRenames, fixesFor, validateWorkspace } from '../../../src/core/validation/index';
import { editsByFile, planUpgrade } from '../../../src/core/upgrade/index';
import { applyEdits, rangeOf, withCode } from '../../fixtures/model/text';
import { realIndex, skipUnless } from '../../fixtures/model/real-data';

const E15 = 'enterprise-attack-15.1.json';
const E18 = 'enterprise-attack-18.1.json';
const EXAMPLES = resolve('data/examples');

const pinned = (version: string, body: string) => `threatModel: 1\nname: Real\nattack: { domain: enterprise-attack, version: "${version}" }\n${body}`;

describe('validation against the real ATT&CK Enterprise 18.1', { skip: skipUnless(E18) }, () => {
  test('the example workspace has no errors', () => {
    const index = realIndex(E18);
    const file = (name: string) => resolve(EXAMPLES, name);
    const models = [parseThreatModel(readFileSync(file('payments.threatmodel.yaml'), 'utf8'), file('payments.threatmodel.yaml'))];
    const inventories = ['endpoint.controls.yaml', 'cloud.controls.yaml'].map((f) => parseControlInventory(readFileSync(file(f), 'utf8'), file(f)));
    const result = validateWorkspace({ models, inventories, indexFor: () => index, fileExists: () => false, availableVersion: () => index.version });
    assert.equal(result.size, 3);
    const errors = [...result.values()].flat().filter((d) => d.severity === 'error');
    assert.deepEqual(errors, []);
  });

  test('T1086 is revoked, replaced by T1059.001 (PowerShell); the fix swaps it', () => {
    const text = pinned('18.1', 'adversaries:\n  - name: Old intel\n    techniques: [T1086]\n');
    const parse = parseThreatModel(text);
    const [d] = checkThreatModel(parse, realIndex(E18));
    assert.equal(d.code, 'attack.revoked');
    assert.deepEqual(d.range, rangeOf(text, 'T1086'));
    assert.equal(d.data?.replacement, 'T1059.001');
    assert.equal(d.data?.replacementName, 'PowerShell');
    assert.equal(d.message, 'T1086 (PowerShell) is revoked in ATT&CK Enterprise 18.1: replaced by T1059.001 (PowerShell)');
    assert.match(applyEdits(text, fixesFor(d, parse.yaml)[0].edits), /techniques: \[T1059\.001\]/);
  });

  test('"Azure AD" → platform-unknown suggesting the 18.1 name', () => {
    const index = realIndex(E18);
    const text = pinned('18.1', 'techStack:\n  - { id: sso, platforms: [Azure AD, SaaS] }\n');
    const [d] = checkThreatModel(parseThreatModel(text), index);
    assert.equal(d.code, 'attack.platform-unknown');
    assert.deepEqual(d.range, rangeOf(text, 'Azure AD'));
    assert.equal(d.data?.replacement, 'Identity Provider');
    assert.ok(index.platforms.includes('Identity Provider') && !index.platforms.includes('Azure AD'));
  });

  test('a model pinned to 15.1 with 18.1 available: model.version-behind', { skip: skipUnless(E15) }, () => {
    const text = pinned('15.1', 'techStack:\n  - { id: sso, platforms: [Azure AD] }\n');
    const file = resolve('/ws/old.threatmodel.yaml');
    const result = validateWorkspace({
      models: [parseThreatModel(text, file)], inventories: [], fileExists: () => false,
      indexFor: (_d, v) => realIndex(v === '15.1' ? E15 : E18), availableVersion: () => realIndex(E18).version,
    });
    const ds = result.get(file) ?? [];
    assert.deepEqual(ds.map((d) => d.code), ['model.version-behind'], 'Azure AD is right for 15.1');
    assert.deepEqual(ds[0].data, { pinned: '15.1', available: '18.1', domain: 'enterprise-attack' });
    assert.deepEqual(ds[0].range, rangeOf(text, '"15.1"'));
  });
});

describe('platform renames 15.1 → 18.1, from the data', { skip: skipUnless(E15, E18) }, () => {
  test('derivePlatformRenames finds exactly the documented table', () => {
    const derived = derivePlatformRenames(realIndex(E15), realIndex(E18));
    const pairs = (list: readonly { from: string; to: string }[]) => list.map((r) => `${r.from} → ${r.to}`).sort();
    assert.deepEqual(pairs(derived), ['Azure AD → Identity Provider', 'Google Workspace → Office Suite', 'Network → Network Devices', 'Office 365 → Office Suite']);
    assert.deepEqual(pairs(PLATFORM_RENAMES), pairs(derived));
    const network = derived.find((r) => r.from === 'Network');
    assert.equal(network?.moved, network?.techniques, 'every Network technique runs on Network Devices in 18.1');
  });
});

describe('upgrading a model 15.1 → 18.1', { skip: skipUnless(E15, E18) }, () => {
  const text = pinned('15.1', `techStack:
  - { id: cloud, platforms: [Azure AD, Office 365, Google Workspace] }
  - { id: edge, platforms: [Network] }
adversaries:
  - name: Intel
    techniques:
      - T1574.002   # DLL Side-Loading
      - { id: T1176, name: Browser Extensions }
      - T1059
`);

  test('the plan states the facts of the two releases', () => {
    const from = realIndex(E15);
    const to = realIndex(E18);
    // The facts, as the data has them.
    assert.equal(from.technique('T1574.002')?.name, 'DLL Side-Loading');
    assert.equal(to.replacementOf('T1574.002')?.id, 'T1574.001');
    assert.equal(to.technique('T1176')?.name, 'Software Extensions');
    const plan = planUpgrade(parseThreatModel(text), from, to);
    const find = <K extends string>(kind: K) => plan.changes.filter((c) => c.kind === kind);
    assert.deepEqual(find('revoked').map((c) => c.kind === 'revoked' && [c.object.id, c.replacement?.id, c.replacement?.name]), [['T1574.002', 'T1574.001', to.technique('T1574.001')?.name]]);
    assert.deepEqual(find('renamed').map((c) => c.kind === 'renamed' && [c.id, c.oldName, c.newName]), [['T1176', 'Browser Extensions', 'Software Extensions']]);
    assert.deepEqual(find('platform').map((c) => c.kind === 'platform' && `${c.from} → ${c.to}`), ['Azure AD → Identity Provider', 'Office 365 → Office Suite', 'Google Workspace → Office Suite', 'Network → Network Devices']);
    const subs = find('new-subtechniques').flatMap((c) => (c.kind === 'new-subtechniques' ? [[c.parent.id, c.added.map((a) => a.id)]] : []));
    assert.deepEqual(subs, [
      ['T1176', to.technique('T1176')?.subtechniqueIds.filter((id) => !from.technique('T1176')?.subtechniqueIds.includes(id))],
      ['T1059', ['T1059.011', 'T1059.012', 'T1059.013']],
    ]);
    assert.match(find('renamed')[0].message, /'Browser Extensions' is now T1176\.001/);
  });

  test('applied, the model validates cleanly against 18.1 and is no longer behind', () => {
    const plan = planUpgrade(parseThreatModel(text), realIndex(E15), realIndex(E18));
    const upgraded = applyEdits(text, editsByFile(plan).get('') ?? []);
    assert.match(upgraded, /version: "18\.1"/);
    assert.match(upgraded, /platforms: \[Identity Provider, Office Suite\]/);
    assert.match(upgraded, /- T1574\.001 {3}# DLL\n/);
    const parse = parseThreatModel(upgraded);
    assert.deepEqual(parse.diagnostics, []);
    assert.deepEqual(checkThreatModel(parse, realIndex(E18), { availableVersion: '18.1' }), []);
    assert.deepEqual(withCode(checkThreatModel(parseThreatModel(text), realIndex(E18)), 'attack.revoked').length, 1, 'before: the revoked ID is reported');
  });
});
