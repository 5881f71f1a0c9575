/** `*.controls.yaml` → typed ControlInventory with source ranges and diagnostics. */
import { duplicateIdDiagnostics, identity, mappingItems, readAttackRefs, techniqueRef } from './entry-readers';
import type { AttackRefEntry } from './entry-readers';
import { optional, withDefault } from './node-reader';
import type { MapReader } from './node-reader';
import type { Node } from 'yaml';
import { readTelemetry } from './telemetry-reader';
import { ATTACK_ID_PATTERN, CONTROL_FUNCTIONS, CONTROL_STATUSES, COVERAGE_LEVELS, RULE_FILE_FORMATS, VALIDATION_METHODS, VALIDATION_RESULTS } from './types';
import type { Control, ControlInventory, ControlTechniqueRef, ControlValidation, CoverageLevel, Defaulted, FrameworkRef, MitigationRef, RuleLevelRef, RuleSetRef, ValidationRecord } from './types';
import { isDate } from '../triage/dates';
import { finishDiagnostics, validateDocument } from './validate-document';
import type { ParseResult } from './validate-document';

/** Result of parsing a control inventory. */
export type ControlInventoryParse = ParseResult<ControlInventory>;

/** Parses a control inventory: YAML syntax, schema, then a tolerant typed model with exact ranges. */
export function parseControlInventory(text: string, file?: string): ControlInventoryParse {
  const { yaml, root, diagnostics } = validateDocument('control-inventory', text);
  const at = file !== undefined ? { file } : {};
  if (!root) return { ...at, diagnostics: finishDiagnostics(diagnostics, file), yaml };
  const controls = mappingItems(root, 'controls').flatMap((entry) => readControl(entry) ?? []);
  for (const d of duplicateIdDiagnostics(controls, 'control', 'error')) diagnostics.push(d);
  const name = root.string('name');
  const inventory: ControlInventory = {
    kind: 'control-inventory',
    ...(file !== undefined ? { file } : {}),
    range: root.range,
    ...optional('formatVersion', root.number('controlInventory')),
    ...(name ? { name: name.value, nameRange: name.range } : {}),
    ...optional('description', root.string('description')?.value),
    ...optional('owner', root.string('owner')?.value),
    controls,
    telemetry: readTelemetry(root),
  };
  return { ...at, model: inventory, diagnostics: finishDiagnostics(diagnostics, file), yaml };
}

function readControl(entry: MapReader): Control | undefined {
  const base = identity(entry);
  if (!base) return undefined;
  return {
    ...base,
    ...optional('description', entry.string('description')?.value),
    ...optional('owner', entry.string('owner')?.value),
    status: withDefault(entry.oneOf('status', CONTROL_STATUSES), 'implemented'),
    // Present but not a list: count nowhere rather than everywhere (never over-claim coverage).
    ...optional('appliesTo', entry.has('appliesTo') ? (entry.strings('appliesTo') ?? []) : undefined),
    mitigations: readAttackRefs(entry, 'mitigations').map(mitigationRef),
    techniques: readAttackRefs(entry, 'techniques').map(controlTechniqueRef),
    ...optional('framework', readFramework(entry.map('framework'))),
    ...optional('rules', entry.has('rules') ? mappingItems(entry, 'rules').map(readRuleSet) : undefined),
    ...optional('notes', entry.string('notes')?.value),
    validated: mappingItems(entry, 'validated').flatMap((v): ControlValidation[] => {
      const record = readValidation(v);
      const technique = v.string('technique');
      return record && technique && ATTACK_ID_PATTERN.test(technique.value) ? [{ ...record, technique }] : [];
    }),
  };
}

/** A `validated:` entry with a valid date and result; undefined otherwise (the schema reports it). */
function readValidation(entry: MapReader): ValidationRecord | undefined {
  const date = entry.string('date');
  const result = entry.oneOf('result', VALIDATION_RESULTS);
  if (!date || !isDate(date.value) || !result) return undefined;
  return {
    range: entry.range,
    date,
    result,
    ...optional('method', entry.oneOf('method', VALIDATION_METHODS)),
    ...optional('ref', entry.string('ref')),
  };
}

function coverageOf(entry: AttackRefEntry): Defaulted<CoverageLevel> {
  return withDefault(entry.mapping?.oneOf('coverage', COVERAGE_LEVELS), 'partial');
}

function mitigationRef(entry: AttackRefEntry): MitigationRef {
  return { ...techniqueRef(entry), coverage: coverageOf(entry) };
}

function controlTechniqueRef(entry: AttackRefEntry): ControlTechniqueRef {
  return {
    ...techniqueRef(entry),
    coverage: coverageOf(entry),
    ...optional('function', entry.mapping?.oneOf('function', CONTROL_FUNCTIONS)),
    validated: entry.mapping ? mappingItems(entry.mapping, 'validated').flatMap((v) => readValidation(v) ?? []) : [],
  };
}

function readFramework(framework: MapReader | undefined): FrameworkRef | undefined {
  if (!framework) return undefined;
  return {
    range: framework.range,
    ...optional('file', framework.string('file')),
    capabilities: framework.strings('capabilities') ?? [],
  };
}

function readRuleSet(entry: MapReader): RuleSetRef {
  const levels: RuleLevelRef[] = [];
  const written = entry.map('levels');
  for (const pair of written?.node.items ?? []) {
    const status = written?.scalarString(pair.key as Node);
    const level = status ? written?.oneOf(status.value, COVERAGE_LEVELS) : undefined;
    if (status && level) levels.push({ status: status.value.toLowerCase(), level: level.value, range: level.range });
  }
  return {
    range: entry.range,
    ...optional('path', entry.string('path')),
    ...optional('format', entry.oneOf('format', RULE_FILE_FORMATS)),
    levels,
  };
}
