/** Risk acceptance (state accepted, expiry, the maximum), stale decisions, a model's own table, Top Techniques. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyseCoverage } from '../../../src/core/coverage/engine';
import { coverageInputFrom } from '../../../src/core/coverage/model-input';
import { parseThreatModel } from '../../../src/core/model';
import { readDecisionTableFile } from '../../../src/core/triage/table-file';
import { triageDiagnostics } from '../../../src/core/triage/diagnostics';
import { readTopTechniques, TopTechniquesError } from '../../../src/core/triage/top-techniques';
import tableData from '../../../data/decision-table.json';
import { miniIndex } from '../coverage/fixture';

const index = miniIndex();
const MODEL = (extra: string) => `threatModel: 1
name: Accepting
attack: { domain: enterprise-attack, version: "1.0" }
techStack:
  - { id: lin, platforms: [Linux], exposure: internet-facing }
adversaries:
  - { name: Intel, techniques: [T1000, T1001, T1000.002] }
${extra}`;

function analyse(extra: string, asOf = '2026-12-03') {
  const parse = parseThreatModel(MODEL(extra), '/ws/a.threatmodel.yaml');
  assert.ok(parse.model, JSON.stringify(parse.diagnostics));
  assert.deepEqual(parse.diagnostics.filter((d) => d.severity === 'error'), []);
  const input = coverageInputFrom(parse.model, [], undefined, { today: asOf });
  const result = analyseCoverage(index, input);
  return { result, diagnostics: triageDiagnostics(parse.model, result, input.triage!), get: (id: string) => result.techniques.find((t) => t.id === id)! };
}

describe('techniques.accept', () => {
  const ACCEPT = (until: string, id = 'T1001') => `techniques:\n  accept:\n    - { id: ${id}, reason: Replaced in Q1, owner: secops@example.com, until: ${until}, ref: RISK-12 }\n`;

  test('while until is ahead and within policy.maxAcceptance: accepted, not a gap, with the acceptance', () => {
    const { get, result, diagnostics } = analyse(ACCEPT('2027-03-31'));
    const t = get('T1001');
    assert.equal(t.state, 'accepted');
    assert.deepEqual(t.acceptance, { id: 'T1001', reason: 'Replaced in Q1', owner: 'secops@example.com', until: '2027-03-31', ref: 'RISK-12', source: t.acceptance?.source });
    assert.equal(t.priority, undefined, 'accepted techniques are not ranked as gaps');
    assert.ok(t.triage, 'an accepted technique keeps its triage: what it would be');
    assert.equal(result.summary.accepted, 1);
    assert.equal(result.summary.relevant, result.summary.covered + result.summary.gaps + 1);
    assert.ok(!result.prioritizedGaps.includes('T1001'));
    assert.deepEqual(diagnostics, []);
  });

  test('on or after until: a gap again, and a warning naming the owner and the date', () => {
    for (const until of ['2026-12-03', '2026-01-31']) {
      const { get, diagnostics } = analyse(ACCEPT(until));
      assert.equal(get('T1001').state, 'gap');
      assert.deepEqual(diagnostics.map((d) => [d.code, d.severity, d.message]), [['triage.acceptance-ended', 'warning',
        `the acceptance of T1001 by 'secops@example.com' ended on ${until}: it is a gap again; renew it (a new until) or close the gap`]]);
      assert.equal(diagnostics[0]?.range.start.line, 9, 'on the until value');
    }
  });

  test('more than policy.maxAcceptance days ahead: does not count', () => {
    const far = analyse(ACCEPT('2028-01-01'));
    assert.equal(far.get('T1001').state, 'gap');
    assert.match(far.diagnostics[0]?.message ?? '', /runs until 2028-01-01, 394 days after 2026-12-03: over policy\.maxAcceptance \(365 days\)/);
    const allowed = analyse(`${ACCEPT('2028-01-01')}policy: { maxAcceptance: 400 }\n`);
    assert.equal(allowed.get('T1001').state, 'accepted');
  });

  test('an acceptance or assessment of a technique that is no gap is orphaned', () => {
    const { diagnostics } = analyse(`techniques:\n  accept:\n    - { id: T1003, reason: x, owner: me, until: 2027-01-01 }\n  assess:\n    - { id: T1002, exposure: small, reason: y }\n    - { id: T1001, exposure: small, reason: z }\n`);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.data?.state]), [['triage.acceptance-orphaned', 'not-applicable'], ['triage.assessment-orphaned', 'not-applicable']]);
  });

  test('policy.asOf pins the date; --as-of (the asOf option) wins over it', () => {
    const parse = parseThreatModel(MODEL(`${ACCEPT('2027-03-31')}policy: { asOf: 2027-04-01 }\n`), '/ws/a.threatmodel.yaml');
    const pinned = analyseCoverage(index, coverageInputFrom(parse.model!, [], undefined, { today: '2026-12-03' }));
    assert.equal(pinned.techniques.find((t) => t.id === 'T1001')?.state, 'gap');
    assert.equal(pinned.triage.asOf, '2027-04-01');
    const cli = analyseCoverage(index, coverageInputFrom(parse.model!, [], undefined, { asOf: '2026-12-03', today: '2030-01-01' }));
    assert.equal(cli.techniques.find((t) => t.id === 'T1001')?.state, 'accepted');
  });
});

describe('a decision table of the model\'s own', () => {
  test('the shipped table as YAML reads back complete; broken, foreign and non-monotone files say what is wrong', () => {
    const yaml = `decisionTable: 1\nname: Ours\nrows:\n${tableData.rows.map((r) => `  - { activity: ${r.activity}, automatable: ${r.automatable}, exposure: ${r.exposure}, missionImpact: ${r.missionImpact}, outcome: "${r.outcome}" }`).join('\n')}\n`;
    const ok = readDecisionTableFile(yaml);
    assert.equal(ok.table?.name, 'Ours');
    assert.deepEqual(ok.problems, []);
    assert.match(readDecisionTableFile('root:x:0:0:root:/root:/bin/bash\n').problems[0]?.message ?? '', /^not a decision table: expected a mapping/);
    assert.doesNotMatch(readDecisionTableFile('root:x:0:0:root:/root:/bin/bash\n').problems[0]?.message ?? '', /root:x/);
    assert.match(readDecisionTableFile('decisionTable: 1\nrows: [\n').problems[0]?.message ?? '', /^not valid YAML or JSON \(line \d+\)$/);
    assert.match(readDecisionTableFile('decisionTable: 1\nrows: []\n').problems[0]?.message ?? '', /does not match the decision table schema: \/rows must NOT have fewer than 36 items/);
    const odd = readDecisionTableFile(yaml.replace('automatable: yes, exposure: open, missionImpact: high, outcome: "act"', 'automatable: yes, exposure: open, missionImpact: high, outcome: "track"'));
    assert.ok(odd.table, 'usable');
    assert.equal(odd.problems.length, 4);
  });
});

describe('CTID Top ATT&CK Techniques data', () => {
  test('live IDs as they are, revoked ones followed to the replacement, unknown ones dropped, null actionability as 0', () => {
    const text = JSON.stringify([
      { tid: 'T1000', prevalence_score: 1, choke_point_score: 0.5, actionability_score: { combined_score: 0.25 } },
      { tid: 'T1004', prevalence_score: 0.2, choke_point_score: 0.1, actionability_score: { combined_score: 0.1 } },
      { tid: 'T9999', prevalence_score: 1, choke_point_score: 1, actionability_score: { combined_score: 1 } },
      { tid: 'T1001', prevalence_score: 0, choke_point_score: 0.1, actionability_score: { mitigation_score: null, detection_score: null } },
      { tid: 'nonsense' },
    ]);
    const top = readTopTechniques(text, index);
    assert.deepEqual(top.scores.get('T1000'), { prevalence: 1, chokePoint: 0.5, actionability: 0.25, combined: 1.75 });
    assert.deepEqual(top.scores.get('T1000.001'), { prevalence: 0.2, chokePoint: 0.1, actionability: 0.1, combined: 0.4, from: 'T1004' });
    assert.equal(top.scores.get('T1001')?.actionability, 0);
    assert.deepEqual([top.dropped, top.followed, top.malformed, top.noActionability], [['T9999'], [{ from: 'T1004', to: 'T1000.001' }], 1, 1]);
    assert.throws(() => readTopTechniques('{"not": "a list"}', index), TopTechniquesError);
    assert.throws(() => readTopTechniques('root:x:0:0', index), (e: unknown) => e instanceof TopTechniquesError && e.message === 'not valid JSON');
  });
});
