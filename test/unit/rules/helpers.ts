/** Shared helpers for the rule tests: fixture paths. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const RULE_FIXTURES = resolve(__dirname, '../../fixtures/rules');
export const ruleFixture = (...parts: string[]) => join(RULE_FIXTURES, ...parts);
export const ruleText = (...parts: string[]) => readFileSync(ruleFixture(...parts), 'utf8');
