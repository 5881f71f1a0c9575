/** What `threat-overlap index` reports, as a JSON-ready object and as aligned text. */
import type { LoadedAttackIndex, RelationshipType } from '../../core/attack/index';

export interface IndexReport {
  readonly domain: string;
  readonly version: string;
  /** Where the version came from: the bundle's x-mitre-collection, its file name, or nowhere. */
  readonly versionSource: string;
  readonly specVersion: string;
  readonly source: string;
  readonly sha256: string;
  /** Live objects per type, and live relationships. */
  readonly counts: Readonly<Record<string, number>>;
  /** Kept relationships per STIX relationship type (revoked-by included). */
  readonly relationships: Readonly<Record<RelationshipType, number>>;
  readonly revoked: number;
  readonly deprecated: number;
  readonly platforms: readonly string[];
  readonly cache: { readonly hit: boolean; readonly file: string | null; readonly disabled: boolean };
  /** Milliseconds, rounded to 0.1. */
  readonly timings: Readonly<Record<string, number>>;
  readonly warnings: readonly string[];
}

export function indexReport(loaded: LoadedAttackIndex, noCache: boolean): IndexReport {
  const { index } = loaded;
  const { revoked, deprecated, relationshipsByType, ...live } = index.counts();
  const timings: Record<string, number> = {};
  for (const [k, v] of Object.entries(loaded.timings)) timings[k] = Math.round(v * 10) / 10;
  return {
    domain: index.domain,
    version: index.version,
    versionSource: index.versionSource,
    specVersion: index.specVersion,
    source: loaded.source,
    sha256: loaded.sha256,
    counts: live,
    relationships: relationshipsByType,
    revoked,
    deprecated,
    platforms: index.platforms,
    cache: { hit: loaded.fromCache, file: loaded.cacheFile ?? null, disabled: noCache },
    timings,
    warnings: loaded.warnings,
  };
}

const LABELS: readonly [string, string][] = [
  ['tactics', 'tactics'], ['techniques', 'techniques'], ['subtechniques', 'sub-techniques'], ['groups', 'groups'],
  ['campaigns', 'campaigns'], ['software', 'software'], ['mitigations', 'mitigations'], ['dataSources', 'data sources'],
  ['dataComponents', 'data components'], ['detectionStrategies', 'detection strategies'], ['analytics', 'analytics'],
  ['assets', 'assets'], ['relationships', 'relationships'],
];

const VERSION_FROM: Readonly<Record<string, string>> = {
  collection: 'version from the x-mitre-collection',
  'file-name': 'version from the file name',
  unknown: 'version unknown: name the file <domain>-<version>.json',
};

const STEP_NAMES: Readonly<Record<string, string>> = {
  statMs: 'stat', readMs: 'read', hashMs: 'hash', parseMs: 'parse', buildMs: 'build',
  cacheReadMs: 'cache read', indexMs: 'index', cacheWriteMs: 'cache write', totalMs: 'total',
};

export function indexText(r: IndexReport): string {
  const c = r.counts;
  const detail: Readonly<Record<string, string>> = {
    software: `(${c.malware} malware, ${c.tools} tools)`,
    relationships: `(${Object.entries(r.relationships).filter(([t]) => t !== 'revoked-by').map(([t, n]) => `${t} ${n}`).join(', ')})`,
  };
  const row = (label: string, n: number, more = ''): string => `  ${label.padEnd(22)}${String(n).padStart(7)}${more ? `  ${more}` : ''}`;
  const cache = r.cache.disabled ? 'not used (--no-cache)'
    : r.cache.hit ? `hit ${r.cache.file}`
    : r.cache.file ? `miss, written to ${r.cache.file}` : 'miss, not written (see the warning)';
  const lines = [
    `ATT&CK ${r.domain} ${r.version} (${VERSION_FROM[r.versionSource] ?? r.versionSource}), STIX ${r.specVersion}`,
    `  source  ${r.source}`,
    `  sha256  ${r.sha256}`,
    `  cache   ${cache}`,
    'Live objects',
    ...LABELS.map(([key, label]) => row(label, c[key] ?? 0, detail[key])),
    'Retired (kept aside)',
    row('revoked', r.revoked),
    row('deprecated', r.deprecated),
    `Platforms  ${r.platforms.join(', ')}`,
    `Timings (ms)  ${Object.entries(r.timings).map(([k, v]) => `${STEP_NAMES[k] ?? k} ${v.toFixed(1)}`).join('  ')}`,
  ];
  return `${lines.join('\n')}\n`;
}
