import assert from 'node:assert/strict';
import { test } from 'node:test';
import { greedyCover } from '../../../src/core/triage/set-cover';

test('greedy cover: heaviest remaining weight first, what each pick adds, what remains', () => {
  const weights = new Map([['A', 8], ['B', 4], ['C', 1], ['D', 1], ['E', 0], ['F', 2]]);
  const cover = greedyCover([
    { id: 'M2', closes: ['C', 'D', 'F'] },  // 4
    { id: 'M1', closes: ['A', 'C'] },       // 9
    { id: 'M3', closes: ['B', 'E'] },       // 4: E weighs nothing
    { id: 'M9', closes: ['X'] },            // not a gap
  ], weights);
  // M1 first (9); then M3 adds B (4) and beats M2, which now adds only D and F (3).
  assert.deepEqual(cover.picks, [
    { id: 'M1', adds: ['A', 'C'], weight: 9 },
    { id: 'M3', adds: ['B'], weight: 4 },
    { id: 'M2', adds: ['D', 'F'], weight: 3 },
  ]);
  assert.deepEqual(cover.remaining, []);
});

test('ties go to more items, then the smaller ID; max bounds the list; remaining keeps the weights order', () => {
  const weights = new Map([['A', 2], ['B', 1], ['C', 1], ['D', 5]]);
  const cover = greedyCover([{ id: 'M2', closes: ['B', 'C'] }, { id: 'M1', closes: ['A'] }, { id: 'M0', closes: ['A'] }], weights, 1);
  assert.deepEqual(cover.picks, [{ id: 'M2', adds: ['B', 'C'], weight: 2 }]);
  assert.deepEqual(cover.remaining, ['A', 'D']);
  assert.deepEqual(greedyCover([{ id: 'M1', closes: ['A'] }, { id: 'M0', closes: ['A'] }], weights).picks.map((p) => p.id), ['M0']);
});
