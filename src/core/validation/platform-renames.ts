/**
 * ATT&CK renames platforms between releases (between 15.1 and 18.1 "Azure AD" became "Identity Provider", …). A model
 * pinned to one release but written with the other's names matches fewer techniques than intended, so
 * the names are checked against the pinned data and renames are suggested.
 */
import type { AttackIndex } from '../attack/types';

export interface PlatformRename {
  readonly from: string;
  readonly to: string;
}

/**
 * Renames between ATT&CK Enterprise 15.1 and 18.1, as `derivePlatformRenames` finds them in the data (a unit
 * test re-derives them from the real bundles). Kept as a table because validation has only the pinned
 * release in hand, not the one the user's names come from.
 */
export const PLATFORM_RENAMES: readonly PlatformRename[] = [
  { from: 'Azure AD', to: 'Identity Provider' },
  { from: 'Office 365', to: 'Office Suite' },
  { from: 'Google Workspace', to: 'Office Suite' },
  { from: 'Network', to: 'Network Devices' },
];

export interface DerivedRename extends PlatformRename {
  /** Techniques live in both releases that ran on `from` in the older one. */
  readonly techniques: number;
  /** How many of them run on `to` in the newer one. */
  readonly moved: number;
  /** Other new platforms those techniques gained, most frequent first (e.g. Azure AD → Office Suite too). */
  readonly alsoTo: readonly { readonly platform: string; readonly moved: number }[];
}

/**
 * Platforms of `older` that `newer` no longer has, each mapped to the new platform most of its techniques
 * moved to. A platform counts as renamed when at least half of the techniques live in both releases that
 * ran on it run on one new platform; platforms that just disappear map to nothing.
 */
export function derivePlatformRenames(older: AttackIndex, newer: AttackIndex): DerivedRename[] {
  const gone = older.platforms.filter((p) => !newer.platforms.includes(p));
  const added = new Set(newer.platforms.filter((p) => !older.platforms.includes(p)));
  const out: DerivedRename[] = [];
  for (const from of gone) {
    let techniques = 0;
    const moved = new Map<string, number>();
    for (const before of older.techniques) {
      if (!before.platforms.includes(from)) continue;
      const after = newer.technique(before.id);
      if (!after) continue;
      techniques++;
      for (const p of after.platforms) if (added.has(p) && !before.platforms.includes(p)) moved.set(p, (moved.get(p) ?? 0) + 1);
    }
    const ranked = [...moved].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const best = ranked[0];
    if (!best || best[1] * 2 < techniques) continue;
    out.push({ from, to: best[0], techniques, moved: best[1], alsoTo: ranked.slice(1).map(([platform, n]) => ({ platform, moved: n })) });
  }
  return out;
}

/** Names the pinned release uses for a platform written in another release's vocabulary, forward or back. */
export function renamedPlatform(platform: string, index: AttackIndex): string[] {
  const forward = PLATFORM_RENAMES.filter((r) => r.from === platform).map((r) => r.to);
  const backward = PLATFORM_RENAMES.filter((r) => r.to === platform).map((r) => r.from);
  return [...new Set([...forward, ...backward])].filter((p) => index.platforms.includes(p));
}
