/**
 * The index against MITRE's real bundles (../shared/attack-stix, or $THREAT_OVERLAP_ATTACK_STIX). Skipped when they
 * are missing, except with CI=true, where a missing bundle fails. Each bundle is loaded once per process.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import type { AttackIndex, Technique } from '../../../src/core/attack/index';
import { buildIndexFromText, loadAttackIndex, serializeIndex } from '../../../src/core/attack/index';
import { STIX_DIR, skipUnless } from '../../fixtures/model/real-data';

const ENTERPRISE = 'enterprise-attack-18.1.json';
const ENTERPRISE_OLD = 'enterprise-attack-15.1.json';
const MOBILE = 'mobile-attack-18.1.json';
const ICS = 'ics-attack-18.1.json';

const loaded = new Map<string, Promise<AttackIndex>>();
/** The index of a real bundle, built once (without the cache) and shared by every test of this process. */
function real(file: string): Promise<AttackIndex> {
  let p = loaded.get(file);
  if (!p) loaded.set(file, (p = loadAttackIndex(path.join(STIX_DIR, file), { noCache: true }).then((l) => l.index)));
  return p;
}

const ids = (list: readonly Technique[]): string[] => list.map((t) => t.id);

describe('Enterprise 18.1 (STIX 2.0)', { skip: skipUnless(ENTERPRISE) }, () => {
  test('14 tactics in matrix order, 216 live techniques and 475 live sub-techniques', async () => {
    const index = await real(ENTERPRISE);
    assert.deepEqual([index.domain, index.version, index.versionSource, index.specVersion], ['enterprise-attack', '18.1', 'file-name', '2.0']);
    assert.equal(index.tactics.length, 14);
    assert.deepEqual([index.tactics[0].shortname, index.tactics[13].shortname], ['reconnaissance', 'impact']);
    const c = index.counts();
    assert.deepEqual([c.techniques, c.subtechniques], [216, 475]);
    assert.deepEqual([c.groups, c.campaigns, c.software, c.malware, c.tools, c.mitigations], [172, 52, 784, 693, 91, 44]);
    assert.deepEqual([c.dataComponents, c.detectionStrategies, c.analytics], [106, 691, 1739]);
  });
  test('T1086 is revoked and resolves to T1059.001', async () => {
    const index = await real(ENTERPRISE);
    assert.equal(index.technique('T1086'), undefined);
    // Old mitigations reused technique IDs: a deprecated course-of-action shares T1086.
    assert.deepEqual(index.retired('T1086').map((o) => [o.kind, o.name, o.revoked]), [['mitigation', 'PowerShell Mitigation', false], ['technique', 'PowerShell', true]]);
    assert.equal(index.replacementOf('T1086')?.id, 'T1059.001');
    assert.equal(index.technique('T1059.001')?.parentId, 'T1059');
  });
  test('lookups and relationships on real data', async () => {
    const index = await real(ENTERPRISE);
    assert.deepEqual(index.byName('APT29', 'group').map((o) => o.id), ['G0016']);
    assert.ok(index.related('G0016', 'uses').includes('T1059.001'));
    assert.ok(index.relatedFrom('T1059.001', 'mitigates').length > 0);
    assert.ok(index.relatedFrom('T1059.001', 'detects').some((id) => id.startsWith('DET')));
    assert.equal(index.technique('T1059')?.url, 'https://attack.mitre.org/techniques/T1059');
  });
  test('the cache round trip and the fast UTF-8 path give exactly the index built from the text', async () => {
    const file = path.join(STIX_DIR, ENTERPRISE);
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'to-real-'));
    after(() => rmSync(cacheDir, { recursive: true, force: true }));
    const cold = await loadAttackIndex(file, { cacheDir });
    const warm = await loadAttackIndex(file, { cacheDir });
    assert.deepEqual([cold.fromCache, warm.fromCache], [false, true]);
    const fromText = serializeIndex(buildIndexFromText(readFileSync(file, 'utf8'), ENTERPRISE));
    assert.deepEqual(serializeIndex(warm.index), fromText);
    assert.deepEqual(serializeIndex(cold.index), fromText);
  });
});

describe('other releases and domains', () => {
  test('Enterprise 15.1 loads', { skip: skipUnless(ENTERPRISE_OLD) }, async () => {
    const index = await real(ENTERPRISE_OLD);
    assert.deepEqual([index.version, index.tactics.length, index.counts().techniques, index.counts().subtechniques], ['15.1', 14, 202, 435]);
    assert.ok(index.platforms.includes('Azure AD'), 'platform names as they were then');
  });
  test('Mobile 18.1 loads; its deprecated second matrix is ignored', { skip: skipUnless(MOBILE) }, async () => {
    const index = await real(MOBILE);
    assert.deepEqual([index.domain, index.version, index.specVersion], ['mobile-attack', '18.1', '2.0']);
    assert.deepEqual([index.tactics.length, index.counts().techniques, index.counts().subtechniques], [12, 77, 47]);
    assert.deepEqual(index.platforms, ['Android', 'iOS']);
  });
  test('ICS 18.1 (STIX 2.1) loads with its version from the collection', { skip: skipUnless(ICS) }, async () => {
    const index = await real(ICS);
    assert.deepEqual([index.domain, index.version, index.versionSource, index.specVersion], ['ics-attack', '18.1', 'collection', '2.1']);
    assert.deepEqual([index.tactics.length, index.counts().techniques, index.counts().subtechniques, index.counts().assets], [12, 83, 0, 18]);
    assert.ok(index.related('T0817', 'targets').length > 0);
  });
});

describe('every live technique has a tactic and a platform', () => {
  for (const file of [ENTERPRISE, ENTERPRISE_OLD, MOBILE]) {
    test(file, { skip: skipUnless(file) }, async () => {
      const { techniques } = await real(file);
      assert.deepEqual(ids(techniques.filter((t) => t.tactics.length === 0)), []);
      assert.deepEqual(ids(techniques.filter((t) => t.platforms.length === 0)), []);
    });
  }
  test(`${ICS}: platform "None", except T0895, which has no x_mitre_platforms at all`, { skip: skipUnless(ICS) }, async () => {
    const { techniques } = await real(ICS);
    assert.deepEqual(ids(techniques.filter((t) => t.tactics.length === 0)), []);
    assert.deepEqual(techniques.filter((t) => t.platforms.join() !== 'None').map((t) => [t.id, t.platforms]), [['T0895', []]]);
  });
});
