import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extendResult } from '../../../src/core/coverage/extend-result';
import type { TechniqueResult } from '../../../src/core/coverage/types';

const base: TechniqueResult = {
  id: 'T1059.001', name: 'PowerShell', url: 'https://attack.mitre.org/techniques/T1059/001', tactics: ['execution'],
  isSubtechnique: true, parentId: 'T1059', platforms: ['Windows'], adversary: true, applicable: true, coverage: 'none',
  state: 'gap', adversaries: [], components: [],
};

test('extendResult gives the same keys, order and values as the spread it replaces', () => {
  const more = { priority: { score: 12, rank: 0, reasons: ['r'] } };
  const spread = { ...base, ...more };
  const made = extendResult(base, more);
  assert.deepEqual(made, spread);
  assert.deepEqual(Object.keys(made), Object.keys(spread));
  assert.equal(JSON.stringify(made), JSON.stringify(spread));
});

test('extendResult overwrites a key in place (state of an accepted technique) and leaves the original alone', () => {
  const made = extendResult(base, { state: 'accepted' });
  assert.equal(made.state, 'accepted');
  assert.deepEqual(Object.keys(made), Object.keys(base));
  assert.equal(base.state, 'gap');
  assert.notEqual(made, base);
});
