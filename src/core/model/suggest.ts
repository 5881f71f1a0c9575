/**
 * "Did you mean …?": the one implementation behind every suggestion (property names, enum values, component ids,
 * control files, ICS assets, ATT&CK IDs and names, import capabilities). Its cost is bounded whatever the input:
 * only strings of at most MAX_SUGGEST_LENGTH characters get a suggestion, the distance is computed in a band
 * of width 2k + 1 that stops as soon as every cell exceeds the bound k (Ukkonen's cut-off), at most
 * MAX_SUGGEST_CANDIDATES candidates are compared per question, and a SuggestBudget caps the work one file's
 * check may spend on suggestions in all (past it, diagnostics simply come without "did you mean").
 */

/** Longest string (input or candidate) a suggestion is computed for; ids, keys and ATT&CK names are shorter. */
export const MAX_SUGGEST_LENGTH = 64;

/** Most candidates compared for one suggestion (the largest ATT&CK list, Enterprise software with aliases, is ~1,600). */
export const MAX_SUGGEST_CANDIDATES = 4096;

/**
 * Distance-table cells (plus one per candidate looked at) one file's check may spend on suggestions: ~5–30 ms,
 * hundreds of typical suggestions, or some 80 searches of the whole ATT&CK Enterprise name list.
 */
export const SUGGEST_BUDGET_CELLS = 1_000_000;

/** Work left for suggestions; shared by every suggestion of one check of one file. */
export class SuggestBudget {
  /** Cells spent so far (for tests and benchmarks that count operations). */
  spent = 0;

  constructor(readonly limit: number = SUGGEST_BUDGET_CELLS) {}

  get exhausted(): boolean {
    return this.spent >= this.limit;
  }
}

/** The closest candidate to a typo, or undefined when nothing is close enough to be a likely intent. */
export function closestMatch(input: string, candidates: Iterable<string>, budget: SuggestBudget = new SuggestBudget()): string | undefined {
  if (input.length === 0 || input.length > MAX_SUGGEST_LENGTH || budget.exhausted) return undefined;
  const lower = input.toLowerCase();
  const pool = boundedCandidates(candidates, budget);
  if (!pool) return undefined;
  const sameCase = pool.find((c) => c.lower === lower);
  if (sameCase !== undefined) return sameCase.value;
  // A word cut short ("internet" for "internet-facing") is a likelier intent than a near spelling.
  if (lower.length >= 3) {
    const extended = pool.filter((c) => c.lower.startsWith(lower));
    if (extended.length === 1) return extended[0].value;
  }
  const limit = Math.max(1, Math.floor(input.length / 3));
  return nearest(lower, pool, limit, budget)[0];
}

/** A candidate's text as compared (lower case, or otherwise normalised by the caller) and what to return for it. */
export interface Candidate<T> {
  readonly lower: string;
  readonly value: T;
}

/**
 * Every candidate at the smallest distance from `wanted` that is at most `limit`, in candidate order; empty when
 * none is that close, `wanted` is too long, or the budget runs out first (a partial search would not be the best).
 */
export function nearest<T>(wanted: string, candidates: readonly Candidate<T>[], limit: number, budget: SuggestBudget): T[] {
  if (wanted.length > MAX_SUGGEST_LENGTH) return [];
  let best: T[] = [];
  let bound = limit;
  const checked = Math.min(candidates.length, MAX_SUGGEST_CANDIDATES);
  const counts = characterCounts(wanted);
  for (let i = 0; i < checked; i++) {
    if (budget.exhausted) return [];
    const c = candidates[i];
    budget.spent++;
    if (c.lower.length > MAX_SUGGEST_LENGTH || Math.abs(c.lower.length - wanted.length) > bound) continue;
    // A lower bound first, in one pass over the candidate: most candidates are far off, and the table costs more.
    budget.spent += c.lower.length;
    if (bagDistance(counts, wanted.length, c.lower) > bound) continue;
    const d = boundedDistance(wanted, c.lower, bound, budget);
    if (d > bound) continue;
    // A closer one: from now on only candidates at least this close matter.
    if (best.length === 0 || d < bound) best = [];
    bound = d;
    best.push(c.value);
  }
  return best;
}

/** How often each character occurs, by code point modulo 128 (a shared slot only weakens the bound below). */
function characterCounts(text: string): Int32Array {
  const counts = new Int32Array(128);
  for (let i = 0; i < text.length; i++) counts[text.charCodeAt(i) & 127]++;
  return counts;
}

/**
 * The bag distance: how many characters one string has that the other lacks (the larger of the two ways), a lower
 * bound of the edit distance (an edit changes it by at most one; a transposition not at all). `counts` are the first
 * string's, restored before returning.
 */
function bagDistance(counts: Int32Array, length: number, other: string): number {
  let extra = 0;
  for (let i = 0; i < other.length; i++) if (--counts[other.charCodeAt(i) & 127] < 0) extra++;
  for (let i = 0; i < other.length; i++) counts[other.charCodeAt(i) & 127]++;
  const matched = other.length - extra;
  return Math.max(extra, length - matched);
}

