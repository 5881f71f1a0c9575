/** Every report format carries the triage: outcomes, paths, evidence, mitigations, next best, accepted risks. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import { jsonReport, markdownReport, navigatorLayer, sarifReport, textReport } from '../../../src/core/report/index';
import { OUTCOME_COLOURS, STATE_COLOURS } from '../../../src/core/report/navigator-layer';
import { sarifRank } from '../../../src/core/report/sarif-triage';
import { validateSarif } from './sarif-schema';
import { triageContext } from './triage-fixture';

const ctx = triageContext();
const { result } = ctx;

describe('the fixture has one gap of each outcome and an accepted risk', () => {
  test('as the fixture says', () => {
    const outcome = (id: string) => result.techniques.find((t) => t.id === id)?.triage?.outcome;
    assert.deepEqual(['T1000.002', 'T1000', 'T1001', 'T1000.001'].map(outcome), ['act', 'attend', 'track*', 'track']);
    assert.deepEqual(result.prioritizedGaps, ['T1000.002', 'T1000', 'T1001', 'T1000.001']);
    assert.equal(result.techniques.find((t) => t.id === 'T1003')?.state, 'accepted');
  });
});

describe('text report', () => {
  const text = textReport(ctx);
  test('the summary line names the outcome counts; the table and the date head the triage', () => {
    assert.match(text.split('\n')[1]!, /gaps 4 \(Act 1 · Attend 1 · Track\* 1 · Track 1\) · accepted 1 /);
    assert.equal(text.split('\n')[2], 'triage: decision table "Threat Overlap default (SSVC-style, technique gaps)", as of 2026-12-03');
  });
  test('grouped Act, Attend, Track*, Track; each full gap with its path, every decision point and what closes it', () => {
    const at = (s: string) => text.indexOf(s);
    assert.ok(at('Act (1):') < at('Attend (1):') && at('Attend (1):') < at('Track* (1):') && at('Track* (1):') < at('Track (1), by decision path'));
    const act = text.slice(at('Act (1):'), at('Attend (1):'));
    assert.match(act, /1\. error {7}T1000\.002 Linux Child — score 24\n {8}active · automatable · open · high → Act\n/);
    assert.match(act, /^ {10}activity active: Sector intel: intelligence of 2026-11-01, 32 days before 2026-12-03$/m);
    assert.match(act, /^ {10}automatable yes: Sector intel: own intelligence, automated: true$/m);
    assert.match(act, /^ {10}exposure open: lin: internet-facing$/m);
    assert.match(act, /^ {10}missionImpact high: lin: crown jewel$/m);
    assert.match(act, /closes it: no ATT&CK mitigation mitigates T1000\.002/);
    const attend = text.slice(at('Attend (1):'), at('Track* (1):'));
    assert.match(attend, /automatable yes: assessed in the model: Scripted by commodity kits; computed: no/, 'the override and the computed value');
    assert.match(attend, /closes it:\n {10}M0001 Harden Things — extend EDR's appliesTo to lin\n/);
    assert.match(text, /^ {3}reported · automatable · small · medium \(1\): T1000\.001$/m);
  });
  test('next best mitigations with what each closes, the running total and what remains', () => {
    assert.match(text, /^ {3}1\. M0001 Harden Things — closes 2 \(Attend 1, Track\* 1\); cumulative 2 of 4; remaining Act 1 · Attend 0 · Track\* 0 · Track 1$/m);
    assert.match(text, /^ {3}2 gap\(s\) have no ATT&CK mitigation at all/m);
  });
  test('accepted risks with owner, date, ref, reason and what it would be', () => {
    const accepted = text.slice(text.indexOf('Accepted risks (1):'));
    assert.match(accepted, /T1003 Windows Impact — owner secops@example\.com, until 2027-03-31, ref RISK-7; accepted at triage\.threatmodel\.yaml:18/);
    assert.match(accepted, /reason: Lab hosts \| retired in Q1 \*soon\*/);
    assert.match(accepted, /would be reported · not automatable · small · medium → Track/);
  });
  test('past the full-entry limit a gap gets one line with its path', () => {
    const short = textReport(ctx, 1);
    assert.match(short, /^ {3}2\. warning {5}T1000 Parent Technique — score 24 · reported · automatable · open · high → Attend$/m);
    assert.match(short, /\(2 gap\(s\) after the first 1 in one line each/);
  });
});

