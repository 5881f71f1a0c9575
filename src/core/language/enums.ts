/** The closed vocabularies of the formats, as completion offers them (the same lists the JSON Schemas enforce). */
import { ATTACK_DOMAINS } from '../attack/types';
import { CONFIDENCES, CONTROL_FUNCTIONS, CONTROL_STATUSES, COVERAGE_LEVELS, EXPOSURES, IMPACTS, INTEL_SOURCE_KINDS, MOTIVATIONS, RULE_FILE_FORMATS, VALIDATION_METHODS, VALIDATION_RESULTS } from '../model/types';
import { DECISION_POINTS } from '../triage/decision-table';
import type { EnumName } from './value-kinds';

const VALUES: Readonly<Record<EnumName, readonly string[]>> = {
  level: COVERAGE_LEVELS,
  status: CONTROL_STATUSES,
  function: CONTROL_FUNCTIONS,
  motivation: MOTIVATIONS,
  exposure: EXPOSURES,
  domain: ATTACK_DOMAINS,
  'source-kind': INTEL_SOURCE_KINDS,
  confidence: CONFIDENCES,
  impact: IMPACTS,
  boolean: ['true', 'false'],
  activity: DECISION_POINTS.activity,
  automatable: DECISION_POINTS.automatable,
  'decision-exposure': DECISION_POINTS.exposure,
  'mission-impact': DECISION_POINTS.missionImpact,
  // Days (policy.intelMaxAge, policy.maxAcceptance): the default first.
  days: ['365', '180', '90', '30'],
  'rule-format': RULE_FILE_FORMATS,
  // policy.validationMaxAge: the default (180) first.
  'validation-days': ['180', '90', '365', '30'],
  'validation-method': VALIDATION_METHODS,
  'validation-result': VALIDATION_RESULTS,
};

/** The allowed values of a vocabulary, in the order the SPEC gives them. */
export function enumValues(name: EnumName): readonly string[] {
  return VALUES[name];
}
