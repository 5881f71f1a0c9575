/**
 * Detection rules as controls (issue 17): parsers for Sigma and Elastic rule files, the shared DetectionRule
 * interface, and the import of rule folders into control coverage. See docs/rules.md.
 */
export type { DetectionRule, ParsedRules, RuleFormat, RuleProblem, RuleProblemCode, RuleTechnique, SigmaLogsource } from './types';
export { MAX_RULE_FILE_CHARS, RULE_FORMATS } from './types';
export { parseSigmaRules } from './sigma';
export { ATTACK_FRAMEWORK, parseElasticRule } from './elastic';
export { parseRuleFile } from './parse';
