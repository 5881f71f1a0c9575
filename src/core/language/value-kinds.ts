/**
 * What belongs at a place in our formats: the kind of value a key path expects (an ATT&CK technique ID, a
 * platform name, a coverage level, …). Completion asks this; the answer follows the JSON Schemas in `schemas/`.
 */
import type { ObjectKind } from '../attack/types';
import type { ModelFileKind } from '../model/file-kind';

/** ATT&CK objects by kind, or one of the formats' own vocabularies. */
export type ValueKind =
  | { readonly type: 'attack'; readonly kinds: readonly ObjectKind[] }
  | { readonly type: 'platform' }
  | { readonly type: 'asset' }
  | { readonly type: 'component' }
  | { readonly type: 'enum'; readonly name: EnumName }
  /** A YYYY-MM-DD date: `policy.asOf` (today) or an acceptance's `until` (the triage date + 90 days, within policy). */
  | { readonly type: 'date'; readonly of: 'as-of' | 'until' | 'test' }
  /** An acceptance's owner: the model's `owner`. */
  | { readonly type: 'owner' }
  /** `policy.decisionTable`: a YAML or JSON file beside the model. */
  | { readonly type: 'table-file' };

export type EnumName =
  | 'level' | 'status' | 'function' | 'motivation' | 'exposure' | 'domain' | 'source-kind' | 'confidence'
  | 'impact' | 'boolean' | 'activity' | 'automatable' | 'decision-exposure' | 'mission-impact' | 'days' | 'rule-format'
  | 'validation-method' | 'validation-result' | 'validation-days';

const attack = (...kinds: ObjectKind[]): ValueKind => ({ type: 'attack', kinds });
const enumOf = (name: EnumName): ValueKind => ({ type: 'enum', name });

/** Paths are keys joined by `.`; a trailing `.id` on ATT&CK references is the same place as the bare form. */
const THREAT_MODEL: Readonly<Record<string, ValueKind>> = {
  'attack.domain': enumOf('domain'),
  'techStack.platforms': { type: 'platform' },
  'techStack.assets': { type: 'asset' },
  'techStack.exposure': enumOf('exposure'),
  'techStack.impact': enumOf('impact'),
  'adversaries.group': attack('group'),
  'adversaries.campaign': attack('campaign'),
  'adversaries.software': attack('software'),
  'adversaries.motivation': enumOf('motivation'),
  'adversaries.techniques': attack('technique'),
  'adversaries.source.kind': enumOf('source-kind'),
  'adversaries.source.confidence': enumOf('confidence'),
  'adversaries.automated': enumOf('boolean'),
  'techniques.include': attack('technique'),
  'techniques.exclude': attack('technique'),
  'techniques.assess': attack('technique'),
  'techniques.assess.activity': enumOf('activity'),
  'techniques.assess.automatable': enumOf('automatable'),
  'techniques.assess.exposure': enumOf('decision-exposure'),
  'techniques.assess.missionImpact': enumOf('mission-impact'),
  'techniques.accept': attack('technique'),
  'techniques.accept.until': { type: 'date', of: 'until' },
  'techniques.accept.owner': { type: 'owner' },
  'policy.minCoverage': enumOf('level'),
  'policy.asOf': { type: 'date', of: 'as-of' },
  'policy.intelMaxAge': enumOf('days'),
  'policy.maxAcceptance': enumOf('days'),
  'policy.decisionTable': { type: 'table-file' },
  'policy.validationMaxAge': enumOf('validation-days'),
};

const CONTROL_INVENTORY: Readonly<Record<string, ValueKind>> = {
  'controls.status': enumOf('status'),
  'controls.appliesTo': { type: 'component' },
  'controls.mitigations': attack('mitigation'),
  'controls.mitigations.coverage': enumOf('level'),
  'controls.techniques': attack('technique'),
  'controls.techniques.coverage': enumOf('level'),
  'controls.techniques.function': enumOf('function'),
  'controls.rules.format': enumOf('rule-format'),
  // Telemetry (docs/hunting.md): data components by ID, components by id.
  'telemetry.appliesTo': { type: 'component' },
  'telemetry.collects': attack('data-component'),
  'controls.techniques.validated.date': { type: 'date', of: 'test' },
  'controls.techniques.validated.method': enumOf('validation-method'),
  'controls.techniques.validated.result': enumOf('validation-result'),
  'controls.validated.technique': attack('technique'),
  'controls.validated.date': { type: 'date', of: 'test' },
  'controls.validated.method': enumOf('validation-method'),
  'controls.validated.result': enumOf('validation-result'),
};

/** The kind of value expected at `path` in a file of `fileKind`, or undefined when we have nothing to offer. */
export function valueKindAt(fileKind: ModelFileKind, path: readonly string[]): ValueKind | undefined {
  const table = fileKind === 'threat-model' ? THREAT_MODEL : CONTROL_INVENTORY;
  const key = path.join('.');
  const direct = table[key];
  if (direct) return direct;
  // `rules: [ { levels: { <status>: <level> } } ]`: any status key takes a level.
  if (fileKind === 'control-inventory' && path.length === 4 && key.startsWith('controls.rules.levels.')) return enumOf('level');
  if (path[path.length - 1] === 'id') {
    const parent = table[path.slice(0, -1).join('.')];
    if (parent?.type === 'attack') return parent;
  }
  return undefined;
}
