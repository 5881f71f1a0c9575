/**
 * The threat-model and control-inventory formats: parse YAML with exact positions, validate against the
 * JSON Schemas in `schemas/`, and build a typed, range-carrying model.
 */
export { isAttackAdversary, parseThreatModel } from './threat-model';
export type { ThreatModelParse } from './threat-model';
export { parseControlInventory } from './control-inventory';
export type { ControlInventoryParse } from './control-inventory';
export { parseModelFile } from './parse-file';
export type { ModelFileParse } from './parse-file';
export type { ParseResult } from './validate-document';
export { detectFileKind } from './file-kind';
export type { ModelFileKind } from './file-kind';
export { parseYaml } from './parsed-yaml';
export type { ParsedYaml, YamlPath } from './parsed-yaml';
export { trailingComments } from './comments';
export { MAX_ALIAS_EXPANSION } from './yaml-data';
export { appendToSequenceEdit, rangeOfPath } from './yaml-edits';
export type { PathPart, TextEdit } from './yaml-edits';
export { KNOWN_PLATFORMS, SCHEMAS } from './schema-validation';
export type { FormatKind } from './schema-validation';
export { boundedDistance, closestMatch } from './suggest';
export * from './types';
