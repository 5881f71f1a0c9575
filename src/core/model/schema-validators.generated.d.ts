// Types of the generated standalone validators (schema-validators.generated.js, see schema-compile.ts).
import type { ValidateFunction } from 'ajv';

declare const validators: Readonly<Record<'threat-model' | 'control-inventory', ValidateFunction>>;
export = validators;
