/**
 * Deep equality of plain JSON-like data for the generated validators' `uniqueItems` (in place of ajv's
 * fast-deep-equal). fast-deep-equal calls `a.valueOf()` / `a.toString()` when they are not Object.prototype's,
 * which throws on the null-prototype objects yaml-data.ts builds and on mappings with a `valueOf:` key. This
 * one only reads own enumerable properties and never calls anything on the values.
 */
export default function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => jsonEqual(item, b[i]));
  }
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  return keys.every((key) => Object.prototype.hasOwnProperty.call(right, key) && jsonEqual(left[key], right[key]));
}
