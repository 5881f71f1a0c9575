/**
 * Downloads an ATT&CK bundle into the cache: streamed to a temporary file next to the target, checked (complete,
 * under the size cap, the expected SHA-256 when one is given, really the expected ATT&CK bundle), then renamed into
 * place. Redirects are followed only within the same origin (or from http to https on the same host name). Any failure removes the temporary
 * file and leaves the cache exactly as it was. Pure node (http/https): shared by the extension and the CLI.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { removeOrphanedTemps, tempName } from '../attack/atomic-write';
import { MAX_BUNDLE_FILE_BYTES } from '../files/limits';
import { DownloadError } from './errors';
import { cancelled, classifyError, openUrl, timedOut, type OpenResponse } from './http';

/** Bytes received so far and the size the server announced (undefined without Content-Length). */
export interface DownloadProgress {
  readonly received: number;
  readonly total?: number;
}

export interface DownloadOptions<T> {
  readonly url: string;
  /** The final path, e.g. `<cache>/enterprise-attack-18.1.json`; its directory is created when missing. */
  readonly destFile: string;
  /**
   * Checks the complete temporary file (it carries `destFile`'s base name) and returns what it learned; throwing
   * rejects the download with code `invalid`. See `verifyAttackBundle` for the standard check.
   */
  readonly verify: (tempFile: string) => Promise<T>;
  readonly signal?: AbortSignal;
  /** Idle timeout: milliseconds without a byte before giving up. Default 30 s. */
  readonly timeoutMs?: number;
  /** Size cap in bytes. Default 256 MiB (Enterprise 18.1 is 37 MB). */
  readonly maxBytes?: number;
  /**
   * The SHA-256 the file must have (hex, any case), when the caller knows it, e.g. from a SHA256SUMS file of a
   * mirror. A different digest rejects the download with code `invalid` before `verify` runs.
   */
  readonly sha256?: string;
  readonly onProgress?: (progress: DownloadProgress) => void;
}

export interface DownloadResult<T> {
  readonly file: string;
  readonly url: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly verified: T;
}

export const DEFAULT_DOWNLOAD_TIMEOUT_MS = 30_000;
/** The bundle cap of the confined reader: what downloads must also load. */
export const DEFAULT_MAX_DOWNLOAD_BYTES = MAX_BUNDLE_FILE_BYTES;

/** Downloads, verifies and atomically installs `url` as `destFile`; rejects with a DownloadError. */
export async function downloadAttackData<T>(opts: DownloadOptions<T>): Promise<DownloadResult<T>> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_DOWNLOAD_TIMEOUT_MS;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_DOWNLOAD_BYTES;
  const dir = path.dirname(opts.destFile);
  const open = await openUrl(opts.url, 'GET', { signal: opts.signal, timeoutMs });
  if (open.total !== undefined && open.total > maxBytes) {
    open.response.destroy();
    throw new DownloadError('too-large', `${open.url} is ${mb(open.total)}, over the ${mb(maxBytes)} limit`, { url: open.url });
  }
  // Downloads killed earlier left their temporary directories here: remove them before adding one.
  await removeOrphanedTemps(dir);
  const tempDir = path.join(dir, tempName('download'));
  let createdRoot: string | undefined;
  try {
    createdRoot = await mkdir(tempDir, { recursive: true });
  } catch (err) {
    open.response.destroy();
    throw new DownloadError('io', `Could not create ${tempDir}: ${(err as Error).message}`, { url: open.url, cause: err });
  }
  try {
    const tempFile = path.join(tempDir, path.basename(opts.destFile));
    const { bytes, sha256 } = await saveBody(open, tempFile, { ...opts, timeoutMs, maxBytes });
    if (opts.signal?.aborted) throw cancelled(open.url);
    if (opts.sha256 !== undefined && sha256 !== opts.sha256.trim().toLowerCase()) {
      throw new DownloadError('invalid', `The download of ${open.url} has SHA-256 ${sha256}, not the expected ${opts.sha256.trim().toLowerCase()}: it was altered or damaged on the way`, { url: open.url });
    }
    let verified: T;
    try {
      verified = await opts.verify(tempFile);
    } catch (err) {
      if (err instanceof DownloadError) throw err;
      throw new DownloadError('invalid', (err as Error).message ?? String(err), { url: open.url, cause: err });
    }
    if (opts.signal?.aborted) throw cancelled(open.url);
    try {
      await rename(tempFile, opts.destFile);
    } catch (err) {
      throw new DownloadError('io', `Could not write ${opts.destFile}: ${(err as Error).message}`, { url: open.url, cause: err });
    }
    const result = { file: opts.destFile, url: open.url, bytes, sha256, verified };
    createdRoot = undefined;
    return result;
  } finally {
    await rm(tempDir, { recursive: true, force: true });
    // A cache directory this call had to create goes again when the download failed.
    if (createdRoot !== undefined && createdRoot !== tempDir) await rm(createdRoot, { recursive: true, force: true });
  }
}

/** Streams the body to `file`, hashing and counting; maps every failure to a DownloadError. */
async function saveBody(
  open: OpenResponse,
  file: string,
  opts: { signal?: AbortSignal; timeoutMs: number; maxBytes: number; onProgress?: (p: DownloadProgress) => void },
): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let received = 0;
  let failure: DownloadError | undefined;
  const fail = (err: DownloadError): void => {
    failure ??= err;
    open.response.destroy(err);
  };
  const idle = setTimeout(() => fail(timedOut(open.url, opts.timeoutMs)), opts.timeoutMs);
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      received += chunk.length;
      if (received > opts.maxBytes) {
        done(new DownloadError('too-large', `${open.url} is over the ${mb(opts.maxBytes)} limit`, { url: open.url }));
        return;
      }
      idle.refresh();
      hash.update(chunk);
      opts.onProgress?.({ received, total: open.total });
      done(null, chunk);
    },
  });
  try {
    await pipeline(open.response, meter, createWriteStream(file, { flags: 'wx' }), { signal: opts.signal });
  } catch (err) {
    if (failure) throw failure;
    if (opts.signal?.aborted) throw cancelled(open.url);
    if (err instanceof DownloadError) throw err;
    if (!open.response.complete) throw truncated(open, received);
    if ((err as NodeJS.ErrnoException).syscall === 'open' || (err as NodeJS.ErrnoException).syscall === 'write') {
      throw new DownloadError('io', `Could not write ${file}: ${(err as Error).message}`, { url: open.url, cause: err });
    }
    throw classifyError(err, open.url, opts);
  } finally {
    clearTimeout(idle);
  }
  if (open.total !== undefined && received !== open.total) throw truncated(open, received);
  return { bytes: received, sha256: hash.digest('hex') };
}

function truncated(open: OpenResponse, received: number): DownloadError {
  const of = open.total === undefined ? '' : ` of ${mb(open.total)}`;
  return new DownloadError('truncated', `The download of ${open.url} stopped after ${mb(received)}${of}`, { url: open.url });
}

/** Size of the download at `url` from a HEAD request, or undefined when the server cannot tell or cannot be reached. */
export async function probeDownloadSize(url: string, opts: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<number | undefined> {
  try {
    const open = await openUrl(url, 'HEAD', { signal: opts.signal, timeoutMs: opts.timeoutMs ?? 5_000 });
    open.response.resume();
    return open.total;
  } catch {
    return undefined;
  }
}

/** "37.2 MB" (decimal megabytes, as download sizes are usually shown). */
export function mb(bytes: number): string {
  const v = bytes / 1e6;
  return `${v >= 10 ? v.toFixed(0) : v.toFixed(1)} MB`;
}
