/**
 * The payload of the compact index: no JSON to parse on a warm load. Every string lives once in one of two text
 * blobs, latin1 for strings that fit in it (IDs, URLs, most names) and UTF-16LE for the rest, each of which decodes
 * as a plain copy; the records are rows of integers that refer to strings (latin1 ones first) and to lists of
 * strings. Decoding slices the blobs (V8 shares the characters) and checks every reference, because the bytes
 * come from disk. Sections, each 4-aligned, in this order:
 *
 *   string offsets  Int32[narrow + 1], Int32[wide + 1]   character offsets into each blob
 *   blobs           narrowChars bytes, wideChars × 2 bytes, each zero-padded
 *   records         Int32[objects × 11]  kind, flags, id, stixId, name, description, url, aliases, a, b, c
 *   list offsets    Int32[lists + 1]     into list items
 *   list items      Int32[listItems]     string numbers
 *   tactic order    Int32[tacticOrder]
 *   relationships   Int32[relationships × 3]
 */
import type { IndexData, MutableTechnique } from './index-data';
import { detectionFromLists, detectionFromText, detectionText, isDetectionKind } from './detection-records';
import { freezeObjects, linkSubtechniques } from './index-data';
import type { IndexHeader } from './serialize';
import { RELATIONSHIP_TYPES, REVOKED_BY_CODE } from './stix';
import type { AttackObject, Campaign, ObjectKind, Software, Tactic, Technique } from './types';

/** Section sizes, stored in the header; every length in the file follows from them. */
export interface PayloadLayout {
  readonly objects: number;
  readonly liveCount: number;
  /** Strings in the latin1 blob (numbered first) and in the UTF-16LE blob, and their lengths. */
  readonly narrow: number;
  readonly narrowChars: number;
  readonly wide: number;
  readonly wideChars: number;
  readonly lists: number;
  readonly listItems: number;
  readonly tacticOrder: number;
  readonly relationships: number;
  /** List numbers of the platform names and of the build warnings. */
  readonly platformsList: number;
  readonly warningsList: number;
}

const KINDS: readonly ObjectKind[] = [
  'tactic', 'technique', 'group', 'campaign', 'software', 'mitigation',
  'data-source', 'data-component', 'detection-strategy', 'analytic', 'asset',
];
const KIND_CODE = new Map(KINDS.map((k, i) => [k, i]));
const ROW = 11;
const REVOKED = 1, DEPRECATED = 2, SUBTECHNIQUE = 4, TOOL = 8;
const LE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

const align4 = (n: number): number => (n + 3) & ~3;

export function payloadLength(l: PayloadLayout): number {
  const ints = l.narrow + 1 + l.wide + 1 + l.objects * ROW + l.lists + 1 + l.listItems + l.tacticOrder + l.relationships * 3;
  return ints * 4 + align4(l.narrowChars) + align4(l.wideChars * 2);
}

export function isLayout(v: unknown): v is PayloadLayout {
  const l = v as Record<string, unknown> | null;
  if (!l || typeof l !== 'object') return false;
  const counts = ['objects', 'liveCount', 'narrow', 'narrowChars', 'wide', 'wideChars', 'lists', 'listItems', 'tacticOrder', 'relationships', 'platformsList', 'warningsList'];
  return counts.every((k) => Number.isSafeInteger(l[k]) && (l[k] as number) >= 0 && (l[k] as number) < 2 ** 30);
}

