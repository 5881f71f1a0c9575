import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { buildIndexFromText } from '../../../src/core/attack';
import { analyseCoverage } from '../../../src/core/coverage/engine';
import type { CoverageInput } from '../../../src/core/coverage/types';
import { miniBundle } from './fixture';

// ICS techniques carry no real platform (["None"]); they are scoped by the assets they `target`.
const text = miniBundle((add, ids) => {
  const asset = (id: string, name: string, n: number) => {
    const o = add({ type: 'x-mitre-asset', id: `x-mitre-asset--00000000-0000-4000-9000-${String(n).padStart(12, '0')}`, name, description: name, external_references: [{ source_name: 'mitre-attack', external_id: id }] });
    ids.set(id, o.id);
  };
  asset('A0002', 'Human-Machine Interface (HMI)', 1);
  asset('A0003', 'Programmable Logic Controller (PLC)', 2);
  const technique = (id: string, name: string, n: number) => {
    const o = add({
      type: 'attack-pattern', id: `attack-pattern--00000000-0000-4000-9000-${String(n).padStart(12, '0')}`, name, description: name,
      kill_chain_phases: [{ kill_chain_name: 'mitre-ics-attack', phase_name: 'impact' }], x_mitre_platforms: ['None'],
      external_references: [{ source_name: 'mitre-attack', external_id: id }],
    });
    ids.set(id, o.id);
  };
  technique('T0800', 'Targets HMI', 10);
  technique('T0801', 'Targets PLC', 11);
  let r = 20;
  const targets = (from: string, to: string) => add({ type: 'relationship', id: `relationship--00000000-0000-4000-9000-${String(r++).padStart(12, '0')}`, relationship_type: 'targets', source_ref: ids.get(from), target_ref: ids.get(to) });
  targets('T0800', 'A0002');
  targets('T0801', 'A0003');
});
const index = buildIndexFromText(text, 'enterprise-attack-1.0.json');
const run = (assets: string[]) => {
  const input: CoverageInput = {
    minCoverage: 'partial',
    components: [{ id: 'plant', platforms: [], assets }],
    adversaries: [{ kind: 'intel', label: 'intel', includeSoftware: false, techniques: [{ id: 'T0800' }, { id: 'T0801' }] }],
    exclusions: [],
    controls: [],
  };
  const r = analyseCoverage(index, input);
  return (id: string) => r.techniques.find((t) => t.id === id)!;
};

describe('ICS applicability by asset', () => {
  test('an asset named by ID, full name or abbreviation scopes the techniques that target it', () => {
    for (const name of ['A0002', 'Human-Machine Interface (HMI)', 'HMI', 'hmi']) {
      const get = run([name]);
      assert.equal(get('T0800').state, 'gap', `${name} makes T0800 relevant`);
      assert.deepEqual(get('T0800').components.map((c) => c.assets), [['A0002']]);
      assert.equal(get('T0801').state, 'not-applicable', `${name} does not bring in the PLC technique`);
    }
  });
  test('a platform of "None" does not make ICS techniques apply to every component', () => {
    const get = run([]);
    assert.equal(get('T0800').state, 'not-applicable');
    assert.equal(get('T0801').coverage, 'none');
  });
  test('unknown asset names match nothing', () => {
    assert.equal(run(['Mainframe'])('T0800').state, 'not-applicable');
  });
});
