/** Each decision point's rule (docs/triage.md), assessments, the outcome and the order of the gaps. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildIndexFromText } from '../../../src/core/attack';
import { analyseCoverage } from '../../../src/core/coverage/engine';
import type { AdversaryInput, ComponentInput, CoverageInput, TechniqueResult } from '../../../src/core/coverage/types';
import { DEFAULT_DECISION_TABLE } from '../../../src/core/triage/decision-table';
import type { TriageInput } from '../../../src/core/triage/types';
import { miniBundle } from '../coverage/fixture';

// The coverage fixture plus a campaign last seen on 2026-06-01 that uses T1003, and Alpha Group using T1002 both
// directly and through AlphaRAT.
const index = buildIndexFromText(miniBundle((add, ids) => {
  const c = add({ type: 'campaign', id: 'campaign--00000000-0000-4000-8000-000000000901', name: 'Operation Delta', last_seen: '2026-06-01T04:00:00.000Z', external_references: [{ source_name: 'mitre-attack', external_id: 'C0002', url: 'https://attack.mitre.org/campaigns/C0002' }] });
  add({ type: 'relationship', id: 'relationship--00000000-0000-4000-8000-000000000902', relationship_type: 'uses', source_ref: c.id, target_ref: ids.get('T1003') });
  add({ type: 'relationship', id: 'relationship--00000000-0000-4000-8000-000000000903', relationship_type: 'uses', source_ref: ids.get('G0001'), target_ref: ids.get('T1002') });
}), 'enterprise-attack-1.0.json');

const WIN: ComponentInput = { id: 'win', platforms: ['Windows'], assets: [] };
const LIN: ComponentInput = { id: 'lin', platforms: ['Linux'], assets: [], exposure: 'internet-facing', crownJewel: true };
const MAC: ComponentInput = { id: 'mac', platforms: ['macOS'], assets: [], exposure: 'partner-facing', impact: 'low' };
const intel = (techniques: string[], more: Partial<AdversaryInput> = {}): AdversaryInput => ({ kind: 'intel', label: 'Own intel', includeSoftware: false, techniques: techniques.map((id) => ({ id })), ...more });
const group = (ref: string, more: Partial<AdversaryInput> = {}): AdversaryInput => ({ kind: 'group', ref, label: ref, includeSoftware: true, techniques: [], ...more });
const triage = (more: Partial<TriageInput> = {}): TriageInput => ({ asOf: '2026-12-03', intelMaxAgeDays: 365, maxAcceptanceDays: 365, table: DEFAULT_DECISION_TABLE, assessments: [], acceptances: [], ...more });

function run(more: Partial<CoverageInput>): { get: (id: string) => TechniqueResult; order: readonly string[]; summary: ReturnType<typeof analyseCoverage>['summary'] } {
  const r = analyseCoverage(index, { minCoverage: 'partial', components: [WIN, LIN, MAC], adversaries: [], exclusions: [], controls: [], triage: triage(), ...more });
  const by = new Map(r.techniques.map((t) => [t.id, t]));
  return { get: (id) => by.get(id)!, order: r.prioritizedGaps, summary: r.summary };
}

describe('activity', () => {
  test('own intelligence dated within intelMaxAge before the triage date: active, with the age as evidence', () => {
    const t = run({ adversaries: [intel(['T1001'], { date: '2026-10-15', label: 'ISAC bulletin' })] }).get('T1001');
    assert.equal(t.triage?.activity.value, 'active');
    assert.deepEqual(t.triage?.activity.evidence, ['ISAC bulletin: intelligence of 2026-10-15, 49 days before 2026-12-03']);
  });

  test('older, undated, after the triage date, or no triage date: reported', () => {
    const cases: [Partial<AdversaryInput>, Partial<TriageInput>, RegExp][] = [
      [{ date: '2025-12-02' }, {}, /intelligence of 2025-12-02, 366 days before 2026-12-03 \(over 365\)/],
      [{}, {}, /undated intelligence/],
      [{ date: '2026-12-04' }, {}, /intelligence of 2026-12-04, after 2026-12-03/],
      [{ date: '2026-12-01' }, { asOf: undefined }, /no triage date/],
      [{ date: '2026-06-01' }, { intelMaxAgeDays: 90 }, /over 90/],
    ];
    for (const [adv, tri, evidence] of cases) {
      const t = run({ adversaries: [intel(['T1001'], adv)], triage: triage(tri) }).get('T1001');
      assert.equal(t.triage?.activity.value, 'reported', JSON.stringify(adv));
      assert.match(t.triage?.activity.evidence.join(' | ') ?? '', evidence);
    }
    assert.equal(run({ adversaries: [intel(['T1001'], { date: '2025-12-03' })] }).get('T1001').triage?.activity.value, 'active', 'exactly 365 days is within');
  });

  test('a campaign adversary last seen within intelMaxAge: active; an ATT&CK group: reported', () => {
    const campaign: AdversaryInput = { kind: 'campaign', ref: 'C0002', label: 'Operation Delta', includeSoftware: true, techniques: [] };
    assert.match(run({ adversaries: [campaign] }).get('T1003').triage?.activity.evidence[0] ?? '', /campaign last seen 2026-06-01, 185 days before 2026-12-03/);
    assert.equal(run({ adversaries: [campaign], triage: triage({ intelMaxAgeDays: 100 }) }).get('T1003').triage?.activity.value, 'reported');
    assert.equal(run({ adversaries: [group('G0002')] }).get('T1003').triage?.activity.value, 'reported');
  });
});

describe('automatable', () => {
  test('through ATT&CK software: yes, naming it — also when the group uses the technique directly', () => {
    const { get } = run({ adversaries: [group('G0001')] });
    assert.equal(get('T1000.001').triage?.automatable.value, 'yes');
    assert.deepEqual(get('T1000.001').triage?.automatable.evidence, ['Alpha Group via AlphaRAT (S0001)']);
    assert.equal(get('T1002').adversaries[0]?.via, 'direct');
    assert.deepEqual(get('T1002').triage?.automatable.evidence, ['Alpha Group via AlphaRAT (S0001)']);
    assert.equal(get('T1001').triage?.automatable.value, 'no', 'only direct use, no software');
  });

  test('includeSoftware: false does not count the software; a software adversary and automated intel do', () => {
    assert.equal(run({ adversaries: [group('G0001', { includeSoftware: false, techniques: [{ id: 'T1002' }] })] }).get('T1002').triage?.automatable.value, 'no');
    assert.equal(run({ adversaries: [{ kind: 'software', ref: 'S0001', label: 'AlphaRAT', includeSoftware: false, techniques: [] }] }).get('T1002').triage?.automatable.value, 'yes');
    assert.equal(run({ adversaries: [intel(['T1001'], { automated: true })] }).get('T1001').triage?.automatable.value, 'yes');
    assert.equal(run({ adversaries: [intel(['T1001'])] }).get('T1001').triage?.automatable.value, 'no');
  });
});

describe('exposure and missionImpact, over the components where it applies below the policy', () => {
  test('open (internet-facing), controlled (partner-facing), small; high for a crown jewel, low only when all are low', () => {
    const { get } = run({ adversaries: [intel(['T1000', 'T1002', 'T1003'])] });
    assert.deepEqual([get('T1000').triage?.exposure.value, get('T1000').triage?.missionImpact.value], ['open', 'high']);
    assert.deepEqual(get('T1000').triage?.exposure.evidence, ['lin: internet-facing']);
    assert.deepEqual([get('T1002').triage?.exposure.value, get('T1002').triage?.missionImpact.value], ['controlled', 'low']);
    assert.deepEqual([get('T1003').triage?.exposure.value, get('T1003').triage?.missionImpact.value], ['small', 'medium']);
    assert.deepEqual(get('T1003').triage?.missionImpact.evidence, ['win: impact not given (medium)']);
  });

  test('a component the controls already cover at the policy does not count', () => {
    const covered = run({
      adversaries: [intel(['T1000'])],
      controls: [{ id: 'EDR', status: 'implemented', appliesTo: ['lin'], mitigations: [], techniques: [{ id: 'T1000', level: 'significant' }] }],
    }).get('T1000');
    assert.equal(covered.state, 'gap', 'still a gap on win');
    assert.deepEqual([covered.triage?.exposure.value, covered.triage?.missionImpact.value], ['small', 'medium']);
  });

  test('impact: high counts as a crown jewel; no tech stack is small and medium', () => {
    const t = run({ components: [{ ...WIN, impact: 'high' }], adversaries: [intel(['T1003'])] }).get('T1003');
    assert.deepEqual(t.triage?.missionImpact.evidence, ['win: impact high']);
    const bare = run({ components: [], adversaries: [intel(['T1003'])] }).get('T1003');
    assert.deepEqual([bare.triage?.exposure.value, bare.triage?.missionImpact.value], ['small', 'medium']);
  });
});

describe('outcome, assessments and order', () => {
  test('the outcome is the table\'s for the four values, with the path', () => {
    const t = run({ adversaries: [intel(['T1000'], { date: '2026-11-01', automated: true })] }).get('T1000');
    assert.equal(t.triage?.outcome, 'act');
    assert.equal(t.triage?.path, 'active · automatable · open · high → Act');
  });

  test('techniques.assess replaces a value, keeps the computed one and the reason as evidence', () => {
    const t = run({
      adversaries: [intel(['T1000'], { date: '2026-11-01', automated: true })],
      triage: triage({ assessments: [{ id: 'T1000', values: { exposure: 'small' }, reason: 'behind the VPN since May' }] }),
    }).get('T1000');
    assert.deepEqual(t.triage?.exposure, { value: 'small', evidence: ['assessed in the model: behind the VPN since May', 'computed: open'], assessed: { computed: 'open', reason: 'behind the VPN since May' } });
    assert.equal(t.triage?.path, 'active · automatable · small · high → Attend');
  });

  test('gaps are ordered by outcome, then priority score, then Top Techniques score, then ID; ranks follow', () => {
    const top = new Map([['T1002', { prevalence: 1, chokePoint: 1, actionability: 1, combined: 3 }], ['T1003', { prevalence: 0, chokePoint: 0, actionability: 0.5, combined: 0.5 }]]);
    const { order, get, summary } = run({
      adversaries: [intel(['T1000'], { date: '2026-11-01', automated: true }), intel(['T1001', 'T1002', 'T1003'])],
      triage: triage({ top }),
    });
    // T1000: Act. T1001: Track* (open, high). T1002 and T1003: Track, same score; T1002 has the higher Top score.
    assert.deepEqual(order, ['T1000', 'T1001', 'T1002', 'T1003']);
    assert.deepEqual(order.map((id) => get(id).priority?.rank), [1, 2, 3, 4]);
    assert.deepEqual(get('T1002').triage?.top, top.get('T1002'));
    assert.deepEqual(summary.outcomes, { act: 1, attend: 0, 'track*': 1, track: 2 });
  });
});
