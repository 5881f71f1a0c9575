/**
 * Crash-safe file replacement: readers see the old file or the complete new one, never a partial write.
 * The temporary file lives in the target's directory because rename is only atomic within one file system.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import * as path from 'node:path';

/** Suffix of in-flight temporary files (tests check none are left behind). */
export const TEMP_SUFFIX = '.tmp';

/** Writes `data` to a unique temp file next to `file`, fsyncs it, then renames it over `file`. */
export async function writeFileAtomic(file: string, data: Uint8Array | string): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
  try {
    const handle = await open(temp, 'wx', 0o644);
    try {
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
