/**
 * The four decision points of a technique gap, each from the model and the ATT&CK data, with the evidence that set
 * it (docs/triage.md states these rules; the unit tests check each one):
 * - activity: active when own intelligence listing the technique is dated within intelMaxAge days before the triage
 *   date, or a campaign adversary using it was last seen within them; else reported.
 * - automatable: yes when an adversary brings it in through ATT&CK software (a software adversary, or a group or
 *   campaign whose software uses it, includeSoftware on), or own intelligence says automated: true; else no.
 * - exposure: over the components where it applies and is below the policy: open if any is internet-facing,
 *   controlled if any is partner-facing, else small.
 * - missionImpact: over the same components, the highest of: high (crown jewel or impact: high), low (impact: low),
 *   medium (otherwise).
 */
import type { AttackIndex, Campaign } from '../attack/types';
import type { AdversaryInput, ComponentInput, CoverageInput, Level, TechniqueResult } from '../coverage/types';
import { levelRank } from '../coverage/types';
import { daysBetween } from './dates';
import type { DecisionPoint, DecisionValues } from './decision-table';
import type { DecisionPointResult, TriageInput } from './types';

/** Evidence sentences kept per decision point; the rest are counted. */
const MAX_EVIDENCE = 5;

type Computed = { [P in DecisionPoint]: DecisionPointResult<P> };

/** What the decision points need about the model, computed once per analysis. */
export class TriageContext {
  private readonly components: ReadonlyMap<string, ComponentInput>;
  private readonly viaSoftware = new Map<number, ReadonlySet<string>>();
  private readonly names = new Map<string, string>();

  constructor(
    private readonly index: AttackIndex,
    private readonly input: CoverageInput,
    private readonly triage: TriageInput,
  ) {
    this.components = new Map(input.components.map((c) => [c.id, c]));
  }

  /** The decision points of `t` (a gap, or an accepted technique) before any assessment. */
  compute(t: TechniqueResult): Computed {
    const weak = t.components.filter((c) => below(c.coverage, this.input.minCoverage));
    return {
      activity: this.activity(t),
      automatable: this.automatable(t),
      exposure: this.exposure(weak.map((c) => c.component)),
      missionImpact: this.missionImpact(weak.map((c) => c.component)),
    };
  }

  private adversary(i: number): AdversaryInput | undefined {
    return this.input.adversaries[i];
  }

  private activity(t: TechniqueResult): DecisionPointResult<'activity'> {
    const { asOf, intelMaxAgeDays: maxAge } = this.triage;
    const active: string[] = [];
    const older: string[] = [];
    for (const e of t.adversaries) {
      const a = this.adversary(e.adversary);
      if (!a) continue;
      if (a.kind === 'intel') {
        if (a.date === undefined) {
          older.push(`${e.label}: undated intelligence`);
          continue;
        }
        const age = asOf === undefined ? undefined : daysBetween(a.date, asOf);
        if (age !== undefined && age >= 0 && age <= maxAge) active.push(`${e.label}: intelligence of ${a.date}, ${age} days before ${asOf}`);
        else older.push(`${e.label}: intelligence of ${a.date}${age === undefined ? '' : age < 0 ? `, after ${asOf}` : `, ${age} days before ${asOf} (over ${maxAge})`}`);
      } else if (a.kind === 'campaign' && a.ref !== undefined) {
        const last = (this.index.get(a.ref, 'campaign') as Campaign | undefined)?.lastSeen;
        const age = asOf === undefined || last === undefined ? undefined : daysBetween(last, asOf);
        if (age !== undefined && age >= 0 && age <= maxAge) active.push(`${e.label} (${a.ref}): campaign last seen ${last}, ${age} days before ${asOf}`);
        else older.push(`${e.label} (${a.ref}): campaign last seen ${last ?? 'at an unknown date'}`);
      } else {
        older.push(`${e.label}${a.ref !== undefined && a.ref !== e.label ? ` (${a.ref})` : ''}: reported in ATT&CK`);
      }
    }
    if (active.length > 0) return capped<'activity'>('active', active);
    const why = asOf === undefined ? ['no triage date: no intelligence counts as current'] : [`no intelligence or campaign within ${maxAge} days of ${asOf}`];
    return capped<'activity'>('reported', [...why, ...older]);
  }

