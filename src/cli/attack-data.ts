/**
 * Where the CLI finds ATT&CK data for a model's pin (SPEC "ATT&CK data"): `--attack-data` or
 * $THREAT_OVERLAP_ATTACK_DATA (a file, or a directory of `<domain>-<version>.json`), else bundles the CLI
 * downloaded earlier into its data directory, else — only with `--download` — MITRE's file for the pin.
 */
import * as path from 'node:path';
import type { AttackIndex } from '../core/attack/index';
import { AttackDataError, defaultCacheDir, loadAttackIndex, resolveAttackDataPath } from '../core/attack/index';
import type { AttackPinRequest } from '../core/check/check-model';
import { LATEST_KNOWN_ATTACK_VERSION, attackDataUrl, bundleFileName, listCachedBundles, pickCachedBundle } from '../core/data/source';
import { downloadAttackData, mb } from '../core/data/download';
import { isSafePin } from '../core/data/pin';
import { DownloadError } from '../core/data/errors';
import { verifyAttackBundle } from '../core/data/verify';
import type { ParsedArgs } from './args';
import type { CliIo } from './io';

export const ATTACK_DATA_ENV = 'THREAT_OVERLAP_ATTACK_DATA';
export const ATTACK_URL_ENV = 'THREAT_OVERLAP_ATTACK_URL';

export interface AttackDataOptions {
  /** `--attack-data`, else the environment variable. */
  readonly attackData?: string;
  readonly cacheDir?: string;
  readonly noCache?: boolean;
  readonly download?: boolean;
}

/** The options every data-using command shares, for their specs. */
export const ATTACK_DATA_OPTIONS = [
  { name: 'attack-data', type: 'string', value: 'FILE|DIR', help: `ATT&CK STIX bundle, or a directory of <domain>-<version>.json bundles (default: $${ATTACK_DATA_ENV}, else bundles fetched earlier with --download).` },
  { name: 'download', type: 'boolean', help: `Without local data, download the release the model pins from MITRE's attack-stix-data repository (or $${ATTACK_URL_ENV}, a URL template with {domain} and {version}).` },
  { name: 'no-cache', type: 'boolean', help: 'Build the index from the bundle; do not read or write the index cache.' },
  { name: 'cache-dir', type: 'string', value: 'DIR', help: 'Cache directory (default: $THREAT_OVERLAP_CACHE_DIR, else the per-user cache directory).' },
] as const;

/** `--allow-outside`, shared by the commands that read the files a model names. */
export const FILE_OPTIONS = [
  {
    name: 'allow-outside', type: 'string', value: 'PATH', repeatable: true,
    help: "Let files a model or inventory names resolve to PATH (a file, or a directory and everything in it) although it is outside the model's git work tree (else its folder). Repeatable.",
  },
] as const;

/** The `--allow-outside` paths given. */
export function allowOutsideFrom(options: ParsedArgs['options']): readonly string[] {
  return (options['allow-outside'] as readonly string[] | undefined) ?? [];
}

/** The shared data options as a command parsed them. */
export function attackDataOptionsFrom(options: ParsedArgs['options']): AttackDataOptions {
  return {
    attackData: options['attack-data'] as string | undefined,
    cacheDir: options['cache-dir'] as string | undefined,
    noCache: options['no-cache'] === true,
    download: options['download'] === true,
  };
}

/** The CLI's own download directory, beside the index cache. */
export function downloadDir(cacheDir: string): string {
  return path.join(cacheDir, 'attack-data');
}

/**
 * Returns a loader for `checkModel`: the index of a pin, or AttackDataError with a message that says what to do.
 * `sources` collects the bundle files loaded (a report must never be written over one of them).
 */
export function attackIndexLoader(opts: AttackDataOptions, io: CliIo, sources: string[] = []): (pin: AttackPinRequest) => Promise<AttackIndex> {
  const cacheDir = opts.cacheDir ?? defaultCacheDir(io.env);
  const explicit = opts.attackData ?? (io.env[ATTACK_DATA_ENV] || undefined);
  return async (pin) => {
    // The pin names files and URLs below: only a known domain and a major.minor release get that far.
    if (!isSafePin(pin)) throw new AttackDataError('not-found', 'the pinned ATT&CK version is not a release (expected major.minor, e.g. 18.1): no data looked up');
    const file = explicit !== undefined ? resolveAttackDataPath(explicit, pin) : await fromDownloads(pin, cacheDir, opts.download === true, io);
    sources.push(file);
    const loaded = await loadAttackIndex(file, { noCache: opts.noCache, cacheDir, expect: { domain: pin.domain } });
    for (const w of loaded.warnings) io.err(`threat-overlap: warning: ${w}\n`);
    return loaded.index;
  };
}

async function fromDownloads(pin: AttackPinRequest, cacheDir: string, download: boolean, io: CliIo): Promise<string> {
  const dir = downloadDir(cacheDir);
  const cached = pickCachedBundle(await listCachedBundles(dir), pin);
  if (cached) return cached.file;
  const version = pin.version ?? LATEST_KNOWN_ATTACK_VERSION;
  const url = attackDataUrl(io.env[ATTACK_URL_ENV], pin.domain, version);
  const what = `${pin.domain} ${version}`;
  if (!download) {
    throw new AttackDataError('not-found', `no ATT&CK data for ${what}: pass --attack-data FILE|DIR, set $${ATTACK_DATA_ENV}, or add --download to fetch ${url}`);
  }
  io.err(`threat-overlap: downloading ATT&CK ${what} from ${url}\n`);
  try {
    const done = await downloadAttackData({
      url,
      destFile: path.join(dir, bundleFileName(pin.domain, version)),
      verify: (temp) => verifyAttackBundle(temp, { domain: pin.domain, version }),
    });
    io.err(`threat-overlap: saved ${mb(done.bytes)} to ${done.file}\n`);
    return done.file;
  } catch (e) {
    if (e instanceof DownloadError) throw new AttackDataError('not-found', `could not download ATT&CK ${what}: ${e.message}`);
    throw e;
  }
}
