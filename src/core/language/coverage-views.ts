/**
 * Short texts about a model's coverage for the editor: the CodeLens over a technique entry ("gap on k8s · used
 * by FIN7, Scattered Spider") and over an adversary ("42 techniques · 7 gaps"), and the lines a hover card adds.
 * They read the coverage engine's result; nothing is recomputed here.
 */
import type { AttackIndex } from '../attack/types';
import type { CoverageInput, CoverageResult, Level, RuleEvidence, TechniqueResult } from '../coverage/types';
import { levelRank } from '../coverage/types';

/** Display names of the adversaries that bring `t` into the model: ATT&CK names for groups, campaigns, software. */
export function adversaryNames(t: TechniqueResult, input: CoverageInput, index: AttackIndex): string[] {
  const names = t.adversaries.map((e) => {
    const ref = input.adversaries[e.adversary]?.ref;
    return (ref !== undefined ? index.get(ref)?.name : undefined) ?? e.label;
  });
  return [...new Set(names)];
}

/** Components where `t` is below the policy's minimum, in techStack order ('*' when the model has no techStack). */
export function weakComponents(t: TechniqueResult, minCoverage: Level): string[] {
  return t.components.filter((c) => levelRank(c.coverage) < levelRank(minCoverage)).map((c) => c.component);
}

/** Controls that give `t` anything, strongest first: `EDR-01 significant on laptops`. */
export function coveringControls(t: TechniqueResult): { control: string; level: Level; components: string[] }[] {
  const byControl = new Map<string, { control: string; level: Level; components: string[] }>();
  for (const c of t.components) {
    for (const e of c.controls) {
      const entry = byControl.get(e.control) ?? { control: e.control, level: e.level, components: [] };
      if (levelRank(e.level) > levelRank(entry.level)) entry.level = e.level;
      entry.components.push(c.component);
      byControl.set(e.control, entry);
    }
  }
  return [...byControl.values()].sort((a, b) => levelRank(b.level) - levelRank(a.level) || a.control.localeCompare(b.control));
}

const list = (names: readonly string[], max = 3): string =>
  names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')} +${names.length - max}`;
const where = (components: readonly string[]): string => (components.length === 1 && components[0] === '*' ? '' : ` on ${list(components)}`);

/** The CodeLens title over a technique entry. */
export function techniqueLensTitle(t: TechniqueResult, result: CoverageResult, input: CoverageInput, index: AttackIndex): string {
  const users = adversaryNames(t, input, index);
  const usedBy = users.length > 0 ? ` · used by ${list(users)}` : '';
  switch (t.state) {
    case 'gap':
      return `gap${where(weakComponents(t, result.minCoverage))} (${t.coverage})${usedBy}`;
    case 'covered':
      return `covered (${t.coverage})${usedBy}`;
    case 'excluded':
      return `excluded${t.exclusion?.reason ? `: ${t.exclusion.reason}` : ''}`;
    case 'not-applicable':
      return `runs on no component of the tech stack (${t.platforms.join(', ') || 'no platforms'})`;
    default:
      return `not used by this model's adversaries · coverage ${t.coverage}`;
  }
}

/** The CodeLens title over an adversary entry: its techniques in the model and how many are gaps. */
export function adversaryLensTitle(adversary: number, result: CoverageResult): string {
  let titles = adversaryTitles.get(result);
  if (!titles) adversaryTitles.set(result, (titles = adversaryLensTitles(result)));
  return titles.get(adversary) ?? lensTitle({ techniques: 0, covered: 0, gaps: 0, components: new Map() });
}

/** The technique of `result` with `id`, through a per-result map (lenses and hovers look up many). */
export function techniqueById(result: CoverageResult, id: string): TechniqueResult | undefined {
  let byId = techniqueMaps.get(result);
  if (!byId) techniqueMaps.set(result, (byId = new Map(result.techniques.map((t) => [t.id, t]))));
  return byId.get(id);
}

// Results are immutable and replaced on every analysis: what is derived from one lives as long as it does.
const adversaryTitles = new WeakMap<CoverageResult, Map<number, string>>();
const techniqueMaps = new WeakMap<CoverageResult, Map<string, TechniqueResult>>();

interface AdversaryTally {
  techniques: number;
  covered: number;
  gaps: number;
  /** Gaps per weak component, in the order first met. */
  readonly components: Map<string, number>;
}

/** Every adversary's lens title in one pass over the techniques (a model can list every ATT&CK group). */
function adversaryLensTitles(result: CoverageResult): Map<number, string> {
  const tallies = new Map<number, AdversaryTally>();
  // The technique each adversary was last counted for: an adversary listed twice (direct and via software) counts once.
  const lastCounted = new Map<number, number>();
  result.techniques.forEach((t, position) => {
    const weak = t.state === 'gap' ? weakComponents(t, result.minCoverage) : [];
    for (const { adversary } of t.adversaries) {
      if (lastCounted.get(adversary) === position) continue;
      lastCounted.set(adversary, position);
      let tally = tallies.get(adversary);
      if (!tally) tallies.set(adversary, (tally = { techniques: 0, covered: 0, gaps: 0, components: new Map() }));
      tally.techniques++;
      if (t.state === 'covered') tally.covered++;
      if (t.state !== 'gap') continue;
      tally.gaps++;
      for (const c of weak) tally.components.set(c, (tally.components.get(c) ?? 0) + 1);
    }
  });
  return new Map([...tallies].map(([adversary, tally]) => [adversary, lensTitle(tally)]));
}

function lensTitle({ techniques, covered, gaps, components }: AdversaryTally): string {
  const perComponent = [...components].filter(([c]) => c !== '*').map(([c, n]) => `${c} ${n}`);
  const gapText = `${gaps} gap${gaps === 1 ? '' : 's'}${perComponent.length > 0 ? ` (${perComponent.join(', ')})` : ''}`;
  return `${techniques} technique${techniques === 1 ? '' : 's'} · ${gapText} · ${covered} covered`;
}

/** Rules listed per control in hovers and reports (each control's evidence keeps at most 10 anyway). */
export const MAX_RULES_SHOWN = 5;

/** The detection rules behind `t`'s coverage, per rule-backed control: the rules (once each) and how many there are. */
export function ruleEvidenceOf(t: TechniqueResult): { control: string; format: RuleEvidence['format']; rules: RuleEvidence[]; count: number }[] {
  const byControl = new Map<string, { control: string; format: RuleEvidence['format']; rules: RuleEvidence[]; count: number; seen: Set<string> }>();
  for (const c of t.components) {
    for (const e of c.controls) {
      if (!e.rules || e.rules.length === 0) continue;
      let entry = byControl.get(e.control);
      if (!entry) byControl.set(e.control, (entry = { control: e.control, format: e.rules[0]!.format, rules: [], count: 0, seen: new Set() }));
      entry.count = Math.max(entry.count, e.ruleCount ?? e.rules.length);
      for (const r of e.rules) {
        const key = `${r.file}:${r.line}`;
        if (entry.seen.has(key)) continue;
        entry.seen.add(key);
        entry.rules.push(r);
      }
    }
  }
  return [...byControl.values()].map((e) => ({ control: e.control, format: e.format, rules: e.rules, count: Math.max(e.count, e.rules.length) }));
}

/** "3 Sigma rules" / "1 Elastic rule". */
export function ruleCountText(format: RuleEvidence['format'], count: number): string {
  return `${count} ${format === 'sigma' ? 'Sigma' : 'Elastic'} rule${count === 1 ? '' : 's'}`;
}