export function encodePayload(data: IndexData, warnings: readonly string[]): { layout: PayloadLayout; bytes: Uint8Array } {
  const { narrow, wide, number } = stringTable(data, warnings);
  const str = (s: string): number => number.get(s) as number;
  const listItems: number[] = [];
  const listOffsets = [0];
  const listIds = new Map<string, number>();
  const list = (l: readonly string[]): number => {
    const items = l.map(str);
    const key = items.join(',');
    let at = listIds.get(key);
    if (at === undefined) {
      listItems.push(...items);
      listIds.set(key, (at = listOffsets.push(listItems.length) - 2));
    }
    return at;
  };
  const records = new Int32Array(data.objects.length * ROW).fill(-1);
  data.objects.forEach((o, i) => writeRow(records, i * ROW, o, str, list));
  const platformsList = list(data.platforms);
  const warningsList = list(warnings);

  const narrowText = narrow.join('');
  const wideText = wide.join('');
  const layout: PayloadLayout = {
    objects: data.objects.length, liveCount: data.liveCount,
    narrow: narrow.length, narrowChars: narrowText.length, wide: wide.length, wideChars: wideText.length,
    lists: listOffsets.length - 1, listItems: listItems.length, tacticOrder: data.tacticOrder.length,
    relationships: data.relationships.length / 3, platformsList, warningsList,
  };
  const out = Buffer.alloc(payloadLength(layout));
  let at = putInts(out, 0, offsetsOf(narrow));
  at = putInts(out, at, offsetsOf(wide));
  at += align4(out.write(narrowText, at, 'latin1'));
  at += align4(out.write(wideText, at, 'utf16le'));
  for (const ints of [records, listOffsets, listItems, data.tacticOrder, data.relationships]) at = putInts(out, at, ints);
  return { layout, bytes: out };
}

/** Every distinct string the payload refers to, latin1-encodable ones first, with their numbers. */
function stringTable(data: IndexData, warnings: readonly string[]): { narrow: string[]; wide: string[]; number: Map<string, number> } {
  const all = new Set<string>();
  for (const o of data.objects) {
    all.add(o.id).add(o.stixId).add(o.name).add(o.description).add(o.url);
    for (const a of o.aliases) all.add(a);
    const x = o as { tactics?: readonly string[]; platforms?: readonly string[]; shortname?: string; parentId?: string };
    for (const s of x.tactics ?? []) all.add(s);
    for (const s of x.platforms ?? []) all.add(s);
    if (x.shortname !== undefined) all.add(x.shortname);
    if (x.parentId !== undefined) all.add(x.parentId);
    if (isDetectionKind(o.kind)) all.add(detectionText(o));
  }
  for (const s of data.platforms) all.add(s);
  for (const s of warnings) all.add(s);
  const narrow: string[] = [];
  const wide: string[] = [];
  for (const s of all) (/[\u0100-\uffff]/.test(s) ? wide : narrow).push(s);
  const number = new Map<string, number>();
  narrow.forEach((s, i) => number.set(s, i));
  wide.forEach((s, i) => number.set(s, narrow.length + i));
  return { narrow, wide, number };
}

function offsetsOf(strings: readonly string[]): Int32Array {
  const offsets = new Int32Array(strings.length + 1);
  for (let i = 0; i < strings.length; i++) offsets[i + 1] = offsets[i] + strings[i].length;
  return offsets;
}

function writeRow(rows: Int32Array, at: number, o: AttackObject, str: (s: string) => number, list: (l: readonly string[]) => number): void {
  let flags = (o.revoked ? REVOKED : 0) | (o.deprecated ? DEPRECATED : 0);
  rows[at] = KIND_CODE.get(o.kind) as number;
  rows[at + 2] = str(o.id);
  rows[at + 3] = str(o.stixId);
  rows[at + 4] = str(o.name);
  rows[at + 5] = str(o.description);
  rows[at + 6] = str(o.url);
  if (o.aliases.length > 0) rows[at + 7] = list(o.aliases);
  if (o.kind === 'technique') {
    const t = o as Technique;
    if (t.isSubtechnique) flags |= SUBTECHNIQUE;
    rows[at + 8] = list(t.tactics);
    rows[at + 9] = list(t.platforms);
    if (t.parentId !== undefined) rows[at + 10] = str(t.parentId);
  } else if (o.kind === 'tactic') {
    rows[at + 8] = str((o as Tactic).shortname);
  } else if (o.kind === 'software') {
    const s = o as Software;
    if (s.softwareType === 'tool') flags |= TOOL;
    rows[at + 8] = list(s.platforms);
  } else if (o.kind === 'campaign') {
    const c = o as Campaign;
    if (c.firstSeen !== undefined) rows[at + 8] = str(c.firstSeen);
    if (c.lastSeen !== undefined) rows[at + 9] = str(c.lastSeen);
  } else {
    rows[at + 8] = str(detectionText(o));
  }
  rows[at + 1] = flags;
}