/**
 * Strings within one edit (distance ≤ 1) of a question, found through one-character deletions (the "symmetric
 * delete" method: two strings one edit apart share a deletion): a question costs |q| + 1 map lookups, not a pass
 * over every candidate. For ATT&CK IDs, of which a release has over a thousand.
 */
export class OneEditIndex<T> {
  private readonly byDeletion = new Map<string, Candidate<T>[]>();

  constructor(candidates: readonly Candidate<T>[]) {
    for (const c of candidates) {
      if (c.lower.length > MAX_SUGGEST_LENGTH) continue;
      for (const key of deletions(c.lower)) {
        const list = this.byDeletion.get(key);
        if (list) list.push(c);
        else this.byDeletion.set(key, [c]);
      }
    }
  }

  /** The candidates within one edit of `wanted` (as compared: lower-case it first if the candidates are), with their distance. */
  within(wanted: string, budget: SuggestBudget): { value: T; distance: number }[] {
    if (wanted.length > MAX_SUGGEST_LENGTH) return [];
    const seen = new Set<Candidate<T>>();
    const out: { value: T; distance: number }[] = [];
    for (const key of deletions(wanted)) {
      if (budget.exhausted) return [];
      budget.spent++;
      for (const c of this.byDeletion.get(key) ?? []) {
        if (seen.has(c)) continue;
        seen.add(c);
        const distance = boundedDistance(wanted, c.lower, 1, budget);
        if (distance <= 1) out.push({ value: c.value, distance });
      }
    }
    return out;
  }
}

/** The string and each string one character shorter. */
function deletions(text: string): Set<string> {
  const out = new Set([text]);
  for (let i = 0; i < text.length; i++) out.add(text.slice(0, i) + text.slice(i + 1));
  return out;
}

/** Up to MAX_SUGGEST_CANDIDATES candidates of bounded length, lower-cased; undefined when the budget is gone. */
function boundedCandidates(candidates: Iterable<string>, budget: SuggestBudget): Candidate<string>[] | undefined {
  const out: Candidate<string>[] = [];
  for (const value of candidates) {
    if (out.length === MAX_SUGGEST_CANDIDATES) break;
    budget.spent++;
    if (value.length <= MAX_SUGGEST_LENGTH) out.push({ lower: value.toLowerCase(), value });
  }
  return budget.exhausted ? undefined : out;
}

/** Three rows of the distance table, reused by every call (grown for longer strings). */
let rows: [Int32Array, Int32Array, Int32Array] = [new Int32Array(0), new Int32Array(0), new Int32Array(0)];

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions: "platfroms") between `a` and `b`
 * when it is at most `k`, else `k + 1`. Only the band |i − j| ≤ k of the table is computed, and the computation
 * stops at the first row whose every cell exceeds `k`: O(k · min(|a|, |b|)) cells, counted into `budget`.
 */
export function boundedDistance(a: string, b: string, k: number, budget?: SuggestBudget): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  const over = k + 1;
  if (k < 0) return 0;
  if (Math.abs(la - lb) > k) return over;
  if (la === 0 || lb === 0) return Math.max(la, lb);
  if (rows[0].length < lb + 1) rows = [new Int32Array(lb + 1), new Int32Array(lb + 1), new Int32Array(lb + 1)];
  let [before, previous, current] = rows;
  for (let j = 0; j <= lb; j++) previous[j] = j <= k ? j : over;
  let cells = 0;
  let result = over;
  for (let i = 1; i <= la; i++) {
    const lo = i - k > 1 ? i - k : 1;
    const hi = i + k < lb ? i + k : lb;
    const first = lo === 1 ? (i <= k ? i : over) : over;
    current[lo - 1] = first;
    let rowMin = first;
    const ca = a.charCodeAt(i - 1);
    const caBefore = i > 1 ? a.charCodeAt(i - 2) : -1;
    for (let j = lo; j <= hi; j++) {
      const cb = b.charCodeAt(j - 1);
      let value = previous[j - 1] + (ca === cb ? 0 : 1);
      const up = previous[j] + 1;
      if (up < value) value = up;
      const left = current[j - 1] + 1;
      if (left < value) value = left;
      if (j > 1 && ca === b.charCodeAt(j - 2) && caBefore === cb) {
        const swapped = before[j - 2] + 1;
        if (swapped < value) value = swapped;
      }
      if (value > over) value = over;
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (hi < lb) current[hi + 1] = over;
    cells += hi - lo + 1;
    if (rowMin > k) break;
    if (i === la) result = current[lb] > k ? over : current[lb];
    const spare = before;
    before = previous;
    previous = current;
    current = spare;
  }
  if (budget) budget.spent += cells;
  return result;
}

/** 'a', 'a and b', 'a, b and c' — quoted. */
export function listQuoted(items: readonly string[]): string {
  const quoted = items.map((i) => `'${i}'`);
  return quoted.length <= 1 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}
