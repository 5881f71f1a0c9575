import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { ImportError, detectionLevel, dettectControlLevels, parseDettect, visibilityLevel } from '../../../src/core/import/index';
import type { DettectFile } from '../../../src/core/import/index';
import { fixtureText } from './helpers';

type TechniqueAdmin = Extract<DettectFile, { kind: 'technique-administration' }>;
const techniques = parseDettect(fixtureText('dettect', 'techniques.yaml')) as TechniqueAdmin;

describe('DeTT&CT technique administration', () => {
  test('reads the YAML 1.2 file, the systems, and the score in force (newest logbook date); bad entries are skipped', () => {
    assert.equal(techniques.kind, 'technique-administration');
    assert.equal(techniques.domain, 'enterprise-attack');
    assert.deepEqual(techniques.systems, ['all', 'Windows workstations', 'Linux servers']);
    assert.deepEqual(techniques.techniques[0], {
      techniqueId: 'T1000', detection: [{ applicableTo: ['all'], score: 4 }], visibility: [{ applicableTo: ['all'], score: 3 }],
    });
    assert.equal(techniques.techniques.length, 6);
    assert.equal(techniques.skippedEntries, 2); // the out-of-range score and the entry without technique_id
  });
  test('the documented score → level tables', () => {
    assert.deepEqual([-1, 0, 1, 2, 3, 4, 5].map(detectionLevel), ['none', 'none', 'minimal', 'minimal', 'partial', 'significant', 'significant']);
    assert.deepEqual([0, 1, 2, 3, 4].map(visibilityLevel), ['none', 'none', 'minimal', 'minimal', 'minimal']);
  });
  test('levels: the higher of detection and visibility; a chosen system also takes `all` entries; none is left out', () => {
    assert.deepEqual(Object.fromEntries(dettectControlLevels(techniques)), { T1000: 'significant', T1001: 'significant', T1002: 'minimal', T1004: 'minimal' });
    assert.deepEqual(Object.fromEntries(dettectControlLevels(techniques, new Set(['Windows workstations']))), { T1000: 'significant', T1001: 'partial', T1002: 'minimal', T1004: 'minimal' });
  });
});

describe('DeTT&CT group administration', () => {
  const groups = parseDettect(fixtureText('dettect', 'groups.yaml'));
  test('list and counted technique_id forms, software, campaign, enabled (True/false, default true)', () => {
    assert.equal(groups.kind, 'group-administration');
    if (groups.kind !== 'group-administration') return;
    assert.deepEqual(groups.groups.map((g) => [g.name, g.campaign, g.enabled, g.software]), [
      ['Listed crew', 'Scenario 1', true, ['S0001']], ['Counted report', undefined, true, []], ['Switched off', undefined, false, []],
    ]);
    assert.deepEqual([...groups.groups[0].techniques], [['T1001', undefined], ['T1004', undefined], ['T1005', undefined], ['T9999', undefined]]);
    assert.deepEqual([...groups.groups[1].techniques], [['T1000', 40], ['T1003', 12], ['T1002', 3]]);
  });
  test('data-source administration is recognised; other YAML fails with typed errors', () => {
    assert.equal(parseDettect(fixtureText('dettect', 'data-sources.yaml')).kind, 'data-source-administration');
    assert.throws(() => parseDettect('file_type: something-else\n'), (e: unknown) => e instanceof ImportError && e.code === 'invalid');
    assert.throws(() => parseDettect('- a\n- b\n'), (e: unknown) => e instanceof ImportError && /mapping/.test(e.message));
    assert.throws(() => parseDettect('a: b: c\n'), (e: unknown) => e instanceof ImportError && e.code === 'not-yaml');
    const bomb = 'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\nfile_type: group-administration\n';
    assert.throws(() => parseDettect(bomb), (e: unknown) => e instanceof ImportError && e.code === 'not-yaml');
  });
});
