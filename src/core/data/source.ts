/** Where ATT&CK bundles come from and where they are kept: URLs, file names and the download cache. */
import { readdir } from 'node:fs/promises';
import * as path from 'node:path';
import type { AttackDomain } from '../attack/types';
import { compareVersions } from '../attack/version';

export { compareVersions };
import { isAttackDomain, isSafePin, type AttackPin } from './pin';

/** The release downloaded when a model pins no version and no data is available at all. */
export const LATEST_KNOWN_ATTACK_VERSION = '18.1';

/** MITRE's attack-stix-data repository, one file per domain and release. */
export const DEFAULT_ATTACK_URL_TEMPLATE =
  'https://raw.githubusercontent.com/mitre-attack/attack-stix-data/master/{domain}/{domain}-{version}.json';

/**
 * `<domain>-<version>.json`: the name the cache and `DIR` lookups use. Throws on a pin that is not a domain and a
 * release: callers check pins first (isSafePin), so a traversal like `../../x` reaching here is a bug, not a path.
 */
export function bundleFileName(domain: AttackDomain, version: string): string {
  assertSafePin(domain, version);
  return `${domain}-${version}.json`;
}

function assertSafePin(domain: string, version: string): void {
  if (!isSafePin({ domain, version })) throw new Error('refusing an ATT&CK pin that is not a domain and a major.minor release');
}

/**
 * The URL to download `domain`/`version` from: `template` with `{domain}` and `{version}` replaced, or MITRE's
 * URL when the template is empty. A template without placeholders is used as it is.
 */
export function attackDataUrl(template: string | undefined, domain: AttackDomain, version: string): string {
  assertSafePin(domain, version);
  const t = template?.trim() ? template.trim() : DEFAULT_ATTACK_URL_TEMPLATE;
  return t.replace(/\{domain\}/g, encodeURIComponent(domain)).replace(/\{version\}/g, encodeURIComponent(version));
}

/** A bundle found in the download cache. */
export interface CachedBundle {
  readonly domain: AttackDomain;
  readonly version: string;
  readonly file: string;
}

/** Bundles in `dir` named `<domain>-<version>.json`, newest release first; a missing directory is empty. */
export async function listCachedBundles(dir: string): Promise<CachedBundle[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const found: CachedBundle[] = [];
  for (const name of names) {
    const m = /^([a-z]+-attack)-(\d+\.\d+)\.json$/.exec(name);
    if (m && isAttackDomain(m[1]!) && isSafePin({ domain: m[1], version: m[2]! })) found.push({ domain: m[1], version: m[2]!, file: path.join(dir, name) });
  }
  return found.sort((a, b) => a.domain.localeCompare(b.domain) || compareVersions(b.version, a.version));
}

/** The cached bundle for a pin: the exact release, or the newest of the domain when the pin has no version. */
export function pickCachedBundle(bundles: readonly CachedBundle[], pin: AttackPin): CachedBundle | undefined {
  const ofDomain = bundles.filter((b) => b.domain === pin.domain);
  if (pin.version === undefined) return ofDomain[0];
  return ofDomain.find((b) => compareVersions(b.version, pin.version!) === 0);
}
