import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parseControlInventory, parseThreatModel } from '../../../src/core/model/index';
import { brief } from '../../fixtures/model/text';

/** `code@line:col-line:col message` lines, 1-based, in document order. */
const lines = (diagnostics: readonly { code: string; message: string; range: unknown }[]) =>
  diagnostics.map((d) => `${brief(d as never)} ${d.message}`);

const BROKEN_MODEL = `threatModel: 1
name: Test
attack: { domain: enterprise, version: 18.1 }
techStack:
  - id: laptops
    platfroms: [Windows]
  - { id: "k 8s", exposure: internet, crownJewel: yes }
adversaries:
  - { group: G0046, campaign: C0001 }
  - { techniques: [T1059] }
  - { includeSoftware: false, software: S0001 }
  - { motivation: greed }
  - { name: Intel, minScore: 2, techniques: [t1059] }
techniques:
  exclude:
    - { id: T1200 }
controls: [a.yaml, a.yaml]
policy:
  minCoverage: high
`;

describe('schema diagnostics on a threat model', () => {
  const { diagnostics } = parseThreatModel(BROKEN_MODEL);
  const byCode = (code: string) => diagnostics.filter((d) => d.code === code);

  test('every problem, once, at the exact node, in document order', () => {
    assert.deepEqual(diagnostics.map(brief), [
      'schema.enum@3:19-3:29',
      'schema.type@3:40-3:44',
      'schema.additional-property@6:5-6:14',
      'schema.pattern@7:11-7:17',
      'schema.enum@7:29-7:37',
      'schema.type@7:51-7:54',
      'schema.not-allowed@9:21-9:29',
      'schema.required@10:5-10:28',
      'schema.any-of@11:7-11:22',
      'schema.any-of@12:5-12:26',
      'schema.enum@12:19-12:24',
      'schema.dependent-required@13:20-13:28',
      'schema.pattern@13:46-13:51',
      'schema.required@16:7-16:20',
      'schema.unique-items@17:20-17:26',
      'schema.enum@19:16-19:20',
    ]);
    assert.ok(diagnostics.every((d) => d.severity === 'error'));
  });

  test('additional-property points at the offending key and suggests the property', () => {
    const [d] = byCode('schema.additional-property');
    assert.equal(d.message, "unknown property 'platfroms' (did you mean 'platforms'?)");
    assert.equal(d.data?.replacement, 'platforms');
  });

  test('required points at the mapping (a flow item as a whole, a block item by its first line)', () => {
    assert.deepEqual(lines(byCode('schema.required')), [
      "schema.required@10:5-10:28 missing required property 'name'",
      "schema.required@16:7-16:20 missing required property 'reason'",
    ]);
  });

  test('enum: did-you-mean by prefix and by spelling; none when nothing is close', () => {
    assert.deepEqual(byCode('schema.enum').map((d) => d.data?.replacement), ['enterprise-attack', 'internet-facing', undefined, undefined]);
  });

  test('type: an unquoted version and a YAML 1.1 boolean get the fix in data', () => {
    const [version, bool] = byCode('schema.type');
    assert.equal(version.message, 'quote the ATT&CK version, e.g. "18.1" (unquoted it is read as a number)');
    assert.equal(version.data?.replacement, '"18.1"');
    assert.equal(bool.data?.replacement, 'true');
  });

  test('pattern: a lower-case ID suggests the upper-case one; a bad component id explains the rule', () => {
    const [id, technique] = byCode('schema.pattern');
    assert.match(id.message, /^'k 8s': not a component id/);
    assert.equal(technique.data?.replacement, 'T1059');
  });

  test('dependentSchemas and anyOf problems name the key that causes them', () => {
    assert.equal(byCode('schema.not-allowed')[0].message, "'campaign' cannot be used together with 'group'");
    assert.equal(byCode('schema.any-of')[0].message, "'includeSoftware' applies only to a group or campaign");
    assert.equal(byCode('schema.any-of')[1].message, 'an adversary needs one of group, campaign, software, layer or its own techniques');
  });

  test('a missing top-level property is reported on the first line', () => {
    const { diagnostics: ds } = parseThreatModel('threatModel: 1\n');
    assert.deepEqual(lines(ds), ["schema.required@1:1-1:15 missing required property 'name'"]);
  });

  test('an unknown top-level key', () => {
    assert.deepEqual(parseThreatModel('threatModel: 1\nname: X\nadversary: []\n').diagnostics.map((d) => `${brief(d)} ${String(d.data?.replacement)}`),
      ['schema.additional-property@3:1-3:10 adversaries']);
  });

  test('a platform typo is a schema error with a suggestion; a platform of another release is not (negative)', () => {
    const text = 'threatModel: 1\nname: X\ntechStack:\n  - { id: a, platforms: [Widnows, Azure AD, Android] }\n';
    assert.deepEqual(lines(parseThreatModel(text).diagnostics), ["schema.enum@4:26-4:33 'Widnows': not an ATT&CK platform name (did you mean 'Windows'?)"]);
  });

  test('a syntax error on a line hides the schema errors it causes there', () => {
    const ds = parseThreatModel('threatModel: 1\nname: X\nowner: a\nowner: 1\n').diagnostics;
    assert.deepEqual(ds.map((d) => d.code), ['yaml.duplicate-key']);
  });
});

describe('schema diagnostics on a control inventory', () => {
  const text = `controlInventory: 2
controls:
  - id: EDR-01
    status: done
    appliesTo: []
    mitigations: [M1040, { id: M1032, coverage: total }]
    techniques: [{ id: T1059, function: block }, 42]
    framework: { file: x.json, capabilities: [] }
  - name: Nameless
`;
  test('every problem at its node', () => {
    assert.deepEqual(lines(parseControlInventory(text).diagnostics), [
      'schema.const@1:19-1:20 the control inventory format version must be 1',
      "schema.required@3:5-3:15 missing required property 'name'",
      "schema.enum@4:13-4:17 'done': expected one of implemented, partial, planned, retired",
      "schema.enum@6:49-6:54 'total': expected one of none, minimal, partial, significant",
      "schema.enum@7:41-7:46 'block': expected one of protect, detect, respond",
      'schema.type@7:50-7:52 expected a technique ID (e.g. T1059) or a mapping { id: T1059, coverage: partial, function: detect }',
      'schema.min-items@8:46-8:48 needs at least 1 item',
      "schema.required@9:5-9:19 missing required property 'id'",
    ]);
  });

  test('a missing controls list', () => {
    assert.deepEqual(lines(parseControlInventory('controlInventory: 1\nname: X\n').diagnostics),
      ["schema.required@1:1-1:20 missing required property 'controls'"]);
  });
});

describe('the example workspace is schema-valid (negative for every schema code)', () => {
  for (const file of ['payments.threatmodel.yaml', 'endpoint.controls.yaml', 'cloud.controls.yaml']) {
    test(file, () => {
      const text = readFileSync(`data/examples/${file}`, 'utf8');
      const parse = file.includes('threatmodel') ? parseThreatModel(text, file) : parseControlInventory(text, file);
      assert.deepEqual(parse.diagnostics, []);
    });
  }
});
