/**
 * The pure helpers behind the editor's triage features: quick-fix edits (comments and layout kept), dates, the
 * outcome CodeLens, gap diagnostic messages, hover lines and what completion offers for the new model fields.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { enumValues, valueKindAt } from '../../../src/core/language/index';
import { ACCEPT_REASON_PLACEHOLDER, acceptanceUntil, acceptRiskEdit, addDays, addMitigationControlEdit, newControlId, yamlScalar } from '../../../src/core/language/triage-edits';
import { acceptanceWords, adversaryOutcomes, decisionPoints, gapDiagnosticMessage, outcomeLensTitle, triageHoverLines } from '../../../src/core/language/triage-views';
import type { TextEdit } from '../../../src/core/model/index';
import { parseControlInventory, parseThreatModel } from '../../../src/core/model/index';
import { NO_TRIAGE_INPUT } from '../../../src/core/triage/triage';
import { AS_OF, triageContext } from '../report/triage-fixture';

/** Applies one edit to `text` (0-based line/character positions). */
function apply(text: string, edit: TextEdit | undefined): string {
  assert.ok(edit, 'an edit');
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return text.slice(0, offset(edit.range.start)) + edit.newText + text.slice(offset(edit.range.end));
}

const MODEL = `# our model
threatModel: 1
name: M
owner: secops@example.com
techStack:
  - { id: k8s, platforms: [Linux] }   # the cluster
adversaries:
  - { group: G0001 }
policy: { minCoverage: partial }
`;