function putInts(out: Buffer, at: number, ints: ArrayLike<number>): number {
  for (let i = 0; i < ints.length; i++, at += 4) out.writeInt32LE(ints[i], at);
  return at;
}

/** Int32 section at byte `at`: a view when the platform is little-endian (the file's order), else a swapped copy. */
function ints(buf: Buffer, at: number, count: number): Int32Array {
  if (LE) return new Int32Array(buf.buffer, buf.byteOffset + at, count);
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) out[i] = buf.readInt32LE(at + i * 4);
  return out;
}

/** Rebuilds index data from a payload starting at byte `at` of `buf` (4-aligned); throws on any bad reference. */
export function decodePayload(header: IndexHeader, buf: Buffer, at: number): { data: IndexData; warnings: string[] } {
  const l = header.layout;
  check(l.liveCount <= l.objects, 'object counts');
  const narrowOffsets = ints(buf, at, l.narrow + 1);
  at += narrowOffsets.byteLength;
  const wideOffsets = ints(buf, at, l.wide + 1);
  at += wideOffsets.byteLength;
  const strings: string[] = new Array(l.narrow + l.wide);
  const narrow = buf.toString('latin1', at, at + l.narrowChars);
  at += align4(l.narrowChars);
  sliceStrings(narrow, narrowOffsets, strings, 0);
  const wide = buf.toString('utf16le', at, at + l.wideChars * 2);
  at += align4(l.wideChars * 2);
  sliceStrings(wide, wideOffsets, strings, l.narrow);
  const rows = ints(buf, at, l.objects * ROW);
  at += rows.byteLength;
  const listOffsets = ints(buf, at, l.lists + 1);
  at += listOffsets.byteLength;
  const items = ints(buf, at, l.listItems);
  at += items.byteLength;
  check(listOffsets[0] === 0 && listOffsets[l.lists] === l.listItems, 'list offsets');
  for (let i = 0; i < l.lists; i++) check(listOffsets[i] <= listOffsets[i + 1], 'list offsets');
  for (let k = 0; k < l.listItems; k++) check(items[k] >= 0 && items[k] < strings.length, 'string reference');
  // Every reference is checked above; the arrays themselves are made on first use (most detection lists never are).
  const lists = new Lists(listOffsets, items, strings);
  const tacticOrder = Array.from(ints(buf, at, l.tacticOrder));
  at += l.tacticOrder * 4;
  // Copied, so that the index does not keep the whole file buffer alive.
  const relationships = ints(buf, at, l.relationships * 3).slice();

  const objects: AttackObject[] = new Array(l.objects);
  for (let i = 0; i < l.objects; i++) objects[i] = toRecord(rows, i * ROW, strings, lists);
  for (const t of tacticOrder) check(t >= 0 && t < l.liveCount && objects[t].kind === 'tactic', 'tactic order');
  for (let i = 0; i < relationships.length; i += 3) {
    const limit = relationships[i] === REVOKED_BY_CODE ? l.objects : l.liveCount;
    const s = relationships[i + 1], t = relationships[i + 2];
    check(relationships[i] >= 0 && relationships[i] < RELATIONSHIP_TYPES.length && s >= 0 && s < limit && t >= 0 && t < limit, 'relationship');
  }
  linkSubtechniques(objects, l.liveCount);
  freezeObjects(objects);
  const data: IndexData = {
    domain: header.domain, version: header.version, versionSource: header.versionSource, specVersion: header.specVersion,
    objects, liveCount: l.liveCount, tacticOrder, relationships, platforms: [...listAt(lists, l.platformsList)],
  };
  return { data, warnings: [...listAt(lists, l.warningsList)] };
}

/** Cuts `blob` at `offsets` into strings[first…]; substring shares the blob's characters instead of copying. */
function sliceStrings(blob: string, offsets: Int32Array, strings: string[], first: number): void {
  const n = offsets.length - 1;
  check(offsets[0] === 0 && offsets[n] === blob.length, 'string offsets');
  for (let i = 0; i < n; i++) {
    const from = offsets[i], to = offsets[i + 1];
    if (from > to) check(false, 'string offsets');
    strings[first + i] = blob.substring(from, to);
  }
}

