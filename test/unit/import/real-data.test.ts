/**
 * Every real file in ../shared/navigator-layers, control-mappings and dettect, against the real Enterprise 18.1
 * (and 15.1) index. Expected counts were read from the files independently (jq/python), not from this code.
 * Skipped when the data is missing, except with CI=true.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { layerAdversaryTechniques, mappedTechniques, readImportFile, resolveIds } from '../../../src/core/import/index';
import type { ImportedFile } from '../../../src/core/import/index';
import { realIndex, skipUnless } from '../../fixtures/model/real-data';
import { SHARED } from './helpers';

const E18 = 'enterprise-attack-18.1.json';
const E15 = 'enterprise-attack-15.1.json';
const DIRS = ['navigator-layers', 'control-mappings', 'dettect'];
const missingDirs = DIRS.filter((d) => !existsSync(SHARED(d)));
const skip = skipUnless(E18, E15) || (missingDirs.length > 0 && process.env.CI !== 'true' ? `missing ${missingDirs.join(', ')}` : false);
const read = (dir: string, file: string): ImportedFile => readImportFile(readFileSync(join(SHARED(dir), file), 'utf8'));
const layerIds = (f: ImportedFile) => (f.format === 'navigator-layer' ? [...layerAdversaryTechniques(f.layer).keys()] : []);

describe('real Navigator layers', { skip }, () => {
  // file → [format version, entries, distinct counted techniques]
  const expected: Record<string, [string, number, number]> = {
    'ATTACKcon_Red_Pins.json': ['3.0', 24, 18],
    'Bear_APT.json': ['3.0', 126, 126],
    'heatmap_layer.json': ['3.0', 428, 428],
    'dettect-mandiant-2021.json': ['4.1', 211, 211],
    'dettect-redcanary-2022.json': ['4.3', 18, 17],
  };
  test('every file is covered by this test', () => {
    assert.deepEqual(readdirSync(SHARED('navigator-layers')).filter((f) => f.endsWith('.json')).sort(), Object.keys(expected).sort());
  });
  for (const [file, [version, entries, counted]] of Object.entries(expected)) {
    test(`${file}: format ${version}, ${entries} entries, ${counted} techniques`, () => {
      const f = read('navigator-layers', file);
      assert.equal(f.format, 'navigator-layer');
      if (f.format !== 'navigator-layer') return;
      assert.equal(f.layer.formatVersion, version);
      assert.equal(f.layer.domain, 'enterprise-attack');
      assert.equal(f.layer.upgrades.length > 0, version.startsWith('3.'));
      assert.equal(f.layer.techniques.length, entries);
      assert.equal(layerIds(f).length, counted);
    });
  }
  test('IDs revoked in 18.1 map to their revoked-by replacement; IDs without one are reported', () => {
    const index = realIndex(E18);
    const pins = resolveIds(index, layerIds(read('navigator-layers', 'ATTACKcon_Red_Pins.json')));
    assert.equal(pins.revoked.length, 8);
    assert.ok(pins.revoked.some((r) => r.id === 'T1155' && r.replacement === 'T1059.002'));
    assert.deepEqual(pins.deprecated, ['T1062']);
    for (const r of pins.revoked) {
      assert.equal(index.technique(r.id), undefined);
      assert.ok(index.retired(r.id).some((o) => o.revoked));
      assert.equal(index.technique(r.replacement)?.id, r.replacement);
    }
    const heat = resolveIds(index, layerIds(read('navigator-layers', 'heatmap_layer.json')));
    assert.deepEqual(heat.revoked.map((r) => r.id).sort(), ['T1053.001', 'T1547.011', 'T1574.002']);
    assert.deepEqual(heat.deprecated, ['T1053.004']);
    assert.equal(heat.unknown.length, 0);
  });
  test('against 15.1, T1574.002 is still live: it was revoked since', () => {
    const old = resolveIds(realIndex(E15), layerIds(read('navigator-layers', 'dettect-mandiant-2021.json')));
    assert.equal(old.revoked.length, 0);
    const now = resolveIds(realIndex(E18), layerIds(read('navigator-layers', 'dettect-mandiant-2021.json')));
    assert.deepEqual(now.revoked, [{ id: 'T1574.002', replacement: 'T1574.001' }]);
  });
});

describe('real CTID mappings', { skip }, () => {
  // file → [mappable rows, non_mappable rows, capabilities, distinct techniques]
  const expected: Record<string, [number, number, number, number]> = {
    'aws-12.12.2024_attack-16.1-enterprise.json': [487, 10, 30, 215],
    'azure-04.26.2025_attack-16.1-enterprise.json': [972, 0, 38, 412],
    'gcp-03.06.2025_attack-16.1-enterprise.json': [518, 18, 58, 290],
    'kev-07.28.2025_attack-16.1-enterprise.json': [1183, 0, 419, 155],
    'm365-07.18.2025_attack-16.1-enterprise.json': [806, 0, 38, 218],
    'nist_800_53-rev5_attack-16.1-enterprise.json': [5314, 96, 109, 470],
  };
  test('every mapping file is covered by this test', () => {
    const files = readdirSync(SHARED('control-mappings')).filter((f) => f.endsWith('.json') && !f.includes('schema'));
    assert.deepEqual(files.sort(), Object.keys(expected).sort());
  });
  for (const [file, [rows, nonMappable, capabilities, techniques]] of Object.entries(expected)) {
    test(`${file}: ${rows} rows, ${nonMappable} non_mappable, ${capabilities} capabilities, ${techniques} techniques`, () => {
      const f = read('control-mappings', file);
      assert.equal(f.format, 'ctid-mapping');
      if (f.format !== 'ctid-mapping') return;
      assert.equal(f.mapping.attackVersion, '16.1');
      assert.equal(f.mapping.rows.length, rows);
      assert.equal(f.mapping.nonMappableRows, nonMappable);
      assert.equal(f.mapping.skippedRows, 0);
      assert.equal(f.mapping.capabilities.size, capabilities);
      assert.equal(new Set(f.mapping.rows.map((r) => r.techniqueId)).size, techniques);
    });
  }
  test('m365 technique_score and aws technique_scores normalise alike; nist is mitigates; kev is neither', () => {
    const type = (file: string) => {
      const f = read('control-mappings', file);
      return f.format === 'ctid-mapping' ? [...new Set(f.mapping.rows.map((r) => r.type))] : [];
    };
    assert.deepEqual(type('m365-07.18.2025_attack-16.1-enterprise.json'), ['technique-scores']);
    assert.deepEqual(type('aws-12.12.2024_attack-16.1-enterprise.json'), ['technique-scores']);
    assert.deepEqual(type('nist_800_53-rev5_attack-16.1-enterprise.json'), ['mitigates']);
    assert.deepEqual(type('kev-07.28.2025_attack-16.1-enterprise.json').sort(), ['exploitation_technique', 'primary_impact', 'secondary_impact']);
  });
  test('amazon_guardduty gives 69 technique entries; revoked-since-16.1 IDs are found against 18.1', () => {
    const aws = read('control-mappings', 'aws-12.12.2024_attack-16.1-enterprise.json');
    assert.equal(aws.format, 'ctid-mapping');
    if (aws.format !== 'ctid-mapping') return;
    assert.equal(mappedTechniques(aws.mapping, new Set(['amazon_guardduty'])).length, 69);
    const nist = read('control-mappings', 'nist_800_53-rev5_attack-16.1-enterprise.json');
    if (nist.format !== 'ctid-mapping') return;
    const r = resolveIds(realIndex(E18), nist.mapping.rows.map((x) => x.techniqueId));
    assert.deepEqual(r.revoked, [{ id: 'T1574.002', replacement: 'T1574.001' }]);
    assert.deepEqual(r.unknown, ['T1521.003']); // a Mobile ID in an Enterprise mapping
  });
});

describe('real DeTT&CT files', { skip }, () => {
  test('technique administration: 342 techniques, the systems, IDs newer than 18.1 reported as unknown', () => {
    const f = read('dettect', 'techniques-administration-endpoints.yaml');
    assert.ok(f.format === 'dettect' && f.dettect.kind === 'technique-administration');
    if (f.format !== 'dettect' || f.dettect.kind !== 'technique-administration') return;
    assert.equal(f.dettect.techniques.length, 342);
    assert.equal(f.dettect.skippedEntries, 0);
    assert.deepEqual(f.dettect.systems, ['all', 'Windows workstations', 'Linux servers']);
    const r = resolveIds(realIndex(E18), f.dettect.techniques.map((t) => t.techniqueId));
    assert.equal(r.live.size, 334);
    assert.equal(r.unknown.length, 8);
  });
  test('group administration: groups.yaml, M-Trends 2021, RedCanary 2022', () => {
    const groups = (file: string) => {
      const f = read('dettect', file);
      return f.format === 'dettect' && f.dettect.kind === 'group-administration' ? f.dettect.groups : [];
    };
    assert.deepEqual(groups('groups.yaml').map((g) => [g.name, g.campaign, g.techniques.size, g.software, g.enabled]), [
      ['Red team', 'Scenario 1', 21, ['S0002'], true], ['Red team', 'Ransomware', 16, [], false],
    ]);
    assert.equal(groups('20210413-FireEye-Mandiant.yaml')[0]?.techniques.size, 211);
    assert.equal(groups('20210413-FireEye-Mandiant.yaml')[0]?.techniques.get('T1027'), 53);
    assert.equal(groups('20220322-RedCanary.yaml')[0]?.techniques.size, 17);
    assert.equal(groups('20220322-RedCanary.yaml')[0]?.techniques.get('T1059'), 5998);
  });
  test('data-source administration is recognised (and refused as controls by resolveImports)', () => {
    const f = read('dettect', 'data-sources-endpoints.yaml');
    assert.ok(f.format === 'dettect' && f.dettect.kind === 'data-source-administration');
  });
  test('DeTT&CT layers and their group files agree', () => {
    const layer = new Set(layerIds(read('navigator-layers', 'dettect-redcanary-2022.json')));
    const f = read('dettect', '20220322-RedCanary.yaml');
    const group = f.format === 'dettect' && f.dettect.kind === 'group-administration' ? [...f.dettect.groups[0]!.techniques.keys()] : [];
    assert.deepEqual([...layer].sort(), group.sort());
  });
});
