/** The ordered places ATT&CK data for a pin may come from: the path setting, the environment, the download cache. */
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { bundleFileName, listCachedBundles, pickCachedBundle } from '../../core/data/source';
import type { AttackPin } from '../../core/data/pin';
import type { AttackDataOrigin } from '../api';
import type { AttackDataSettings } from './settings';

/** A file worth trying, and how to name it in messages. */
export interface Candidate {
  readonly origin: AttackDataOrigin;
  readonly file: string;
  readonly label: string;
}

/** Candidates in priority order, plus the reasons configured sources were skipped before loading. */
export async function findCandidates(
  pin: AttackPin,
  settings: AttackDataSettings,
  cacheDir: string,
  env: string | undefined,
): Promise<{ candidates: Candidate[]; problems: string[] }> {
  const candidates: Candidate[] = [];
  const problems: string[] = [];
  const configured: [AttackDataOrigin, string | undefined, string][] = [
    ['setting', settings.path, `threatOverlap.attackData.path (${settings.pathScope})`],
    ['environment', env?.trim() || undefined, 'THREAT_OVERLAP_ATTACK_DATA'],
  ];
  for (const [origin, configuredPath, label] of configured) {
    if (!configuredPath) continue;
    const found = await fileForPin(configuredPath, pin);
    if (found.file) candidates.push({ origin, file: found.file, label: `${label}: ${found.file}` });
    else problems.push(`${label}: ${found.problem}`);
  }
  const cached = pickCachedBundle(await listCachedBundles(cacheDir), pin);
  if (cached) candidates.push({ origin: 'cache', file: cached.file, label: `Download cache: ${cached.file}` });
  return { candidates, problems };
}

/** A file as it is; a directory's `<domain>-<version>.json` (newest when unpinned), else its `<domain>.json`. */
async function fileForPin(p: string, pin: AttackPin): Promise<{ file?: string; problem?: string }> {
  const info = await stat(p).catch(() => undefined);
  if (!info) return { problem: `${p} does not exist` };
  if (info.isFile()) return { file: p };
  const newest = pin.version ? undefined : pickCachedBundle(await listCachedBundles(p), pin);
  if (newest) return { file: newest.file };
  const names = pin.version ? [bundleFileName(pin.domain, pin.version), `${pin.domain}.json`] : [`${pin.domain}.json`];
  for (const name of names) {
    const file = path.join(p, name);
    if ((await stat(file).catch(() => undefined))?.isFile()) return { file };
  }
  return { problem: `${p} holds neither ${names.join(' nor ')}` };
}
