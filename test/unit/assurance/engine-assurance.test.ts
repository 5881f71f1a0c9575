/**
 * Assurance through the whole pipeline on the mini world (test/unit/coverage/fixture.ts): YAML → parse → engine
 * input → engine. Every claim state, the cap of a missed test, the as-of date and the latest-test rule.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { analyseCoverage } from '../../../src/core/coverage/engine';
import { coverageInputFrom } from '../../../src/core/coverage/model-input';
import type { TechniqueResult } from '../../../src/core/coverage/types';
import { parseControlInventory, parseThreatModel } from '../../../src/core/model/index';
import { miniIndex } from '../coverage/fixture';

const index = miniIndex();

const MODEL = (policy = '{ asOf: "2026-12-01" }') => `threatModel: 1
name: Assurance
attack: { domain: enterprise-attack, version: "1.0" }
techStack:
  - { id: win, platforms: [Windows] }
  - { id: lin, platforms: [Linux] }
adversaries:
  - { group: G0001 }
  - { group: G0002 }
controls: [ ./a.controls.yaml ]
policy: ${policy}
`;

const INVENTORY = `controlInventory: 1
controls:
  - id: EDR
    name: EDR
    techniques:
      - id: T1001
        coverage: significant
        validated:
          - { date: 2026-11-01, method: atomic, ref: guid-1, result: detected }
      - id: T1003
        coverage: significant
        validated:
          - { date: 2026-01-10, method: purple-team, ref: PT-1, result: blocked }
      - id: T1000
        coverage: significant
        validated:
          - { date: 2026-10-01, method: atomic, ref: parent-test, result: detected }
      - id: T1000.002
        coverage: significant
        validated:
          - { date: 2026-09-01, method: pentest, ref: PEN-1, result: detected }
          - { date: 2026-11-20, method: incident, ref: INC-7, result: missed }
  - id: MAIL
    name: Mail gateway
    techniques: [ { id: T1001, coverage: partial } ]
  - id: BACKUP
    name: Backups
    mitigations: [ { id: M0002, coverage: significant } ]
    validated:
      - { technique: T1003, date: 2026-11-15, method: purple-team, ref: PT-2, result: missed }
`;

function analyse(policy?: string, inventory = INVENTORY, asOf?: string) {
  const model = parseThreatModel(MODEL(policy), 'm.threatmodel.yaml');
  const inv = parseControlInventory(inventory, 'a.controls.yaml');
  assert.deepEqual(model.diagnostics.filter((d) => d.severity === 'error'), []);
  assert.deepEqual(inv.diagnostics.filter((d) => d.severity === 'error'), [], 'the inventory with validated entries passes the schema');
  const input = coverageInputFrom(model.model!, [inv.model!], undefined, asOf ? { asOf } : {});
  const r = analyseCoverage(index, input);
  const by = new Map<string, TechniqueResult>(r.techniques.map((t) => [t.id, t]));
  const claim = (id: string, component: string, control: string) => by.get(id)!.components.find((c) => c.component === component)!.controls.find((c) => c.control === control)!;
  return { r, get: (id: string) => by.get(id)!, claim };
}

describe('assurance in the engine', () => {
  test('validated: a recent detected test; the technique is validated where that claim sets the coverage', () => {
    const { get, claim } = analyse();
    const edr = claim('T1001', 'lin', 'EDR');
    assert.equal(edr.validation?.state, 'validated');
    assert.equal(edr.validation?.latest?.ref, 'guid-1');
    assert.equal(edr.validation?.latest?.source?.file, 'a.controls.yaml');
    assert.equal(claim('T1001', 'lin', 'MAIL').validation, undefined, 'MAIL recorded no test: untested');
    assert.deepEqual(get('T1001').assurance, { state: 'validated', tested: 1, claims: 2 }, 'the significant claim that sets the coverage is validated');
  });

  test('stale: the latest test is older than policy.validationMaxAge (default 180 days)', () => {
    const { claim } = analyse('{ asOf: "2026-12-01" }');
    // T1003's entry test is from 2026-01-10: 325 days before the as-of date.
    const { r } = analyse('{ asOf: "2026-12-01", validationMaxAge: 400 }');
    assert.equal(claim('T1003', 'win', 'EDR').validation?.state, 'stale');
    assert.equal(r.techniques.find((t) => t.id === 'T1003')!.components[0]!.controls.find((c) => c.control === 'EDR')!.validation?.state, 'validated', 'with a max age of 400 days it is current');
  });

  test('failed: a missed latest test caps the claim at none; the coverage falls to what other claims give', () => {
    const { get, claim } = analyse();
    const edr = claim('T1000.002', 'lin', 'EDR');
    assert.equal(edr.validation?.state, 'failed');
    assert.equal(edr.level, 'none', 'capped at none');
    assert.equal(edr.claimed, 'significant', 'what it claimed is kept');
    assert.equal(edr.validation?.latest?.ref, 'INC-7', 'the latest test by date is the incident, not the earlier pentest');
    assert.equal(get('T1000.002').coverage, 'none');
    assert.equal(get('T1000.002').state, 'gap', 'T1000.002 is used by G0002 (via BetaTool) and is now a gap');
    assert.equal(get('T1000.002').assurance?.state, 'failed');
  });

  test('a control-level test counts for a mitigation claim and caps it', () => {
    const { get, claim } = analyse();
    const backup = claim('T1003', 'win', 'BACKUP');
    assert.equal(backup.via, 'mitigation');
    assert.equal(backup.validation?.state, 'failed');
    assert.equal(backup.level, 'none');
    assert.equal(get('T1003').coverage, 'significant', "EDR's own (stale) claim still gives significant");
    assert.equal(get('T1003').assurance?.state, 'failed', 'a failed claim marks the technique');
  });

  test("a claim via the parent's entry counts the parent's tests", () => {
    const { get, claim } = analyse();
    const sub = claim('T1000.001', 'win', 'EDR');
    assert.equal(sub.via, 'parent');
    assert.equal(sub.validation?.state, 'validated');
    assert.equal(sub.validation?.latest?.ref, 'parent-test');
    assert.equal(get('T1000.001').assurance?.state, 'validated');
  });

  test('the as-of date: --as-of before the miss makes the pentest the latest test again', () => {
    const { get, claim } = analyse(undefined, INVENTORY, '2026-10-01');
    const edr = claim('T1000.002', 'lin', 'EDR');
    assert.equal(edr.validation?.state, 'validated');
    assert.equal(edr.validation?.future, 1, 'the November incident is after the as-of date');
    assert.equal(edr.level, 'significant');
    assert.equal(get('T1000.002').state, 'covered');
  });

  test('untested techniques, and a summary of claimed techniques by state', () => {
    const inventory = `controlInventory: 1
controls:
  - { id: EDR, name: EDR, techniques: [ { id: T1001, coverage: significant } ] }
`;
    const { r, get } = analyse(undefined, inventory);
    assert.deepEqual(get('T1001').assurance, { state: 'untested', tested: 0, claims: 1 });
    assert.equal(get('T1002').assurance, undefined, 'nothing claims T1002');
    assert.deepEqual(r.summary.assurance, { failed: 0, stale: 0, untested: 1, validated: 0 });
    assert.deepEqual(analyse().r.summary.assurance, { failed: 2, stale: 0, untested: 0, validated: 3 });
  });

  test('a planned control claims nothing, so its tests make no difference', () => {
    const inventory = `controlInventory: 1
controls:
  - id: EDR
    name: EDR
    status: planned
    techniques: [ { id: T1001, coverage: significant, validated: [ { date: 2026-11-01, method: atomic, result: missed } ] } ]
`;
    const { get } = analyse(undefined, inventory);
    assert.equal(get('T1001').assurance, undefined);
  });
});

describe('a claim is control × technique, whatever gave the level', () => {
  test("a sub-technique whose level comes from a mitigation still counts the parent entry's tests", async () => {
    const { buildIndexFromText } = await import('../../../src/core/attack');
    const { miniBundle } = await import('../coverage/fixture');
    // M0001 also mitigates T1000.001, so the mitigation (offered first) and the parent entry give it the same level.
    const withSub = buildIndexFromText(miniBundle((add, ids) => add({ type: 'relationship', id: 'relationship--00000000-0000-4000-8000-999999999999', relationship_type: 'mitigates', source_ref: ids.get('M0001'), target_ref: ids.get('T1000.001') })), 'enterprise-attack-1.0.json');
    const model = parseThreatModel(MODEL(), 'm.threatmodel.yaml').model!;
    const inv = parseControlInventory(`controlInventory: 1
controls:
  - id: EDR
    name: EDR
    mitigations: [ { id: M0001, coverage: significant } ]
    techniques:
      - id: T1000
        coverage: significant
        validated: [ { date: 2026-11-01, method: atomic, ref: parent-test, result: missed } ]
`, 'a.controls.yaml').model!;
    const r = analyseCoverage(withSub, coverageInputFrom(model, [inv]));
    const claim = r.techniques.find((t) => t.id === 'T1000.001')!.components.find((c) => c.component === 'win')!.controls[0]!;
    assert.equal(claim.via, 'mitigation');
    assert.equal(claim.validation?.state, 'failed', "the parent entry's missed test counts for the control's claim on the sub-technique");
    assert.equal(claim.level, 'none');
  });
});
