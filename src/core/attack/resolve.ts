/**
 * Data resolution shared by the extension and the CLI: an explicit file is used as is; a directory holds
 * bundles named `<domain>-<version>.json` (and perhaps an unversioned `<domain>.json`).
 */
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { isSafePin } from '../data/pin';
import { fileError } from './read-bundle';
import type { AttackDomain } from './types';
import { AttackDataError } from './types';
import { compareVersions, versionFromFileName } from './version';

export interface AttackPinLike {
  readonly domain: AttackDomain;
  readonly version?: string;
}

/**
 * The bundle file for `pathOrDir`. For a directory: with a pinned version `<domain>-<version>.json`, else
 * `<domain>.json`; without one `<domain>.json`, else the newest `<domain>-<version>.json`. The domain defaults
 * to enterprise-attack. Throws AttackDataError ('not-found') naming every file it looked for.
 */
export function resolveAttackDataPath(pathOrDir: string, pin?: AttackPinLike): string {
  // The pin becomes a file name below: only a known domain and a major.minor release may.
  if (pin && !isSafePin(pin)) throw new AttackDataError('not-found', 'the pinned ATT&CK version is not a release (expected major.minor, e.g. 18.1)');
  const target = path.resolve(pathOrDir);
  let isDir: boolean;
  try {
    isDir = statSync(target).isDirectory();
  } catch (e) {
    throw fileError(target, e);
  }
  if (!isDir) return target;

  const domain = pin?.domain ?? 'enterprise-attack';
  const names = listDir(target);
  const looked: string[] = [];
  const found = (name: string): boolean => {
    looked.push(name);
    return names.includes(name);
  };
  if (pin?.version !== undefined) {
    const exact = `${domain}-${pin.version}.json`;
    if (found(exact)) return path.join(target, exact);
    if (found(`${domain}.json`)) return path.join(target, `${domain}.json`);
  } else {
    if (found(`${domain}.json`)) return path.join(target, `${domain}.json`);
    const newest = newestRelease(names, domain);
    looked.push(`${domain}-<version>.json`);
    if (newest) return path.join(target, newest);
  }
  const what = pin?.version !== undefined ? `${domain} ${pin.version}` : domain;
  throw new AttackDataError('not-found', `no ATT&CK data for ${what} in ${target} (looked for ${looked.join(', ')})`);
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch (e) {
    throw fileError(dir, e);
  }
}

/** The `<domain>-<version>.json` name with the highest version, if any. */
function newestRelease(names: readonly string[], domain: AttackDomain): string | undefined {
  let best: { name: string; version: string } | undefined;
  for (const name of names) {
    const v = versionFromFileName(name);
    if (v && v.domain === domain && name.startsWith(domain) && (!best || compareVersions(v.version, best.version) > 0)) best = { name, version: v.version };
  }
  return best?.name;
}
