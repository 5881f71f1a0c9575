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
  private readonly viaSoftware = new Map<number, ReadonlyMap<string, readonly string[]>>();
  private readonly names = new Map<string, string>();
  private readonly ages = new Map<string, number | undefined>();
  private readonly activityLines = new Map<number, { readonly active: boolean; readonly text: string }>();
  private readonly byComponents = new Map<string, Pick<Computed, 'exposure' | 'missionImpact'>>();

  constructor(
    private readonly index: AttackIndex,
    private readonly input: CoverageInput,
    private readonly triage: TriageInput,
  ) {
    this.components = new Map(input.components.map((c) => [c.id, c]));
  }

  /** The decision points of `t` (a gap, or an accepted technique) before any assessment. */
  compute(t: TechniqueResult): Computed {
    const { exposure, missionImpact } = this.ofComponents(t);
    return { activity: this.activity(t), automatable: this.automatable(t), exposure, missionImpact };
  }

  /** Exposure and mission impact depend only on which components are below the policy: shared by the gaps alike. */
  private ofComponents(t: TechniqueResult): Pick<Computed, 'exposure' | 'missionImpact'> {
    const weak: string[] = [];
    for (const c of t.components) if (below(c.coverage, this.input.minCoverage)) weak.push(c.component);
    const key = weak.join('\n');
    let points = this.byComponents.get(key);
    if (!points) this.byComponents.set(key, (points = { exposure: this.exposure(weak), missionImpact: this.missionImpact(weak) }));
    return points;
  }

  private adversary(i: number): AdversaryInput | undefined {
    return this.input.adversaries[i];
  }

  private activity(t: TechniqueResult): DecisionPointResult<'activity'> {
    const { asOf, intelMaxAgeDays: maxAge } = this.triage;
    const active = new Evidence(MAX_EVIDENCE);
    // The reason line comes first when nothing is active, so one slot fewer for the older entries.
    const older = new Evidence(MAX_EVIDENCE - 1);
    for (const e of t.adversaries) {
      const line = this.activityLine(e.adversary, e.label);
      if (!line) continue;
      const into = line.active ? active : older;
      if (into.keep()) into.push(line.text);
    }
    if (active.count > 0) return active.result<'activity'>('active');
    const why = asOf === undefined ? 'no triage date: no intelligence counts as current' : `no intelligence or campaign within ${maxAge} days of ${asOf}`;
    return older.result<'activity'>('reported', why);
  }

  /** Whether adversary `i` is current activity, and the sentence that says so: the same for every gap it brings in. */
  private activityLine(i: number, label: string): { readonly active: boolean; readonly text: string } | undefined {
    const known = this.activityLines.get(i);
    if (known) return known;
    const a = this.adversary(i);
    if (!a) return undefined;
    const { asOf, intelMaxAgeDays: maxAge } = this.triage;
    let line: { active: boolean; text: string };
    if (a.kind === 'intel') {
      const age = a.date === undefined ? undefined : this.ageOf(a.date);
      if (a.date === undefined) line = { active: false, text: `${label}: undated intelligence` };
      else if (age !== undefined && age >= 0 && age <= maxAge) line = { active: true, text: `${label}: intelligence of ${a.date}, ${age} days before ${asOf}` };
      else line = { active: false, text: `${label}: intelligence of ${a.date}${age === undefined ? '' : age < 0 ? `, after ${asOf}` : `, ${age} days before ${asOf} (over ${maxAge})`}` };
    } else if (a.kind === 'campaign' && a.ref !== undefined) {
      const last = (this.index.get(a.ref, 'campaign') as Campaign | undefined)?.lastSeen;
      const age = last === undefined ? undefined : this.ageOf(last);
      line = age !== undefined && age >= 0 && age <= maxAge
        ? { active: true, text: `${label} (${a.ref}): campaign last seen ${last}, ${age} days before ${asOf}` }
        : { active: false, text: `${label} (${a.ref}): campaign last seen ${last ?? 'at an unknown date'}` };
    } else {
      line = { active: false, text: `${label}${a.ref !== undefined && a.ref !== label ? ` (${a.ref})` : ''}: reported in ATT&CK` };
    }
    this.activityLines.set(i, line);
    return line;
  }

  /**
   * Technique → the ATT&CK software of adversary `i` that uses it (groups and campaigns with includeSoftware), built
   * once per adversary: the evidence names the software without searching its relationships per gap.
   */
  private softwareTechniques(i: number, a: AdversaryInput): ReadonlyMap<string, readonly string[]> {
    let map = this.viaSoftware.get(i);
    if (!map) {
      map = a.ref !== undefined && a.includeSoftware && (a.kind === 'group' || a.kind === 'campaign') ? softwareOf(this.index, a.ref) : NO_SOFTWARE;
      this.viaSoftware.set(i, map);
    }
    return map;
  }

  /** Days from `date` to the triage date (memoised: many adversaries share a date). */
  private ageOf(date: string): number | undefined {
    const { asOf } = this.triage;
    if (asOf === undefined) return undefined;
    if (!this.ages.has(date)) this.ages.set(date, daysBetween(date, asOf));
    return this.ages.get(date);
  }

  private nameOf(id: string): string {
    let n = this.names.get(id);
    if (n === undefined) this.names.set(id, (n = this.index.get(id)?.name ?? id));
    return n;
  }

  private automatable(t: TechniqueResult): DecisionPointResult<'automatable'> {
    const yes = new Evidence(MAX_EVIDENCE);
    for (const e of t.adversaries) {
      const a = this.adversary(e.adversary);
      if (!a) continue;
      if (a.kind === 'software') {
        if (yes.keep()) yes.push(`${e.label}: ATT&CK software that uses it`);
      } else if (a.kind === 'intel' && a.automated === true) {
        if (yes.keep()) yes.push(`${e.label}: own intelligence, automated: true`);
      } else {
        const software = this.softwareTechniques(e.adversary, a).get(t.id);
        if (!software) continue;
        if (!yes.keep()) continue;
        const via = e.softwareNames && e.software ? e.softwareNames.map((n, k) => `${n} (${e.software?.[k]})`) : software.map((id) => `${this.nameOf(id)} (${id})`);
        yes.push(`${e.label} via ${via.slice(0, 3).join(', ')}${via.length > 3 ? ` and ${via.length - 3} more` : ''}`);
      }
    }
    return yes.count > 0 ? yes.result<'automatable'>('yes') : capped<'automatable'>('no', ['no adversary brings it in through ATT&CK software, and no intelligence says automated']);
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

const NO_SOFTWARE: ReadonlyMap<string, readonly string[]> = new Map();

/**
 * Technique → the ATT&CK software of group or campaign `ref` that uses it. It depends on the ATT&CK data alone, so it
 * is kept per index across analyses (the editor analyses the same model on every edit).
 */
const softwareByIndex = new WeakMap<AttackIndex, Map<string, ReadonlyMap<string, readonly string[]>>>();

function softwareOf(index: AttackIndex, ref: string): ReadonlyMap<string, readonly string[]> {
  let byRef = softwareByIndex.get(index);
  if (!byRef) softwareByIndex.set(index, (byRef = new Map()));
  let map = byRef.get(ref);
  if (!map) {
    const out = new Map<string, string[]>();
    for (const s of index.related(ref, 'uses')) {
      if (!index.get(s, 'software')) continue;
      for (const t of index.related(s, 'uses')) {
        const list = out.get(t);
        if (!list) out.set(t, [s]);
        else if (!list.includes(s)) list.push(s);
      }
    }
    byRef.set(ref, (map = out));
  }
  return map;
}

const below = (coverage: Level, min: Level) => levelRank(coverage) < levelRank(min);

function capped<P extends DecisionPoint>(value: DecisionValues[P], evidence: readonly string[]): DecisionPointResult<P> {
  return evidence.length > MAX_EVIDENCE ? { value, evidence: evidence.slice(0, MAX_EVIDENCE), more: evidence.length - MAX_EVIDENCE } : { value, evidence };
}

/**
 * Evidence sentences, built only while under the cap (a technique can have hundreds of adversaries; building every
 * sentence to keep five cost more than the rest of the triage): `if (e.keep()) e.push(…)`. `more` counts the others.
 */
class Evidence {
  private readonly items: string[] = [];
  count = 0;

  constructor(private readonly cap: number) {}

  /** Counts one more sentence; true when it is to be kept (then push it). */
  keep(): boolean {
    return this.count++ < this.cap;
  }

  push(sentence: string): void {
    this.items.push(sentence);
  }

  /** The value with the sentences kept, after an optional first line that always stays. */
  result<P extends DecisionPoint>(value: DecisionValues[P], first?: string): DecisionPointResult<P> {
    const evidence = first === undefined ? this.items : [first, ...this.items];
    return this.count > this.cap ? { value, evidence, more: this.count - this.cap } : { value, evidence };
  }
}
