import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { ImportError, layerAdversaryTechniques, layerControlLevels, parseNavigatorLayer, scoreLevel } from '../../../src/core/import/index';
import { fixtureText } from './helpers';

const v3 = parseNavigatorLayer(fixtureText('layers', 'v3-enterprise.json'));

describe('parseNavigatorLayer', () => {
  test('reads a 3.x layer with domain mitre-enterprise and says what it upgraded', () => {
    assert.equal(v3.formatVersion, '3.0');
    assert.equal(v3.domain, 'enterprise-attack');
    assert.deepEqual(v3.upgrades, ['layer format 3.0 read as 4.5', 'domain mitre-enterprise read as enterprise-attack']);
    assert.deepEqual(v3.gradient, { min: 0, max: 9 });
  });
  test('keeps techniqueID/tactic/score/enabled per entry; a string score is a number; bad entries are skipped and counted', () => {
    assert.equal(v3.techniques.length, 9);
    assert.equal(v3.skippedEntries, 2);
    assert.deepEqual(v3.techniques[1], { techniqueID: 'T1000', tactic: 'impact', score: 8, enabled: true, annotated: true });
    assert.equal(v3.techniques.find((t) => t.techniqueID === 'T1001')?.score, 5);
    assert.equal(v3.techniques.find((t) => t.techniqueID === 'T1002')?.enabled, false);
    assert.equal(v3.techniques.find((t) => t.techniqueID === 'T1000.002')?.annotated, false);
    assert.equal(v3.techniques.find((t) => t.techniqueID === 'T1003')?.annotated, true);
  });
  test('reads 4.x versions and the default gradient', () => {
    const layer = parseNavigatorLayer(fixtureText('layers', 'mobile.json'));
    assert.equal(layer.formatVersion, '4.4');
    assert.equal(layer.domain, 'mobile-attack');
    assert.deepEqual(layer.upgrades, []);
    assert.deepEqual(layer.gradient, { min: 0, max: 100 });
  });
  const fails = (text: string, code: ImportError['code'], message: RegExp) =>
    assert.throws(() => parseNavigatorLayer(text), (e: unknown) => e instanceof ImportError && e.code === code && message.test(e.message));
  test('untrusted input fails with typed errors, never a TypeError', () => {
    fails(fixtureText('layers', 'v2-unsupported.json'), 'unsupported-version', /layer format 2\.2 is not supported/);
    fails('{ "versions": { "layer": "4.5" }, "domain": "enterprise-attack"', 'not-json', /not valid JSON/);
    fails('[1, 2]', 'invalid', /JSON object/);
    fails('{ "versions": { "layer": "4.5" }, "domain": "enterprise-attack", "techniques": {} }', 'invalid', /no `techniques` array/);
    fails('{ "versions": { "layer": "4.5" }, "domain": "pre-attack", "techniques": [] }', 'invalid', /'pre-attack' is not an ATT&CK domain/);
    fails('{ "domain": "enterprise-attack", "techniques": [] }', 'invalid', /no format version/);
    fails('{ "versions": "4.5", "version": 4, "domain": "enterprise-attack", "techniques": [] }', 'invalid', /no format version/);
  });
  test('a __proto__ key is data, not a prototype', () => {
    const layer = parseNavigatorLayer('{ "versions": { "layer": "4.5" }, "domain": "enterprise-attack", "techniques": [ { "__proto__": { "techniqueID": "T1000" } } ] }');
    assert.equal(layer.techniques.length, 0);
    assert.equal(layer.skippedEntries, 1);
  });
});

describe('layer as adversary source', () => {
  test('without minScore: enabled, annotated entries; tactic entries merge with the best score', () => {
    const t = layerAdversaryTechniques(v3);
    assert.deepEqual([...t.keys()], ['T1000', 'T1001', 'T1003', 'T1004', 'T1005', 'T9999']);
    assert.equal(t.get('T1000'), 8);
    assert.equal(t.get('T1003'), undefined);
  });
  test('minScore keeps only scored entries at or above it', () => {
    assert.deepEqual([...layerAdversaryTechniques(v3, 5).keys()], ['T1000', 'T1001', 'T1005']);
    assert.deepEqual([...layerAdversaryTechniques(v3, 9).keys()], []);
  });
});

describe('layer as control inventory', () => {
  test('scores map to levels by thirds of the gradient range (0–3 here); unscored annotated entries give partial; disabled and ≤ min give nothing', () => {
    const levels = layerControlLevels(parseNavigatorLayer(fixtureText('layers', 'v4-controls.json')));
    assert.deepEqual(Object.fromEntries(levels), { T1000: 'significant', 'T1000.001': 'minimal', T1001: 'partial', T1003: 'partial' });
  });
  test('scoreLevel boundaries on 0–100', () => {
    const r = { min: 0, max: 100 };
    assert.deepEqual([0, 1, 33, 34, 66, 67, 100, 250, -5].map((s) => scoreLevel(s, r)),
      ['none', 'minimal', 'minimal', 'partial', 'partial', 'significant', 'significant', 'significant', 'none']);
    assert.deepEqual([1, 2, 3].map((s) => scoreLevel(s, { min: 0, max: 3 })), ['minimal', 'partial', 'significant']);
  });
});
