import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseControlInventory, parseThreatModel } from '../../../src/core/model/index';
import { checkControlInventory, validateWorkspace } from '../../../src/core/validation/index';
import { brief, rangeOf, withCode } from '../../fixtures/model/text';
import { ENTERPRISE, applied, fixes, intel, model, semantic } from '../../fixtures/model/validation';

describe('attack.unknown-id', () => {
  test('an ID one edit from live ones: error at the ID, suggestions by ID distance', () => {
    const text = intel('T1101');
    const [d] = semantic(text);
    assert.equal(brief(d), 'attack.unknown-id@7:9-7:14');
    assert.deepEqual(d.range, rangeOf(text, 'T1101'));
    assert.equal(d.severity, 'error');
    assert.equal(d.message, 'T1101 is not a technique in ATT&CK Enterprise 2.0; did you mean T1001 (Phishing)?');
    assert.deepEqual(d.data, { id: 'T1101', expected: 'technique', suggestions: [{ id: 'T1001', name: 'Phishing', by: 'id' }], replacement: 'T1001' });
  });

  test('the name written next to it comes first (by name), then near IDs; the name-matched one is the preferred fix', () => {
    const text = intel('{ id: T1009, name: Deploy Container }');
    const [d] = semantic(text);
    const suggestions = d.data?.suggestions as { id: string; by: string }[];
    assert.deepEqual(suggestions.slice(0, 2), [{ id: 'T1002', name: 'Deploy Container', by: 'name' }, { id: 'T1000', name: 'Command Interpreter', by: 'id' }]);
    assert.equal(d.data?.replacement, 'T1002');
    const fs = fixes(text, d);
    assert.deepEqual(fs.filter((f) => f.preferred).map((f) => f.title), ['Change to T1002 (Deploy Container)']);
    const fixed = applied(text, fs[0]);
    assert.match(fixed, /\{ id: T1002, name: Deploy Container \}/);
    assert.deepEqual(semantic(fixed), []);
  });

  test('a near name in a trailing comment ("Powershel"), and a missing sub-technique suggests its siblings and parent', () => {
    const [byComment] = semantic(intel('T1099   # Powershel'));
    assert.deepEqual((byComment.data?.suggestions as { id: string }[])[0], { id: 'T1000.001', name: 'PowerShell', by: 'name' });
    const [sub] = semantic(intel('T1000.009'));
    assert.deepEqual((sub.data?.suggestions as { id: string }[]).map((s) => s.id), ['T1000.001', 'T1000.002', 'T1000']);
  });

  test('nothing close: no suggestions, no fixes', () => {
    const text = intel('T4321');
    const [d] = semantic(text);
    assert.equal(d.message, 'T4321 is not a technique in ATT&CK Enterprise 2.0');
    assert.deepEqual(d.data?.suggestions, []);
    assert.deepEqual(fixes(text, d), []);
  });

  test('negative: live IDs of every kind in their places are fine', () => {
    const text = model('adversaries:\n  - { group: G0001 }\n  - { campaign: C0001 }\n  - { software: S0001 }\n  - { name: X, techniques: [T1000, T1000.001] }\ntechniques:\n  include: [T1002]\n  exclude: [{ id: T1003, reason: r }]\n');
    assert.deepEqual(semantic(text), []);
  });
});

