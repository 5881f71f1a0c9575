/**
 * The ajv set-up behind the schema validators, in one place for both ways of getting them: compiling at
 * run time, and generating standalone code ahead of time (schema-validators.generated.js). Compiling the
 * threat-model schema takes 50–100 ms, more than the extension host may block; loading the generated
 * module takes a few, so the generated code is what runs and a unit test keeps it in step with the schemas.
 */
import Ajv2020 from 'ajv/dist/2020';
import type { AnySchema, ValidateFunction } from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import controlInventorySchema from '../../../schemas/control-inventory.schema.json';
import threatModelSchema from '../../../schemas/threat-model.schema.json';

/** The two file formats. */
export type FormatKind = 'threat-model' | 'control-inventory';

/** The JSON Schemas, e.g. for docs or a `yamlValidation` contribution check. */
export const SCHEMAS: Readonly<Record<FormatKind, { readonly $id: string }>> = {
  'threat-model': threatModelSchema,
  'control-inventory': controlInventorySchema,
};

/** Annotation keywords VS Code's JSON/YAML tooling understands; ajv must accept them in strict mode. */
const EDITOR_KEYWORDS = ['markdownDescription', 'errorMessage', 'patternErrorMessage', 'enumDescriptions', 'markdownEnumDescriptions', 'defaultSnippets'];

function createAjv(source: boolean): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    // `anyOf: [{ required: [group] }, …]` names properties defined one level up.
    strictRequired: false,
    // `parentSchema` and `data` on errors: messages quote the value and list the allowed keys.
    verbose: true,
    ...(source ? { code: { source: true, esm: false, lines: false } } : {}),
  });
  ajv.addVocabulary(EDITOR_KEYWORDS);
  for (const schema of Object.values(SCHEMAS)) ajv.addSchema(schema as AnySchema);
  return ajv;
}

/** Validators compiled now (tests, or when the generated module is missing). */
export function compileValidators(): Record<FormatKind, ValidateFunction> {
  const ajv = createAjv(false);
  const get = (kind: FormatKind): ValidateFunction => {
    const validate = ajv.getSchema(SCHEMAS[kind].$id);
    if (!validate) throw new Error(`schema ${SCHEMAS[kind].$id} did not compile`);
    return validate;
  };
  return { 'threat-model': get('threat-model'), 'control-inventory': get('control-inventory') };
}

const CONCAT_ERRORS = /vErrors = vErrors === null \? (\w+)\.errors : vErrors\.concat\(\1\.errors\);/g;

/** The CommonJS source of schema-validators.generated.js for the current schemas. */
export function standaloneValidatorsSource(): string {
  const code = standaloneCode(createAjv(true), { 'threat-model': SCHEMAS['threat-model'].$id, 'control-inventory': SCHEMAS['control-inventory'].$id })
    // fast-deep-equal throws on null-prototype data and on `valueOf:` keys (json-equal.ts).
    .replaceAll('require("ajv/dist/runtime/equal").default', 'require("./json-equal").default')
    // ajv gathers a sub-validator's errors with `vErrors.concat(…)`, copying every error found so far for each
    // failing item: quadratic for a list of 100,000 wrong items. Appending in place is linear and gives the same list.
    .replace(CONCAT_ERRORS, (_, validate: string) => `if(vErrors === null){vErrors = ${validate}.errors;}else {for(const e of ${validate}.errors){vErrors.push(e);}}`);
  return `/* eslint-disable */\n// Generated from schemas/*.schema.json by standaloneValidatorsSource() in schema-compile.ts. Do not edit:\n// run \`THREAT_OVERLAP_UPDATE_GENERATED=1 node scripts/run-unit-tests.mjs model/schema-generated\` after changing a schema.\n${code}\n`;
}
