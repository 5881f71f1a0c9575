/**
 * The compact binary form of an index, used by the on-disk cache and to move an index from the worker thread
 * to the extension host. Layout (integers little-endian):
 *
 *   0  8  magic "TOIDX\r\n\x1a" (the CR/LF/EOF bytes catch text-mode mangling)
 *   8  4  format version
 *  12  4  header length H (a multiple of 4)      16  4  payload length P
 *  20  4  CRC-32 of the H + P bytes that follow
 *  24  H  header: ASCII JSON, space-padded (domain, version, source key, section sizes)
 *  24+H P payload: 4-aligned sections (see serialize-payload.ts)
 *
 * Decoding checks the magic, format version, every length and the checksum before it reads a section, and
 * bounds-checks every reference, so a truncated, corrupt or foreign file fails with an IndexFormatError
 * instead of yielding a broken index.
 */
import { AttackIndexImpl } from './attack-index';
import { crc32 } from './crc32';
import type { IndexData } from './index-data';
import type { PayloadLayout } from './serialize-payload';
import { decodePayload, encodePayload, isLayout, payloadLength } from './serialize-payload';
import type { AttackDomain, AttackIndex } from './types';
import { ATTACK_DOMAINS } from './types';

export const INDEX_MAGIC = Buffer.from('TOIDX\r\n\x1a', 'latin1');
/** Bump whenever the layout or the meaning of any field changes: older files are then rebuilt. */
// 2: campaigns keep first_seen / last_seen.
// 3: data components keep their log sources, analytics their platforms, log source references and mutable elements,
//    detection strategies their analytic IDs (ATT&CK ≥ 18).
export const INDEX_FORMAT_VERSION = 3;
const FIXED = 24;

/** Why bytes are not a usable index: the cache turns this into a warning and a rebuild. */
export class IndexFormatError extends Error {
  constructor(readonly reason: 'foreign' | 'format-version' | 'truncated' | 'checksum' | 'corrupt', message: string) {
    super(message);
    this.name = 'IndexFormatError';
  }
}

/** What identifies the source of a cached index: its content hash and the version its file name implies. */
export interface SourceKey {
  readonly sha256: string;
  /** `<domain>-<version>` from the file name, or "" (the file name takes part in version detection). */
  readonly nameHint: string;
}

export interface IndexHeader {
  readonly domain: AttackDomain;
  readonly version: string;
  readonly versionSource: IndexData['versionSource'];
  readonly specVersion: IndexData['specVersion'];
  readonly source?: SourceKey;
  readonly layout: PayloadLayout;
}

/** Serializes index data (plus build warnings, which a warm load reports again) into one owned Uint8Array. */
export function encodeIndex(data: IndexData, source?: SourceKey, warnings: readonly string[] = []): Uint8Array {
  const payload = encodePayload(data, warnings);
  const header: IndexHeader = {
    domain: data.domain, version: data.version, versionSource: data.versionSource, specVersion: data.specVersion,
    source, layout: payload.layout,
  };
  let headerText = JSON.stringify(header).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  headerText = headerText.padEnd((headerText.length + 3) & ~3, ' ');
  // An ArrayBuffer of its own (not Buffer's shared pool) so the worker can transfer it without a copy.
  const out = new Uint8Array(FIXED + headerText.length + payload.bytes.length);
  const view = new DataView(out.buffer);
  out.set(INDEX_MAGIC, 0);
  view.setUint32(8, INDEX_FORMAT_VERSION, true);
  view.setUint32(12, headerText.length, true);
  view.setUint32(16, payload.bytes.length, true);
  out.set(Buffer.from(headerText, 'latin1'), FIXED);
  out.set(payload.bytes, FIXED + headerText.length);
  view.setUint32(20, crc32(out.subarray(FIXED)), true);
  return out;
}

/** Reads and checks the fixed part and the header only (cheap: no checksum, no payload). */
export function readIndexHeader(bytes: Uint8Array): IndexHeader {
  const buf = asBuffer(bytes);
  if (buf.length < INDEX_MAGIC.length || !buf.subarray(0, INDEX_MAGIC.length).equals(INDEX_MAGIC)) {
    throw new IndexFormatError('foreign', 'not a Threat Overlap index file');
  }
  if (buf.length < FIXED) throw new IndexFormatError('truncated', 'index file truncated');
  const format = buf.readUInt32LE(8);
  if (format !== INDEX_FORMAT_VERSION) {
    throw new IndexFormatError('format-version', `index format ${format}, this version reads ${INDEX_FORMAT_VERSION}`);
  }
  const expected = FIXED + buf.readUInt32LE(12) + buf.readUInt32LE(16);
  if (buf.length !== expected) {
    throw new IndexFormatError(buf.length < expected ? 'truncated' : 'corrupt', `index file is ${buf.length} bytes, its header says ${expected}`);
  }
  let header: IndexHeader;
  try {
    header = JSON.parse(buf.toString('latin1', FIXED, FIXED + buf.readUInt32LE(12))) as IndexHeader;
  } catch {
    throw new IndexFormatError('corrupt', 'index header is not JSON');
  }
  if (!isHeader(header) || payloadLength(header.layout) !== buf.readUInt32LE(16)) throw new IndexFormatError('corrupt', 'index header is malformed');
  return header;
}

/** Decodes and verifies bytes from encodeIndex into index data; throws IndexFormatError. */
export function decodeIndex(bytes: Uint8Array): { header: IndexHeader; data: IndexData; warnings: string[] } {
  let buf = asBuffer(bytes);
  const header = readIndexHeader(buf);
  if (crc32(buf.subarray(FIXED)) !== buf.readUInt32LE(20)) throw new IndexFormatError('checksum', 'index checksum mismatch');
  // Typed-array views need 4-byte alignment; bytes from fs or a worker start at 0, anything else is copied once.
  if (buf.byteOffset % 4 !== 0) buf = Buffer.from(Uint8Array.prototype.slice.call(buf));
  try {
    const { data, warnings } = decodePayload(header, buf, FIXED + buf.readUInt32LE(12));
    return { header, data, warnings };
  } catch (e) {
    throw new IndexFormatError('corrupt', `index payload is malformed (${(e as Error).message})`);
  }
}

/** The compact form of an index built by this module (see the layout above). */
export function serializeIndex(index: AttackIndex): Uint8Array {
  if (!(index instanceof AttackIndexImpl)) throw new TypeError('serializeIndex: not an index built by src/core/attack');
  return encodeIndex(AttackIndexImpl.dataOf(index));
}

/** Rebuilds an index from serializeIndex's bytes (a string is taken as their base64); throws IndexFormatError. */
export function deserializeIndex(data: string | Uint8Array): AttackIndex {
  return new AttackIndexImpl(decodeIndex(typeof data === 'string' ? Buffer.from(data, 'base64') : data).data);
}

function isHeader(h: unknown): h is IndexHeader {
  const x = h as Partial<IndexHeader> | null;
  return !!x && typeof x === 'object'
    && (ATTACK_DOMAINS as readonly unknown[]).includes(x.domain) && typeof x.version === 'string'
    && (x.versionSource === 'collection' || x.versionSource === 'file-name' || x.versionSource === 'unknown')
    && (x.specVersion === '2.0' || x.specVersion === '2.1')
    && (x.source === undefined || (typeof x.source === 'object' && x.source !== null && typeof x.source.sha256 === 'string' && typeof x.source.nameHint === 'string'))
    && isLayout(x.layout);
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
