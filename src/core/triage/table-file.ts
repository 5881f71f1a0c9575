/**
 * A model's own decision table (`policy.decisionTable: ./our-table.yaml`): YAML or JSON, checked against
 * schemas/decision-table.schema.json and for completeness and monotonicity. Messages say what is wrong in our words
 * (which decision values, which row), never the file's text.
 */
import Ajv2020 from 'ajv/dist/2020';
import type { ValidateFunction } from 'ajv';
import { YAMLError, parse } from 'yaml';
import schema from '../../../schemas/decision-table.schema.json';
import { yamlTooDeep } from '../model/yaml-limits';
import { excerpt } from '../text/safe-text';
import { buildDecisionTable } from './decision-table';
import type { DecisionTable, TableProblem } from './decision-table';

export interface TableFileResult {
  /** Usable: complete, no duplicate or invalid row (a non-monotone table is usable, with `problems`). */
  readonly table?: DecisionTable;
  readonly problems: readonly TableProblem[];
}

let validator: ValidateFunction | undefined;
/** Compiled once, on first use: a model that names no table of its own never pays for it. */
function validate(): ValidateFunction {
  return (validator ??= new Ajv2020({ allErrors: true, strict: true }).compile(schema));
}

/** Reads a decision table file's text. */
export function readDecisionTableFile(text: string): TableFileResult {
  if (yamlTooDeep(text)) return invalid('the file nests too deep to be read');
  let data: unknown;
  try {
    data = parse(text, { maxAliasCount: 100, logLevel: 'error', uniqueKeys: true, prettyErrors: false });
  } catch (e) {
    return invalid(`not valid YAML or JSON${e instanceof YAMLError && e.code !== 'RESOURCE_EXHAUSTION' ? ` (line ${lineOf(text, e.pos[0])})` : ''}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data) || !Object.hasOwn(data, 'decisionTable')) {
    return invalid('not a decision table: expected a mapping with `decisionTable: 1` and 36 `rows`');
  }
  const check = validate();
  if (!check(data)) {
    const errors = (check.errors ?? []).slice(0, 3).map((e) => `${e.instancePath || 'the top level'} ${e.message ?? 'is invalid'}`);
    return invalid(`does not match the decision table schema: ${errors.map((m) => excerpt(m, 80)).join('; ')}`);
  }
  const file = data as { name?: string; rows: unknown[] };
  return buildDecisionTable(file.name ?? 'the model’s decision table', file.rows);
}

const invalid = (message: string): TableFileResult => ({ problems: [{ kind: 'invalid', message }] });

function lineOf(text: string, offset: number): number {
  return text.slice(0, Math.min(offset, text.length)).split('\n').length;
}
