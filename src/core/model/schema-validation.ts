/**
 * JSON Schema validation of a parsed document, with every ajv error mapped back to the exact YAML node.
 * The validators are ajv standalone code generated ahead of time (see schema-compile.ts), loaded once.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { isPair, isScalar } from 'yaml';
import type { Node } from 'yaml';
import threatModelSchema from '../../../schemas/threat-model.schema.json';
import type { Diagnostic, Range } from '../diagnostics';
import { locatePath } from './parsed-yaml';
import type { YamlSource } from './parsed-yaml';
import { firstLineRange, nodeRange, toRange } from './positions';
import type { FormatKind } from './schema-compile';
import { describeError } from './schema-messages';
import { SuggestBudget } from './suggest';
import type { SchemaProblem } from './schema-messages';
import generated from './schema-validators.generated';

export type { FormatKind } from './schema-compile';
export { SCHEMAS } from './schema-compile';

const validators: Readonly<Record<FormatKind, ValidateFunction>> = generated;

/**
 * Every platform name the schema accepts: those of ATT&CK 15.1 and 18.1 (Enterprise, Mobile). Whether a
 * name exists in the pinned release is a semantic check (attack.platform-unknown), not a schema one.
 */
export const KNOWN_PLATFORMS: readonly string[] = threatModelSchema.$defs.platform.enum;

/**
 * Schema diagnostics of `document` (the document as plain data, see yaml-data.ts), one per real problem. All of them:
 * the per-file cap (diagnostic-cap.ts) keeps the most severe few hundred of every source together. Each costs a walk
 * down its path, so the whole is linear in the number of ajv errors, itself linear in the size of the document.
 */
export function schemaDiagnostics(kind: FormatKind, source: YamlSource, document: unknown): Diagnostic[] {
  const validate = validators[kind];
  if (validate(document)) return [];
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  // "Did you mean" for unknown keys and enum values, bounded for the whole file.
  const budget = new SuggestBudget();
  for (const problem of problemsOf(validate.errors ?? [], budget)) {
    const value = valueAt(document, problem.path);
    const range = problemRange(source, problem);
    const key = `${problem.code}|${range.start.line}:${range.start.character}|${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const data = problem.code === 'schema.type' ? { ...problem.data, ...quotingFix(source, problem), ...booleanFix(problem, value) } : problem.data;
    diagnostics.push({ code: problem.code, severity: 'error', message: problem.message, range, ...(data ? { data } : {}) });
  }
  return diagnostics;
}

/** YAML 1.1 booleans (`yes`, `off`) are strings in YAML 1.2: offer the 1.2 spelling. */
function booleanFix(problem: SchemaProblem, value: unknown): { replacement?: string } {
  if (problem.data?.expected !== 'boolean' || typeof value !== 'string') return {};
  const lower = value.toLowerCase();
  if (['yes', 'y', 'on', 'true'].includes(lower)) return { replacement: 'true' };
  if (['no', 'n', 'off', 'false'].includes(lower)) return { replacement: 'false' };
  return {};
}

function valueAt(data: unknown, path: readonly string[]): unknown {
  let at = data;
  for (const segment of path) at = typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[segment] : undefined;
  return at;
}

/** A plain scalar where a string is expected (`version: 15.10`): the quoted source text, for a quick fix. */
function quotingFix(source: YamlSource, problem: SchemaProblem): { replacement?: string } {
  if (problem.data?.expected !== 'string') return {};
  const location = locatePath(source, problem.path);
  const node = location.resolved === problem.path.length ? location.node : null;
  if (!isScalar(node) || node.type !== 'PLAIN' || node.value === null || !node.range) return {};
  return { replacement: JSON.stringify(source.text.slice(node.range[0], node.range[1]).trim()) };
}

/**
 * Collapses ajv's raw errors: `if` errors repeat what `then`/`else` said; the branch errors of a failed
 * anyOf/oneOf give way to the one message of the union; `required` errors on one mapping merge.
 */
function problemsOf(all: readonly ErrorObject[], budget: SuggestBudget): SchemaProblem[] {
  const errors = all.filter((e) => e.keyword !== 'if');
  const kept: (ErrorObject | undefined)[] = [...errors];
  errors.forEach((error, index) => {
    if (error.keyword !== 'anyOf' && error.keyword !== 'oneOf') return;
    // Branches are inline in our schemas, so their errors sit under the union's schemaPath. ajv reports them just
    // before the union, each at the union's data or below it: walking back over those finds them all (a walk over
    // each union's own errors, not over every earlier error, which was quadratic in their number).
    const branchPrefix = `${error.schemaPath}/`;
    for (let i = index - 1; i >= 0 && isWithin(errors[i].instancePath, error.instancePath); i--) {
      if (errors[i].schemaPath.startsWith(branchPrefix)) kept[i] = undefined;
    }
  });
  const missingByPath = new Map<string, string[]>();
  for (const error of kept) {
    if (error?.keyword !== 'required') continue;
    const property = String((error.params as { missingProperty: unknown }).missingProperty);
    const missing = missingByPath.get(error.instancePath) ?? [];
    if (!missing.includes(property)) missing.push(property);
    missingByPath.set(error.instancePath, missing);
  }
  const problems: SchemaProblem[] = [];
  const describedRequired = new Set<string>();
  for (const error of kept) {
    if (!error) continue;
    if (error.keyword === 'required') {
      if (describedRequired.has(error.instancePath)) continue;
      describedRequired.add(error.instancePath);
      problems.push(describeError(error, missingByPath.get(error.instancePath), budget));
    } else {
      problems.push(describeError(error, undefined, budget));
    }
  }
  return problems;
}

function isWithin(pointer: string, ancestor: string): boolean {
  return pointer === ancestor || pointer.startsWith(`${ancestor}/`);
}

/** The exact range of a problem in the YAML: key, value, item, or the head of the mapping. */
function problemRange(source: YamlSource, problem: SchemaProblem): Range {
  const target = problem.target;
  if (target.kind === 'key' || target.kind === 'item') {
    const childPath = [...problem.path, target.kind === 'key' ? target.key : target.index];
    const child = locatePath(source, childPath);
    if (child.resolved === childPath.length) {
      const keyRange = target.kind === 'key' && child.pair ? nodeRange(source, child.pair.key as Node) : undefined;
      const range = keyRange ?? nodeRange(source, child.node);
      if (range) return range;
    }
  }
  const location = locatePath(source, problem.path);
  const node = location.node;
  const keyRange = location.pair && isPair(location.pair) ? nodeRange(source, location.pair.key as Node) : undefined;
  if (location.resolved < problem.path.length) return keyRange ?? (node ? firstLineRange(source, node) : toRange(source, 0, 0));
  if (target.kind === 'head') return keyRange ?? (node?.range ? firstLineRange(source, node) : toRange(source, 0, 0));
  const valueRange = nodeRange(source, node);
  const isEmpty = !valueRange || (valueRange.start.line === valueRange.end.line && valueRange.start.character === valueRange.end.character);
  return (isEmpty ? keyRange : valueRange) ?? valueRange ?? toRange(source, 0, 0);
}
