/**
 * The SARIF 2.1.0 JSON Schema (Microsoft's sarif-2.1.0-rtm.5.json, as the @microsoft/jest-sarif package ships it,
 * MIT) compiled with our ajv. The schema is draft-04, whose only difference that matters here is `id` for `$id`;
 * one of its patterns (`language`) is not valid with the `u` flag, so patterns are compiled without it.
 */
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';

const SCHEMA = 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json';

let validator: ReturnType<Ajv['compile']> | undefined;

/** The schema's errors for a SARIF log ([] when valid). */
export function validateSarif(log: unknown): string[] {
  if (!validator) {
    const { id, ...schema } = JSON.parse(readFileSync(SCHEMA, 'utf8')) as Record<string, unknown>;
    delete schema.$schema;
    validator = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false }).compile({ $id: id as string, ...schema });
  }
  return validator(log) ? [] : (validator.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}
