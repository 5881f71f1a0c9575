/**
 * Triage on real ATT&CK 18.1 (../shared/attack-stix): the example workspace and the generated 2,000-line model of the
 * benchmarks. Every gap has an outcome and a path, Act is the small set docs/triage.md explains, the next best
 * mitigations close it, an acceptance holds and then expires, and analyses that share an index stay independent.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { generateModel } from '../../../bench/lib/generated-model';
import type { AttackIndex } from '../../../src/core/attack/types';
import { analyseCoverage } from '../../../src/core/coverage/engine';
import { coverageInputFrom } from '../../../src/core/coverage/model-input';
import type { CoverageResult } from '../../../src/core/coverage/types';
import { parseControlInventory, parseThreatModel } from '../../../src/core/model/index';
import type { ControlInventory, ThreatModel } from '../../../src/core/model/types';
import { triageDiagnostics } from '../../../src/core/triage/diagnostics';
import { compareGaps } from '../../../src/core/triage/triage';
import { realIndex, skipUnless } from '../../fixtures/model/real-data';

const BUNDLE = 'enterprise-attack-18.1.json';
const DIR = 'data/examples';
const MODEL = join(DIR, 'payments.threatmodel.yaml');

function parse(text: string, file: string): ThreatModel {
  const model = parseThreatModel(text, file).model;
  assert.ok(model, `${file} parses`);
  return model;
}

function inventories(model: ThreatModel): ControlInventory[] {
  return model.controlFiles.map((r) => {
    const file = join(DIR, r.value);
    const inventory = parseControlInventory(readFileSync(file, 'utf8'), file).model;
    assert.ok(inventory, `${file} parses`);
    return inventory;
  });
}

function analyse(index: AttackIndex, model: ThreatModel, asOf: string): CoverageResult {
  return analyseCoverage(index, coverageInputFrom(model, inventories(model), undefined, { asOf }));
}

const everyGapTriaged = (r: CoverageResult) => {
  const gaps = r.techniques.filter((t) => t.state === 'gap');
  for (const g of gaps) {
    assert.ok(g.triage, `${g.id} has a triage`);
    assert.match(g.triage.path, / → (Act|Attend|Track\*|Track)$/, `${g.id} path`);
    for (const p of ['activity', 'automatable', 'exposure', 'missionImpact'] as const) assert.ok(g.triage[p].evidence.length > 0, `${g.id} ${p} has evidence`);
  }
  const o = r.summary.outcomes;
  // The engine sorts on keys worked out once per gap; the order must be compareGaps's (docs/triage.md).
  assert.deepEqual(r.prioritizedGaps, [...gaps].sort(compareGaps).map((g) => g.id), 'gap order is compareGaps');
  assert.deepEqual(r.prioritizedGaps.map((id) => r.techniques.find((t) => t.id === id)?.priority?.rank), gaps.map((_, i) => i + 1), 'ranks 1…n');
  assert.equal(o.act + o.attend + o['track*'] + o.track, gaps.length, 'outcome counts add up to the gaps');
  return gaps;
};

describe('triage on real data', { skip: skipUnless(BUNDLE) }, () => {
  test('the example as of 2026-12-03: 1 Act (T1486), 91 Attend, 22 Track*, 63 Track; the next best mitigations close the Act gap', () => {
    const r = analyse(realIndex(BUNDLE), parse(readFileSync(MODEL, 'utf8'), MODEL), '2026-12-03');
    everyGapTriaged(r);
    assert.deepEqual(r.summary.outcomes, { act: 1, attend: 91, 'track*': 22, track: 63 });
    const act = r.techniques.filter((t) => t.triage?.outcome === 'act' && t.state === 'gap');
    assert.deepEqual(act.map((t) => t.id), ['T1486']);
    assert.equal(act[0]!.triage!.path, 'active · automatable · open · high → Act');
    assert.equal(r.prioritizedGaps[0], 'T1486', 'the Act gap comes first');
    assert.deepEqual(act[0]!.mitigations!.map((m) => m.id), ['M1040', 'M1053']);
    assert.match(act[0]!.mitigations![0]!.action, /extend EDR-01's appliesTo to k8s/);
    assert.equal(r.nextBest.picks[0]!.id, 'M1031');
    assert.ok(r.nextBest.picks.some((p) => p.closes.includes('T1486')), 'a pick closes the Act gap');
    const closed = r.nextBest.picks.reduce((n, p) => n + p.closes.length, 0);
    const left = Object.values(r.nextBest.remaining).reduce((n, c) => n + c, 0);
    assert.equal(closed + left, r.summary.gaps, 'each gap is closed by one pick or remains');
  });

  test('an acceptance holds until its end date, then the technique is a gap again with a warning naming the owner', () => {
    const index = realIndex(BUNDLE);
    const text = readFileSync(MODEL, 'utf8').replace(
      /^techniques:\n/m,
      'techniques:\n  accept:\n    - { id: T1486, reason: Immutable backups land in Q1, owner: payments-platform@example.com, until: 2027-01-31 }\n',
    );
    const model = parse(text, MODEL);
    const during = analyse(index, model, '2026-12-03');
    const t = during.techniques.find((x) => x.id === 'T1486')!;
    assert.equal(t.state, 'accepted');
    assert.equal(t.acceptance?.owner, 'payments-platform@example.com');
    assert.equal(during.summary.outcomes.act, 0);
    assert.equal(during.summary.accepted, 1);
    assert.equal(during.summary.relevant, during.summary.covered + during.summary.gaps + during.summary.accepted);
    const input = coverageInputFrom(model, inventories(model), undefined, { asOf: '2027-02-01' });
    const after = analyseCoverage(index, input);
    assert.equal(after.techniques.find((x) => x.id === 'T1486')?.state, 'gap');
    assert.equal(after.summary.outcomes.act, 1);
    const ended = triageDiagnostics(model, after, input.triage!).filter((d) => d.code === 'triage.acceptance-ended');
    assert.equal(ended.length, 1);
    assert.match(ended[0]!.message, /payments-platform@example\.com.*2027-01-31/);
  });

  test('the generated 2,000-line model: every gap has an outcome, a path and evidence', () => {
    const index = realIndex(BUNDLE);
    const model = parse(generateModel(index, 2000), join(DIR, 'generated.threatmodel.yaml'));
    const gaps = everyGapTriaged(analyse(index, model, '2026-12-03'));
    assert.ok(gaps.length > 500, `${gaps.length} gaps`);
  });

  test('analyses sharing one index (and its caches) give the same result as the first, in any order', () => {
    const index = realIndex(BUNDLE);
    const example = parse(readFileSync(MODEL, 'utf8'), MODEL);
    const generated = parse(generateModel(index, 2000), join(DIR, 'generated.threatmodel.yaml'));
    const first = JSON.stringify(analyse(index, example, '2026-12-03'));
    analyse(index, generated, '2026-12-03');
    assert.equal(JSON.stringify(analyse(index, example, '2026-12-03')), first);
    assert.notEqual(JSON.stringify(analyse(index, example, '2025-01-01')), first, 'the date matters');
  });
});
