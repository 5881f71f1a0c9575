/**
 * Control levels (SPEC): only implemented (default) and partial controls count; partial caps at `partial`.
 * A mitigation gives its level to every technique it `mitigates`; a technique entry gives its level, and an entry
 * on a parent also to each sub-technique the same control does not list itself.
 */
import type { AttackIndex } from '../attack/types';
import { claimValidation } from '../assurance/claims';
import type { AssurancePolicy, ValidationInput } from '../assurance/types';
import type { ControlEvidence, ControlInput, Level, RuleEvidence } from './types';
import { levelRank, minLevel } from './types';

export interface CountingContribution {
  /** undefined = the control counts for every component. */
  readonly appliesTo?: ReadonlySet<string>;
  /** The strongest thing this control gives the technique. */
  readonly evidence: ControlEvidence;
}

export interface ControlContributions {
  /** Every counting control's best contribution to a technique, in control order. */
  forTechnique(techniqueId: string): readonly CountingContribution[];
}

export function controlCounts(control: ControlInput): boolean {
  return control.status === 'implemented' || control.status === 'partial';
}

/** Without a policy: tests count whatever their date (no as-of date), the default max age. */
const NO_ASSURANCE: AssurancePolicy = { maxAgeDays: 180 };

export function controlContributions(index: AttackIndex, controls: readonly ControlInput[], assurance: AssurancePolicy = NO_ASSURANCE): ControlContributions {
  const byTechnique = new Map<string, CountingContribution[]>();
  for (const control of controls) {
    if (!controlCounts(control)) continue;
    const appliesTo = control.appliesTo ? new Set(control.appliesTo) : undefined;
    const best = bestPerTechnique(index, control);
    if (control.validated && control.validated.length > 0) applyValidation(index, control, best, control.validated, assurance);
    for (const [techniqueId, evidence] of best) {
      const list = byTechnique.get(techniqueId);
      const entry = { ...(appliesTo ? { appliesTo } : {}), evidence };
      if (list) list.push(entry);
      else byTechnique.set(techniqueId, [entry]);
    }
  }
  return { forTechnique: (id) => byTechnique.get(id) ?? [] };
}

/** Most rules listed as evidence of one control for one technique (the rest are counted in `ruleCount`). */
export const MAX_RULE_EVIDENCE = 10;

/** For one counting control: technique ID → the highest level it gives, with where that level came from. */
function bestPerTechnique(index: AttackIndex, control: ControlInput): Map<string, ControlEvidence> {
  const capped = control.status === 'partial';
  const cap = (level: Level): Level => (capped ? minLevel(level, 'partial') : level);
  const best = new Map<string, ControlEvidence>();
  const offer = (techniqueId: string, e: Omit<ControlEvidence, 'control' | 'capped'>) => {
    if (!index.technique(techniqueId)) return;
    const level = cap(e.level);
    const current = best.get(techniqueId);
    if (current && levelRank(current.level) >= levelRank(level)) return;
    best.set(techniqueId, { control: control.id, ...e, level, capped: capped && level !== e.level });
  };

  for (const m of control.mitigations) {
    if (!index.get(m.id, 'mitigation')) continue;
    for (const t of index.related(m.id, 'mitigates')) {
      offer(t, { level: m.level, via: 'mitigation', from: m.id, ...(m.source ? { source: m.source } : {}) });
    }
  }
  const listed = new Set(control.techniques.map((t) => t.id));
  // Rule-backed entries: every rule that gives each technique something, for the evidence.
  const rules = new Map<string, RuleEvidence[]>();
  const addRule = (techniqueId: string, rule: RuleEvidence | undefined) => {
    if (!rule || !index.technique(techniqueId)) return;
    const list = rules.get(techniqueId);
    if (list) list.push(rule);
    else rules.set(techniqueId, [rule]);
  };
  for (const entry of control.techniques) {
    const source = entry.source ? { source: entry.source } : {};
    offer(entry.id, { level: entry.level, via: 'technique', from: entry.id, ...source });
    addRule(entry.id, entry.rule);
    const technique = index.technique(entry.id);
    if (!technique || technique.isSubtechnique) continue;
    for (const sub of technique.subtechniqueIds) {
      if (listed.has(sub)) continue;
      offer(sub, { level: entry.level, via: 'parent', from: entry.id, ...source });
      addRule(sub, entry.rule);
    }
  }
  for (const [techniqueId, list] of rules) {
    const evidence = best.get(techniqueId);
    if (!evidence) continue;
    const ordered = list.length < 2 ? list : [...list].sort(strongerRule);
    best.set(techniqueId, { ...evidence, rules: ordered.length > MAX_RULE_EVIDENCE ? ordered.slice(0, MAX_RULE_EVIDENCE) : ordered, ruleCount: list.length });
  }
  return best;
}

/** Strongest first, then by title, file and line (deterministic whatever the order files were listed in). */
function strongerRule(a: RuleEvidence, b: RuleEvidence): number {
  return levelRank(b.level) - levelRank(a.level) || cmp(a.title, b.title) || cmp(a.file, b.file) || a.line - b.line;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The tests of each claim (docs/assurance.md): those recorded for the technique itself, and for a sub-technique the
 * control does not list but whose parent it lists (the parent's entry covers it), the parent's too — whichever of
 * the control's entries, mitigations or parent entry gave the level. A claim whose latest test missed gives `none`.
 */
function applyValidation(index: AttackIndex, control: ControlInput, best: Map<string, ControlEvidence>, tests: readonly ValidationInput[], policy: AssurancePolicy): void {
  const listed = new Set(control.techniques.map((t) => t.id));
  const byTechnique = new Map<string, ValidationInput[]>();
  for (const t of tests) {
    const list = byTechnique.get(t.technique);
    if (list) list.push(t);
    else byTechnique.set(t.technique, [t]);
  }
  for (const [techniqueId, e] of best) {
    const own = byTechnique.get(techniqueId) ?? [];
    const parent = listed.has(techniqueId) ? undefined : index.technique(techniqueId)?.parentId;
    const claimTests = parent !== undefined && listed.has(parent) ? [...(byTechnique.get(parent) ?? []), ...own] : own;
    const validation = claimValidation(claimTests, policy);
    if (!validation) continue;
    const failed = validation.state === 'failed' && e.level !== 'none';
    best.set(techniqueId, { ...e, validation, ...(failed ? { level: 'none' as const, claimed: e.level } : {}) });
  }
}
