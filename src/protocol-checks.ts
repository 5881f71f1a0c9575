/**
 * The primitive checks the message validators (src/protocol.ts, src/protocol-triage.ts) are built from: records,
 * bounded strings and lists, natural numbers, one-of values, source references. No imports: shared by both bundles.
 */
export type Rec = Record<string, unknown>;
export const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
export const isStr = (v: unknown, max = 4096): v is string => typeof v === 'string' && v.length <= max;
export const isNat = (v: unknown, max = 1e7): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max;
export const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
export const isStrArray = (v: unknown, max = 4096, maxChars = 4096): v is string[] => Array.isArray(v) && v.length <= max && v.every((s) => isStr(s, maxChars));
export const oneOf = <T extends string>(v: unknown, values: readonly T[]): v is T => typeof v === 'string' && (values as readonly string[]).includes(v);
export const isOptional = (v: unknown, check: (v: unknown) => boolean): boolean => v === undefined || check(v);

export const LEVEL_VALUES = ['none', 'minimal', 'partial', 'significant'] as const;

export const isSource = (v: unknown): boolean =>
  v === undefined || (isRec(v) && isStr(v.file) && isRec(v.range) && isRec(v.range.start) && isNat(v.range.start.line) && isNat(v.range.start.character));
