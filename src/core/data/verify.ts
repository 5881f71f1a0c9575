/** Checks that a file is the ATT&CK bundle it claims to be, by building the index from it. */
import * as path from 'node:path';
import { buildIndexFromText } from '../attack/index';
import { decodeBundle, readBundleFile } from '../attack/read-bundle';
import { AttackDataError, type AttackIndex } from '../attack/types';
import { pinLabel, type AttackPin } from './pin';

/** What a verified bundle turned out to be. */
export interface VerifiedBundle {
  readonly domain: AttackIndex['domain'];
  readonly version: string;
  readonly versionSource: AttackIndex['versionSource'];
  readonly techniques: number;
}

/**
 * Builds the index of `file` and checks it against `expect`. The file's base name takes part in version detection
 * (mitre/cti bundles carry no release), so name the file `<domain>-<version>.json`. Throws AttackDataError.
 * Runs on the calling thread: in the extension, call it from the worker.
 */
export async function verifyAttackBundle(file: string, expect: AttackPin): Promise<VerifiedBundle> {
  // The confined reader: a regular file under the bundle cap (the download's own cap is the same).
  const text = decodeBundle(await readBundleFile(file));
  const index = buildIndexFromText(text, path.basename(file));
  checkIndexMatches(index, expect);
  return { domain: index.domain, version: index.version, versionSource: index.versionSource, techniques: index.techniques.length };
}

/** Throws AttackDataError when `index` is not of the expected domain, or (when one is expected) release. */
export function checkIndexMatches(index: Pick<AttackIndex, 'domain' | 'version'>, expect: AttackPin): void {
  if (index.domain !== expect.domain) {
    throw new AttackDataError('wrong-domain', `It holds ATT&CK ${pinLabel(index)}, not ${pinLabel(expect)}`);
  }
  if (expect.version !== undefined && index.version !== expect.version) {
    throw new AttackDataError('wrong-version', `It holds ATT&CK ${pinLabel(index)}, not ${pinLabel(expect)}`);
  }
}
