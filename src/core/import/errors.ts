/**
 * Typed failures of the importers and the diagnostic codes the imports produce. Imported files are untrusted
 * input: every parser throws an ImportError (never a TypeError from a bad shape), and resolveImports turns it
 * into an `import.invalid` diagnostic on the YAML line that referenced the file.
 */
import type { Severity } from '../diagnostics';

export type ImportErrorCode = 'too-large' | 'not-json' | 'not-yaml' | 'invalid' | 'unsupported-version' | 'unsupported-kind';

/** A file that cannot be imported; `message` is one line, fit for a diagnostic. */
export class ImportError extends Error {
  override readonly name = 'ImportError';
  constructor(
    readonly code: ImportErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Larger imported files are refused before parsing (the biggest real mapping file is about 2 MB). */
export const MAX_IMPORT_CHARS = 64 * 1024 * 1024;
/** More entries than this in one file is not a layer, mapping or DeTT&CT file anyone wrote. */
export const MAX_IMPORT_ENTRIES = 200_000;

/** Which importer a message is about; it prefixes the per-format codes. */
export type ImportFormatPrefix = 'layer' | 'mapping' | 'dettect';

interface CodeInfo {
  readonly severity: Severity;
  readonly description: string;
}

const perFormat = (what: string, severity: Severity, description: string): Record<string, CodeInfo> =>
  Object.fromEntries((['layer', 'mapping', 'dettect'] as const).map((f) => [`import.${f}-${what}`, { severity, description }]));

/** Every `import.*` code with its severity and meaning (docs/imports.md lists the same). */
export const IMPORT_CODES: Readonly<Record<string, CodeInfo>> = {
  'import.file-missing': { severity: 'error', description: 'A `layer:` or `framework: { file }` path names no file.' },
  'import.invalid': { severity: 'error', description: 'The file is not a readable Navigator layer, CTID mapping or DeTT&CT file (the message says why).' },
  'import.unsupported-kind': { severity: 'error', description: 'A file of a known kind used where it cannot count (e.g. a KEV mapping or a DeTT&CT data-source file as controls).' },
  'import.layer-upgraded': { severity: 'information', description: 'An older layer (format 3.x, `mitre-enterprise` domain) was read as a current one.' },
  'import.domain-mismatch': { severity: 'warning', description: "The file is for another ATT&CK domain than the model's." },
  'import.unknown-capability': { severity: 'error', description: 'A capability (or DeTT&CT system) is not in the file; suggests the nearest one.' },
  'import.non-mappable': { severity: 'information', description: 'The mapping marks a listed capability non_mappable: it maps to no technique.' },
  'import.no-techniques': { severity: 'warning', description: 'The import gives no technique (e.g. every score is under `minScore`).' },
  'import.too-many-adversaries': { severity: 'warning', description: 'A DeTT&CT group file stands for more than 100 adversaries (enabled groups and their software): the first 100 are used.' },
  'import.text-truncated': { severity: 'warning', description: 'Texts in the file (names, IDs, descriptions) longer than 200 characters were cut to 200 where they were read.' },
  ...perFormat('revoked', 'warning', 'IDs the file uses were revoked in the pinned release; they count as their revoked-by replacement.'),
  ...perFormat('deprecated', 'warning', 'IDs the file uses are deprecated (or revoked without replacement) in the pinned release; they are left out.'),
  ...perFormat('unknown-id', 'warning', 'IDs the file uses do not exist in the pinned release; they are left out.'),
};
