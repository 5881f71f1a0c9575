/**
 * Which file a webview "Reveal" request may open: only an absolute local path that names one of the model's own files
 * (the model and the inventories it lists). Pure and total (never throws), so the host's handler can be fuzzed.
 */
import { isAbsolute } from 'node:path';
import { normalizeFile } from '../../core/validation/paths';

// A URI scheme of two or more letters (a Windows drive letter is a path).
const SCHEME = /^[a-z][a-z0-9+.-]+:/i;

/** The normalised path to open, or undefined when `file` is not one of `files` (URIs, relative paths, NULs refused). */
export function revealTarget(file: string, files: ReadonlySet<string>): string | undefined {
  if (file.length === 0 || file.includes('\0') || SCHEME.test(file) || !isAbsolute(file)) return undefined;
  const normalised = normalizeFile(file);
  return files.has(normalised) ? normalised : undefined;
}
