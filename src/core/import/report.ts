/**
 * Diagnostics about one import reference (a `layer:` or `framework:` entry): they sit on that YAML entry, in
 * the YAML file, and name the imported file. Revoked, deprecated and unknown IDs are reported once per
 * reference, listing the IDs (first 10 in the message, all of them in `data`).
 */
import type { Diagnostic, Range, Severity } from '../diagnostics';
import { excerpt, excerptPath, listSome } from '../text/safe-text';
import { baseName } from '../validation/paths';
import { IMPORT_CODES } from './errors';
import { MAX_IMPORTED_TEXT } from './json-guard';
import type { CutText } from './json-guard';
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

const listed = (items: readonly string[]) => listSome(items.map((i) => excerpt(i)));

/** How messages name an imported file: its base name, as a short quoted excerpt. */
export function fileLabel(site: ImportSite): string {
  return excerptPath(baseName(site.file));
}

/** import.text-truncated when reading the file cut texts to MAX_IMPORTED_TEXT characters. */
export function cutTextDiagnostic(site: ImportSite, cut: readonly CutText[]): Diagnostic[] {
  if (cut.length === 0) return [];
  const count = cut.reduce((n, c) => n + c.count, 0);
  const fields = listSome(cut.map((c) => `${excerpt(c.field)} ${c.longest.toLocaleString('en-US')} characters`), 5);
  return [importDiagnostic(site, 'import.text-truncated',
    `${fileLabel(site)}: ${count} text(s) longer than ${MAX_IMPORTED_TEXT} characters cut to ${MAX_IMPORTED_TEXT} (longest: ${fields})`,
    { limit: MAX_IMPORTED_TEXT, cut })];
}

/**
 * The revoked / deprecated / unknown diagnostics of one reference. `since` words the release the file was
 * made for, e.g. "since the mapping's ATT&CK 16.1"; `pinned` is the model's release.
 */
export function resolutionDiagnostics(site: ImportSite, prefix: ImportFormatPrefix, r: IdResolution, pinned: string, since = ''): Diagnostic[] {
  const name = fileLabel(site);
  const out: Diagnostic[] = [];
  const when = since ? ` ${since}` : '';
  if (r.revoked.length > 0) {
    const pairs = r.revoked.map((x: RevokedId) => `${excerpt(x.id)} → ${x.replacement}`);
    out.push(importDiagnostic(site, `import.${prefix}-revoked`,
      `${name}: ${r.revoked.length} ID(s) revoked${when} in ATT&CK ${pinned} count as their replacements: ${listSome(pairs)}`,
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