describe('attack.revoked', () => {
  test('names the replacement from revoked-by; the fix swaps the ID, and a name: naming the old object', () => {
    const text = intel('{ id: T1004, name: Old Technique }');
    const [d] = semantic(text);
    assert.equal(brief(d), 'attack.revoked@7:15-7:20');
    assert.equal(d.severity, 'warning');
    assert.equal(d.message, 'T1004 (Old Technique) is revoked in ATT&CK Enterprise 2.0: replaced by T1000.001 (PowerShell)');
    assert.deepEqual(d.data, { id: 'T1004', name: 'Old Technique', replacement: 'T1000.001', replacementName: 'PowerShell', nameRange: rangeOf(text, 'Old Technique') });
    const [fix] = fixes(text, d);
    assert.equal(fix.title, 'Replace with T1000.001 (PowerShell)');
    assert.ok(fix.preferred);
    const fixed = applied(text, fix);
    assert.match(fixed, /- \{ id: T1000\.001, name: PowerShell \}/);
    assert.deepEqual(semantic(fixed), []);
  });

  test('the same entry written twice: each diagnostic has its own ranges (results are memoised per content)', () => {
    const text = intel('{ id: T1004, name: Old Technique }', 'T1000', '{ id: T1004, name: Old Technique }');
    const ds = semantic(text);
    assert.deepEqual(ds.map((d) => [d.range, d.data?.nameRange]), [
      [rangeOf(text, 'T1004', 1), rangeOf(text, 'Old Technique', 1)],
      [rangeOf(text, 'T1004', 2), rangeOf(text, 'Old Technique', 2)],
    ]);
  });

  test('a revoked group in an adversary slot', () => {
    const text = model('adversaries:\n  - { group: G0003 }\n');
    const [d] = semantic(text);
    assert.deepEqual([brief(d), d.data?.replacement], ['attack.revoked@5:14-5:19', 'G0001']);
    assert.equal(applied(text, fixes(text, d)[0]), model('adversaries:\n  - { group: G0001 }\n'));
  });

  test('negative: the replacement itself is not reported', () => {
    assert.deepEqual(semantic(intel('T1000.001')), []);
  });
});

describe('attack.deprecated', () => {
  test('a deprecated technique: warning at the ID; the fix removes the list item', () => {
    const text = intel('T1000', 'T1005');
    const [d] = semantic(text);
    assert.equal(brief(d), 'attack.deprecated@8:9-8:14');
    assert.equal(d.message, 'T1005 (Dusty Technique) is deprecated in ATT&CK Enterprise 2.0 and no longer counts: remove it or pick a current technique');
    assert.deepEqual(d.data, { id: 'T1005', name: 'Dusty Technique', entryRange: rangeOf(text, 'T1005') });
    const [fix] = fixes(text, d);
    assert.equal(applied(text, fix), intel('T1000'));
  });

  test('a deprecated mitigation in a control inventory is reported in the inventory', () => {
    const text = 'controlInventory: 1\ncontrols:\n  - { id: C, name: C, mitigations: [M0001, M0003] }\n';
    const ds = checkControlInventory(parseControlInventory(text), [], ENTERPRISE);
    assert.deepEqual(ds.map((d) => d.range), [rangeOf(text, 'M0003')]);
    assert.equal(ds[0].code, 'attack.deprecated');
    assert.equal(applied(text, fixes(text, ds[0])[0]), 'controlInventory: 1\ncontrols:\n  - { id: C, name: C, mitigations: [M0001] }\n');
  });
});

describe('attack.wrong-type', () => {
  test('a group ID where a technique belongs: error, no mechanical fix', () => {
    const text = intel('G0001');
    const [d] = semantic(text);
    assert.equal(brief(d), 'attack.wrong-type@7:9-7:14');
    assert.equal(d.severity, 'error');
    assert.equal(d.message, 'G0001 (Alpha Group) is a group, not a technique');
    assert.deepEqual(d.data, { id: 'G0001', expected: 'technique', actual: 'group', actualName: 'Alpha Group' });
    assert.deepEqual(fixes(text, d), []);
  });

  test('a group under software: the fix renames the key', () => {
    const text = model('adversaries:\n  - { software: G0002, motivation: financial }\n');
    const [d] = semantic(text);
    assert.equal(d.message, 'G0002 (Beta Group) is a group, not a software: write `group: G0002`');
    assert.equal(d.data?.key, 'group');
    const fixed = applied(text, fixes(text, d)[0]);
    assert.equal(fixed, model('adversaries:\n  - { group: G0002, motivation: financial }\n'));
    assert.deepEqual(semantic(fixed), []);
  });

  test('a technique as a mitigation, a mitigation as a technique', () => {
    assert.deepEqual(semantic(intel('M0001')).map((d) => d.data?.actual), ['mitigation']);
    const ds = semantic(model('adversaries:\n  - { campaign: T1000 }\n'));
    assert.equal(ds[0].message, 'T1000 (Command Interpreter) is a technique, not a campaign');
  });
});

