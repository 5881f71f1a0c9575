import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseControlInventory, parseThreatModel } from '../../../src/core/model/index';
import { editsByFile, planUpgrade, platformRenames } from '../../../src/core/upgrade/index';
import type { UpgradeChange } from '../../../src/core/upgrade/index';
import { applyEdits, rangeOf } from '../../fixtures/model/text';
import { ENTERPRISE, ENTERPRISE_OLD, ICS, semantic } from '../../fixtures/model/validation';

const MODEL = '/ws/legacy.threatmodel.yaml';
const INVENTORY = '/ws/legacy.controls.yaml';
const TEXT = `# Pinned to the old release on purpose.
threatModel: 1
name: Legacy
attack: { domain: enterprise-attack, version: '1.0' }   # keep results stable
techStack:
  - { id: cloud, platforms: [Azure AD, Office 365, Google Workspace, SaaS] }
  - id: net
    platforms:
      - Network     # routers and switches
      - PRE
adversaries:
  - name: Intel
    techniques:
      - T1004   # Old Technique
      - { id: T1006, name: Sniffing }
      - T1005
      - T1007
      - T1000
      - T1001
`;
const INVENTORY_TEXT = `controlInventory: 1
controls:
  - id: NDR
    name: Network detection
    techniques: [{ id: T1006, name: "Sniffing" }, T1004]
`;

const plan = planUpgrade(parseThreatModel(TEXT, MODEL), ENTERPRISE_OLD, ENTERPRISE, [parseControlInventory(INVENTORY_TEXT, INVENTORY)]);
const byKind = (kind: UpgradeChange['kind']) => plan.changes.filter((c) => c.kind === kind);

