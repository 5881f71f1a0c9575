/**
 * What a Navigator layer means to the coverage engine, as adversary techniques or as control levels.
 * Entries for the same technique (one per tactic) merge: the technique counts if any enabled entry counts,
 * with the highest score.
 */
import type { Level } from '../coverage/types';
import { levelRank } from '../coverage/types';
import type { LayerTechnique, NavigatorLayer } from './navigator-layer';

/**
 * Adversary use. With `minScore`: enabled entries scored at least minScore. Without: every enabled,
 * annotated entry (score, colour, comment, metadata or links), so colour-only layers such as "*Bear APTs"
 * count, and entries the Navigator writes only to keep sub-techniques expanded do not.
 * Returns technique ID as written → best score (undefined when unscored).
 */
export function layerAdversaryTechniques(layer: NavigatorLayer, minScore?: number): Map<string, number | undefined> {
  const counts = (t: LayerTechnique) =>
    t.enabled && (minScore !== undefined ? t.score !== undefined && t.score >= minScore : t.annotated);
  return mergeScores(layer.techniques.filter(counts));
}

/**
 * Control use: a layer painted with what a control covers. Every enabled, annotated entry counts (with
 * `minScore`, only those scored at least minScore). Level of a score, by its place in the layer's gradient
 * range [min, max] (default 0–100), split into thirds with closed upper ends: at or below min → none (left out);
 * (min, ⅓] → minimal; (⅓, ⅔] → partial; above ⅔ (and above max) → significant. So 0–3 scales read 1/2/3 as
 * minimal/partial/significant and 0–100 reads 1–33, 34–66, 67–100. An unscored entry gives `partial`, the
 * default level of a technique entry. Returns technique ID as written → level.
 */
export function layerControlLevels(layer: NavigatorLayer, minScore?: number): Map<string, Level> {
  const levels = new Map<string, Level>();
  const scores = mergeScores(layer.techniques.filter((t) => t.enabled && t.annotated && (minScore === undefined || (t.score ?? -Infinity) >= minScore)));
  for (const [id, score] of scores) {
    const level = score === undefined ? 'partial' : scoreLevel(score, layer.gradient);
    if (level !== 'none') levels.set(id, level);
  }
  return levels;
}

/** A score's level by its position in the gradient range (see layerControlLevels). */
export function scoreLevel(score: number, range: { readonly min: number; readonly max: number }): Level {
  const f = (score - range.min) / (range.max - range.min);
  const eps = 1e-9;
  if (!(f > 0)) return 'none';
  if (f <= 1 / 3 + eps) return 'minimal';
  if (f <= 2 / 3 + eps) return 'partial';
  return 'significant';
}

/** Highest level per key. */
export function mergeLevels<K>(into: Map<K, Level>, key: K, level: Level): void {
  const current = into.get(key);
  if (current === undefined || levelRank(level) > levelRank(current)) into.set(key, level);
}

function mergeScores(entries: readonly LayerTechnique[]): Map<string, number | undefined> {
  const out = new Map<string, number | undefined>();
  for (const t of entries) {
    const id = t.techniqueID;
    const current = out.get(id);
    if (!out.has(id) || (t.score !== undefined && (current === undefined || t.score > current))) out.set(id, t.score);
  }
  return out;
}
