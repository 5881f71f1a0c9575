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
import type { AdversaryInput, ComponentInput, CoverageInput, TechniqueResult } from '../coverage/types';
import { daysBetween } from './dates';
import type { DecisionPoint, DecisionValues } from './decision-table';
import type { DecisionPointResult, TriageInput } from './types';
import type { WeakComponents } from './weak-components';

/** Evidence sentences kept per decision point; the rest are counted. */
const MAX_EVIDENCE = 5;

type Computed = { [P in DecisionPoint]: DecisionPointResult<P> };

/** What the decision points need about the model, computed once per analysis. */
export class TriageContext {
  private readonly components: ReadonlyMap<string, ComponentInput>;
  private readonly names = new Map<string, string>();
  private readonly ages = new Map<string, number | undefined>();
  /** Per adversary index: what it says about every gap it brings in (null: no such adversary). */
  private readonly facts: (AdversaryFacts | null | undefined)[] = [];
  private readonly byComponents = new Map<string, Pick<Computed, 'exposure' | 'missionImpact'>>();
  /** Activity by a hash of the sequence of adversaries that bring a technique in: no key string per gap. */
  private readonly activityBySet = new Map<number, ActivityEntry[]>();

  constructor(
    private readonly index: AttackIndex,
    private readonly input: CoverageInput,
    private readonly triage: TriageInput,
  ) {
    this.components = new Map(input.components.map((c) => [c.id, c]));
  }

  /** The decision points of `t` (a gap, or an accepted technique, below the policy on `weak`) before any assessment. */
  compute(t: TechniqueResult, weak: WeakComponents): Computed {
    let points = this.byComponents.get(weak.key);
    if (!points) this.byComponents.set(weak.key, (points = { exposure: this.exposure(weak.ids), missionImpact: this.missionImpact(weak.ids) }));
    return { activity: this.activity(t), automatable: this.automatable(t), exposure: points.exposure, missionImpact: points.missionImpact };
  }

  /** What adversary `i` says about each gap it brings in, worked out at its first gap. */
  private factsOf(i: number, label: string): AdversaryFacts | null {
    let f = this.facts[i];
    if (f === undefined) {
      const a = this.input.adversaries[i];
      f = a ? { ...this.activityLine(a, label), ...this.automation(a, label), viaSentences: new Map() } : null;
      this.facts[i] = f;
    }
    return f;
  }

  /** Activity depends only on which adversaries bring the technique in: gaps with the same ones share the result. */
  private activity(t: TechniqueResult): DecisionPointResult<'activity'> {
    const entries = t.adversaries;
    let hash = 0x811c9dc5;
    for (const e of entries) hash = Math.imul(hash ^ e.adversary, 0x01000193);
    const bucket = this.activityBySet.get(hash);
    const found = bucket?.find((b) => b.adversaries.length === entries.length && entries.every((e, i) => e.adversary === b.adversaries[i]));
    if (found) return found.result;
    const sequence = new Int32Array(entries.length);
    for (let i = 0; i < entries.length; i++) sequence[i] = entries[i]!.adversary;
    const entry: ActivityEntry = { adversaries: sequence, result: this.activityOf(t) };
    if (bucket) bucket.push(entry);
    else this.activityBySet.set(hash, [entry]);
    return entry.result;
  }

  private activityOf(t: TechniqueResult): DecisionPointResult<'activity'> {
    const { asOf, intelMaxAgeDays: maxAge } = this.triage;
    const active: string[] = [];
    const older: string[] = [];
    let activeCount = 0;
    let olderCount = 0;
    for (const e of t.adversaries) {
      const f = this.factsOf(e.adversary, e.label);
      if (!f) continue;
      if (f.active) {
        if (activeCount++ < MAX_EVIDENCE) active.push(f.activityText);
      } else if (activeCount === 0 && olderCount++ < MAX_EVIDENCE - 1) {
        // The reason line comes first when nothing is active, so one slot fewer for the older entries.
        older.push(f.activityText);
      }
    }
    if (activeCount > 0) return withMore<'activity'>('active', active, activeCount - MAX_EVIDENCE);
    const why = asOf === undefined ? 'no triage date: no intelligence counts as current' : `no intelligence or campaign within ${maxAge} days of ${asOf}`;
    return withMore<'activity'>('reported', [why, ...older], olderCount - (MAX_EVIDENCE - 1));
  }