describe('planUpgrade between two releases (mini 1.0 → 2.0)', () => {
  test('the plan names both releases and lists the changes in a stable order', () => {
    assert.deepEqual([plan.domain, plan.from, plan.to], ['enterprise-attack', '1.0', '2.0']);
    assert.deepEqual(plan.changes.map((c) => c.kind), ['pin', 'revoked', 'deprecated', 'removed', 'renamed', 'platform', 'platform', 'platform', 'platform', 'platform', 'new-subtechniques']);
  });

  test('pin: the version, in the quotes the file used', () => {
    const [pin] = byKind('pin');
    assert.equal(pin.message, 'attack.version: "1.0" → "2.0"');
    assert.deepEqual(pin.edits, [{ file: MODEL, edit: { range: rangeOf(TEXT, "'1.0'"), newText: "'2.0'" } }]);
  });

  test('revoked: one change for every place the ID is used (model and inventory), each edited to the replacement', () => {
    const [revoked] = byKind('revoked');
    assert.ok(revoked.kind === 'revoked');
    assert.deepEqual(revoked.replacement, { id: 'T1000.001', name: 'PowerShell' });
    assert.equal(revoked.alreadyRevoked, false);
    assert.equal(revoked.message, 'T1004 (Old Technique) is revoked in 2.0: replaced by T1000.001 (PowerShell)');
    assert.deepEqual(revoked.locations, [{ file: MODEL, range: rangeOf(TEXT, 'T1004') }, { file: INVENTORY, range: rangeOf(INVENTORY_TEXT, 'T1004') }]);
    assert.deepEqual(revoked.edits.map((e) => [e.file, e.edit.newText]), [[MODEL, 'T1000.001'], [MODEL, 'PowerShell'], [INVENTORY, 'T1000.001']],
      'the comment that named the old technique follows it');
  });

  test('deprecated and removed: reported, left to the user', () => {
    const [deprecated] = byKind('deprecated');
    const [removed] = byKind('removed');
    assert.equal(deprecated.message, 'T1005 (Dusty Technique) is deprecated in 2.0 and no longer counts: remove it or pick a current technique');
    assert.equal(removed.message, 'T1007 (Retired Technique) is not in ATT&CK 2.0: remove it or pick a current technique');
    assert.deepEqual([...deprecated.edits, ...removed.edits], []);
  });

  test('renamed: names that gave the old name follow, in both files and in their quoting', () => {
    const [renamed] = byKind('renamed');
    assert.ok(renamed.kind === 'renamed');
    assert.deepEqual([renamed.id, renamed.oldName, renamed.newName], ['T1006', 'Sniffing', 'Network Sniffing']);
    assert.deepEqual(renamed.edits.map((e) => [e.file, e.edit.newText]), [[MODEL, 'Network Sniffing'], [INVENTORY, '"Network Sniffing"']]);
  });

  test('platforms: renames derived from the data; a second name for the same new platform is removed; a platform with no successor is only reported', () => {
    const platforms = byKind('platform').map((c) => (c.kind === 'platform' ? [c.from, c.to ?? null, c.source, c.edits.length] : []));
    assert.deepEqual(platforms, [
      ['Azure AD', 'Identity Provider', 'data', 1],
      ['Office 365', 'Office Suite', 'data', 1],
      ['Google Workspace', 'Office Suite', 'data', 1],
      ['Network', 'Network Devices', 'data', 1],
      ['PRE', null, 'none', 0],
    ]);
    assert.equal(byKind('platform')[4].message, "platform 'PRE' is not in 2.0 and has no successor: pick the platforms of 2.0 this component runs");
  });

  test('new sub-techniques of a parent in use, not applied', () => {
    const [subs] = byKind('new-subtechniques');
    assert.ok(subs.kind === 'new-subtechniques');
    assert.deepEqual(subs.parent, { id: 'T1000', name: 'Command Interpreter' });
    assert.deepEqual(subs.added, [{ id: 'T1000.002', name: 'Unix Shell' }]);
    assert.deepEqual(subs.edits, []);
  });

  test('the edits, applied: comments and layout kept, the result parses and has only the findings left to the user', () => {
    const edits = editsByFile(plan);
    const upgraded = applyEdits(TEXT, edits.get(MODEL) ?? []);
    assert.equal(upgraded, `# Pinned to the old release on purpose.
threatModel: 1
name: Legacy
attack: { domain: enterprise-attack, version: '2.0' }   # keep results stable
techStack:
  - { id: cloud, platforms: [Identity Provider, Office Suite, SaaS] }
  - id: net
    platforms:
      - Network Devices     # routers and switches
      - PRE
adversaries:
  - name: Intel
    techniques:
      - T1000.001   # PowerShell
      - { id: T1006, name: Network Sniffing }
      - T1005
      - T1007
      - T1000
      - T1001
`);
    assert.deepEqual(parseThreatModel(upgraded).diagnostics, []);
    assert.deepEqual(semantic(upgraded).map((d) => `${d.code} ${String(d.data?.id ?? d.data?.platform)}`),
      ['attack.deprecated T1005', 'attack.unknown-id T1007', 'attack.platform-unknown PRE']);
    const inventory = applyEdits(INVENTORY_TEXT, edits.get(INVENTORY) ?? []);
    assert.match(inventory, /techniques: \[\{ id: T1006, name: "Network Sniffing" \}, T1000\.001\]/);
    assert.deepEqual(parseControlInventory(inventory).diagnostics, []);
  });

  test('upgrading an up-to-date model changes nothing; different domains are refused', () => {
    const current = planUpgrade(parseThreatModel(applyEdits(TEXT, editsByFile(plan).get(MODEL) ?? [])), ENTERPRISE, ENTERPRISE);
    assert.deepEqual(current.changes.filter((c) => c.edits.length > 0), []);
    assert.throws(() => planUpgrade(parseThreatModel(TEXT), ENTERPRISE_OLD, ICS), /different domains/);
  });

  test('a block list whose platforms all map to one new name keeps one item', () => {
    const text = "threatModel: 1\nname: X\nattack: { version: '1.0' }\ntechStack:\n  - id: office\n    platforms:\n      - Office 365\n      - Google Workspace\n";
    const out = applyEdits(text, editsByFile(planUpgrade(parseThreatModel(text), ENTERPRISE_OLD, ENTERPRISE)).get('') ?? []);
    assert.equal(out, "threatModel: 1\nname: X\nattack: { version: '2.0' }\ntechStack:\n  - id: office\n    platforms:\n      - Office Suite\n");
  });

  test('platformRenames: data first, the documented table where the data cannot tell', () => {
    const renames = platformRenames(ENTERPRISE_OLD, ENTERPRISE);
    assert.deepEqual(renames.get('Azure AD'), { to: 'Identity Provider', source: 'data', alsoTo: [] });
    assert.deepEqual(renames.get('PRE'), { source: 'none', alsoTo: [] });
  });
});
