/**
 * Crash-safe file replacement: readers see the old file or the complete new one, never a partial write.
 * The temporary file lives in the target's directory because rename is only atomic within one file system.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, unlink, writeFile } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import * as path from 'node:path';

/** Suffix of in-flight temporary files (tests check none are left behind). */
export const TEMP_SUFFIX = '.tmp';

/** Prefix of a download's temporary directory in the download cache: `.download-<pid>-<hex>`. */
const DOWNLOAD_TEMP_PREFIX = '.download-';

/** A temporary name for a write by this process: the pid tells a later sweep whether its writer is still alive. */
export function tempName(kind: 'file' | 'download', base = ''): string {
  const unique = randomBytes(6).toString('hex');
  return kind === 'file' ? `.${base}.${process.pid}.${unique}${TEMP_SUFFIX}` : `${DOWNLOAD_TEMP_PREFIX}${process.pid}-${unique}`;
}

const TEMP_FILE = /^\..+\.(\d+)\.[0-9a-f]{12}\.tmp$/;
const DOWNLOAD_DIR = /^\.download-(\d+)-[0-9a-f]{12}$/;

/**
 * Removes what killed writers left in `dir`: temporary files and download directories whose process is gone
 * (a writer that is still running, in this or another window, keeps its own). Best effort; returns what it removed.
 */
export async function removeOrphanedTemps(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const removed: string[] = [];
  for (const entry of entries) {
    const pid = (entry.isFile() ? TEMP_FILE : entry.isDirectory() ? DOWNLOAD_DIR : undefined)?.exec(entry.name)?.[1];
    if (pid === undefined || isRunning(Number(pid))) continue;
    const target = path.join(dir, entry.name);
    try {
      await rm(target, { recursive: true, force: true });
      removed.push(target);
    } catch {
      // another sweep got there first, or no permission: leave it
    }
  }
  return removed;
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // alive, but another user's
  }
}

/**
 * Writes `data` to a unique temp file next to `file`, fsyncs it, then renames it over `file`. `mode` (default
 * 0644 less the umask) is set exactly, umask or not: a report replacing a 0600 file stays 0600.
 */
export async function writeFileAtomic(file: string, data: Uint8Array | string, options: { readonly mode?: number } = {}): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const temp = path.join(dir, tempName('file', path.basename(file)));
  try {
    const handle = await open(temp, 'wx', options.mode ?? 0o644);
    try {
      if (options.mode !== undefined) await handle.chmod(options.mode);
      await holdForTest(handle, data, file, temp);
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw e;
  }
  await syncDirectory(dir);
}

/**
 * Test hook, off unless THREAT_OVERLAP_TEST_HOLD_WRITE is set (only tests set it): for a target whose name ends
 * with THREAT_OVERLAP_TEST_HOLD_WRITE_SUFFIX (any, if unset), write and sync half the data, put the temp file's
 * path in the file THREAT_OVERLAP_TEST_HOLD_WRITE names, then wait to be killed. It lets a test SIGKILL a writer
 * mid-write at a known point (test/unit/robustness/kill-mid-write.test.ts).
 */
async function holdForTest(handle: FileHandle, data: Uint8Array | string, file: string, temp: string): Promise<void> {
  const marker = process.env.THREAT_OVERLAP_TEST_HOLD_WRITE;
  if (!marker || !file.endsWith(process.env.THREAT_OVERLAP_TEST_HOLD_WRITE_SUFFIX ?? '')) return;
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  await handle.write(bytes.subarray(0, bytes.length >> 1));
  await handle.sync();
  await writeFile(marker, temp);
  await new Promise<never>(() => setInterval(() => undefined, 60_000));
}

/** Persists the rename itself; not possible (nor needed) on Windows, so failures are ignored. */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort: the data itself is already synced
  }
}
