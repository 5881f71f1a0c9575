/** Small helpers shared by the rule parsers: text cut at the import limit, problems. */
import { MAX_IMPORTED_TEXT } from '../import/json-guard';
import type { RuleProblem, RuleProblemCode } from './types';

/** `value` cut to `max` characters (not inside a surrogate pair). */
export function cutText(value: string, max = MAX_IMPORTED_TEXT): string {
  if (value.length <= max) return value;
  const end = (value.charCodeAt(max - 1) & 0xfc00) === 0xd800 ? max - 1 : max;
  return value.slice(0, end);
}

export function problem(code: RuleProblemCode, file: string, line: number, column: number, message: string): RuleProblem {
  return { code, file, line, column, message };
}
