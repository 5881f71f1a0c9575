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

/** Items without a weight (or weight 0) do not count. `max` bounds the list (default 10). */
export function greedyCover(candidates: readonly CoverCandidate[], weights: ReadonlyMap<string, number>, max = 10): Cover {
  const open = new Set([...weights].filter(([, w]) => w > 0).map(([id]) => id));
  const pool = candidates.map((c) => ({ id: c.id, closes: c.closes.filter((i) => open.has(i)) })).filter((c) => c.closes.length > 0);
  const picks: CoverPick[] = [];
  while (picks.length < max && open.size > 0) {
    let best: { id: string; adds: string[]; weight: number } | undefined;
    for (const c of pool) {
      const adds = c.closes.filter((i) => open.has(i));
      if (adds.length === 0) continue;
      const weight = adds.reduce((s, i) => s + (weights.get(i) ?? 0), 0);
      if (!best || weight > best.weight || (weight === best.weight && (adds.length > best.adds.length || (adds.length === best.adds.length && c.id < best.id)))) {
        best = { id: c.id, adds, weight };
      }
    }
    if (!best) break;
    picks.push(best);
    for (const i of best.adds) open.delete(i);
  }
  return { picks, remaining: [...weights.keys()].filter((i) => open.has(i)) };
}
