/**
 * A parsed detection rule: the shared interface between rule import (controls from rule files), telemetry
 * gating and hunt plans (issue 17). Plain readonly data; lines are 1-based, as in the rule file.
 */

export type RuleFormat = 'sigma' | 'elastic';
export const RULE_FORMATS: readonly RuleFormat[] = ['sigma', 'elastic'];

/** A Sigma rule's `logsource`: the telemetry it needs. */
export interface SigmaLogsource {
  readonly product?: string;
  readonly category?: string;
  readonly service?: string;
}

/** A technique a rule is tagged with, and the line of the tag. */
export interface RuleTechnique {
  /** `T1059` or `T1059.001`, upper case, as tagged (not yet checked against ATT&CK data). */
  readonly id: string;
  /** 1-based line of the tag (Sigma `- attack.t1059.001`, Elastic `id = "T1059.001"`). */
  readonly line: number;
}

export interface DetectionRule {
  readonly format: RuleFormat;
  /** The path the rule was read from, as given to the parser (rule import gives the absolute resolved path). */
  readonly file: string;
  /** 1-based line where the rule starts (Sigma: its `title:`; Elastic: `[rule]`). */
  readonly line: number;
  /** Sigma `id`, Elastic `rule.rule_id`. */
  readonly id?: string;
  /** Sigma `title`, Elastic `rule.name` (cut to 200 characters). */
  readonly title: string;
  /** Sigma `status`, Elastic `metadata.maturity`, lower case. */
  readonly status?: string;
  /** Techniques in the order first tagged, each once. */
  readonly techniques: readonly RuleTechnique[];
  /** Sigma only. */
  readonly logsource?: SigmaLogsource;
  /** Elastic `rule.index`. */
  readonly indices?: readonly string[];
  /** Sigma `level`, Elastic `rule.severity`, lower case. */
  readonly severity?: string;
}

/**
 * Why (part of) a rule file gives no rule. Never a throw: a broken file is a problem with a line.
 * - `parse-error`: not valid YAML / TOML (line and column of the error);
 * - `not-a-rule`: valid, but not a rule of the format (no `title`, no `[rule]` with a `name`);
 * - `too-large`: over MAX_RULE_FILE_CHARS or nesting too deep: not parsed;
 * - `malformed-tag`: an ATT&CK-looking tag that is no technique ID (`attack.t1059.01`), ignored.
 */
export type RuleProblemCode = 'parse-error' | 'not-a-rule' | 'too-large' | 'malformed-tag';

export interface RuleProblem {
  readonly code: RuleProblemCode;
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  /** Never quotes the file beyond a short, escaped value. */
  readonly message: string;
}

export interface ParsedRules {
  readonly rules: readonly DetectionRule[];
  readonly problems: readonly RuleProblem[];
}

/** Largest rule file parsed, in UTF-16 code units (real rules are under 60 KB). */
export const MAX_RULE_FILE_CHARS = 2 * 1024 * 1024;
