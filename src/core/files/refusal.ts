/**
 * A refused read as a diagnostic: on the entry that named the file (a `controls:` path, a `layer:` or
 * `framework: { file }`), naming the path as written, saying why and how to allow it. Never any of the content.
 */
import type { Diagnostic, Range } from '../diagnostics';
import { ZERO_RANGE } from '../diagnostics';
import type { Refusal, RefusalReason } from './read-file';

export const FILE_CODES: Readonly<Record<`file.${RefusalReason}`, { readonly severity: 'error'; readonly description: string }>> = {
  'file.outside-root': { severity: 'error', description: "The path, after following symbolic links, is outside the model's git work tree (else its folder; in the editor the workspace folders): not read. The message says how to allow it." },
  'file.not-regular': { severity: 'error', description: 'The path is a FIFO, socket, device, directory or a /proc-style file, not a regular file: not read.' },
  'file.too-large': { severity: 'error', description: 'The file is over the read limit for its kind (256 KB for models and inventories, 64 MB for imported files, 256 MB for ATT&CK bundles): not read.' },
  'file.unreadable': { severity: 'error', description: 'The file exists but cannot be read (permission denied, a link loop, …).' },
};

export function refusalCode(refusal: Refusal): keyof typeof FILE_CODES {
  return `file.${refusal.reason}`;
}

/** "control inventory '../x.yaml' is a FIFO (named pipe), not a regular file: not read". */
export function refusalMessage(what: string, written: string, refusal: Refusal): string {
  return `${what} '${written}' ${refusal.detail}: not read${refusal.hint !== undefined ? `; ${refusal.hint}` : ''}`;
}

export interface RefusalSite {
  /** The YAML file with the referencing entry (the diagnostic's file). */
  readonly file?: string;
  /** The referencing entry; for a file refused itself, the start of that file. */
  readonly range?: Range;
  /** The path as written in the YAML (or on the command line). */
  readonly written: string;
  /** The path it resolved to. */
  readonly resolved: string;
  /** "control inventory", "imported file", "threat model". */
  readonly what: string;
}

export function refusalDiagnostic(site: RefusalSite, refusal: Refusal): Diagnostic {
  return {
    code: refusalCode(refusal),
    severity: 'error',
    message: refusalMessage(site.what, site.written, refusal),
    range: site.range ?? ZERO_RANGE,
    ...(site.file !== undefined ? { file: site.file } : {}),
    data: { path: site.written, resolved: site.resolved, reason: refusal.reason },
  };
}
