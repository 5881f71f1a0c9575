/**
 * Reads any importable file and says what it is, by content rather than by name: a JSON object with
 * `mapping_objects` is a CTID mapping, one with `techniques` a Navigator layer, YAML with `file_type` a
 * DeTT&CT administration file.
 */
import type { MappingFile } from './ctid-mapping';
import { readMappingFile } from './ctid-mapping';
import type { DettectFile } from './dettect';
import { parseDettect } from './dettect';
import { ImportError } from './errors';
import { excerpt } from '../text/safe-text';
import { own, parseJsonObject } from './json-guard';
import type { CutText } from './json-guard';
import type { NavigatorLayer } from './navigator-layer';
import { readNavigatorLayer } from './navigator-layer';

export type ImportedFile =
  | { readonly format: 'navigator-layer'; readonly layer: NavigatorLayer }
  | { readonly format: 'ctid-mapping'; readonly mapping: MappingFile }
  | { readonly format: 'dettect'; readonly dettect: DettectFile };

export type ImportFormat = ImportedFile['format'];

/** Parses an imported file's text; throws ImportError when it is none of the supported formats. */
export function readImportFile(text: string): ImportedFile {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (!body.trimStart().startsWith('{')) return { format: 'dettect', dettect: parseDettect(body) };
  const root = parseJsonObject(body, 'the file');
  if (own(root, 'mapping_objects') !== undefined) return { format: 'ctid-mapping', mapping: readMappingFile(root) };
  if (own(root, 'techniques') !== undefined) return { format: 'navigator-layer', layer: readNavigatorLayer(root) };
  throw new ImportError('invalid', 'neither an ATT&CK Navigator layer (`techniques`) nor a CTID mapping (`mapping_objects`)');
}

/** The texts reading the file cut to MAX_IMPORTED_TEXT. */
export function cutTexts(file: ImportedFile): readonly CutText[] {
  switch (file.format) {
    case 'navigator-layer':
      return file.layer.cut;
    case 'ctid-mapping':
      return file.mapping.cut;
    case 'dettect':
      return file.dettect.cut;
  }
}

/** How a message names the file's kind: "Navigator layer 3.0", "CTID aws mapping (ATT&CK 16.1)", … */
export function describeImport(file: ImportedFile): string {
  switch (file.format) {
    case 'navigator-layer':
      return `Navigator layer ${excerpt(file.layer.formatVersion)}`;
    case 'ctid-mapping':
      return `CTID ${excerpt(file.mapping.framework || 'Mappings Explorer')} mapping (ATT&CK ${excerpt(file.mapping.attackVersion)})`;
    case 'dettect':
      return `DeTT&CT ${file.dettect.kind} file`;
  }
}
