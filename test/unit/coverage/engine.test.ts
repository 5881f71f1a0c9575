import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { analyseCoverage } from '../../../src/core/coverage/engine';
import type { ControlInput, CoverageInput, AdversaryInput, TechniqueResult } from '../../../src/core/coverage/types';
import { miniIndex } from './fixture';

const index = miniIndex();
const group = (ref: string, more: Partial<AdversaryInput> = {}): AdversaryInput => ({ kind: 'group', ref, label: ref, includeSoftware: true, techniques: [], ...more });
const control = (id: string, more: Partial<ControlInput>): ControlInput => ({ id, status: 'implemented', mitigations: [], techniques: [], ...more });
const input = (more: Partial<CoverageInput>): CoverageInput => ({
  minCoverage: 'partial',
  components: [
    { id: 'win', platforms: ['Windows'], assets: [] },
    { id: 'lin', platforms: ['Linux'], assets: [], exposure: 'internet-facing', crownJewel: true },
  ],
  adversaries: [],
  exclusions: [],
  controls: [],
  ...more,
});
const run = (more: Partial<CoverageInput>) => {
  const r = analyseCoverage(index, input(more));
  const by = new Map<string, TechniqueResult>(r.techniques.map((t) => [t.id, t]));
  return { r, get: (id: string) => by.get(id)! };
};

describe('technique universe', () => {
  test('one result per live technique; revoked and deprecated are left out', () => {
    const { r } = run({});
    assert.deepEqual(r.techniques.map((t) => t.id), ['T1000', 'T1000.001', 'T1000.002', 'T1001', 'T1002', 'T1003']);
  });
});

describe('adversary set A', () => {
  test('a group brings its uses techniques and, by default, those of its software', () => {
    const { get } = run({ adversaries: [group('G0001')] });
    assert.deepEqual(['T1000', 'T1001', 'T1002', 'T1000.001'].map((id) => get(id).adversary), [true, true, true, true]);
    assert.equal(get('T1000.002').adversary, false, 'the parent does not imply its sub-techniques');
    assert.equal(get('T1003').adversary, false);
    assert.deepEqual(get('T1002').adversaries, [{ adversary: 0, label: 'Alpha Group', via: 'software', software: ['S0001'], softwareNames: ['AlphaRAT'] }], 'a bare ID is labelled with its ATT&CK name');
    assert.equal(get('T1000').adversaries[0]?.via, 'direct');
  });
  test('includeSoftware: false keeps only the group\'s own techniques', () => {
    const { get } = run({ adversaries: [group('G0001', { includeSoftware: false })] });
    assert.equal(get('T1002').adversary, false);
    assert.equal(get('T1000.001').adversary, false, 'a sub-technique is not implied by its parent either');
  });
  test('deprecated relationships and relationships to revoked objects are ignored', () => {
    const { get } = run({ adversaries: [group('G0002')] });
    assert.equal(get('T1001').adversary, false);
    assert.equal(get('T1003').adversary, true);
    assert.equal(get('T1000.002').adversary, true, 'via the tool S0002');
  });
  test('software brings only its own uses; campaigns behave like groups', () => {
    const sw = run({ adversaries: [{ kind: 'software', ref: 'S0001', label: 'AlphaRAT', includeSoftware: true, techniques: [] }] });
    assert.deepEqual(sw.r.techniques.filter((t) => t.adversary).map((t) => t.id), ['T1000.001', 'T1002']);
    const c = run({ adversaries: [{ kind: 'campaign', ref: 'C0001', label: 'Gamma', includeSoftware: true, techniques: [] }] });
    assert.deepEqual(c.r.techniques.filter((t) => t.adversary).map((t) => t.id), ['T1002']);
  });
  test('own intelligence adds its listed techniques; unknown IDs add nothing', () => {
    const { r, get } = run({ adversaries: [{ kind: 'intel', label: 'Sector', includeSoftware: true, techniques: [{ id: 'T1003' }, { id: 'T9999' }] }] });
    assert.equal(get('T1003').adversaries[0]?.via, 'listed');
    assert.equal(r.summary.adversary, 1);
  });
  test('techniques.exclude removes from A and gives the excluded state', () => {
    const { r, get } = run({ adversaries: [group('G0001')], exclusions: [{ id: 'T1001', reason: 'no such host' }] });
    assert.equal(get('T1001').state, 'excluded');
    assert.equal(get('T1001').adversary, false);
    assert.equal(get('T1001').adversaries.length, 1, 'who uses it is still explained');
    assert.equal(r.summary.excluded, 1);
  });
});