  /** Whether adversary `a` is current activity, and the sentence that says so. */
  private activityLine(a: AdversaryInput, label: string): Pick<AdversaryFacts, 'active' | 'activityText'> {
    const { asOf, intelMaxAgeDays: maxAge } = this.triage;
    if (a.kind === 'intel') {
      const age = a.date === undefined ? undefined : this.ageOf(a.date);
      if (a.date === undefined) return { active: false, activityText: `${label}: undated intelligence` };
      if (age !== undefined && age >= 0 && age <= maxAge) return { active: true, activityText: `${label}: intelligence of ${a.date}, ${age} days before ${asOf}` };
      return { active: false, activityText: `${label}: intelligence of ${a.date}${age === undefined ? '' : age < 0 ? `, after ${asOf}` : `, ${age} days before ${asOf} (over ${maxAge})`}` };
    }
    if (a.kind === 'campaign' && a.ref !== undefined) {
      const last = (this.index.get(a.ref, 'campaign') as Campaign | undefined)?.lastSeen;
      const age = last === undefined ? undefined : this.ageOf(last);
      return age !== undefined && age >= 0 && age <= maxAge
        ? { active: true, activityText: `${label} (${a.ref}): campaign last seen ${last}, ${age} days before ${asOf}` }
        : { active: false, activityText: `${label} (${a.ref}): campaign last seen ${last ?? 'at an unknown date'}` };
    }
    return { active: false, activityText: `${label}${a.ref !== undefined && a.ref !== label ? ` (${a.ref})` : ''}: reported in ATT&CK` };
  }

