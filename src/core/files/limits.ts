/**
 * How much of a file the confined reader reads, per kind of file. The reader stops at the cap whatever the file
 * is, so a 10 GB file or a device costs no more than the cap (docs/robustness.md, "Files a model names").
 */
import { MAX_YAML_LENGTH } from '../model/yaml-limits';

/**
 * Threat models and control inventories on disk: the parser's 256 KB limit, in bytes. A text of that many bytes
 * has at most that many UTF-16 units, so a file the reader lets through is never over the parser's limit.
 */
export const MAX_YAML_FILE_BYTES = MAX_YAML_LENGTH;

/** Navigator layers, CTID mappings and DeTT&CT files (the biggest real mapping file is about 2 MB). */
export const MAX_IMPORT_FILE_BYTES = 64 * 1024 * 1024;

/**
 * ATT&CK STIX bundles: about 7× Enterprise 18.1 (37 MB), and the same cap a download has, so a bundle that
 * downloads also loads. Higher would let one file cost the extension host's worker several GB to parse.
 */
export const MAX_BUNDLE_FILE_BYTES = 256 * 1024 * 1024;

/** A size in words for messages: "256 KB", "64 MB", "10 GB". */
export function sizeLabel(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${formatNumber(bytes / 1024 ** 3)} GB`;
  if (bytes >= 1024 * 1024) return `${formatNumber(bytes / (1024 * 1024))} MB`;
  return `${formatNumber(Math.ceil(bytes / 1024))} KB`;
}

function formatNumber(n: number): string {
  return (n >= 100 || Number.isInteger(n) ? Math.round(n) : Math.round(n * 10) / 10).toLocaleString('en-US');
}
