/**
 * Applicability (SPEC): t applies to component c when t's platforms ∩ c's platforms ≠ ∅, or when t `targets`
 * one of c's ICS assets. Assets may be named by ID, full name, or the abbreviation in parentheses.
 */
import type { AttackIndex, Technique } from '../attack/types';
import type { ComponentInput } from './types';

/** Component id → the ATT&CK asset IDs its `assets` entries resolve to. */
export function resolveComponentAssets(
  index: AttackIndex,
  components: readonly ComponentInput[],
): Map<string, ReadonlySet<string>> {
  const byKey = assetKeys(index);
  const out = new Map<string, ReadonlySet<string>>();
  for (const c of components) {
    const ids = new Set<string>();
    for (const a of c.assets) {
      const id = byKey.get(a.trim().toLowerCase());
      if (id) ids.add(id);
    }
    out.set(c.id, ids);
  }
  return out;
}

/** Every way to name a live asset, lower-cased: "a0002", "human-machine interface (hmi)", "hmi" (built once per index). */
export function assetKeys(index: AttackIndex): ReadonlyMap<string, string> {
  let keys = assetKeysByIndex.get(index);
  if (!keys) assetKeysByIndex.set(index, (keys = buildAssetKeys(index)));
  return keys;
}

const assetKeysByIndex = new WeakMap<AttackIndex, ReadonlyMap<string, string>>();

function buildAssetKeys(index: AttackIndex): Map<string, string> {
  const keys = new Map<string, string>();
  for (const asset of index.list('asset')) {
    keys.set(asset.id.toLowerCase(), asset.id);
    keys.set(asset.name.toLowerCase(), asset.id);
    const abbreviation = /\(([^()]+)\)\s*$/.exec(asset.name)?.[1];
    if (abbreviation && !keys.has(abbreviation.toLowerCase())) keys.set(abbreviation.toLowerCase(), asset.id);
    for (const alias of asset.aliases) if (!keys.has(alias.toLowerCase())) keys.set(alias.toLowerCase(), asset.id);
  }
  return keys;
}

/** Why t applies to c (the matching platforms and targeted assets), or undefined when it does not. */
export function applicabilityOf(
  index: AttackIndex,
  t: Technique,
  c: ComponentInput,
  assets: ReadonlySet<string> | undefined,
): { platforms: string[]; assets: string[] } | undefined {
  const platforms = t.platforms.filter((p) => c.platforms.includes(p));
  const targeted = assets && assets.size > 0 ? index.related(t.id, 'targets').filter((a) => assets.has(a)) : [];
  return platforms.length > 0 || targeted.length > 0 ? { platforms, assets: targeted } : undefined;
}
