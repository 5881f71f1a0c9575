import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { attackCandidates, enumValues, fullNameOf } from '../../../src/core/language/index';
import { enterpriseIndex } from '../../fixtures/model/mini-attack';

const index = enterpriseIndex();
const ids = (typed: string, kinds: Parameters<typeof attackCandidates>[1] = ['technique']) => attackCandidates(index, kinds, typed).map((c) => c.object.id);

describe('attackCandidates', () => {
  test('by name: "powersh" finds the sub-technique, case-insensitively', () => {
    assert.deepEqual(ids('powersh'), ['T1000.001']);
    assert.deepEqual(ids('POWERSH'), ['T1000.001']);
  });

  test('by ID prefix: a family and its sub-techniques, in ID order', () => {
    assert.deepEqual(ids('T1000'), ['T1000', 'T1000.001', 'T1000.002']);
  });

  test('ID prefix ranks before a name match; a word of "Parent: Child" matches', () => {
    const found = attackCandidates(index, ['technique'], 'command');
    assert.deepEqual(found.map((c) => [c.object.id, c.rank]), [['T1000', 1], ['T1000.001', 1], ['T1000.002', 1]]);
    assert.equal(found[1]?.fullName, 'Command Interpreter: PowerShell');
    assert.deepEqual(ids('shell'), ['T1000.002', 'T1000.001'], 'a word start ("Unix Shell") before an inner match ("PowerShell")');
  });

  test('only live objects of the asked kinds; aliases match', () => {
    assert.ok(!ids('').includes('T1004'), 'revoked left out');
    assert.ok(!ids('').includes('T1005'), 'deprecated left out');
    assert.deepEqual(ids('', ['group']), ['G0001', 'G0002']);
    const alias = attackCandidates(index, ['group'], 'alp');
    assert.deepEqual(alias.map((c) => c.object.id), ['G0001']);
    assert.deepEqual(ids('alpha', ['technique']), [], 'a group name does not match techniques');
  });

  test('nothing for a query that matches nothing; short queries do not match inside words', () => {
    assert.deepEqual(ids('zzz'), []);
    assert.deepEqual(ids('he'), [], '"he" is inside "PowerShell" but too short to count there');
  });

  test('fullNameOf and the vocabularies', () => {
    assert.equal(fullNameOf(index, index.get('T1000.002')!), 'Command Interpreter: Unix Shell');
    assert.equal(fullNameOf(index, index.get('G0001')!), 'Alpha Group');
    assert.deepEqual(enumValues('level'), ['none', 'minimal', 'partial', 'significant']);
    assert.deepEqual(enumValues('status'), ['implemented', 'partial', 'planned', 'retired']);
  });
});
