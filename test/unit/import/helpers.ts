/** Shared helpers for the import tests: fixture paths and an in-memory/disk readFile. */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { STIX_DIR } from '../../fixtures/model/real-data';

export const FIXTURES = resolve(__dirname, '../../fixtures/import');
export const fixture = (...parts: string[]) => join(FIXTURES, ...parts);
export const fixtureText = (...parts: string[]) => readFileSync(fixture(...parts), 'utf8');

/** readFile for resolveImports: the disk, undefined for a missing file. */
export async function readFromDisk(file: string): Promise<string | undefined> {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/** ../shared/<name> next to the ATT&CK bundles (THREAT_OVERLAP_ATTACK_STIX moves them together). */
export const SHARED = (name: string) => resolve(STIX_DIR, '..', name);
