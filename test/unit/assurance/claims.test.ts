import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { claimValidation, MAX_TESTS_LISTED } from '../../../src/core/assurance/claims';
import type { ValidationInput } from '../../../src/core/assurance/types';

const t = (date: string, result: ValidationInput['result'] = 'detected', ref?: string): ValidationInput => ({ technique: 'T1000', date, method: 'atomic', result, ...(ref ? { ref } : {}) });
const policy = { asOf: '2026-12-01', maxAgeDays: 180 };

describe('the state of one claim', () => {
  test('no tests at all: no validation record (untested)', () => {
    assert.equal(claimValidation([], policy), undefined);
  });

  test('validated: the latest test is within the max age and not missed; the age is counted to the as-of date', () => {
    const v = claimValidation([t('2026-10-01')], policy)!;
    assert.equal(v.state, 'validated');
    assert.equal(v.ageDays, 61);
  });

  test('exactly max age days old is still validated, one more day is stale', () => {
    assert.equal(claimValidation([t('2026-06-04')], policy)!.ageDays, 180);
    assert.equal(claimValidation([t('2026-06-04')], policy)!.state, 'validated');
    assert.equal(claimValidation([t('2026-06-03')], policy)!.state, 'stale');
  });

  test('failed: the latest test missed, however recent', () => {
    assert.equal(claimValidation([t('2026-11-30', 'missed')], policy)!.state, 'failed');
    assert.equal(claimValidation([t('2020-01-01', 'missed')], policy)!.state, 'failed', 'an old miss is still a miss');
  });

  test('the latest by date counts, not the order written: a later pass after an earlier miss validates', () => {
    const v = claimValidation([t('2026-11-01', 'blocked', 'retest'), t('2026-09-01', 'missed', 'first')], policy)!;
    assert.equal(v.state, 'validated');
    assert.equal(v.latest?.ref, 'retest');
    assert.deepEqual(v.tests.map((x) => x.ref), ['retest', 'first'], 'newest first');
    const failed = claimValidation([t('2026-09-01', 'detected', 'old pass'), t('2026-11-01', 'missed', 'new miss')], policy)!;
    assert.equal(failed.state, 'failed');
  });

  test('on the same date the test written last counts', () => {
    assert.equal(claimValidation([t('2026-11-01', 'detected'), t('2026-11-01', 'missed')], policy)!.state, 'failed');
    assert.equal(claimValidation([t('2026-11-01', 'missed'), t('2026-11-01', 'detected')], policy)!.state, 'validated');
  });

  test('tests after the as-of date do not count yet: the same tests on another as-of date give another state', () => {
    const tests = [t('2026-05-01', 'detected'), t('2027-01-10', 'missed')];
    const before = claimValidation(tests, policy)!;
    assert.equal(before.state, 'stale', 'on 2026-12-01 the January miss has not happened; the May test is 214 days old');
    assert.equal(before.future, 1);
    assert.equal(claimValidation(tests, { ...policy, asOf: '2027-02-01' })!.state, 'failed');
    assert.equal(claimValidation([t('2027-01-10')], policy)!.state, 'untested', 'only future tests: untested on the as-of date');
  });

  test('the max age comes from the policy', () => {
    assert.equal(claimValidation([t('2026-10-01')], { ...policy, maxAgeDays: 30 })!.state, 'stale');
  });

  test('without an as-of date no test is stale or in the future', () => {
    const v = claimValidation([t('2001-01-01'), t('2099-01-01', 'missed')], { maxAgeDays: 180 })!;
    assert.equal(v.state, 'failed');
    assert.equal(v.ageDays, undefined);
  });

  test('long histories are listed up to a bound and counted', () => {
    const many = Array.from({ length: MAX_TESTS_LISTED + 3 }, (_, i) => t(`2026-01-${String(i + 1).padStart(2, '0')}`));
    const v = claimValidation(many, policy)!;
    assert.equal(v.tests.length, MAX_TESTS_LISTED);
    assert.equal(v.moreTests, 3);
    assert.equal(v.latest?.date, '2026-01-13');
  });
});
