/** Shared helpers for the import tests: fixture paths and an in-memory/disk readFile. */
import { readFileSync } from 'node:fs';
import type { TextRead } from '../../../src/core/files/index';
import { limitsFor, readConfinedText } from '../../../src/core/files/index';
import { join, resolve } from 'node:path';
import { STIX_DIR } from '../../fixtures/model/real-data';

export const FIXTURES = resolve(__dirname, '../../fixtures/import');
export const fixture = (...parts: string[]) => join(FIXTURES, ...parts);
export const fixtureText = (...parts: string[]) => readFileSync(fixture(...parts), 'utf8');

/** readFile for resolveImports: the disk through the reader (capped, regular files only), not confined. */
export function readFromDisk(file: string): Promise<TextRead> {
  return readConfinedText(file, limitsFor('import'));
}

/** ../shared/<name> next to the ATT&CK bundles (THREAT_OVERLAP_ATTACK_STIX moves them together). */
export const SHARED = (name: string) => resolve(STIX_DIR, '..', name);
