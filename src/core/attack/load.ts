/**
 * Loading an index from a bundle file, through the cache: a warm load is stat + memo + one small file;
 * a cold load reads, hashes, parses and builds, then stores the index for next time.
 */
import * as path from 'node:path';
import { AttackIndexImpl } from './attack-index';
import { buildIndexData } from './build-index';
import { IndexCache, defaultCacheDir } from './cache';
import { decodeBundleFast, fileError, parseBundleText, readBundleFile } from './read-bundle';
import type { SourceKey } from './serialize';
import { recallSha256, rememberSha256, sha256Hex, statIdentity } from './source-memo';
import type { AttackIndex } from './types';
import { AttackDataError } from './types';
import { versionFromFileName } from './version';
import { excerpt } from '../text/safe-text';
import { nonRegularKind } from '../files/read-file';

export interface LoadOptions {
  /** Cache directory (default: defaultCacheDir()). */
  readonly cacheDir?: string;
  /** Build from the bundle and leave the cache alone. */
  readonly noCache?: boolean;
  /** Reject data of another domain or release (AttackDataError 'wrong-domain' / 'wrong-version'). */
  readonly expect?: { readonly domain?: string; readonly version?: string };
}

export interface LoadedAttackIndex {
  readonly index: AttackIndex;
  /** Absolute path of the bundle. */
  readonly source: string;
  readonly sha256: string;
  readonly fromCache: boolean;
  /** The cache file read or written; undefined with noCache or when the cache could not be written. */
  readonly cacheFile?: string;
  /** Milliseconds per step (statMs, readMs, hashMs, parseMs, buildMs, cacheReadMs, cacheWriteMs) and totalMs. */
  readonly timings: Record<string, number>;
  /** Build warnings (version doubts) and cache problems; never fatal. */
  readonly warnings: string[];
}

/** Loads the index of one bundle file; throws AttackDataError with a one-line message on unusable data. */
export async function loadAttackIndex(file: string, opts: LoadOptions = {}): Promise<LoadedAttackIndex> {
  const clock = new StepClock();
  const source = path.resolve(file);
  const cacheWarnings: string[] = [];
  const cache = opts.noCache ? undefined : new IndexCache(opts.cacheDir ?? defaultCacheDir(), cacheWarnings);
  const fromName = versionFromFileName(source);
  const nameHint = fromName ? `${fromName.domain}-${fromName.version}` : '';
  const done = (index: AttackIndex, sha256: string, cacheFile: string | undefined, fromCache: boolean, buildWarnings: readonly string[]): LoadedAttackIndex => {
    const timings = clock.done();
    checkExpected(index, source, opts.expect);
    return { index, source, sha256, fromCache, cacheFile, timings, warnings: [...buildWarnings, ...cacheWarnings] };
  };
  const fromCache = async (key: SourceKey): Promise<LoadedAttackIndex | undefined> => {
    const hit = await cache?.load(key);
    clock.lap('cacheReadMs');
    if (!hit) return undefined;
    const index = new AttackIndexImpl(hit.data);
    clock.lap('indexMs');
    return done(index, key.sha256, hit.file, true, hit.warnings);
  };

  // Warm: the memo gives the hash without reading the bundle.
  const before = identityOf(source);
  let sha256 = cache && recallSha256(cache.dir, source, before);
  clock.lap('statMs');
  const warm = sha256 ? await fromCache({ sha256, nameHint }) : undefined;
  if (warm) return warm;

  const bytes = await readBundleFile(source);
  const unchanged = identityOf(source) === before;
  clock.lap('readMs');
  if (!sha256 || !unchanged) {
    sha256 = sha256Hex(bytes);
    clock.lap('hashMs');
    if (cache) {
      // Only an identity that held across the read may vouch for this hash later.
      if (unchanged) await rememberSha256(cache.dir, source, before, sha256);
      const hit = await fromCache({ sha256, nameHint });
      if (hit) return hit;
    }
  }

  const decoded = decodeBundleFast(bytes);
  const bundle = parseBundleText(decoded.text, source);
  clock.lap('parseMs');
  const built = buildIndexData(bundle, path.basename(source), { repair: decoded.repair });
  const index = new AttackIndexImpl(built.data);
  clock.lap('buildMs');
  const cacheFile = cache && (await cache.store(built.data, { sha256, nameHint }, built.warnings));
  if (cache) clock.lap('cacheWriteMs');
  return done(index, sha256, cacheFile, false, built.warnings);
}

/** Accumulates named step durations in ms, plus totalMs. */
class StepClock {
  private readonly started = performance.now();
  private mark = this.started;
  private readonly timings: Record<string, number> = {};

  lap(name: string): void {
    const now = performance.now();
    this.timings[name] = (this.timings[name] ?? 0) + (now - this.mark);
    this.mark = now;
  }

  done(): Record<string, number> {
    this.timings.totalMs = performance.now() - this.started;
    return this.timings;
  }
}

function identityOf(source: string): string {
  try {
    const { identity, stats } = statIdentity(source);
    if (stats.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    // Not even a memo lookup for a FIFO, device or socket: the reader refuses them, so say so at once.
    const kind = nonRegularKind(stats);
    if (kind !== undefined) throw new AttackDataError('unreadable', `ATT&CK data file ${source} is ${kind}, not a regular file: not read`);
    return identity;
  } catch (e) {
    if (e instanceof AttackDataError) throw e;
    throw fileError(source, e);
  }
}

function checkExpected(index: AttackIndex, source: string, expect: LoadOptions['expect']): void {
  if (!expect) return;
  const label = `${index.domain} ${index.version === 'unknown' ? '(version unknown)' : excerpt(index.version)}`;
  if (expect.domain !== undefined && index.domain !== expect.domain) {
    throw new AttackDataError('wrong-domain', `${source} holds ATT&CK ${label}, not ${expect.domain}`);
  }
  if (expect.version !== undefined && index.version !== expect.version) {
    const hint = index.version === 'unknown' ? ` (name the file ${index.domain}-${expect.version}.json if it is that release)` : '';
    throw new AttackDataError('wrong-version', `${source} holds ATT&CK ${label}, not ${excerpt(expect.version)}${hint}`);
  }
}

