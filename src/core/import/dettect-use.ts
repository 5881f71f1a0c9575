/**
 * DeTT&CT scores as coverage levels (documented in docs/imports.md):
 * detection −1 (none), 0 (forensics/context) → none; 1 (basic), 2 (fair) → minimal; 3 (good) → partial;
 * 4 (very good), 5 (excellent) → significant. Visibility is data, not a detection: 0, 1 → none; 2–4 → minimal.
 * A technique gets the higher of the two, function `detect`.
 */
import type { Level } from '../coverage/types';
import type { DettectFile, DettectScore } from './dettect';
import { mergeLevels } from './layer-use';

export function detectionLevel(score: number): Level {
  if (score <= 0) return 'none';
  if (score <= 2) return 'minimal';
  if (score === 3) return 'partial';
  return 'significant';
}

export function visibilityLevel(score: number): Level {
  return score >= 2 ? 'minimal' : 'none';
}

/** The DeTT&CT system every entry with `applicable_to: [all]` is for. */
export const ALL_SYSTEMS = 'all';

/**
 * Technique ID as written → level, from the entries for `systems` (undefined: every entry). An entry for
 * `all` counts whatever systems are chosen. Techniques at level none are left out.
 */
export function dettectControlLevels(file: Extract<DettectFile, { kind: 'technique-administration' }>, systems?: ReadonlySet<string>): Map<string, Level> {
  const counts = (e: DettectScore) =>
    systems === undefined || e.applicableTo.some((s) => s.toLowerCase() === ALL_SYSTEMS || systems.has(s));
  const levels = new Map<string, Level>();
  for (const t of file.techniques) {
    for (const e of t.detection) if (counts(e)) mergeLevels(levels, t.techniqueId, detectionLevel(e.score));
    for (const e of t.visibility) if (counts(e)) mergeLevels(levels, t.techniqueId, visibilityLevel(e.score));
  }
  for (const [id, level] of levels) if (level === 'none') levels.delete(id);
  return levels;
}