  /**
   * Whether adversary `a` makes every technique it brings in automatable (ATT&CK software, intelligence that says
   * automated), or else the technique → software map through which a group or campaign does (includeSoftware on).
   */
  private automation(a: AdversaryInput, label: string): Pick<AdversaryFacts, 'automatedText' | 'software'> {
    if (a.kind === 'software') return { automatedText: `${label}: ATT&CK software that uses it` };
    if (a.kind === 'intel') return a.automated === true ? { automatedText: `${label}: own intelligence, automated: true` } : {};
    return a.ref !== undefined && a.includeSoftware && (a.kind === 'group' || a.kind === 'campaign') ? { software: softwareOf(this.index, a.ref) } : {};
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
    const yes: string[] = [];
    let count = 0;
    let ord: number | undefined;
    for (const e of t.adversaries) {
      const f = this.factsOf(e.adversary, e.label);
      if (!f) continue;
      if (f.automatedText !== undefined) {
        if (count++ < MAX_EVIDENCE) yes.push(f.automatedText);
        continue;
      }
      if (!f.software) continue;
      // An entry via software names it; a direct or listed one is looked up in the group's software (by ordinal:
      // this loop runs for every gap × adversary).
      if (!e.software) {
        if (ord === undefined) ord = techniqueOrdinals(this.index).get(t.id) ?? -1;
        if (ord < 0 || f.software.marks[ord] !== 1) continue;
      }
      if (count++ >= MAX_EVIDENCE) continue;
      const ids = e.software ?? f.software.byTechnique.get(t.id) ?? [];
      // The software lists of the adversary evidence are shared between techniques (one piece of software is the
      // common case), so the sentence is too.
      let sentence = f.viaSentences.get(ids);
      if (sentence === undefined) {
        const names = e.software ? e.softwareNames : undefined;
        const via: string[] = [];
        for (let k = 0; k < Math.min(3, ids.length); k++) via.push(`${names?.[k] ?? this.nameOf(ids[k]!)} (${ids[k]})`);
        f.viaSentences.set(ids, (sentence = `${e.label} via ${via.join(', ')}${ids.length > 3 ? ` and ${ids.length - 3} more` : ''}`));
      }
      yes.push(sentence);
    }
    return count > 0 ? withMore<'automatable'>('yes', yes, count - MAX_EVIDENCE) : NOT_AUTOMATABLE;
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

interface ActivityEntry {
  readonly adversaries: Int32Array;
  readonly result: DecisionPointResult<'activity'>;
}

/** What one adversary says about every gap it brings in. */
interface AdversaryFacts {
  readonly active: boolean;
  readonly activityText: string;
  /** Set when the adversary alone makes a technique automatable (ATT&CK software, intelligence with automated). */
  readonly automatedText?: string;
  /** Technique → the ATT&CK software through which a group or campaign uses it. */
  readonly software?: SoftwareUse;
  /** Software list → the sentence that names it, for this adversary. */
  readonly viaSentences: Map<readonly string[], string>;
}

/** One shared result: nothing in the model makes the technique automatable. */
const NOT_AUTOMATABLE: DecisionPointResult<'automatable'> = Object.freeze({
  value: 'no',
  evidence: Object.freeze(['no adversary brings it in through ATT&CK software, and no intelligence says automated']),
});

/** Technique → the ATT&CK software of one group or campaign that uses it, and the same as marks by technique ordinal. */
interface SoftwareUse {
  readonly byTechnique: ReadonlyMap<string, readonly string[]>;
  /** 1 at the ordinal (position in index.techniques) of every live technique in `byTechnique`. */
  readonly marks: Uint8Array;
}

/**
 * What group or campaign `ref` uses through its software, and each live technique's ordinal. Both depend on the
 * ATT&CK data alone, so they are kept per index across analyses (the editor analyses the same model on every edit).
 */
const softwareByIndex = new WeakMap<AttackIndex, Map<string, SoftwareUse>>();
const ordinalsByIndex = new WeakMap<AttackIndex, ReadonlyMap<string, number>>();

function techniqueOrdinals(index: AttackIndex): ReadonlyMap<string, number> {
  let ordinals = ordinalsByIndex.get(index);
  if (!ordinals) ordinalsByIndex.set(index, (ordinals = new Map(index.techniques.map((t, n) => [t.id, n]))));
  return ordinals;
}

function softwareOf(index: AttackIndex, ref: string): SoftwareUse {
  let byRef = softwareByIndex.get(index);
  if (!byRef) softwareByIndex.set(index, (byRef = new Map()));
  let use = byRef.get(ref);
  if (!use) {
    const out = new Map<string, string[]>();
    for (const s of index.related(ref, 'uses')) {
      if (!index.get(s, 'software')) continue;
      for (const t of index.related(s, 'uses')) {
        const list = out.get(t);
        if (!list) out.set(t, [s]);
        else if (!list.includes(s)) list.push(s);
      }
    }
    const ordinals = techniqueOrdinals(index);
    const marks = new Uint8Array(index.techniques.length);
    for (const t of out.keys()) {
      const n = ordinals.get(t);
      if (n !== undefined) marks[n] = 1;
    }
    byRef.set(ref, (use = { byTechnique: out, marks }));
  }
  return use;
}

/** The value with the sentences kept; `more` counts those past the cap (`over` > 0). */
function withMore<P extends DecisionPoint>(value: DecisionValues[P], evidence: readonly string[], over: number): DecisionPointResult<P> {
  return over > 0 ? { value, evidence, more: over } : { value, evidence };
}

function capped<P extends DecisionPoint>(value: DecisionValues[P], evidence: readonly string[]): DecisionPointResult<P> {
  return evidence.length > MAX_EVIDENCE ? { value, evidence: evidence.slice(0, MAX_EVIDENCE), more: evidence.length - MAX_EVIDENCE } : { value, evidence };
}
