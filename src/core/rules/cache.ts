/**
 * Parsed rule files kept between analyses, keyed by file and a stamp of what is on disk (device, inode, size,
 * mtime and ctime from one `stat`): after one rule file changes, re-analysis reads and parses only that file. The
 * editor passes a stamp of its own for files open with unsaved edits. `reads` counts the files actually read.
 */
import { stat } from 'node:fs/promises';
import type { ParsedRules, RuleFormat } from './types';

/** What a stamp stands for: the same stamp means the same text. */
export type RuleFileStamp = string;

export class RuleFileCache {
  private readonly entries = new Map<string, { readonly stamp: RuleFileStamp; readonly parsed: ParsedRules }>();
  /** Files read (and parsed) through this cache since it was made. */
  reads = 0;
  /** Files answered from the cache. */
  hits = 0;

  get(key: string, stamp: RuleFileStamp | undefined): ParsedRules | undefined {
    if (stamp === undefined) return undefined;
    const entry = this.entries.get(key);
    if (entry?.stamp !== stamp) return undefined;
    this.hits++;
    return entry.parsed;
  }

  set(key: string, stamp: RuleFileStamp | undefined, parsed: ParsedRules): void {
    if (stamp === undefined) this.entries.delete(key);
    else this.entries.set(key, { stamp, parsed });
  }

  /** Forget files not seen in the last analysis (a rule folder that shrank). */
  keepOnly(keys: ReadonlySet<string>): void {
    for (const key of this.entries.keys()) if (!keys.has(key)) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** The cache key: the format is part of it (one file read as Sigma and as Elastic parses differently). */
export function cacheKey(format: RuleFormat, file: string): string {
  return `${format}:${file}`;
}

/** A stamp of the file on disk, or undefined when it cannot be stat'ed (then it is read, not cached). */
export async function diskStamp(file: string): Promise<RuleFileStamp | undefined> {
  try {
    const s = await stat(file, { bigint: true });
    if (!s.isFile()) return undefined;
    return `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
  } catch {
    return undefined;
  }
}
