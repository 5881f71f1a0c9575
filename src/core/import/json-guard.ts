/**
 * Small readers for untrusted JSON/YAML values: they never throw on a wrong shape, they answer undefined, so
 * the importers decide what is fatal (an ImportError) and what is only skipped.
 */
import { jsonErrorPlace } from '../text/json-text';
import { ImportError, MAX_IMPORT_CHARS } from './errors';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { readonly [key: string]: unknown };

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An own property (never one inherited from Object.prototype, whatever the key). */
export function own(o: JsonObject, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

export function str(o: JsonObject, key: string): string | undefined {
  const v = own(o, key);
  return typeof v === 'string' ? v : undefined;
}

/** A finite number, or a string holding one (old layers write `"score": "3"`); `""` is no score. */
export function num(o: JsonObject, key: string): number | undefined {
  const v = own(o, key);
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/** JSON booleans, and the `True`/`"true"` spellings some generators write. */
export function bool(o: JsonObject, key: string): boolean | undefined {
  const v = own(o, key);
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
  return undefined;
}

export function arr(o: JsonObject, key: string): readonly unknown[] | undefined {
  const v = own(o, key);
  return Array.isArray(v) ? v : undefined;
}

/** Parses untrusted JSON text: size-checked, typed failure, a JSON object at the top. */
export function parseJsonObject(text: string, what: string): JsonObject {
  if (text.length > MAX_IMPORT_CHARS) throw new ImportError('too-large', `${what} is larger than ${MAX_IMPORT_CHARS / 1024 / 1024} MB`);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (e) {
    throw new ImportError('not-json', `${what} is not valid JSON${jsonErrorPlace(body, e)}`);
  }
  if (!isObject(value)) throw new ImportError('invalid', `${what} must be a JSON object at the top level`);
  return value;
}

/**
 * Longest string an imported file brings into the model (layer, group, capability and framework names, IDs,
 * descriptions): longer ones are cut here, where they enter, so that a name repeated in the evidence of every
 * technique cannot make a report grow by megabytes per technique. Real names are under 100 characters.
 */
export const MAX_IMPORTED_TEXT = 200;

/** A kind of text that was cut: its field, how many were cut and the longest length seen. */
export interface CutText {
  readonly field: string;
  readonly count: number;
  readonly longest: number;
}

/** Cuts the strings of one imported file to MAX_IMPORTED_TEXT and remembers what it cut, for a diagnostic. */
export class TextCap {
  private readonly cuts = new Map<string, { count: number; longest: number }>();

  /** The string, cut to the limit (undefined stays undefined). */
  text<T extends string | undefined>(value: T, field: string): T {
    if (value === undefined || value.length <= MAX_IMPORTED_TEXT) return value;
    const cut = this.cuts.get(field) ?? { count: 0, longest: 0 };
    cut.count++;
    cut.longest = Math.max(cut.longest, value.length);
    this.cuts.set(field, cut);
    // Not in the middle of a surrogate pair.
    const end = (value.charCodeAt(MAX_IMPORTED_TEXT - 1) & 0xfc00) === 0xd800 ? MAX_IMPORTED_TEXT - 1 : MAX_IMPORTED_TEXT;
    return value.slice(0, end) as T;
  }

  /** `str(o, key)`, cut. */
  str(o: JsonObject, key: string, field = key): string | undefined {
    return this.text(str(o, key), field);
  }

  get cut(): CutText[] {
    return [...this.cuts].map(([field, c]) => ({ field, ...c }));
  }
}
