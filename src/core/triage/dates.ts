/** Calendar dates as the models write them (YYYY-MM-DD, UTC): day numbers, today, and checks. */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a valid YYYY-MM-DD date; undefined for anything else (2026-02-30 included). */
export function dayNumber(date: string): number | undefined {
  const m = DATE.exec(date);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return ms / 86_400_000;
}

export const isDate = (s: string): boolean => dayNumber(s) !== undefined;

/** Whole days from `from` to `to` (negative when `to` is earlier); undefined when either is not a date. */
export function daysBetween(from: string, to: string): number | undefined {
  const a = dayNumber(from);
  const b = dayNumber(to);
  return a === undefined || b === undefined ? undefined : b - a;
}

/** Today's date in UTC, YYYY-MM-DD (the default triage date; callers pass it in so the core stays pure). */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
