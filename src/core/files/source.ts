/**
 * Where the check reads its files from: the disk through the confined reader, or (in the editor) an open
 * document's text first. Either way a file a model or inventory names is confined, and a refusal is a result.
 */
import type { Confinement } from './confinement';
import { outsideRoots, resolveFinal } from './confinement';
import { MAX_IMPORT_FILE_BYTES, MAX_YAML_FILE_BYTES, sizeLabel } from './limits';
import type { ReadOptions, TextRead } from './read-file';
import { readConfinedText } from './read-file';

/** What is being read: a model or inventory (YAML cap) or a file imported through `layer:` / `framework:`. */
export type FileRole = 'yaml' | 'import';

export interface ReadRequest {
  readonly role: FileRole;
  /** True for a file a model or inventory names; false for the model the user gave. */
  readonly confined: boolean;
}

/** Reads one file for the check; never throws for what the file system says. */
export type FileSource = (file: string, request: ReadRequest) => Promise<TextRead>;

/** The cap and its words for each role. */
export function limitsFor(role: FileRole): Pick<ReadOptions, 'maxBytes' | 'limitLabel' | 'limitHint'> {
  return role === 'yaml'
    ? { maxBytes: MAX_YAML_FILE_BYTES, limitLabel: `the ${sizeLabel(MAX_YAML_FILE_BYTES)} limit for models and inventories`, limitHint: 'split it into several files' }
    : { maxBytes: MAX_IMPORT_FILE_BYTES, limitLabel: `the ${sizeLabel(MAX_IMPORT_FILE_BYTES)} limit for imported files` };
}

/**
 * Files from disk, confined by `confinement`; `openText` gives the text of a file open in an editor (with its
 * unsaved edits), which is used instead of the disk once the path is known to be allowed.
 */
export function confinedSource(confinement: Confinement, openText?: (file: string) => string | undefined): FileSource {
  return async (file, request) => {
    let mayUseOpen = openText !== undefined;
    if (request.confined && openText) {
      // The disk reader checks this itself; an open document's text must pass the same check first.
      const final = await resolveFinal(file).catch(() => undefined);
      const outside = final === undefined ? undefined : outsideRoots(final, confinement);
      if (final !== undefined && outside) return { kind: 'refused', refusal: { reason: 'outside-root', detail: outside, hint: confinement.howToAllow(final) } };
      mayUseOpen = final !== undefined;
    }
    const open = mayUseOpen ? openText?.(file) : undefined;
    if (open !== undefined) return { kind: 'text', text: open };
    return readConfinedText(file, { ...limitsFor(request.role), ...(request.confined ? { confinement } : {}) });
  };
}
