/**
 * How a triaged gap becomes a SARIF result (docs/triage.md, "SARIF"): its level from the outcome, its `rank` (0–100,
 * monotone in the triage order), the decision path and points in `properties`, one related location per adversary
 * line that brought it in, and the suppression an accepted risk gets.
 *
 * Level: Act → error, Attend → warning, Track* and Track → note. SARIF's `none` is only for results whose `kind` is
 * not `fail` (SARIF 2.1.0 §3.27.10), and a Track gap is a failed check of low priority, not a pass or a
 * notification: it stays `note`, with `properties.outcome` = "track" telling it from Track*.
 */
import type * as Sarif from 'sarif';
import { gapSeverity } from '../coverage/priority';
import type { SourceRef, TechniqueResult } from '../coverage/types';
import type { Outcome } from '../triage/decision-table';
import { DECISION_POINT_NAMES, OUTCOME_LABELS, outcomeRank } from '../triage/decision-table';

/** The SARIF level of a gap: error for Act, warning for Attend, note for Track* and Track. */
export function sarifLevel(t: Pick<TechniqueResult, 'triage'>): 'error' | 'warning' | 'note' {
  const severity = gapSeverity(t);
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

/** Width of one outcome's band of `rank`, and the priority score at which a gap is half-way up its band. */
const BAND = 25;
const HALF_SCORE = 20;

/**
 * `rank` (0.0–100.0, higher = more urgent): 25 × the outcome's position (Track 0, Track* 1, Attend 2, Act 3) plus
 * 24.9 × score / (score + 20) for the priority score inside the band, one decimal. Act gaps are 75–99.9, Attend
 * 50–74.9, Track* 25–49.9, Track 0–24.9; inside one outcome a higher score never ranks lower. So rank never rises
 * along the triage order (outcome, score, Top Techniques, ID), and it depends on the gap alone, not on the others.
 */
export function sarifRank(outcome: Outcome, score: number): number {
  const inBand = (BAND - 0.1) * (Math.max(0, score) / (Math.max(0, score) + HALF_SCORE));
  return Math.round((BAND * outcomeRank(outcome) + inBand) * 10) / 10;
}

/** Related locations one result lists at most (the rest are counted in `properties.relatedLocationsOmitted`). */
export const RELATED_LOCATION_LIMIT = 100;

type ToLocation = (source: SourceRef, message?: string) => Sarif.Location;

/** One location per adversary line that brought the technique in, each once, with who it is and how. */
export function adversaryLocations(t: TechniqueResult, location: ToLocation): { locations: Sarif.Location[]; omitted: number } {
  const seen = new Set<string>();
  const out: Sarif.Location[] = [];
  let omitted = 0;
  for (const a of t.adversaries) {
    if (!a.source) continue;
    const key = `${a.source.file}\u0000${a.source.range.start.line}\u0000${a.source.range.start.character}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (out.length >= RELATED_LOCATION_LIMIT) {
      omitted++;
      continue;
    }
    const how = a.via === 'software' && a.software
      ? `${a.label} uses ${t.id} through ${(a.softwareNames ?? a.software).join(', ')}`
      : a.via === 'listed' ? `${a.label} lists ${t.id}` : `${a.label} uses ${t.id}`;
    out.push({ id: out.length, ...location(a.source, how) });
  }
  return { locations: out, omitted };
}

/** The triage in a result's property bag: outcome, path, every decision point, table and date, Top Techniques. */
export function triageProperties(t: TechniqueResult, table: string, asOf: string | undefined): Record<string, unknown> {
  const r = t.triage;
  if (!r) return {};
  return {
    outcome: r.outcome,
    outcomeLabel: OUTCOME_LABELS[r.outcome],
    path: r.path,
    decisionPoints: Object.fromEntries(DECISION_POINT_NAMES.map((p) => [p, {
      value: r[p].value,
      evidence: r[p].evidence,
      ...(r[p].more ? { more: r[p].more } : {}),
      ...(r[p].assessed ? { assessed: { computed: r[p].assessed!.computed, reason: r[p].assessed!.reason } } : {}),
    }])),
    decisionTable: table,
    ...(asOf !== undefined ? { asOf } : {}),
    ...(r.top ? { topTechniques: r.top } : {}),
  };
}

/** The mitigations of a gap in its property bag: ID, name and the change that would close the gap with it. */
export function mitigationProperties(t: TechniqueResult): Record<string, unknown> {
  return t.mitigations ? { mitigations: t.mitigations.map((m) => ({ id: m.id, name: m.name, action: m.action })) } : {};
}

/**
 * The suppression of an accepted risk: `inSource` (the acceptance is written in the model, the file analysed) at
 * the `techniques.accept` entry, status `accepted`, the reason, owner and end date as the justification. GitHub code
 * scanning closes an alert whose suppression is accepted; when the acceptance ends the result comes back unsuppressed.
 */
export function acceptanceSuppression(t: TechniqueResult, location: ToLocation): Sarif.Suppression[] {
  const a = t.acceptance;
  if (!a) return [];
  return [{
    kind: 'inSource',
    status: 'accepted',
    justification: `${a.reason} (owner ${a.owner}, until ${a.until}${a.ref !== undefined ? `, ref ${a.ref}` : ''})`,
    ...(a.source ? { location: location(a.source) } : {}),
    properties: { owner: a.owner, until: a.until, ...(a.ref !== undefined ? { ref: a.ref } : {}) },
  }];
}