describe('triage quick-fix edits', () => {
  test('dates: + days across months and years; until = asOf + 90, or the policy maximum when shorter', () => {
    assert.equal(addDays('2026-12-03', 90), '2027-03-03');
    assert.equal(addDays('2024-02-28', 1), '2024-02-29');
    assert.equal(addDays('2026-02-30', 1), undefined);
    assert.equal(acceptanceUntil('2026-12-03', 365), '2027-03-03');
    assert.equal(acceptanceUntil('2026-12-03', 30), '2027-01-02');
  });

  test('YAML scalars: plain when they read back the same, else quoted', () => {
    assert.equal(yamlScalar('secops@example.com'), 'secops@example.com');
    assert.equal(yamlScalar('Data Backup'), 'Data Backup');
    assert.equal(yamlScalar('yes'), '"yes"');
    assert.equal(yamlScalar('1.10'), '"1.10"');
    assert.equal(yamlScalar(ACCEPT_REASON_PLACEHOLDER), JSON.stringify(ACCEPT_REASON_PLACEHOLDER));
    assert.equal(yamlScalar('a: b # c'), '"a: b # c"');
  });

  test('Accept risk: creates techniques.accept, keeps comments, and parses back as an acceptance', () => {
    const parse = parseThreatModel(MODEL, '/m.threatmodel.yaml');
    const text = apply(MODEL, acceptRiskEdit(parse.yaml, { id: 'T1486', owner: 'secops@example.com', until: '2027-03-03' }));
    assert.match(text, /# our model/);
    assert.match(text, /# the cluster/);
    const again = parseThreatModel(text, '/m.threatmodel.yaml');
    assert.deepEqual(again.diagnostics.filter((d) => d.severity === 'error'), []);
    const a = again.model!.techniques.accept[0]!;
    assert.deepEqual([a.id, a.reason?.value, a.owner?.value, a.until?.value], ['T1486', ACCEPT_REASON_PLACEHOLDER, 'secops@example.com', '2027-03-03']);
    // A second one goes into the same list.
    const twice = apply(text, acceptRiskEdit(again.yaml, { id: 'T1490', until: '2027-03-03' }));
    assert.deepEqual(parseThreatModel(twice).model!.techniques.accept.map((x) => x.id), ['T1486', 'T1490']);
  });

  test('Add mitigation: a planned control with the mitigation at the policy level on the weak components, a fresh id', () => {
    const inventory = `controlInventory: 1\ncontrols:\n  # endpoint\n  - id: EDR-01\n    mitigations: [M1040]\n  - { id: M1053-01 }\n`;
    const parse = parseControlInventory(inventory, '/c.controls.yaml');
    const id = newControlId('M1053', new Set(parse.model!.controls.map((c) => c.id)));
    assert.equal(id, 'M1053-02');
    const text = apply(inventory, addMitigationControlEdit(parse.yaml, { controlId: id, mitigation: 'M1053', name: 'Data Backup', level: 'partial', appliesTo: ['k8s'] }));
    assert.match(text, /# endpoint/);
    const c = parseControlInventory(text, '/c.controls.yaml').model!.controls[2]!;
    assert.deepEqual([c.id, c.name, c.status.value, c.appliesTo?.map((x) => x.value), c.mitigations.map((m) => `${m.id} ${m.coverage.value}`)],
      ['M1053-02', 'Data Backup', 'planned', ['k8s'], ['M1053 partial']]);
    const everywhere = apply(inventory, addMitigationControlEdit(parse.yaml, { controlId: id, mitigation: 'M1053', name: 'Data Backup', level: 'significant', appliesTo: [] }));
    assert.equal(parseControlInventory(everywhere).model!.controls[2]!.appliesTo, undefined, 'no components: every component');
  });
});

describe('triage views', () => {
  const { result } = triageContext();
  const byId = (id: string) => result.techniques.find((t) => t.id === id)!;

  test('a gap diagnostic starts with the outcome and its decision points, then the gap sentence and the rank', () => {
    const act = byId('T1000.002');
    assert.equal(act.triage?.outcome, 'act');
    const message = gapDiagnosticMessage(act, result);
    assert.ok(message.startsWith(`Act: ${decisionPoints(act)} — Gap: T1000.002 `), message);
    assert.equal(decisionPoints(act), 'active · automatable · open · high');
    assert.match(message, /Rank 1 of 4\.$/);
    assert.ok(gapDiagnosticMessage(byId('T1000.001'), result).startsWith('Track: '));
  });

  test('adversary outcome lens: Act and Attend counts, else the lower outcomes', () => {
    const tallies = adversaryOutcomes(result);
    // Adversary 0 is Alpha Group (T1000 Attend, T1001 Track*, T1000.001 Track via AlphaRAT); 2 is the intelligence list.
    assert.equal(outcomeLensTitle(tallies.get(2)), '1 Act · 0 Attend gap');
    assert.equal(outcomeLensTitle(tallies.get(0)), '0 Act · 1 Attend gap');
    assert.equal(outcomeLensTitle({ act: 2, attend: 14, 'track*': 0, track: 3 }), '2 Act · 14 Attend gaps');
    assert.equal(outcomeLensTitle({ act: 0, attend: 0, 'track*': 3, track: 9 }), 'no Act or Attend gaps (3 Track*, 9 Track)');
    assert.equal(outcomeLensTitle(undefined), 'no Act or Attend gaps');
  });

  test('hover lines: the outcome, each decision point with its evidence, the assessment, and what closes the gap', () => {
    const lines = triageHoverLines(byId('T1000'), result.techniques.length > 0 ? { ...NO_TRIAGE_INPUT, asOf: AS_OF } : undefined);
    assert.equal(lines[0], '- Triage: **Attend** (reported · automatable · open · high)');
    assert.deepEqual(lines.slice(1, 5).map((l) => l.trim().split(':')[0]), ['- activity', '- automatable', '- exposure', '- missionImpact']);
    assert.match(lines[2]!, /\(assessed; computed no\)/);
    assert.match(lines.find((l) => l.startsWith('- What closes it'))!, /M0001/);
  });

  test('acceptance words: holds with days left, ended, too long, no date', () => {
    const a = { id: 'T1003', reason: 'r', owner: 'secops@example.com', until: '2027-03-31', ref: 'RISK-7' };
    const triage = { ...NO_TRIAGE_INPUT, asOf: AS_OF };
    assert.equal(acceptanceWords(a, triage), 'Accepted by secops@example.com until 2027-03-31 (118 days left as of 2026-12-03), RISK-7: not a gap while it holds');
    assert.match(acceptanceWords(a, { ...triage, asOf: '2027-04-01' }), /ended on 2027-03-31 .*a gap again/);
    assert.match(acceptanceWords(a, { ...triage, maxAcceptanceDays: 30 }), /118 days after 2026-12-03: more than policy\.maxAcceptance \(30 days\)/);
    assert.match(acceptanceWords(a, NO_TRIAGE_INPUT), /no triage date/);
    assert.equal(byId('T1003').state, 'accepted');
  });
});

describe('completion of the triage fields', () => {
  const kind = (...path: string[]) => valueKindAt('threat-model', path);
  test('component impact, adversary automated, assess decision points, accept until/owner, policy fields', () => {
    assert.deepEqual(kind('techStack', 'impact'), { type: 'enum', name: 'impact' });
    assert.deepEqual(enumValues('impact'), ['low', 'medium', 'high']);
    assert.deepEqual(enumValues((kind('adversaries', 'automated') as { name: 'boolean' }).name), ['true', 'false']);
    assert.deepEqual(kind('techniques', 'assess', 'id'), { type: 'attack', kinds: ['technique'] });
    assert.deepEqual(enumValues((kind('techniques', 'assess', 'activity') as { name: 'activity' }).name), ['reported', 'active']);
    assert.deepEqual(enumValues((kind('techniques', 'assess', 'exposure') as { name: 'decision-exposure' }).name), ['small', 'controlled', 'open']);
    assert.deepEqual(enumValues((kind('techniques', 'assess', 'missionImpact') as { name: 'mission-impact' }).name), ['low', 'medium', 'high']);
    assert.deepEqual(enumValues((kind('techniques', 'assess', 'automatable') as { name: 'automatable' }).name), ['no', 'yes']);
    assert.deepEqual(kind('techniques', 'accept', 'id'), { type: 'attack', kinds: ['technique'] });
    assert.deepEqual(kind('techniques', 'accept', 'until'), { type: 'date', of: 'until' });
    assert.deepEqual(kind('techniques', 'accept', 'owner'), { type: 'owner' });
    assert.equal(kind('techniques', 'accept', 'reason'), undefined, 'free text: nothing to offer');
    assert.deepEqual(kind('policy', 'asOf'), { type: 'date', of: 'as-of' });
    assert.equal(enumValues((kind('policy', 'maxAcceptance') as { name: 'days' }).name)[0], '365');
    assert.equal(enumValues((kind('policy', 'intelMaxAge') as { name: 'days' }).name)[0], '365');
    assert.deepEqual(kind('policy', 'decisionTable'), { type: 'table-file' });
  });
});
