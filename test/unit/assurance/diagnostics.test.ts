/** The assurance.* diagnostics of an inventory on fixtures: every state, on which line, the summary past 5. */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { assuranceDiagnostics, UNTESTED_LISTED } from '../../../src/core/assurance/diagnostics';
import { parseControlInventory } from '../../../src/core/model/index';
import { brief } from '../../fixtures/model/text';

const policy = { asOf: '2026-12-01', maxAgeDays: 180 };
const inventory = (text: string) => {
  const p = parseControlInventory(text, 'a.controls.yaml');
  assert.deepEqual(p.diagnostics.filter((d) => d.severity === 'error'), []);
  return p.model!;
};

describe('assurance diagnostics', () => {
  const TEXT = `controlInventory: 1
controls:
  - id: EDR
    name: EDR
    techniques:
      - id: T1001
        validated:
          - { date: 2026-11-01, method: atomic, result: detected }
      - id: T1002
        coverage: significant
        validated:
          - { date: 2026-09-01, method: atomic, result: detected }
          - { date: 2026-11-01, method: pentest, ref: PEN-9, result: missed }
      - id: T1003
        validated:
          - { date: 2025-01-01, method: incident, result: blocked }
      - T1004
    validated:
      - { technique: T1005, date: 2026-11-02, method: purple-team, ref: PT-1, result: missed }
      - { technique: T1001, date: 2026-11-20, method: purple-team, ref: PT-2, result: missed }
  - id: LATER
    name: Planned one
    status: planned
    techniques: [ { id: T1002, validated: [ { date: 2026-11-01, method: atomic, result: missed } ] } ]
`;
  test('failed and stale on the latest test, untested on the entry; control-level tests count; planned controls are not judged', () => {
    const ds = assuranceDiagnostics(inventory(TEXT), policy);
    // Each on the test that counts (T1001: the later control-level miss, line 20), T1004's entry ID for untested.
    assert.deepEqual(ds.map((d) => [d.severity, brief(d)]), [
      ['warning', 'assurance.failed@20:9-20:95'],
      ['warning', 'assurance.failed@13:13-13:78'],
      ['warning', 'assurance.stale@16:13-16:68'],
      ['warning', 'assurance.failed@19:9-19:95'],
      ['information', 'assurance.untested@17:9-17:14'],
    ]);
    const by = (code: string) => ds.filter((d) => d.code === code).map((d) => d.message);
    assert.deepEqual(by('assurance.failed'), [
      "EDR's claim on T1001 (partial) gives none: its latest test, purple-team on 2026-11-20 (PT-2), missed it; fix the control and re-test it, or lower the claim",
      "EDR's claim on T1002 (significant) gives none: its latest test, pentest on 2026-11-01 (PEN-9), missed it; fix the control and re-test it, or lower the claim",
      "EDR's claim on T1005 gives none: its latest test, purple-team on 2026-11-02 (PT-1), missed it; fix the control and re-test it, or lower the claim",
    ]);
    assert.deepEqual(by('assurance.stale'), ["EDR's claim on T1003 was last tested 699 days before 2026-12-01 (incident on 2025-01-01): older than policy.validationMaxAge (180 days); re-test it"]);
    assert.deepEqual(by('assurance.untested'), ["EDR's claim on T1004 has no test recorded (validated:) on or before 2026-12-01: it is untested"]);
  });

  test('the as-of date: before the control-level miss, T1001 is validated again', () => {
    const ds = assuranceDiagnostics(inventory(TEXT), { ...policy, asOf: '2026-11-10' });
    assert.ok(!ds.some((d) => d.code === 'assurance.failed' && d.data?.technique === 'T1001'));
    assert.ok(ds.some((d) => d.code === 'assurance.failed' && d.data?.technique === 'T1002'));
  });

  test(`more than ${UNTESTED_LISTED} untested entries: one summary on the controlInventory line`, () => {
    const ids = Array.from({ length: UNTESTED_LISTED + 2 }, (_, i) => `T10${String(i + 10)}`);
    const ds = assuranceDiagnostics(inventory(`controlInventory: 1\ncontrols:\n  - { id: EDR, name: EDR, techniques: [${ids.join(', ')}] }\n`), policy);
    assert.deepEqual(ds.map(brief), ['assurance.untested-summary@1:19-1:20']);
    assert.equal(ds[0]!.message, '7 technique claims have no test recorded (validated:) on or before 2026-12-01: EDR T1010, EDR T1011, EDR T1012, …; they are untested (docs/assurance.md)');
    assert.equal(assuranceDiagnostics(inventory(`controlInventory: 1\ncontrols:\n  - { id: EDR, name: EDR, techniques: [${ids.slice(0, UNTESTED_LISTED).join(', ')}] }\n`), policy).length, UNTESTED_LISTED);
  });
});
