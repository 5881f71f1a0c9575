import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isAttackDomain, pinKey, pinLabel, readAttackPin } from '../../../src/core/data/pin';

describe('readAttackPin', () => {
  test('reads domain and version from the attack block', () => {
    assert.deepEqual(readAttackPin('threatModel: 1\nattack: { domain: mobile-attack, version: "18.1" }\n'), { domain: 'mobile-attack', version: '18.1' });
  });
  test('an unquoted version that YAML reads as a number still counts', () => {
    assert.deepEqual(readAttackPin('attack:\n  domain: ics-attack\n  version: 17.1\n'), { domain: 'ics-attack', version: '17.1' });
  });
  test('no attack block: Enterprise, any release; a block without domain: Enterprise', () => {
    assert.deepEqual(readAttackPin('threatModel: 1\nname: x\n'), { domain: 'enterprise-attack' });
    assert.deepEqual(readAttackPin('attack: { version: "15.1" }'), { domain: 'enterprise-attack', version: '15.1' });
    assert.deepEqual(readAttackPin('attack:\n'), { domain: 'enterprise-attack' });
  });
  test('a version that is not a release is treated as no version', () => {
    assert.deepEqual(readAttackPin('attack: { domain: enterprise-attack, version: latest }'), { domain: 'enterprise-attack' });
    assert.deepEqual(readAttackPin('attack: { domain: enterprise-attack, version: [1] }'), { domain: 'enterprise-attack' });
  });
  test('not a threat model: unknown domain, attack not a mapping, not a mapping, not YAML', () => {
    assert.equal(readAttackPin('attack: { domain: pre-attack }'), undefined);
    assert.equal(readAttackPin('attack: enterprise'), undefined);
    assert.equal(readAttackPin('- a\n- b\n'), undefined);
    assert.equal(readAttackPin('a: [unclosed'), undefined);
  });
  test('aliases are limited (a billion-laughs document is not expanded)', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `${'b'.repeat(i + 1)}: &${'b'.repeat(i + 1)} [${Array(9).fill(i === 0 ? '*a' : `*${'b'.repeat(i)}`).join(', ')}]`)].join('\n');
    assert.equal(readAttackPin(bomb), undefined);
  });
});

describe('pin helpers', () => {
  test('isAttackDomain knows the three domains', () => {
    assert.deepEqual(['enterprise-attack', 'mobile-attack', 'ics-attack', 'pre-attack'].map(isAttackDomain), [true, true, true, false]);
  });
  test('pinKey and pinLabel', () => {
    assert.equal(pinKey({ domain: 'enterprise-attack', version: '18.1' }), 'enterprise-attack@18.1');
    assert.equal(pinKey({ domain: 'ics-attack' }), 'ics-attack@*');
    assert.equal(pinLabel({ domain: 'enterprise-attack', version: '18.1' }), 'enterprise 18.1');
    assert.equal(pinLabel({ domain: 'mobile-attack' }), 'mobile');
  });
});
