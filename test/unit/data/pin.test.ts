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
  test('not a threat model: unknown domain, attack not a mapping or not YAML, not a mapping', () => {
    assert.equal(readAttackPin('attack: { domain: pre-attack }'), undefined);
    assert.equal(readAttackPin('attack: enterprise'), undefined);
    assert.equal(readAttackPin('attack: { domain: [unclosed\nname: x\n'), undefined);
    assert.equal(readAttackPin('- a\n- b\n'), undefined);
    assert.equal(readAttackPin('# only a comment\n'), undefined);
  });
  test('only the attack entry is read: a syntax error elsewhere (as while typing) keeps the pin', () => {
    const model = 'threatModel: 1\nattack:\n  # pinned\n  domain: mobile-attack\n\n  version: "18.1"\nadversaries:\n  - { group: [unclosed\n';
    assert.deepEqual(readAttackPin(model), { domain: 'mobile-attack', version: '18.1' });
    assert.deepEqual(readAttackPin('a: [unclosed'), { domain: 'enterprise-attack' }, 'a mapping without attack: Enterprise');
  });
  test('unusual layouts are read by a whole parse: flow root, indented root, quoted or repeated key, anchors', () => {
    assert.deepEqual(readAttackPin('{ threatModel: 1, attack: { domain: ics-attack } }'), { domain: 'ics-attack' });
    assert.deepEqual(readAttackPin('  threatModel: 1\n  attack: { domain: ics-attack }\n'), { domain: 'ics-attack' });
    assert.deepEqual(readAttackPin('"attack": { domain: ics-attack }\n'), { domain: 'ics-attack' });
    assert.deepEqual(readAttackPin('attack: { domain: ics-attack }\nattack: { domain: mobile-attack }\n'), { domain: 'mobile-attack' }, 'the last one, as yaml reads it');
    assert.deepEqual(readAttackPin('d: &d mobile-attack\nattack: { domain: *d }\n'), { domain: 'mobile-attack' });
    assert.deepEqual(readAttackPin('%YAML 1.2\n---\nattack: { domain: ics-attack }\n'), { domain: 'ics-attack' });
  });
  test('aliases are limited (a billion-laughs document is not expanded)', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `${'b'.repeat(i + 1)}: &${'b'.repeat(i + 1)} [${Array(9).fill(i === 0 ? '*a' : `*${'b'.repeat(i)}`).join(', ')}]`)].join('\n');
    assert.deepEqual(readAttackPin(bomb), { domain: 'enterprise-attack' }, 'no attack entry: nothing else is parsed');
    assert.equal(readAttackPin(`${bomb}\nattack: { domain: *bbbbbbbb }\n`), undefined, 'an alias in the entry: the whole parse, limited');
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