const NONE: readonly string[] = Object.freeze([]);

/** A record in the builder's property order for its kind (one hidden class per kind, as for built indexes). */
function toRecord(rows: Int32Array, at: number, strings: readonly string[], lists: Lists): AttackObject {
  const kind = KINDS[rows[at]];
  check(kind !== undefined, 'kind');
  const flags = rows[at + 1];
  const id = stringAt(strings, rows[at + 2]);
  const stixId = stringAt(strings, rows[at + 3]);
  const name = stringAt(strings, rows[at + 4]);
  const description = stringAt(strings, rows[at + 5]);
  const url = stringAt(strings, rows[at + 6]);
  const aliases = rows[at + 7] === -1 ? NONE : listAt(lists, rows[at + 7]);
  const revoked = (flags & REVOKED) !== 0;
  const deprecated = (flags & DEPRECATED) !== 0;
  if (kind === 'technique') {
    const t: MutableTechnique = {
      kind, id, stixId, name, description, url, aliases, revoked, deprecated,
      tactics: listAt(lists, rows[at + 8]), platforms: listAt(lists, rows[at + 9]), isSubtechnique: (flags & SUBTECHNIQUE) !== 0, subtechniqueIds: [],
    };
    if (rows[at + 10] !== -1) t.parentId = stringAt(strings, rows[at + 10]);
    return t;
  }
  if (kind === 'tactic') {
    const t: Tactic = { kind, id, stixId, name, description, url, aliases, revoked, deprecated, shortname: stringAt(strings, rows[at + 8]) };
    return t;
  }
  if (kind === 'software') {
    const softwareType = (flags & TOOL) !== 0 ? 'tool' : 'malware';
    const s: Software = { kind, id, stixId, name, description, url, aliases, revoked, deprecated, softwareType, platforms: listAt(lists, rows[at + 8]) };
    return s;
  }
  if (kind === 'campaign') {
    const c: { -readonly [K in keyof Campaign]: Campaign[K] } = { kind, id, stixId, name, description, url, aliases, revoked, deprecated };
    if (rows[at + 8] !== -1) c.firstSeen = stringAt(strings, rows[at + 8]);
    if (rows[at + 9] !== -1) c.lastSeen = stringAt(strings, rows[at + 9]);
    return c;
  }
  if (isDetectionKind(kind)) {
    // One JSON text per record (see detectionText), parsed on first read of a detection field.
    const json = stringAt(strings, rows[at + 8]);
    return detectionFromLists(kind, { id, stixId, name, description, url, aliases, revoked, deprecated }, () => detectionFromText(kind, json));
  }
  return { kind, id, stixId, name, description, url, aliases, revoked, deprecated };
}

function stringAt(strings: readonly string[], i: number): string {
  check(i >= 0 && i < strings.length, 'string reference');
  return strings[i];
}

/** The payload's string lists, each made (and frozen) on first use; references were checked when decoding began. */
class Lists {
  readonly #made: (readonly string[] | undefined)[];
  constructor(private readonly offsets: Int32Array, private readonly items: Int32Array, private readonly strings: readonly string[]) {
    this.#made = new Array(offsets.length - 1);
  }
  get count(): number {
    return this.offsets.length - 1;
  }
  length(i: number): number {
    return this.offsets[i + 1] - this.offsets[i];
  }
  at(i: number): readonly string[] {
    let list = this.#made[i];
    if (!list) {
      const out: string[] = new Array(this.length(i));
      for (let k = this.offsets[i], j = 0; k < this.offsets[i + 1]; k++, j++) out[j] = this.strings[this.items[k]];
      this.#made[i] = list = Object.freeze(out);
    }
    return list;
  }
}

function listAt(lists: Lists, i: number): readonly string[] {
  check(i >= 0 && i < lists.count, 'list reference');
  return lists.at(i);
}

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`bad ${what}`);
}