describe('markdown report', () => {
  const md = markdownReport(ctx);
  test('headline with outcomes, the table name and date', () => {
    assert.match(md, /^Triage: decision table "Threat Overlap default \\\(SSVC\\-style, technique gaps\\\)", as of 2026\\-12\\-03$/m);
    assert.match(md, /\*\*4 gaps\*\*: .* — \*\*1 Act\*\*, \*\*1 Attend\*\*, 1 Track\\\*, 1 Track; 1 accepted\./);
  });
  test('one section per outcome, most urgent first, each gap with path, evidence and what closes it', () => {
    const at = (s: string) => md.indexOf(s);
    assert.ok(at('### Act (1)') < at('### Attend (1)') && at('### Attend (1)') < at('### Track\\* (1)') && at('### Track\\* (1)') < at('### Track (1)'));
    assert.ok(md.includes('#### 1\\. [T1000\\.002](<https://attack.mitre.org/techniques/T1000/002>) Linux Child'));
    assert.ok(md.includes('**active · automatable · open · high → Act** · score 24 · Execution · brought in by `triage.threatmodel.yaml:11`'));
    assert.ok(md.includes('- **activity: active** — Sector intel\\: intelligence of 2026\\-11\\-01, 32 days before 2026\\-12\\-03'));
    assert.ok(md.includes('- **automatable: yes** — assessed in the model\\: Scripted by commodity kits; computed\\: no'));
    assert.ok(md.includes('  - M0001 Harden Things — extend EDR\'s appliesTo to lin'));
    assert.ok(md.includes('| reported · automatable · small · medium | 1 | [T1000\\.001](<https://attack.mitre.org/techniques/T1000/001>) |'), 'Track summarised');
    assert.ok(!md.includes('#### 4\\.'), 'no full entry for the Track gap');
  });
  test('next best mitigations and accepted risks as tables', () => {
    assert.ok(md.includes('| 1 | M0001 Harden Things | 2 | 0 | 1 | 1 | 0 | 2 of 4 | Act 1 · Attend 0 · Track\\* 0 · Track 1 | EDR \\(implemented, significant\\) |'));
    assert.ok(md.includes('| [T1003](<https://attack.mitre.org/techniques/T1003>) Windows Impact | secops\\@example\\.com | 2027\\-03\\-31 | Lab hosts \\| retired in Q1 \\*soon\\* | RISK\\-7 | reported · not automatable · small · medium → Track | `triage.threatmodel.yaml:18` |'));
  });
});

describe('json report', () => {
  type Point = { value: string; evidence: string[]; assessed?: { computed: string; reason: string; location?: { line: number } } };
  const r = JSON.parse(JSON.stringify(jsonReport(ctx))) as {
    formatVersion: number; summary: { accepted: number; outcomes: Record<string, number>; gaps: number };
    triage: { table: string; asOf: string };
    nextBest: { picks: { id: string; closes: string[]; byOutcome: Record<string, number>; cumulative: Record<string, number>; remaining: Record<string, number> }[]; remaining: Record<string, number>; unmitigable: number };
    acceptedTechniques: string[]; prioritizedGaps: string[];
    techniques: { id: string; state: string; priority?: { severity: string }; triage?: Record<string, Point> & { outcome: string; path: string }; mitigations?: { id: string; action: string; uses: { control: string; location?: { file: string } }[] }[]; acceptance?: { owner: string; until: string; reason: string; ref: string; location: { line: number } } }[];
  };
  const t = (id: string) => r.techniques.find((x) => x.id === id)!;
  test('additive: the format version and the fields before triage are unchanged', () => {
    assert.equal(r.formatVersion, 1);
    assert.deepEqual(r.prioritizedGaps, result.prioritizedGaps);
    assert.equal(t('T1000.002').priority?.severity, 'error');
  });
  test('every decision point with its value, evidence and override; outcome and path', () => {
    const attend = t('T1000').triage!;
    assert.equal(attend.outcome, 'attend');
    assert.equal(attend.path, 'reported · automatable · open · high → Attend');
    for (const p of ['activity', 'automatable', 'exposure', 'missionImpact']) assert.ok(Array.isArray(attend[p]!.evidence) && typeof attend[p]!.value === 'string', p);
    assert.deepEqual(attend.automatable!.assessed, { computed: 'no', reason: 'Scripted by commodity kits', location: { file: 'triage.threatmodel.yaml', line: 16, column: 7 } });
    assert.equal(attend.exposure!.assessed, undefined);
  });
  test('summary outcomes and accepted, the triage table and date, accepted techniques with their acceptance', () => {
    assert.deepEqual(r.summary.outcomes, { track: 1, 'track*': 1, attend: 1, act: 1 });
    assert.equal(r.summary.accepted, 1);
    assert.deepEqual(r.triage, { table: 'Threat Overlap default (SSVC-style, technique gaps)', asOf: '2026-12-03' });
    assert.deepEqual(r.acceptedTechniques, ['T1003']);
    const a = t('T1003');
    assert.equal(a.state, 'accepted');
    assert.deepEqual({ ...a.acceptance, location: undefined }, { reason: 'Lab hosts | retired in Q1 *soon*', owner: 'secops@example.com', until: '2027-03-31', ref: 'RISK-7', location: undefined });
    assert.equal(a.acceptance?.location.line, 18);
    assert.equal(a.triage?.outcome, 'track', 'what it would be');
    assert.deepEqual(a.mitigations?.map((m) => [m.id, m.action]), [['M0002', 'implement the planned control BACKUP']]);
  });
  test('mitigations per gap with their uses; next best with cumulative and remaining counts', () => {
    assert.deepEqual(t('T1001').mitigations?.map((m) => [m.id, m.action, m.uses.map((u) => [u.control, u.location?.file])]), [['M0001', "extend EDR's appliesTo to lin", [['EDR', 'c.controls.yaml']]]]);
    assert.deepEqual(t('T1000.002').mitigations, []);
    assert.equal(r.nextBest.picks.length, 1);
    const pick = r.nextBest.picks[0]!;
    assert.deepEqual([pick.id, [...pick.closes].sort()], ['M0001', ['T1000', 'T1001']]);
    assert.deepEqual(pick.cumulative, { act: 0, attend: 1, 'track*': 1, track: 0 });
    assert.deepEqual(pick.remaining, { act: 1, attend: 0, 'track*': 0, track: 1 });
    assert.deepEqual(pick.remaining, r.nextBest.remaining, 'after the last pick, what remains is what no pick closes');
    assert.equal(r.nextBest.unmitigable, 2);
  });
});

