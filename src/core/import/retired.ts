/**
 * Classifies the ATT&CK IDs an imported file uses against the model's pinned release: live, revoked (counted as
 * the revoked-by replacement), deprecated or revoked without replacement (left out), or unknown (left out).
 */
import type { AttackIndex, ObjectKind } from '../attack/types';

export interface RevokedId {
  readonly id: string;
  /** The live replacement (revoked-by, followed to the end). */
  readonly replacement: string;
}

/** The outcome for every distinct ID an import used, in first-seen order. */
export interface IdResolution {
  /** Original ID → the live ID it counts as (itself, or its replacement). */
  readonly live: ReadonlyMap<string, string>;
  readonly revoked: readonly RevokedId[];
  /** Deprecated, or revoked with no live replacement. */
  readonly deprecated: readonly string[];
  /** Not in the release at all (or not of the expected kind, or not ID-shaped). */
  readonly unknown: readonly string[];
}

/**
 * Resolves each ID once. A revoked ID whose replacement is of another kind (a technique revoked by a
 * mitigation, say) counts as deprecated: nothing of the expected kind replaces it.
 */
export function resolveIds(index: AttackIndex, ids: Iterable<string>, kind: ObjectKind = 'technique'): IdResolution {
  const live = new Map<string, string>();
  const revoked: RevokedId[] = [];
  const deprecated: string[] = [];
  const unknown: string[] = [];
  const seen = new Set<string>();
  for (const raw of ids) {
    if (seen.has(raw)) continue;
    seen.add(raw);
    const id = raw.trim().toUpperCase();
    if (index.get(id, kind)) {
      live.set(raw, id);
      continue;
    }
    const retired = index.retired(id).filter((o) => o.kind === kind);
    if (retired.length === 0) {
      unknown.push(raw);
      continue;
    }
    const replacement = retired.some((o) => o.revoked) ? index.replacementOf(id) : undefined;
    if (replacement && replacement.kind === kind) {
      live.set(raw, replacement.id);
      revoked.push({ id: raw, replacement: replacement.id });
    } else deprecated.push(raw);
  }
  return { live, revoked, deprecated, unknown };
}

/** Merges resolutions (e.g. of techniques and software) for reporting. */
export function mergeResolutions(parts: readonly IdResolution[]): IdResolution {
  return {
    live: new Map(parts.flatMap((p) => [...p.live])),
    revoked: parts.flatMap((p) => p.revoked),
    deprecated: parts.flatMap((p) => p.deprecated),
    unknown: parts.flatMap((p) => p.unknown),
  };
}
