/**
 * `controls:` paths are relative to the model file. Files are named by absolute paths (CLI, tests) or by
 * URI strings (the extension, e.g. `file:///…`, `vscode-vfs://…`); both resolve the same way here.
 */
import { dirname, posix, relative, resolve, sep } from 'node:path';

// Two or more scheme letters, so a Windows drive (`C:\…`) stays a path.
const URI = /^[a-z][a-z0-9+.-]+:/i;

/** The file `ref` names, relative to the file `from`. */
export function resolveReference(from: string, ref: string): string {
  return URI.test(from) ? new URL(ref, from).toString() : resolve(dirname(from), ref);
}

/** One spelling per file, for comparing names given by different callers. */
export function normalizeFile(file: string): string {
  return URI.test(file) ? new URL(file).toString() : resolve(file);
}

/** `./x.controls.yaml`: how `from` would refer to `to` (undefined across URI schemes or hosts). */
export function referenceTo(from: string, to: string): string | undefined {
  let rel: string;
  if (URI.test(from) || URI.test(to)) {
    if (!URI.test(from) || !URI.test(to)) return undefined;
    const a = new URL(from);
    const b = new URL(to);
    if (a.protocol !== b.protocol || a.host !== b.host) return undefined;
    rel = posix.relative(posix.dirname(decodeURIComponent(a.pathname)), decodeURIComponent(b.pathname));
  } else {
    rel = relative(dirname(from), to).split(sep).join('/');
  }
  return rel.startsWith('../') ? rel : `./${rel}`;
}

/** The last path segment, for messages. */
export function baseName(file: string): string {
  const path = URI.test(file) ? decodeURIComponent(new URL(file).pathname) : file;
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}