describe('sarif', () => {
  type Result = { ruleId: string; level: string; rank: number; suppressions: { kind: string; status: string; justification: string; location?: { physicalLocation: { region: { startLine: number } } } }[]; relatedLocations?: { id: number; message: { text: string }; physicalLocation: { region: { startLine: number } } }[]; message: { text: string }; properties: Record<string, unknown> };
  const log = JSON.parse(JSON.stringify(sarifReport(ctx))) as { runs: { results: Result[]; properties: Record<string, unknown> }[] };
  const results = log.runs[0]!.results;
  const byRule = (id: string) => results.find((x) => x.ruleId === id)!;
  test('valid against the SARIF 2.1.0 schema, which rejects what SARIF forbids', () => {
    assert.deepEqual(validateSarif(log), []);
    const broken = JSON.parse(JSON.stringify(log)) as typeof log;
    Object.assign(broken.runs[0]!.results[0]!, { level: 'fatal', rank: 101 });
    Object.assign(broken.runs[0]!.results[1]!.suppressions, [{ kind: 'sometimes' }]);
    assert.equal(validateSarif(broken).length >= 3, true, validateSarif(broken).join('; '));
  });
  test('level from the outcome: Act error, Attend warning, Track* and Track note (outcome in properties)', () => {
    assert.deepEqual(['T1000.002', 'T1000', 'T1001', 'T1000.001'].map((id) => [byRule(id).level, byRule(id).properties.outcome]), [['error', 'act'], ['warning', 'attend'], ['note', 'track*'], ['note', 'track']]);
    assert.equal(results.filter((x) => x.level === 'error').length, result.summary.outcomes.act, 'errors = Act');
  });
  test('rank 0–100 by outcome band, never rising along the triage order', () => {
    const ranks = result.prioritizedGaps.map((id) => byRule(id).rank);
    assert.deepEqual(ranks, [sarifRank('act', 24), sarifRank('attend', 24), sarifRank('track*', 24), sarifRank('track', 14)]);
    for (let i = 1; i < ranks.length; i++) assert.ok(ranks[i]! <= ranks[i - 1]!, `${ranks}`);
    assert.ok(ranks[0]! >= 75 && ranks[1]! >= 50 && ranks[1]! < 75 && ranks[2]! >= 25 && ranks[2]! < 50 && ranks[3]! < 25);
  });
  test('the decision path and points, the table and date, the mitigations in properties', () => {
    const p = byRule('T1000').properties as { path: string; decisionPoints: Record<string, { value: string; evidence: string[]; assessed?: unknown }>; decisionTable: string; asOf: string; mitigations: { id: string; action: string }[] };
    assert.equal(p.path, 'reported · automatable · open · high → Attend');
    assert.deepEqual(Object.keys(p.decisionPoints), ['activity', 'automatable', 'exposure', 'missionImpact']);
    assert.deepEqual(p.decisionPoints.automatable!.assessed, { computed: 'no', reason: 'Scripted by commodity kits' });
    assert.equal(p.asOf, '2026-12-03');
    assert.deepEqual(p.mitigations, [{ id: 'M0001', name: 'Harden Things', action: "extend EDR's appliesTo to lin" }]);
    assert.match(byRule('T1000').message.text, /Triage: reported · automatable · open · high → Attend\. What closes it: M0001 Harden Things — extend EDR's appliesTo to lin\.$/);
  });
  test('one related location per adversary line that brought the gap in', () => {
    // T1000.002: Beta Group's software is off (includeSoftware: false), so only the intelligence entry brings it in.
    assert.deepEqual(byRule('T1000.002').relatedLocations?.map((l) => [l.id, l.physicalLocation.region.startLine, l.message.text]), [[0, 11, 'Sector intel lists T1000.002']]);
    assert.deepEqual(byRule('T1000.001').relatedLocations?.map((l) => [l.physicalLocation.region.startLine, l.message.text]), [[8, 'Alpha Group uses T1000.001 through AlphaRAT']]);
  });
  test('an accepted risk is a suppressed note of rank 0 with its justification; every result carries suppressions', () => {
    const accepted = byRule('T1003');
    assert.equal(accepted.level, 'note');
    assert.equal(accepted.rank, 0);
    assert.deepEqual(accepted.suppressions.map((s) => [s.kind, s.status, s.justification, s.location?.physicalLocation.region.startLine]), [
      ['inSource', 'accepted', 'Lab hosts | retired in Q1 *soon* (owner secops@example.com, until 2027-03-31, ref RISK-7)', 18],
    ]);
    assert.match(accepted.message.text, /Risk accepted by secops@example\.com until 2027-03-31\./);
    for (const x of results) assert.ok(Array.isArray(x.suppressions), x.ruleId);
    assert.equal(results.filter((x) => x.suppressions.length === 0).length, result.summary.gaps);
    assert.deepEqual(log.runs[0]!.properties, {
      decisionTable: 'Threat Overlap default (SSVC-style, technique gaps)', asOf: '2026-12-03', outcomes: result.summary.outcomes, accepted: 1,
      assurance: { asOf: '2026-12-03', maxAgeDays: 180, claimed: result.summary.assurance },
    });
  });
});

describe('navigator layer', () => {
  const validate = new Ajv2020({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync('schemas/navigator-layer-4.5.schema.json', 'utf8')));
  const layer = navigatorLayer(ctx) as { legendItems: { label: string; color: string }[]; techniques: { techniqueID: string; color: string; comment: string; metadata: { name: string; value: string }[] }[] };
  const t = (id: string) => layer.techniques.find((x) => x.techniqueID === id)!;
  test('gaps coloured by outcome, accepted in its own colour, all in the legend; still a valid 4.5 layer', () => {
    assert.ok(validate(layer), JSON.stringify(validate.errors));
    assert.deepEqual(['T1000.002', 'T1000', 'T1001', 'T1000.001', 'T1003'].map((id) => t(id).color), [OUTCOME_COLOURS.act, OUTCOME_COLOURS.attend, OUTCOME_COLOURS['track*'], OUTCOME_COLOURS.track, STATE_COLOURS.accepted]);
    assert.equal(new Set([...Object.values(OUTCOME_COLOURS), STATE_COLOURS.accepted, STATE_COLOURS.covered]).size, 6, 'six distinct colours');
    for (const colour of [...Object.values(OUTCOME_COLOURS), STATE_COLOURS.accepted]) assert.ok(layer.legendItems.some((l) => l.color === colour), colour);
  });
  test('comments and metadata carry the path, the decision points, the next change and the acceptance', () => {
    assert.match(t('T1000').comment, /^GAP #2, reported · automatable · open · high → Attend: used by Alpha Group; .*; closes it: M0001 \(extend EDR's appliesTo to lin\)$/);
    const meta = new Map(t('T1000').metadata.map((m) => [m.name, m.value]));
    assert.equal(meta.get('outcome'), 'Attend');
    assert.equal(meta.get('automatable'), 'yes: assessed in the model: Scripted by commodity kits; computed: no');
    assert.equal(meta.get('closes it: M0001'), "Harden Things: extend EDR's appliesTo to lin");
    assert.match(t('T1003').comment, /^Accepted until 2027-03-31 by secops@example\.com: Lab hosts \| retired in Q1 \*soon\*/);
    assert.equal(new Map(t('T1003').metadata.map((m) => [m.name, m.value])).get('accepted'), 'until 2027-03-31 by secops@example.com (RISK-7): Lab hosts | retired in Q1 *soon*');
  });
});