describe('attack.name-mismatch', () => {
  test('a name: that is another object: fix the name, or switch the ID to the object named', () => {
    const text = intel('{ id: T1001, name: Deploy Container }');
    const [d] = semantic(text);
    assert.equal(brief(d), 'attack.name-mismatch@7:28-7:44');
    assert.deepEqual(d.range, rangeOf(text, 'Deploy Container'));
    assert.equal(d.message, "T1001 is 'Phishing', not 'Deploy Container' (that is T1002)");
    assert.equal(d.data?.source, 'name');
    assert.deepEqual(d.data?.idRange, rangeOf(text, 'T1001'));
    const [name, id] = fixes(text, d);
    assert.deepEqual([name.title, id.title, name.preferred, id.preferred], ["Change name to 'Phishing'", 'Change ID to T1002', true, false]);
    assert.deepEqual(semantic(applied(text, name)), []);
    assert.equal(applied(text, id), intel('{ id: T1002, name: Deploy Container }'));
  });

  test('a misspelt name: is reported too (it documents the object)', () => {
    const [d] = semantic(intel('{ id: T1001, name: Phish }'));
    assert.equal(d.message, "T1001 is 'Phishing', not 'Phish'");
    assert.equal(d.data?.idReplacement, undefined);
  });

  test('a trailing comment naming another object; the fix keeps the `#`', () => {
    const text = intel('T1000.001   # Unix Shell');
    const [d] = semantic(text);
    assert.equal(brief(d), 'attack.name-mismatch@7:21-7:33');
    assert.equal(d.data?.source, 'comment');
    assert.equal(d.message, "T1000.001 is 'PowerShell', but the comment 'Unix Shell' names T1000.002 (Unix Shell)");
    const [comment, id] = fixes(text, d);
    assert.equal(applied(text, comment), intel('T1000.001   # PowerShell'));
    assert.equal(applied(text, id), intel('T1000.002   # Unix Shell'));
  });

  test("an adversary's name: naming another group", () => {
    const text = model('adversaries:\n  - { group: G0001, name: Beta Group }\n');
    const [d] = semantic(text);
    assert.equal(d.message, "G0001 is 'Alpha Group', but the name 'Beta Group' names G0002 (Beta Group)");
    assert.deepEqual(d.range, rangeOf(text, 'Beta Group'));
  });

  test('negative: names, aliases, "Parent: Child", the parent in a comment, free text, and comments on lines with several IDs', () => {
    const text = model([
      'adversaries:',
      '  - { group: G0001, name: ALPHA }   # Alpha Group, our main worry',
      '  - name: Intel',
      '    techniques:',
      '      - { id: T1000.001, name: "Command Interpreter: PowerShell" }',
      '      - T1000.002   # Command Interpreter',
      '      - T1001   # seen in Q3 campaigns',
      '  - { name: Other, techniques: [T1000, T1002] }   # Phishing',
      '',
    ].join('\n'));
    assert.deepEqual(semantic(text), []);
  });
});

describe('YAML syntax problems reach the workspace diagnostics unchanged', () => {
  test('yaml.syntax error and yaml.warning at their nodes, next to semantic ones', () => {
    const text = `${intel('T1101')}description: "open\n`;
    const result = validateWorkspace({ models: [parseThreatModel(text, '/ws/a.threatmodel.yaml')], inventories: [], indexFor: () => ENTERPRISE, fileExists: () => true });
    const ds = result.get('/ws/a.threatmodel.yaml') ?? [];
    assert.deepEqual(ds.map((d) => `${d.code} ${d.severity}`), ['attack.unknown-id error', 'yaml.syntax error']);
    const warned = model('owner: !!binary aGVsbG8=\n');
    const ws = validateWorkspace({ models: [parseThreatModel(warned, '/ws/b.threatmodel.yaml')], inventories: [], indexFor: () => ENTERPRISE, fileExists: () => true });
    assert.deepEqual(withCode(ws.get('/ws/b.threatmodel.yaml') ?? [], 'yaml.warning').map(brief), ['yaml.warning@4:8-4:16']);
  });
});
