/**
 * A mini model (test/unit/coverage/fixture.ts world) with one gap of each outcome and an accepted risk, as of
 * 2026-12-03, parsed and analysed as `check` does it:
 *   T1000.002 Act     — own intelligence of 2026-11-01, automated, on the internet-facing crown jewel `lin`
 *   T1000     Attend  — Alpha Group uses it directly; assessed automatable (with a reason); `lin` open, high
 *   T1001     Track*  — Alpha Group, reported, not automatable, `lin` open, high
 *   T1000.001 Track   — AlphaRAT brings it onto `win` (internal, medium)
 *   T1003     accepted until 2027-03-31 (Beta Group)
 */
import assert from 'node:assert/strict';
import { analyseCoverage } from '../../../src/core/coverage/engine';
import { coverageInputFrom } from '../../../src/core/coverage/model-input';
import { parseControlInventory, parseThreatModel } from '../../../src/core/model';
import type { ReportContext } from '../../../src/core/report/index';
import { triageDiagnostics } from '../../../src/core/triage/diagnostics';
import { miniIndex } from '../coverage/fixture';

export const AS_OF = '2026-12-03';
export const MODEL_FILE = '/w/triage.threatmodel.yaml';

export const model = (strings: { reason?: string; owner?: string; assessReason?: string; name?: string } = {}) => `threatModel: 1
name: ${JSON.stringify(strings.name ?? 'Triage model')}
attack: { domain: enterprise-attack, version: "1.0" }
techStack:
  - { id: win, platforms: [Windows] }
  - { id: lin, platforms: [Linux], exposure: internet-facing, crownJewel: true }
adversaries:
  - { group: G0001 }
  - { group: G0002, includeSoftware: false }
  - name: Sector intel
    techniques: [T1000.002]
    automated: true
    source: { kind: ISAC, ref: "Bulletin 7", date: 2026-11-01, confidence: medium }
techniques:
  assess:
    - { id: T1000, automatable: yes, reason: ${JSON.stringify(strings.assessReason ?? 'Scripted by commodity kits')} }
  accept:
    - { id: T1003, reason: ${JSON.stringify(strings.reason ?? 'Lab hosts | retired in Q1 *soon*')}, owner: ${JSON.stringify(strings.owner ?? 'secops@example.com')}, until: 2027-03-31, ref: RISK-7 }
controls: [./c.controls.yaml]
`;

export const CONTROLS = `controlInventory: 1
controls:
  - id: EDR
    name: Endpoint detection
    appliesTo: [win]
    mitigations: [{ id: M0001, coverage: significant }]
  - id: BACKUP
    status: planned
    mitigations: [M0002]
`;

export function triageContext(text = model(), asOf = AS_OF): ReportContext {
  const parse = parseThreatModel(text, MODEL_FILE);
  assert.ok(parse.model, JSON.stringify(parse.diagnostics));
  const inventory = parseControlInventory(CONTROLS, '/w/c.controls.yaml').model;
  assert.ok(inventory);
  const input = coverageInputFrom(parse.model, [inventory], undefined, { asOf });
  const result = analyseCoverage(miniIndex(), input);
  return {
    result,
    modelName: parse.model.name ?? 'triage',
    modelFile: MODEL_FILE,
    baseDir: '/w',
    diagnostics: triageDiagnostics(parse.model, result, input.triage!),
    toolVersion: '0.0.0-test',
  };
}
