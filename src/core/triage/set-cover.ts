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
  // Items become small integers so the inner loop reads typed arrays, not maps of strings.
  const ids = [...weights.keys()];
  const number = new Map(ids.map((id, n) => [id, n]));
  const weight = Float64Array.from(ids, (id) => weights.get(id) ?? 0);
  const open = Uint8Array.from(weight, (w) => (w > 0 ? 1 : 0));
  let openCount = open.reduce((n, o) => n + o, 0);
  const pool = candidates
    .map((c) => ({ id: c.id, closes: Int32Array.from(c.closes.map((i) => number.get(i) ?? -1).filter((n) => n >= 0 && open[n] === 1)) }))
    .filter((c) => c.closes.length > 0);
  const picks: CoverPick[] = [];
  while (picks.length < max && openCount > 0) {
    let best: { c: (typeof pool)[number]; count: number; weight: number } | undefined;
    for (const c of pool) {
      let count = 0;
      let w = 0;
      for (const n of c.closes) {
        if (open[n] === 0) continue;
        count++;
        w += weight[n]!;
      }
      if (count === 0) continue;
      if (!best || w > best.weight || (w === best.weight && (count > best.count || (count === best.count && c.id < best.c.id)))) {
        best = { c, count, weight: w };
      }
    }
    if (!best) break;
    const adds: string[] = [];
    for (const n of best.c.closes) {
      if (open[n] === 0) continue;
      adds.push(ids[n]!);
      open[n] = 0;
      openCount--;
    }
    picks.push({ id: best.c.id, adds, weight: best.weight });
  }
  return { picks, remaining: ids.filter((_, n) => open[n] === 1) };
}
