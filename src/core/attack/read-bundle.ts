/**
 * Reading and parsing a bundle file, with every failure turned into a one-line AttackDataError
 * (not-found, unreadable, not-json, truncated) that the CLI and the editor can show as is.
 */
import { isAscii } from 'node:buffer';
import { MAX_BUNDLE_FILE_BYTES, sizeLabel } from '../files/limits';
import { readConfinedBytes } from '../files/read-file';
import { AttackDataError } from './types';
import { jsonErrorPlace } from '../text/json-text';

/**
 * Reads the whole file through the confined reader: a regular file of at most MAX_BUNDLE_FILE_BYTES (a FIFO,
 * device or directory is refused before it is opened). Missing or refused becomes an AttackDataError.
 */
export async function readBundleFile(file: string): Promise<Buffer> {
  const read = await readConfinedBytes(file, { maxBytes: MAX_BUNDLE_FILE_BYTES, limitLabel: `the ${sizeLabel(MAX_BUNDLE_FILE_BYTES)} limit for ATT&CK bundles` });
  if (read.kind === 'bytes') return read.bytes;
  if (read.kind === 'missing') throw new AttackDataError('not-found', `ATT&CK data file not found: ${file}`);
  throw new AttackDataError('unreadable', `ATT&CK data file ${file} ${read.refusal.detail}: not read`);
}

/** Maps an fs error to not-found / unreadable. */
export function fileError(file: string, e: unknown): AttackDataError {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new AttackDataError('not-found', `ATT&CK data file not found: ${file}`);
  if (code === 'EISDIR') return new AttackDataError('unreadable', `ATT&CK data path is a directory, not a bundle file: ${file}`);
  const reason = code ?? oneLine((e as Error | null)?.message ?? String(e));
  return new AttackDataError('unreadable', `cannot read ATT&CK data file ${file} (${reason})`);
}

/** Decodes UTF-8 (dropping a BOM, which JSON.parse rejects). */
export function decodeBundle(buffer: Buffer): string {
  return buffer.toString('utf8', bomLength(buffer));
}

function bomLength(buffer: Buffer): number {
  return buffer.length >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
}

/** Bundle text plus the fix-up its kept strings need (see decodeBundleFast). */
export interface DecodedBundle {
  readonly text: string;
  /** Turns a string parsed from `text` into the one UTF-8 decoding would have given; absent when none is needed. */
  readonly repair?: (s: string) => string;
}

/**
 * Decoding 37 MB of UTF-8 into a two-byte string costs V8 about a third of JSON.parse; a latin1 read is a copy.
 * JSON's syntax is ASCII, so parsing the latin1 text gives the right structure, and only the few strings the
 * index keeps need their raw UTF-8 bytes re-decoded. That is exact unless a `\u0080`–`\u00ff` escape could be
 * confused with a raw byte, in which case (and for a BOM) this falls back to plain UTF-8 decoding.
 */
export function decodeBundleFast(buffer: Buffer): DecodedBundle {
  if (bomLength(buffer) > 0) return { text: decodeBundle(buffer) };
  if (isAscii(buffer)) return { text: buffer.toString('latin1') };
  if (hasLatin1Escape(buffer)) return { text: decodeBundle(buffer) };
  return { text: buffer.toString('latin1'), repair: repairUtf8 };
}

/** Whether the bytes hold `\u00` followed by 8, 9 or a–f (over-approximated: an escaped backslash counts too). */
function hasLatin1Escape(buffer: Buffer): boolean {
  for (let at = buffer.indexOf('\\u00'); at >= 0; at = buffer.indexOf('\\u00', at + 1)) {
    const c = buffer[at + 4] | 0x20;
    if (c === 0x38 || c === 0x39 || (c >= 0x61 && c <= 0x66)) return true;
  }
  return false;
}

const RAW_UTF8 = /[\x80-\xff]+/g;
const HAS_RAW = /[\x80-\xff]/;

/** Re-decodes each run of raw high bytes as UTF-8; characters above U+00FF came from escapes and stay. */
function repairUtf8(s: string): string {
  if (!HAS_RAW.test(s)) return s;
  return s.replace(RAW_UTF8, (run) => Buffer.from(run, 'latin1').toString('utf8'));
}

/**
 * JSON.parse with a diagnosis on failure: text that opens like a bundle but does not end with the
 * bundle's closing `] }` was cut short (an interrupted download or copy), anything else is not JSON.
 * `file` names the source in messages; without it they say "ATT&CK data".
 */
export function parseBundleText(text: string, file?: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw jsonError(text, file === undefined ? 'ATT&CK data' : `ATT&CK data file ${file}`, e);
  }
}

function jsonError(text: string, label: string, e: unknown): AttackDataError {
  let first = 0;
  while (first < text.length && isSpace(text.charCodeAt(first))) first++;
  if (first === text.length) return new AttackDataError('truncated', `${label} is empty (truncated download?)`);
  if (text[first] === '{' && !endsWithBundleClosing(text)) {
    return new AttackDataError('truncated', `${label} is truncated: the JSON stops after ${text.length} characters without closing the bundle; download it again`);
  }
  // Never V8's message: it quotes the text (`Unexpected token 'r', "root:x:0:0"... is not valid JSON`).
  return new AttackDataError('not-json', `${label} is not valid JSON${jsonErrorPlace(text, e)}`);
}

/** `]` then `}` with only whitespace around: how every bundle's text ends. Checked without a regex over the text. */
function endsWithBundleClosing(text: string): boolean {
  let i = text.length - 1;
  while (i >= 0 && isSpace(text.charCodeAt(i))) i--;
  if (text[i] !== '}') return false;
  i--;
  while (i >= 0 && isSpace(text.charCodeAt(i))) i--;
  return text[i] === ']';
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

export function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
