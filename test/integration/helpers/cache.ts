/** Snapshots of the download cache, to prove a failed download left it exactly as it was. */
import { createHash } from 'node:crypto';
import { readFile, readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';

/** Every entry of `dir` (temporary download folders included) with its size, mtime and SHA-256. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(dir).catch(() => [])).sort()) {
    const full = path.join(dir, name);
    const info = await stat(full);
    out[name] = info.isFile() ? `${info.size} ${info.mtimeMs} ${await sha256File(full)}` : 'directory';
  }
  return out;
}

export async function sha256File(file: string): Promise<string> {
  return createHash('sha256').update(await readFile(file)).digest('hex');
}
