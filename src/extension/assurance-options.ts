/**
 * The Atomic Red Team folder of the setting `threatOverlap.assurance.atomics`, for every caller of the triage
 * options (language features, gap check, heatmap). The path is the user's choice, like the ATT&CK data path and the
 * Top Techniques file: not confined to the workspace, read through the one reader (regular files within the cap,
 * src/core/assurance/read-atomics.ts), taken from workspace settings only in a trusted workspace. The folder is read
 * once and then re-read only where files changed (its cache is per folder and file); one catalogue object per
 * unchanged folder, so memos keyed on it hold.
 */
import { trustedSettingPath } from './setting-path';
import { AtomicsFolderError, readAtomicsFolder } from '../core/assurance/read-atomics';
import type { AtomicCatalogue } from '../core/assurance/types';

export const ASSURANCE_SECTION = 'threatOverlap.assurance';
export const ATOMICS_SETTING = `${ASSURANCE_SECTION}.atomics`;

let last: { folder: string; catalogue: AtomicCatalogue } | undefined;
let pending: { folder: string; read: Promise<{ catalogue?: AtomicCatalogue; problem?: string }> } | undefined;

/** The folder of the setting, read; `problem` (our words) when it cannot be; {} when the setting is empty. */
export async function atomicsFromSettings(): Promise<{ catalogue?: AtomicCatalogue; problem?: string }> {
  const folder = atomicsPath();
  if (folder === undefined) return {};
  // Concurrent callers share one read of the folder.
  if (pending?.folder === folder) return pending.read;
  const read = (async () => {
    try {
      const c = await readAtomicsFolder(folder);
      // Nothing re-read: the same object as before.
      if (last?.folder === folder && c.reread === 0 && c.files === last.catalogue.files) return { catalogue: last.catalogue };
      last = { folder, catalogue: c };
      return { catalogue: c };
    } catch (e) {
      if (e instanceof AtomicsFolderError) return { problem: `${ATOMICS_SETTING} ${e.message}` };
      throw e;
    } finally {
      pending = undefined;
    }
  })();
  pending = { folder, read };
  return read;
}

/** The setting's path (trustedSettingPath). */
export function atomicsPath(): string | undefined {
  return trustedSettingPath(ASSURANCE_SECTION, 'atomics');
}
