/**
 * Turns one ajv error into a problem a person understands, with the place it belongs: the offending key,
 * the value, or the head of the mapping. Schemas may carry VS Code's `errorMessage` / `patternErrorMessage`.
 */
import type { ErrorObject } from 'ajv';
import { quote } from '../text/safe-text';
import { closestMatch, listQuoted } from './suggest';
import type { SuggestBudget } from './suggest';

/** Where in the instance a problem points. */
export type ProblemTarget =
  | { readonly kind: 'value' }
  /** The mapping as a whole: its key when it is a key's value, else its first line. */
  | { readonly kind: 'head' }
  /** A key of the mapping at the path. */
  | { readonly kind: 'key'; readonly key: string }
  /** An item of the sequence at the path. */
  | { readonly kind: 'item'; readonly index: number };

export interface SchemaProblem {
  readonly code: string;
  readonly path: readonly string[];
  readonly target: ProblemTarget;
  readonly message: string;
  readonly data?: Readonly<Record<string, unknown>>;
}

interface SchemaNotes {
  readonly errorMessage?: unknown;
  readonly patternErrorMessage?: unknown;
  readonly properties?: Record<string, unknown>;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping',
  array: 'a list',
  null: 'nothing',
};

/** JSON Pointer → path segments. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** `schema.<keyword>` in kebab case; a few keywords get a clearer name. */
export function schemaCode(keyword: string): string {
  if (keyword === 'additionalProperties') return 'schema.additional-property';
  if (keyword === 'false schema') return 'schema.not-allowed';
  return `schema.${keyword.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

function notesOf(error: ErrorObject): SchemaNotes {
  const parent: unknown = error.parentSchema;
  return typeof parent === 'object' && parent !== null ? (parent as SchemaNotes) : {};
}

function customMessage(error: ErrorObject): string | undefined {
  const message = notesOf(error).errorMessage;
  return typeof message === 'string' ? message : undefined;
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return quote(value);
  return String(value);
}

/** The problem for one ajv error (`required` errors arrive already merged, see `missing`). */
export function describeError(error: ErrorObject, missing?: readonly string[], budget?: SuggestBudget): SchemaProblem {
  const path = pointerSegments(error.instancePath);
  const code = schemaCode(error.keyword);
  const params = error.params as Record<string, unknown>;
  const problem = (target: ProblemTarget, message: string, data?: Record<string, unknown>): SchemaProblem =>
    ({ code, path, target, message, ...(data ? { data } : {}) });
  const value = { kind: 'value' } as const;

  switch (error.keyword) {
    case 'required': {
      const names = missing ?? [String(params.missingProperty)];
      const noun = names.length === 1 ? 'property' : 'properties';
      return problem({ kind: 'head' }, `missing required ${noun} ${listQuoted(names)}`, { missing: names });
    }
    case 'additionalProperties': {
      const property = String(params.additionalProperty);
      const allowed = Object.keys(notesOf(error).properties ?? {});
      const suggestion = closestMatch(property, allowed, budget);
      const hint = suggestion !== undefined ? ` (did you mean '${suggestion}'?)` : allowed.length > 0 ? `; expected one of ${allowed.join(', ')}` : '';
      return problem({ kind: 'key', key: property }, `unknown property ${quote(property)}${hint}`,
        { property, allowed, ...(suggestion !== undefined ? { replacement: suggestion } : {}) });
    }
    case 'type': {
      const expected = String(params.type).split(',').map((t) => TYPE_NAMES[t] ?? t).join(' or ');
      const message = customMessage(error) ?? `expected ${expected}, got ${describeValue(error.data)}`;
      return problem(value, message, { expected: params.type });
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const suggestion = typeof error.data === 'string' ? closestMatch(error.data, allowed, budget) : undefined;
      const hint = suggestion !== undefined ? ` (did you mean '${suggestion}'?)` : '';
      // Long lists (platforms) are for completion, not for reading in the Problems panel.
      const expected = allowed.length > 8 ? `expected one of ${allowed.slice(0, 6).join(', ')}, … (${allowed.length} values)` : `expected one of ${allowed.join(', ')}`;
      return problem(value, `${describeValue(error.data)}: ${customMessage(error) ?? expected}${hint}`,
        { allowed, ...(suggestion !== undefined ? { replacement: suggestion } : {}) });
    }
    case 'const':
      return problem(value, customMessage(error) ?? `expected ${JSON.stringify(params.allowedValue)}`, { allowed: [params.allowedValue] });
    case 'pattern': {
      const text = String(error.data);
      const explanation = notesOf(error).patternErrorMessage;
      const fixed = text.trim().toUpperCase();
      const fixes = fixed !== text && new RegExp(String(params.pattern), 'u').test(fixed);
      const message = `${quote(text)}: ${typeof explanation === 'string' ? explanation : `does not match ${String(params.pattern)}`}`;
      return problem(value, fixes ? `${message} (did you mean ${quote(fixed)}?)` : message, fixes ? { replacement: fixed } : undefined);
    }
    case 'minLength':
      return problem(value, Number(params.limit) === 1 ? 'must not be empty' : `must have at least ${String(params.limit)} characters`);
    case 'minItems':
      return problem(value, `needs at least ${String(params.limit)} item${Number(params.limit) === 1 ? '' : 's'}`);
    case 'uniqueItems': {
      const index = Math.max(Number(params.i), Number(params.j));
      const items = Array.isArray(error.data) ? (error.data as unknown[]) : [];
      return problem({ kind: 'item', index }, `duplicate item ${describeValue(items[index])}`, { index });
    }
    case 'dependentRequired': {
      const property = String(params.property);
      return problem({ kind: 'key', key: property }, `${quote(property)} requires '${String(params.missingProperty)}'`,
        { property, missing: [params.missingProperty] });
    }
    case 'false schema': {
      const property = path[path.length - 1] ?? '';
      const owner = /\/dependentSchemas\/([^/]+)\/properties\/[^/]+\/false schema$/.exec(error.schemaPath)?.[1];
      const parentPath = path.slice(0, -1);
      const message = owner !== undefined ? `${quote(property)} cannot be used together with '${owner}'` : `${quote(property)} is not allowed here`;
      return { code, path: parentPath, target: { kind: 'key', key: property }, message, data: { property, ...(owner !== undefined ? { conflictsWith: owner } : {}) } };
    }
    case 'anyOf':
    case 'oneOf':
    case 'not': {
      // Problems of a dependent schema belong to the key that triggered it.
      const owner = /\/dependentSchemas\/([^/]+)\//.exec(error.schemaPath)?.[1];
      const isMapping = typeof error.data === 'object' && error.data !== null && !Array.isArray(error.data);
      const target: ProblemTarget = owner !== undefined ? { kind: 'key', key: owner } : isMapping ? { kind: 'head' } : value;
      return problem(target, customMessage(error) ?? 'does not match any of the allowed forms');
    }
    default:
      return problem(value, error.message ?? `invalid (${error.keyword})`);
  }
}
