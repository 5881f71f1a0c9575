/**
 * Remembers the SHA-256 of a bundle file by its identity (path, size, mtime, ctime, inode, device), so a warm
 * load does not re-read and re-hash 37 MB just to find its cache entry. Any change to the file changes its
 * mtime/ctime (or size or inode), so a stale memo is never matched; a damaged memo is simply ignored.
 */
import { createHash } from 'node:crypto';
import type { BigIntStats } from 'node:fs';
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from './atomic-write';

interface Memo {
  readonly path: string;
  readonly identity: string;
  readonly sha256: string;
}

/** The identity of a file's current content as far as stat can tell; bigint stats keep nanoseconds and large inodes. */
export function fileIdentity(s: BigIntStats): string {
  return [s.size, s.mtimeNs, s.ctimeNs, s.ino, s.dev].join(':');
}

export function statIdentity(file: string): { identity: string; stats: BigIntStats } {
  const stats = statSync(file, { bigint: true });
  return { identity: fileIdentity(stats), stats };
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * One small JSON file per source path (no shared file, so concurrent processes cannot clobber each other's
 * entries), named by a 64-bit FNV-1a of the path; a collision only means a miss, since the memo stores the path.
 */
export function memoFile(dir: string, source: string): string {
  let h1 = 0x811c9dc5, h2 = 0x050c5d1f;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x01000193) ^ (h1 >>> 7);
  }
  return path.join(dir, 'sources', `${(h1 >>> 0).toString(16).padStart(8, '0')}${(h2 >>> 0).toString(16).padStart(8, '0')}.json`);
}

/** The remembered SHA-256 of `source` if the memo matches its current identity, else undefined. */
export function recallSha256(dir: string, source: string, identity: string): string | undefined {
  try {
    // Sync: a few hundred bytes, read before anything else can usefully happen.
    const memo = JSON.parse(readFileSync(memoFile(dir, source), 'utf8')) as Partial<Memo> | null;
    if (memo && memo.path === source && memo.identity === identity && typeof memo.sha256 === 'string' && /^[0-9a-f]{64}$/.test(memo.sha256)) {
      return memo.sha256;
    }
  } catch {
    // missing or damaged: hash the file instead
  }
  return undefined;
}

/** Records `sha256` for `source` as it was at `identity`; failures only cost a re-hash next time. */
export async function rememberSha256(dir: string, source: string, identity: string, sha256: string): Promise<boolean> {
  const memo: Memo = { path: source, identity, sha256 };
  try {
    await writeFileAtomic(memoFile(dir, source), JSON.stringify(memo));
    return true;
  } catch {
    return false;
  }
}