describe('applicability and states', () => {
  test('platform intersection decides; no match is not-applicable with coverage none', () => {
    const { get } = run({ adversaries: [group('G0001')] });
    assert.equal(get('T1002').state, 'not-applicable', 'macOS only');
    assert.equal(get('T1002').coverage, 'none');
    assert.deepEqual(get('T1000').components.map((c) => c.component), ['win', 'lin']);
    assert.equal(get('T1003').state, 'applicable', 'applies but no adversary uses it');
    assert.equal(get('T1001').state, 'gap');
  });
  test('with no techStack every technique applies once, to an implicit component', () => {
    const { get } = run({ components: [], adversaries: [group('G0001')] });
    assert.equal(get('T1002').state, 'gap');
    assert.deepEqual(get('T1002').components.map((c) => c.component), ['*']);
  });
});

describe('control levels', () => {
  test('a mitigation gives its level to every technique it mitigates; coverage is the weakest component', () => {
    const { get } = run({
      adversaries: [group('G0001')],
      controls: [control('C1', { appliesTo: ['win'], mitigations: [{ id: 'M0001', level: 'significant' }] })],
    });
    const t = get('T1000');
    assert.deepEqual(t.components.map((c) => [c.component, c.coverage]), [['win', 'significant'], ['lin', 'none']]);
    assert.equal(t.coverage, 'none');
    assert.equal(t.state, 'gap');
    assert.equal(get('T1000.001').coverage, 'none', 'mitigates on the parent does not reach sub-techniques');
  });
  test('the highest level of any counting control wins per component; covered at minCoverage', () => {
    const { get } = run({
      adversaries: [group('G0001')],
      controls: [
        control('C1', { mitigations: [{ id: 'M0001', level: 'minimal' }] }),
        control('C2', { techniques: [{ id: 'T1000', level: 'partial' }] }),
      ],
    });
    assert.equal(get('T1000').coverage, 'partial');
    assert.equal(get('T1000').state, 'covered');
    assert.deepEqual(get('T1000').components[0]?.controls.map((c) => [c.control, c.level, c.via]), [['C2', 'partial', 'technique'], ['C1', 'minimal', 'mitigation']]);
    assert.equal(get('T1001').state, 'gap', 'minimal < partial');
  });
  test('a parent entry gives its level to sub-techniques the control does not list itself', () => {
    const { get } = run({
      controls: [control('C1', { techniques: [{ id: 'T1000', level: 'significant' }, { id: 'T1000.002', level: 'minimal' }] })],
    });
    assert.equal(get('T1000.001').coverage, 'significant');
    assert.equal(get('T1000.001').components[0]?.controls[0]?.via, 'parent');
    assert.equal(get('T1000.002').coverage, 'minimal', 'its own entry wins over the parent entry');
  });
  test('only implemented and partial controls count; partial caps at partial', () => {
    const { get } = run({
      controls: [
        control('P', { status: 'partial', techniques: [{ id: 'T1003', level: 'significant' }] }),
        control('PL', { status: 'planned', techniques: [{ id: 'T1001', level: 'significant' }] }),
        control('R', { status: 'retired', techniques: [{ id: 'T1000.001', level: 'significant' }] }),
      ],
    });
    assert.equal(get('T1003').coverage, 'partial');
    assert.equal(get('T1003').components[0]?.controls[0]?.capped, true);
    assert.equal(get('T1001').coverage, 'none');
    assert.equal(get('T1000.001').coverage, 'none');
  });
  test('appliesTo limits a control to the named components', () => {
    const { get } = run({ controls: [control('L', { appliesTo: ['lin'], techniques: [{ id: 'T1000', level: 'significant' }] })] });
    assert.deepEqual(get('T1000').components.map((c) => c.coverage), ['none', 'significant']);
    assert.equal(get('T1000.002').coverage, 'significant');
  });
  test('default minCoverage partial; a stricter policy turns covered into gaps', () => {
    const strict = run({ minCoverage: 'significant', adversaries: [group('G0002')], controls: [control('C', { mitigations: [{ id: 'M0002', level: 'partial' }] })] });
    assert.equal(strict.get('T1003').state, 'gap');
    const none = run({ minCoverage: 'none', adversaries: [group('G0002')] });
    assert.equal(none.get('T1003').state, 'covered', 'everything is covered when the policy asks for none');
  });
});

describe('summary and priority', () => {
  test('summary counts match the states, and gaps are ranked with reasons', () => {
    const { r } = run({ adversaries: [group('G0001'), group('G0002')] });
    const states = r.techniques.map((t) => t.state);
    assert.equal(r.summary.gaps, states.filter((s) => s === 'gap').length);
    assert.equal(r.summary.relevant, r.summary.gaps + r.summary.covered);
    assert.equal(r.prioritizedGaps.length, r.summary.gaps);
    const top = r.techniques.find((t) => t.id === r.prioritizedGaps[0])!;
    assert.equal(top.priority?.rank, 1);
    assert.ok(top.priority!.reasons.some((x) => x.startsWith('used by')));
  });
  test('deterministic: the same input gives the same JSON', () => {
    const a = JSON.stringify(run({ adversaries: [group('G0001')] }).r);
    const b = JSON.stringify(run({ adversaries: [group('G0001')] }).r);
    assert.equal(a, b);
  });
});