  /** Techniques the software of adversary `i` uses (groups and campaigns with includeSoftware), memoised. */
  private softwareTechniques(i: number, a: AdversaryInput): ReadonlySet<string> {
    let set = this.viaSoftware.get(i);
    if (!set) {
      const out = new Set<string>();
      if (a.ref !== undefined && a.includeSoftware && (a.kind === 'group' || a.kind === 'campaign')) {
        for (const s of this.index.related(a.ref, 'uses')) {
          if (!this.index.get(s, 'software')) continue;
          for (const t of this.index.related(s, 'uses')) out.add(t);
        }
      }
      this.viaSoftware.set(i, (set = out));
    }
    return set;
  }

  private softwareNamesFor(a: AdversaryInput, technique: string): string[] {
    if (a.ref === undefined) return [];
    return this.index.related(a.ref, 'uses')
      .filter((s) => this.index.get(s, 'software') && this.index.related(s, 'uses').includes(technique))
      .map((s) => `${this.nameOf(s)} (${s})`);
  }

  private nameOf(id: string): string {
    let n = this.names.get(id);
    if (n === undefined) this.names.set(id, (n = this.index.get(id)?.name ?? id));
    return n;
  }

  private automatable(t: TechniqueResult): DecisionPointResult<'automatable'> {
    const yes: string[] = [];
    for (const e of t.adversaries) {
      const a = this.adversary(e.adversary);
      if (!a) continue;
      if (a.kind === 'software') yes.push(`${e.label}: ATT&CK software that uses it`);
      else if (a.kind === 'intel' && a.automated === true) yes.push(`${e.label}: own intelligence, automated: true`);
      else if (this.softwareTechniques(e.adversary, a).has(t.id)) {
        const via = e.softwareNames && e.software ? e.softwareNames.map((n, k) => `${n} (${e.software?.[k]})`) : this.softwareNamesFor(a, t.id);
        yes.push(`${e.label} via ${via.slice(0, 3).join(', ')}${via.length > 3 ? ` and ${via.length - 3} more` : ''}`);
      }
    }
    return yes.length > 0 ? capped<'automatable'>('yes', yes) : capped<'automatable'>('no', ['no adversary brings it in through ATT&CK software, and no intelligence says automated']);
  }

  private exposure(weak: readonly string[]): DecisionPointResult<'exposure'> {
    const of = (e: string) => weak.filter((id) => this.components.get(id)?.exposure === e);
    const open = of('internet-facing');
    if (open.length > 0) return capped<'exposure'>('open', open.map((id) => `${id}: internet-facing`));
    const partner = of('partner-facing');
    if (partner.length > 0) return capped<'exposure'>('controlled', partner.map((id) => `${id}: partner-facing`));
    if (weak.length === 0 || weak.every((id) => id === '*')) return capped<'exposure'>('small', ['no tech stack: no component is exposed']);
    return capped<'exposure'>('small', weak.map((id) => `${id}: ${this.components.get(id)?.exposure ?? 'exposure not given'}`));
  }

  private missionImpact(weak: readonly string[]): DecisionPointResult<'missionImpact'> {
    const high: string[] = [];
    const medium: string[] = [];
    const low: string[] = [];
    for (const id of weak) {
      const c = this.components.get(id);
      if (c?.crownJewel) high.push(`${id}: crown jewel`);
      else if (c?.impact === 'high') high.push(`${id}: impact high`);
      else if (c?.impact === 'low') low.push(`${id}: impact low`);
      else medium.push(id === '*' ? 'no tech stack: impact not given' : `${id}: ${c?.impact === 'medium' ? 'impact medium' : 'impact not given (medium)'}`);
    }
    if (high.length > 0) return capped<'missionImpact'>('high', high);
    if (medium.length > 0 || low.length === 0) return capped<'missionImpact'>('medium', medium.length > 0 ? medium : ['no component below the policy']);
    return capped<'missionImpact'>('low', low);
  }
}

const below = (coverage: Level, min: Level) => levelRank(coverage) < levelRank(min);

function capped<P extends DecisionPoint>(value: DecisionValues[P], evidence: readonly string[]): DecisionPointResult<P> {
  return evidence.length > MAX_EVIDENCE ? { value, evidence: evidence.slice(0, MAX_EVIDENCE), more: evidence.length - MAX_EVIDENCE } : { value, evidence };
}
