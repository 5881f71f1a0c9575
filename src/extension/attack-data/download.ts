/** One download into the cache, verified in the worker thread, with failure messages that say what to do next. */
import * as path from 'node:path';
import type { AttackIndex } from '../../core/attack/types';
import { downloadAttackData, mb, type DownloadProgress } from '../../core/data/download';
import { DownloadError } from '../../core/data/errors';
import { isAttackDomain, isAttackVersion, pinLabel, type AttackPin } from '../../core/data/pin';
import { attackDataUrl, bundleFileName, LATEST_KNOWN_ATTACK_VERSION } from '../../core/data/source';
import { checkIndexMatches } from '../../core/data/verify';
import type { AttackDataInUse, DownloadOutcome, DownloadRequest } from '../api';
import type { AttackWorkerClient, LoadedIndex } from './worker-client';

export interface DownloadContext {
  readonly activePin: AttackPin;
  readonly urlTemplate?: string;
  readonly cacheDir: string;
  readonly worker: AttackWorkerClient;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: DownloadProgress) => void;
}

export type DownloadResultWithIndex =
  | { ok: true; pin: AttackPin; index: AttackIndex; data: AttackDataInUse; outcome: DownloadOutcome }
  | { ok: false; outcome: DownloadOutcome };

/** The pin a download request asks for: its own fields, else the active pin, else the latest known release. */
export function downloadPin(request: DownloadRequest, active: AttackPin): AttackPin | string {
  const domain = request.domain ?? active.domain;
  if (!isAttackDomain(domain)) return `Unknown ATT&CK domain "${domain}": use enterprise-attack, mobile-attack or ics-attack.`;
  const version = request.version ?? (domain === active.domain ? active.version : undefined) ?? LATEST_KNOWN_ATTACK_VERSION;
  if (!isAttackVersion(version)) return `Not an ATT&CK release: "${version}" (expected e.g. 18.1).`;
  return { domain, version };
}

/** Downloads, verifies (worker) and installs a bundle; never throws. */
export async function downloadIntoCache(request: DownloadRequest, ctx: DownloadContext): Promise<DownloadResultWithIndex> {
  const pin = downloadPin(request, ctx.activePin);
  if (typeof pin === 'string') return { ok: false, outcome: { ok: false, code: 'bad-url', message: pin } };
  const version = pin.version!;
  const url = attackDataUrl(request.url ?? ctx.urlTemplate, pin.domain, version);
  const destFile = path.join(ctx.cacheDir, bundleFileName(pin.domain, version));
  const verify = async (tempFile: string): Promise<LoadedIndex> => {
    try {
      const loaded = await ctx.worker.load(tempFile, { noCache: true, expect: { ...pin } });
      checkIndexMatches(loaded.index, pin);
      return loaded;
    } catch (err) {
      // The temporary path means nothing to the user: say "It holds …", not "/…/.download-x/… holds …".
      throw new Error((err as Error).message.split(tempFile).join('It'));
    }
  };
  try {
    const r = await downloadAttackData({ url, destFile, verify, signal: ctx.signal, onProgress: ctx.onProgress });
    const { index } = r.verified;
    const data: AttackDataInUse = {
      origin: 'download', file: r.file, sha256: r.sha256, fromCache: false, domain: index.domain, version: index.version,
      versionSource: index.versionSource, timings: r.verified.timings, warnings: r.verified.warnings,
    };
    const outcome: DownloadOutcome = { ok: true, file: r.file, url: r.url, bytes: r.bytes, sha256: r.sha256 };
    return { ok: true, pin, index, data, outcome };
  } catch (err) {
    const e = err instanceof DownloadError ? err : new DownloadError('io', (err as Error).message ?? String(err), { url });
    return { ok: false, outcome: { ok: false, url: e.url ?? url, code: e.code, message: explainFailure(e, pin) } };
  }
}

/** One message: what failed, why, that nothing changed, and what to do. */
export function explainFailure(err: DownloadError, pin: AttackPin): string {
  const what = `Could not download ATT&CK ${pinLabel(pin)}`;
  const reason = err.message.replace(/[.\s]+$/, '');
  const kept = 'The cache was not changed.';
  switch (err.code) {
    case 'offline':
      return `${what}: ${reason}. You seem to be offline or behind a proxy (see the http.proxy setting). ${kept} Choose a bundle you already have, or try again when online.`;
    case 'http':
      return `${what}: ${reason}. ${kept} Check that release ${pin.version} exists for ${pin.domain} and the threatOverlap.attackData.url setting.`;
    case 'truncated':
      return `${what}: ${reason}; the connection closed early. ${kept} Try again.`;
    case 'timeout':
      return `${what}: ${reason}. ${kept} Try again, or choose a bundle you already have.`;
    case 'too-large':
      return `${what}: ${reason}. ${kept} Check the threatOverlap.attackData.url setting.`;
    case 'cancelled':
      return `Download of ATT&CK ${pinLabel(pin)} cancelled. ${kept}`;
    case 'invalid':
      return `${what}: the file at ${err.url ?? 'the URL'} is not ATT&CK ${pinLabel(pin)}. ${reason}. ${kept} Check the threatOverlap.attackData.url setting.`;
    case 'bad-url':
      return `${what}: ${reason}. ${kept} Fix the threatOverlap.attackData.url setting.`;
    default:
      return `${what}: ${reason}. ${kept}`;
  }
}

/** "12 MB of 37 MB" for progress messages. */
export function progressText(p: DownloadProgress): string {
  return p.total === undefined ? mb(p.received) : `${mb(p.received)} of ${mb(p.total)}`;
}
