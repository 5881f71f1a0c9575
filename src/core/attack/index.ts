/**
 * Public API of the ATT&CK index: build it from bundle text, load it from a file through the cache, move it
 * between threads, and resolve where the data lives. Everything else in this folder is internal.
 */
import { buildIndex } from './build-index';
import { parseBundleText } from './read-bundle';
import type { AttackIndex } from './types';

export * from './types';
export { buildIndex, versionFromFileName } from './build-index';
export { defaultCacheDir } from './cache';
export type { LoadOptions, LoadedAttackIndex } from './load';
export { loadAttackIndex } from './load';
export type { AttackPinLike } from './resolve';
export { resolveAttackDataPath } from './resolve';
export { IndexFormatError, deserializeIndex, serializeIndex } from './serialize';
export { compareVersions } from './version';

/**
 * Parses bundle text and builds its index. `fileName` (a path or base name) names the source in error messages
 * and supplies the version when the bundle has no x-mitre-collection (`enterprise-attack-18.1.json`).
 * Throws AttackDataError (not-json, truncated, not-attack) with a one-line message.
 */
export function buildIndexFromText(text: string, fileName?: string): AttackIndex {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return buildIndex(parseBundleText(body, fileName), fileName);
}
