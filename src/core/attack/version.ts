/**
 * Which ATT&CK release a bundle is. attack-stix-data bundles say so in their x-mitre-collection; mitre/cti
 * bundles do not, so the `<domain>-<version>.json` file name is the fallback.
 */
import type { IndexData } from './index-data';
import { excerpt } from '../text/safe-text';
import type { AttackDomain } from './types';

/** `<domain>-<version>.json`, e.g. enterprise-attack-18.1.json. */
const FILE_NAME_VERSION = /^(enterprise-attack|mobile-attack|ics-attack)-(\d+(?:\.\d+)*)\.json$/i;

/** Domain and ATT&CK version encoded in a bundle's file name, if it follows `<domain>-<version>.json`. */
export function versionFromFileName(fileName: string | undefined): { domain: AttackDomain; version: string } | undefined {
  if (!fileName) return undefined;
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  const m = FILE_NAME_VERSION.exec(base);
  return m ? { domain: m[1].toLowerCase() as AttackDomain, version: m[2] } : undefined;
}

/**
 * The release from the collection's x_mitre_version, else from the file name when it names the same domain,
 * else "unknown". Disagreements become warnings: the data wins over the name.
 */
export function versionOf(
  collected: string | undefined,
  fileName: string | undefined,
  domain: AttackDomain,
  warnings: string[],
): Pick<IndexData, 'version' | 'versionSource'> {
  const fromName = versionFromFileName(fileName);
  const sameDomain = fromName !== undefined && fromName.domain === domain;
  if (fromName && !sameDomain) warnings.push(`the file name names ${fromName.domain} but the data is ${domain}`);
  if (collected) {
    if (sameDomain && fromName.version !== collected) warnings.push(`the file name says ATT&CK ${fromName.version} but the data is ${excerpt(collected)}; using ${excerpt(collected)}`);
    return { version: collected, versionSource: 'collection' };
  }
  if (sameDomain) return { version: fromName.version, versionSource: 'file-name' };
  return { version: 'unknown', versionSource: 'unknown' };
}

/** Numeric comparison of dotted releases: 9.0 < 15.1 < 18.1, and 18.1 equals 18.1.0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] || 0) - (pb[i] || 0);
    if (d !== 0) return d;
  }
  return 0;
}
