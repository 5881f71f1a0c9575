import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { valueContextAt, valueKindAt } from '../../../src/core/language/index';
import { withCursor } from './cursor';

const at = (marked: string) => {
  const { text, offset } = withCursor(marked);
  return valueContextAt(text, offset);
};

const MODEL = `threatModel: 1
name: x
attack: { domain: enterprise-attack, version: "18.1" }
techStack:
  - { id: laptops, platforms: [Windows, $$] }
`;

describe('valueContextAt', () => {
  test('a flow sequence inside a flow mapping inside a block sequence', () => {
    assert.deepEqual(at(MODEL)?.path, ['techStack', 'platforms']);
  });

  test('a flow mapping value after `key: `, with the word around the cursor', () => {
    const c = at('adversaries:\n  - { group: G00$$46, motivation: financial }\n');
    assert.deepEqual(c?.path, ['adversaries', 'group']);
    assert.equal(c?.word, 'G0046');
    assert.equal(c?.wordStart, 'adversaries:\n  - { group: '.length);
  });

  test('block keys of sibling entries do not count as ancestors', () => {
    const c = at('controlInventory: 1\ncontrols:\n  - id: EDR-01\n    name: x\n    techniques:\n      - { id: T10$$ }\n');
    assert.deepEqual(c?.path, ['controls', 'techniques', 'id']);
  });

  test('a block sequence item under a block key', () => {
    assert.deepEqual(at('adversaries:\n  - group: G0046\n    techniques:\n      # own\n\n      - powersh$$\n')?.path, ['adversaries', 'techniques']);
  });

  test('a scalar value of a block key, and a flow sequence after earlier items', () => {
    assert.deepEqual(at('controls:\n  - id: A\n    status: impl$$\n')?.path, ['controls', 'status']);
    assert.deepEqual(at('controls:\n  - id: A\n    mitigations: [M1040, { id: M10$$')?.path, ['controls', 'mitigations', 'id']);
    assert.deepEqual(at('controls:\n  - id: A\n    appliesTo: ["laptops", k$$]')?.path, ['controls', 'appliesTo']);
  });

  test('a closed flow collection before the cursor is left', () => {
    assert.deepEqual(at('policy: { minCoverage: partial }\nattack: { domain: $$')?.path, ['attack', 'domain']);
    assert.deepEqual(at('x: [a, b]\npolicy:\n  minCoverage: $$')?.path, ['policy', 'minCoverage']);
  });

  test('no value context in a comment, at a flow-mapping key, or at the root', () => {
    assert.equal(at('adversaries:\n  - group: G0046 # G00$$'), undefined);
    assert.equal(at('adversaries:\n  - { gro$$'), undefined);
    assert.equal(at('threatMo$$'), undefined);
  });
});

describe('valueKindAt', () => {
  test('ATT&CK references, bare or as `id:`', () => {
    assert.deepEqual(valueKindAt('threat-model', ['adversaries', 'group']), { type: 'attack', kinds: ['group'] });
    assert.deepEqual(valueKindAt('threat-model', ['techniques', 'exclude', 'id']), { type: 'attack', kinds: ['technique'] });
    assert.deepEqual(valueKindAt('control-inventory', ['controls', 'mitigations', 'id']), { type: 'attack', kinds: ['mitigation'] });
    assert.deepEqual(valueKindAt('control-inventory', ['controls', 'techniques']), { type: 'attack', kinds: ['technique'] });
  });

  test('vocabularies depend on the file kind', () => {
    assert.deepEqual(valueKindAt('control-inventory', ['controls', 'status']), { type: 'enum', name: 'status' });
    assert.deepEqual(valueKindAt('control-inventory', ['controls', 'appliesTo']), { type: 'component' });
    assert.deepEqual(valueKindAt('threat-model', ['techStack', 'platforms']), { type: 'platform' });
    assert.equal(valueKindAt('threat-model', ['controls', 'status']), undefined);
    assert.equal(valueKindAt('threat-model', ['name']), undefined);
    assert.equal(valueKindAt('threat-model', ['techStack', 'id']), undefined, 'a component id is not an ATT&CK reference');
  });
});
