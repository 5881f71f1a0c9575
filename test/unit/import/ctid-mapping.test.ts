import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { ImportError, MITIGATES_LEVEL, mappedTechniques, matchCapability, parseMappingFile } from '../../../src/core/import/index';
import { isControlMapping, suggestCapability } from '../../../src/core/import/mapping-use';
import { fixtureText } from './helpers';

const cloud = parseMappingFile(fixtureText('mappings', 'cloud-scores.json'));
const nist = parseMappingFile(fixtureText('mappings', 'nist-style.json'));

describe('parseMappingFile normalises the Mappings Explorer quirks', () => {
  test('technique_scores and technique_score are one type; category and score are lower-cased', () => {
    assert.equal(cloud.attackVersion, '16.1');
    assert.equal(cloud.framework, 'testcloud');
    assert.equal(cloud.domain, 'enterprise-attack');
    assert.ok(cloud.rows.every((r) => r.type === 'technique-scores'));
    assert.deepEqual(cloud.rows.find((r) => r.capabilityId === 'vault'), { capabilityId: 'vault', capabilityGroup: 'vault', techniqueId: 'T1003', type: 'technique-scores', category: 'protect', score: 'significant' });
  });
  test('non_mappable rows (mapping_type null or "non_mappable") keep the capability with no rows; rows with a null score and non-objects are skipped', () => {
    assert.equal(cloud.nonMappableRows, 2);
    assert.equal(cloud.capabilities.get('logs')?.rows, 0);
    assert.equal(cloud.skippedRows, 2);
    assert.equal(cloud.rows.length, 8);
  });
  test('protects is mitigates; a non_mappable row without a capability is counted, not a capability', () => {
    assert.deepEqual(nist.rows.map((r) => r.type), ['mitigates', 'mitigates', 'mitigates']);
    assert.equal(nist.nonMappableRows, 1);
    assert.deepEqual([...nist.capabilities.keys()], ['AC-2', 'AC-3', 'SI-04']);
  });
  test('not a mapping file: typed error', () => {
    assert.throws(() => parseMappingFile('{ "metadata": {} }'), (e: unknown) => e instanceof ImportError && e.code === 'invalid');
    assert.throws(() => parseMappingFile('{ "metadata": {}, "mapping_objects": [] }'), (e: unknown) => e instanceof ImportError && /attack_version/.test(e.message));
  });
});

describe('capabilities and levels', () => {
  test('a capability matches by ID, then ignoring case and zero padding (NIST writes SI-04), then as a capability group', () => {
    assert.deepEqual(matchCapability(cloud, 'guard'), { ids: ['guard'], nonMappable: false });
    assert.deepEqual(matchCapability(nist, 'ac-2'), { ids: ['AC-2'], nonMappable: false });
    assert.deepEqual(matchCapability(nist, 'SI-4'), { ids: ['SI-04'], nonMappable: false });
    assert.deepEqual(matchCapability(nist, 'SI-40'), undefined);
    assert.deepEqual(matchCapability(cloud, 'identity'), { ids: ['ID-MFA', 'ID-CA'], nonMappable: false });
    assert.deepEqual(matchCapability(cloud, 'logs'), { ids: ['logs'], nonMappable: true });
    assert.equal(matchCapability(cloud, 'gaurd'), undefined);
    assert.equal(suggestCapability(cloud, 'gaurd'), 'guard');
  });
  test('score rows give their score and category; mitigates rows give the documented default, protect', () => {
    assert.deepEqual(mappedTechniques(cloud, new Set(['guard'])).map((m) => [m.techniqueId, m.level, m.function]), [
      ['T1000', 'partial', 'detect'], ['T1000', 'minimal', 'protect'], ['T1000.001', 'significant', 'respond'], ['T1004', 'partial', 'protect'],
    ]);
    assert.equal(MITIGATES_LEVEL, 'partial');
    assert.deepEqual(mappedTechniques(nist, new Set(['AC-3'])), [{ techniqueId: 'T1003', level: 'partial', function: 'protect', capabilityId: 'AC-3' }]);
  });
  test('a KEV-style file (CVE → technique) is not a control mapping', () => {
    const kev = parseMappingFile(fixtureText('mappings', 'kev-style.json'));
    assert.equal(kev.rows.length, 1);
    assert.equal(isControlMapping(kev), false);
    assert.equal(isControlMapping(nist), true);
    assert.deepEqual(mappedTechniques(kev, new Set(['CVE-2024-0001'])), []);
  });
});
