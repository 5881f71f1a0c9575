/**
 * Greedy weighted set cover: the "next best mitigations". Each step takes the candidate that closes the most
 * remaining weight (ties: more items, then the smaller ID), until `max` are taken or nothing is gained. Greedy is
 * within a factor ln(n) of the best cover, and it is explainable: each pick says what it adds to the ones before.
 */

export interface CoverCandidate {
  readonly id: string;
  /** The items (gap technique IDs) this candidate would close. */
  readonly closes: readonly string[];
}

export interface CoverPick {
  readonly id: string;
  /** Items it closes that no earlier pick closes, in the order given. */
  readonly adds: readonly string[];
  readonly weight: number;
}

export interface Cover {
  readonly picks: readonly CoverPick[];
  /** Items no pick closes (weighted items only), in the order of `weights`. */
  readonly remaining: readonly string[];
}

/** Candidates over items numbered 0…n−1 (the engine numbers its gaps once; no strings in the loop). */
export interface NumberedCandidate {
  readonly id: string;
  readonly closes: Int32Array;
}

export interface NumberedPick {
  readonly id: string;
  /** Item numbers it closes that no earlier pick closes, in the order given. */
  readonly adds: readonly number[];
  readonly weight: number;
}

/** Items without a weight (or weight 0) do not count. `max` bounds the list (default 10). */
export function greedyCover(candidates: readonly CoverCandidate[], weights: ReadonlyMap<string, number>, max = 10): Cover {
  const ids = [...weights.keys()];
  const number = new Map(ids.map((id, n) => [id, n]));
  const weight = Float64Array.from(ids, (id) => weights.get(id) ?? 0);
  const numbered = candidates.map((c) => ({ id: c.id, closes: Int32Array.from(c.closes.map((i) => number.get(i) ?? -1).filter((n) => n >= 0)) }));
  const { picks, open } = greedyCoverNumbered(numbered, weight, max);
  return {
    picks: picks.map((p) => ({ id: p.id, adds: p.adds.map((n) => ids[n]!), weight: p.weight })),
    remaining: ids.filter((_, n) => open[n] === 1),
  };
}

/**
 * greedyCover over numbered items: `weight[n]` is item n's weight. Returns the picks and which items stay open
 * (1: weighted and closed by no pick).
 */
export function greedyCoverNumbered(candidates: readonly NumberedCandidate[], weight: Float64Array, max = 10): { picks: NumberedPick[]; open: Uint8Array } {
  const open = Uint8Array.from(weight, (w) => (w > 0 ? 1 : 0));
  let openCount = open.reduce((n, o) => n + o, 0);
  const picks: NumberedPick[] = [];
  while (picks.length < max && openCount > 0) {
    let best: { c: NumberedCandidate; count: number; weight: number } | undefined;
    for (const c of candidates) {
      let count = 0;
      let w = 0;
      for (const n of c.closes) {
        if (open[n] !== 1) continue;
        count++;
        w += weight[n]!;
      }
      if (count === 0) continue;
      if (!best || w > best.weight || (w === best.weight && (count > best.count || (count === best.count && c.id < best.c.id)))) {
        best = { c, count, weight: w };
      }
    }
    if (!best) break;
    const adds: number[] = [];
    for (const n of best.c.closes) {
      if (open[n] !== 1) continue;
      adds.push(n);
      open[n] = 0;
      openCount--;
    }
    picks.push({ id: best.c.id, adds, weight: best.weight });
  }
  return { picks, open };
}
