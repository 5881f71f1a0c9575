/** One entry point for both rule formats. */
import { parseElasticRule } from './elastic';
import { parseSigmaRules } from './sigma';
import type { ParsedRules, RuleFormat } from './types';

/** The rules in one file of the given format, and its problems; never throws. */
export function parseRuleFile(format: RuleFormat, text: string, file: string): ParsedRules {
  return format === 'sigma' ? parseSigmaRules(text, file) : parseElasticRule(text, file);
}
