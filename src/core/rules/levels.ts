/**
 * The coverage level a rule gives, from its maturity (Sigma `status`, Elastic `metadata.maturity`). Defaults are
 * in docs/rules.md; an inventory entry overrides any status with `levels: { <status>: <level> }`.
 */
import type { Level } from '../coverage/types';
import type { RuleLevelRef } from '../model/types';
import type { RuleFormat } from './types';

/**
 * Default level by status. Sigma's statuses (stable, test, experimental, deprecated, unsupported) and Elastic's
 * maturities (production, development, deprecated): only rules meant to run in production count fully; rules that
 * are retired or not finished count for nothing unless the entry says otherwise.
 */
export const DEFAULT_RULE_LEVELS: Readonly<Record<RuleFormat, Readonly<Record<string, Level>>>> = {
  sigma: { stable: 'significant', test: 'partial', experimental: 'minimal', deprecated: 'none', unsupported: 'none' },
  elastic: { production: 'significant', development: 'none', deprecated: 'none' },
};

/** The status a rule without one is read as: Sigma's least mature live status, Elastic's unfinished one. */
export const MISSING_STATUS: Readonly<Record<RuleFormat, string>> = { sigma: 'experimental', elastic: 'development' };

/** How one rule set's rules are levelled: a status's level, or undefined for a status nobody defined. */
export function ruleLevels(format: RuleFormat, overrides: readonly RuleLevelRef[]): (status: string | undefined) => { status: string; level: Level | undefined } {
  const table = new Map<string, Level>(Object.entries(DEFAULT_RULE_LEVELS[format]));
  for (const o of overrides) table.set(o.status, o.level);
  return (written) => {
    const status = written ?? MISSING_STATUS[format];
    return { status, level: table.get(status) };
  };
}
