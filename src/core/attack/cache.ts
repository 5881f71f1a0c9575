/**
 * The on-disk index cache: one file per (domain, ATT&CK version, SHA-256 of the source), named
 * `<domain>-<version>-<sha256>.idx` under `<cacheDir>/attack-index/`, plus the source memos in `sources/`.
 * Nothing read from here is trusted: a file that fails any check is reported, removed and rebuilt.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { removeOrphanedTemps, writeFileAtomic } from './atomic-write';
import type { IndexData } from './index-data';
import type { IndexHeader, SourceKey } from './serialize';
import { IndexFormatError, decodeIndex, encodeIndex } from './serialize';

/** Sub-directory of the cache directory that holds index files (the extension keeps downloads beside it). */
export const INDEX_DIR = 'attack-index';
const EXT = '.idx';

/**
 * The per-user cache directory: THREAT_OVERLAP_CACHE_DIR if set; else on Windows %LOCALAPPDATA%\threat-overlap\Cache,
 * on macOS ~/Library/Caches/threat-overlap, elsewhere $XDG_CACHE_HOME/threat-overlap or ~/.cache/threat-overlap.
 */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = os.homedir()): string {
  if (env.THREAT_OVERLAP_CACHE_DIR) return env.THREAT_OVERLAP_CACHE_DIR;
  if (platform === 'win32') return path.win32.join(env.LOCALAPPDATA || path.win32.join(home, 'AppData', 'Local'), 'threat-overlap', 'Cache');
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Caches', 'threat-overlap');
  // XDG: a relative XDG_CACHE_HOME is invalid and must be ignored.
  const xdg = env.XDG_CACHE_HOME;
  return path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(home, '.cache'), 'threat-overlap');
}

/** Versions come from the data: keep file names to a safe alphabet. */
function safe(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]/g, '_');
}

export function cacheFileName(data: Pick<IndexData, 'domain' | 'version'>, sha256: string): string {
  return `${data.domain}-${safe(data.version)}-${sha256}${EXT}`;
}

export interface CacheHit {
  readonly file: string;
  readonly header: IndexHeader;
  readonly data: IndexData;
  readonly warnings: string[];
}

export class IndexCache {
  readonly dir: string;

  /** @param warnings where problems with cache files are reported (they never fail a load) */
  constructor(cacheDir: string, private readonly warnings: string[]) {
    this.dir = path.join(cacheDir, INDEX_DIR);
  }

  /**
   * The cached index for `key`: any `*-<sha256>.idx` whose header names the same source. Bad files are deleted
   * with a warning; undefined means "build it".
   */
  async load(key: SourceKey): Promise<CacheHit | undefined> {
    for (const name of this.candidates(key.sha256)) {
      const file = path.join(this.dir, name);
      let bytes: Buffer;
      try {
        // Sync: one read of a few MB beats fs/promises' chunked reads, and the caller waits for it anyway.
        bytes = readFileSync(file);
      } catch {
        continue; // removed meanwhile by another process: not ours to report
      }
      try {
        const { header, data, warnings } = decodeIndex(bytes);
        if (header.source?.sha256 !== key.sha256) throw new IndexFormatError('foreign', 'it was built from another file');
        // Same content under another file name can infer another version: that file is not wrong, only not ours.
        if (header.source.nameHint !== key.nameHint) continue;
        return { file, header, data, warnings };
      } catch (e) {
        if (!(e instanceof IndexFormatError)) throw e;
        this.warnings.push(`ignored the cached index ${file}: ${e.message}; rebuilding it`);
        await unlink(file).catch(() => undefined);
      }
    }
    return undefined;
  }

  /** Writes the index atomically; returns the file, or undefined (with a warning) when the cache is not writable. */
  async store(data: IndexData, key: SourceKey, buildWarnings: readonly string[]): Promise<string | undefined> {
    const file = path.join(this.dir, cacheFileName(data, key.sha256));
    try {
      // A writer killed mid-write left its temporary file behind: cold builds are rare, so sweep here.
      await removeOrphanedTemps(this.dir);
      await writeFileAtomic(file, encodeIndex(data, key, buildWarnings));
      return file;
    } catch (e) {
      this.warnings.push(`could not write the index cache ${file}: ${(e as Error).message}`);
      return undefined;
    }
  }

  private candidates(sha256: string): string[] {
    try {
      return readdirSync(this.dir).filter((n) => n.endsWith(`-${sha256}${EXT}`)).sort();
    } catch {
      return [];
    }
  }
}
