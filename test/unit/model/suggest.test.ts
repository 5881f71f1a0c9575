import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { MAX_SUGGEST_CANDIDATES, MAX_SUGGEST_LENGTH, OneEditIndex, SuggestBudget, boundedDistance, closestMatch, nearest } from '../../../src/core/model/suggest';

/** The full-table optimal string alignment distance, as the code had it before: the reference. */
function osa(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      let v = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2][j - 2] + 1);
      d[i][j] = v;
    }
  }
  return d[a.length][b.length];
}

const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 14 });

describe('bounded edit distance', () => {
  test('equals the full optimal string alignment distance when it is at most k, else k + 1', () => {
    fc.assert(fc.property(word, word, fc.integer({ min: 0, max: 8 }), (a, b, k) => {
      const full = osa(a, b);
      assert.equal(boundedDistance(a, b, k), full <= k ? full : k + 1, `'${a}' vs '${b}', k = ${k}: distance ${full}`);
    }), { numRuns: 5000 });
  });

  test('transpositions cost one ("platfroms"), and the table stops at the first row past k', () => {
    assert.equal(boundedDistance('platforms', 'platfroms', 1), 1);
    const budget = new SuggestBudget(Infinity);
    assert.equal(boundedDistance('a'.repeat(1000), 'b'.repeat(1000), 3, budget), 4);
    // Row 1 has 4 cells, every later row 7 until all exceed 3: the cut-off comes at row 4.
    assert.ok(budget.spent <= 4 * 7, `cells computed for two 1,000-character strings 1,000 edits apart, k = 3: ${budget.spent}, expected ≤ 28`);
  });

  test('cells grow linearly with the length: (2k + 1) per character at most (counted, not timed)', () => {
    const cells = (n: number) => {
      const budget = new SuggestBudget(Infinity);
      // Equal but for the last character: no cut-off, the whole band is computed.
      boundedDistance(`${'ab'.repeat(n)}x`, `${'ab'.repeat(n)}y`, 5, budget);
      return budget.spent;
    };
    const [small, large] = [cells(1000), cells(4000)];
    assert.ok(large <= 11 * (8000 + 1), `cells for 8,001 characters at k = 5: ${large}, the band allows ${11 * 8001}`);
    assert.ok(large / small < 4.1, `cells for 4× the length: ${large} vs ${small} (${(large / small).toFixed(2)}×), linear would be 4×`);
  });
});

describe('closestMatch', () => {
  const platforms = ['Windows', 'macOS', 'Linux', 'Identity Provider', 'internet-facing', 'internal'];

  test('the same word in another case, a unique completion, else the nearest within a third of its length', () => {
    assert.equal(closestMatch('windows', platforms), 'Windows');
    assert.equal(closestMatch('Identity', platforms), 'Identity Provider');
    assert.equal(closestMatch('inter', platforms), undefined, 'two completions (internet-facing, internal) and nothing near');
    assert.equal(closestMatch('Linxu', platforms), 'Linux');
    assert.equal(closestMatch('Solaris', platforms), undefined);
  });

  test(`no suggestion for strings over ${MAX_SUGGEST_LENGTH} characters, and none is computed`, () => {
    const budget = new SuggestBudget();
    const long = 'a'.repeat(3000);
    assert.equal(closestMatch(long, [`${long}b`, long.toUpperCase()], budget), undefined);
    assert.equal(budget.spent, 0, 'no cell and no candidate looked at');
    // Candidates that long are skipped too.
    assert.equal(closestMatch('abc', [long]), undefined);
  });

  test(`at most ${MAX_SUGGEST_CANDIDATES} candidates are compared`, () => {
    const candidates = [...Array.from({ length: MAX_SUGGEST_CANDIDATES }, (_, i) => `zz-${i}-zzzzzz`), 'component-x'];
    assert.equal(closestMatch('component-y', candidates), undefined, 'the only near candidate is past the cap');
    assert.equal(closestMatch('component-y', candidates.slice(-10)), 'component-x');
  });

  test('an exhausted budget gives no suggestion (never a worse one from a partial search)', () => {
    const unlimited = new SuggestBudget(Infinity);
    closestMatch('Linxu', platforms, unlimited);
    const budget = new SuggestBudget(unlimited.spent);
    assert.equal(closestMatch('Linxu', platforms, budget), 'Linux');
    assert.ok(budget.exhausted, `spent ${budget.spent} of ${budget.limit}`);
    assert.equal(closestMatch('Linxu', platforms, budget), undefined);
  });

  test('nearest (with its bag-distance pre-filter) finds what a pass with the full distance finds', () => {
    fc.assert(fc.property(fc.array(word, { maxLength: 30 }), word, fc.integer({ min: 0, max: 5 }), (words, query, limit) => {
      const distances = words.map((w) => osa(query, w));
      const best = Math.min(...distances.filter((d) => d <= limit));
      const expected = words.filter((_, i) => distances[i] === best);
      assert.deepEqual(nearest(query, words.map((w) => ({ lower: w, value: w })), limit, new SuggestBudget(Infinity)), expected);
    }), { numRuns: 3000 });
  });

  test('nearest: every candidate at the best distance, in candidate order', () => {
    const c = ['abcd', 'abce', 'abcf', 'xbcd'].map((v) => ({ lower: v, value: v }));
    assert.deepEqual(nearest('abcx', c, 2, new SuggestBudget()), ['abcd', 'abce', 'abcf']);
    assert.deepEqual(nearest('abcd', c, 2, new SuggestBudget()), ['abcd']);
  });
});

describe('OneEditIndex', () => {
  test('finds exactly the candidates within one edit, as a pass over all of them would', () => {
    fc.assert(fc.property(fc.uniqueArray(word, { maxLength: 40 }), word, (words, query) => {
      const index = new OneEditIndex(words.map((w) => ({ lower: w, value: w })));
      const found = index.within(query, new SuggestBudget()).map((x) => `${x.value}:${x.distance}`).sort();
      const expected = words.filter((w) => osa(w, query) <= 1).map((w) => `${w}:${osa(w, query)}`).sort();
      assert.deepEqual(found, expected);
    }), { numRuns: 2000 });
  });

  test('a question costs |q| + 1 lookups and the candidates sharing a deletion, not a pass over all of them', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => ({ lower: `T${String(1000 + i)}`, value: i }));
    const indexed = new SuggestBudget(Infinity);
    const found = new OneEditIndex(ids).within('T1059', indexed).map((x) => x.value);
    assert.ok(found.includes(59) && found.includes(1059), `T1059 itself and T2059 are found: ${found.join(', ')}`);
    const pass = new SuggestBudget(Infinity);
    nearest('T1059', ids, 1, pass);
    assert.ok(indexed.spent * 10 < pass.spent, `work for one question among 5,000 IDs: ${indexed.spent} through the index, ${pass.spent} for a pass over all`);
  });
});
