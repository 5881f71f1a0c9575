/**
 * Diagnostics about one import reference (a `layer:` or `framework:` entry): they sit on that YAML entry, in
 * the YAML file, and name the imported file. Revoked, deprecated and unknown IDs are reported once per
 * reference, listing the IDs (first 10 in the message, all of them in `data`).
 */
import type { Diagnostic, Range, Severity } from '../diagnostics';
import { baseName } from '../validation/paths';
import { IMPORT_CODES } from './errors';
import type { ImportFormatPrefix } from './errors';
import type { IdResolution, RevokedId } from './retired';

/** Where an import was referenced from, and which file it names. */
export interface ImportSite {
  /** The YAML file with the `layer:` / `framework:` entry. */
  readonly yamlFile?: string;
  readonly range: Range;
  /** The imported file, resolved. */
  readonly file: string;
  /** As written in the YAML. */
  readonly written: string;
}

export function importDiagnostic(site: ImportSite, code: string, message: string, data: Record<string, unknown> = {}, range: Range = site.range): Diagnostic {
  const severity: Severity = IMPORT_CODES[code]?.severity ?? 'warning';
  return {
    code,
    severity,
    message,
    range,
    ...(site.yamlFile !== undefined ? { file: site.yamlFile } : {}),
    data: { path: site.written, resolved: site.file, ...data },
  };
}

const listed = (items: readonly string[]) => (items.length > 10 ? `${items.slice(0, 10).join(', ')} and ${items.length - 10} more` : items.join(', '));

/**
 * The revoked / deprecated / unknown diagnostics of one reference. `since` words the release the file was
 * made for, e.g. "since the mapping's ATT&CK 16.1"; `pinned` is the model's release.
 */
export function resolutionDiagnostics(site: ImportSite, prefix: ImportFormatPrefix, r: IdResolution, pinned: string, since = ''): Diagnostic[] {
  const name = baseName(site.file);
  const out: Diagnostic[] = [];
  const when = since ? ` ${since}` : '';
  if (r.revoked.length > 0) {
    const pairs = r.revoked.map((x: RevokedId) => `${x.id} → ${x.replacement}`);
    out.push(importDiagnostic(site, `import.${prefix}-revoked`,
      `${name}: ${r.revoked.length} ID(s) revoked${when} in ATT&CK ${pinned} count as their replacements: ${listed(pairs)}`,
      { revoked: r.revoked }));
  }
  if (r.deprecated.length > 0) {
    out.push(importDiagnostic(site, `import.${prefix}-deprecated`,
      `${name}: ${r.deprecated.length} ID(s) deprecated or revoked without replacement${when} in ATT&CK ${pinned} are left out: ${listed(r.deprecated)}`,
      { ids: r.deprecated }));
  }
  if (r.unknown.length > 0) {
    out.push(importDiagnostic(site, `import.${prefix}-unknown-id`,
      `${name}: ${r.unknown.length} ID(s) not in ATT&CK ${pinned} are left out: ${listed(r.unknown)}`,
      { ids: r.unknown }));
  }
  return out;
}
