/**
 * The CTID Top ATT&CK Techniques data (`Techniques.json` of center-for-threat-informed-defense/top-attack-techniques):
 * each technique's prevalence, choke-point and actionability scores. It is built on an older ATT&CK release than the
 * model's, so each ID is checked against the model's index: a live ID is used as it is, a revoked one follows its
 * replacement (`from` keeps the data's ID), one that is gone or deprecated is left out and counted.
 */
import type { AttackIndex } from '../attack/types';
import type { TopScores } from './types';

export interface TopTechniques {
  readonly scores: ReadonlyMap<string, TopScores>;
  /** IDs of the data that the release does not have (deprecated, or unknown), and revoked ones followed. */
  readonly dropped: readonly string[];
  readonly followed: readonly { readonly from: string; readonly to: string }[];
  /** Entries without usable scores. */
  readonly malformed: number;
  /** Entries the data gives no actionability for (no mitigation or detection data): counted as 0. */
  readonly noActionability: number;
}

/** Thrown when the file is not the Top Techniques JSON at all (message in our words, never the file's text). */
export class TopTechniquesError extends Error {
  override readonly name = 'TopTechniquesError';
}

const MAX_ENTRIES = 20_000;
const TID = /^T\d{4}(\.\d{3})?$/;

const score = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 10 ? v : undefined);

/** Parses the JSON text and maps it onto `index`. */
export function readTopTechniques(text: string, index: AttackIndex): TopTechniques {
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    throw new TopTechniquesError('not valid JSON');
  }
  if (!Array.isArray(data)) throw new TopTechniquesError('not the Top ATT&CK Techniques data: expected a JSON list of techniques with `tid` and their scores');
  if (data.length > MAX_ENTRIES) throw new TopTechniquesError(`more than ${MAX_ENTRIES} entries`);
  const scores = new Map<string, TopScores>();
  const dropped: string[] = [];
  const followed: { from: string; to: string }[] = [];
  const revoked: { tid: string; top: TopScores }[] = [];
  let malformed = 0;
  let noActionability = 0;
  for (const entry of data as unknown[]) {
    const tid = typeof entry === 'object' && entry !== null && typeof (entry as { tid?: unknown }).tid === 'string' ? (entry as { tid: string }).tid : undefined;
    const top = tid && TID.test(tid) ? topOf(entry as Record<string, unknown>) : undefined;
    if (top?.actionabilityMissing) noActionability++;
    if (!tid || !top) malformed++;
    else if (index.technique(tid)) scores.set(tid, top.scores);
    else revoked.push({ tid, top: top.scores });
  }
  // Second: IDs revoked since, to their replacement, unless the replacement has scores of its own.
  for (const { tid, top } of revoked) {
    const replacement = index.replacementOf(tid);
    if (replacement?.kind !== 'technique') {
      dropped.push(tid);
      continue;
    }
    followed.push({ from: tid, to: replacement.id });
    if (!scores.has(replacement.id)) scores.set(replacement.id, { ...top, from: tid });
  }
  return { scores, dropped: dropped.sort(), followed, malformed, noActionability };
}

/** The three scores of an entry; a missing actionability (the data's `null` mitigation and detection scores) is 0. */
function topOf(e: Record<string, unknown>): { scores: TopScores; actionabilityMissing: boolean } | undefined {
  const a = e.actionability_score;
  const actionability = typeof a === 'object' && a !== null ? score((a as Record<string, unknown>).combined_score) : score(a);
  const prevalence = score(e.prevalence_score);
  const chokePoint = score(e.choke_point_score);
  if (prevalence === undefined || chokePoint === undefined) return undefined;
  const act = actionability ?? 0;
  return { scores: { prevalence, chokePoint, actionability: act, combined: prevalence + chokePoint + act }, actionabilityMissing: actionability === undefined };
}
