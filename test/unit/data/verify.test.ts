import assert from 'node:assert/strict';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AttackDataError } from '../../../src/core/attack/types';
import { checkIndexMatches, verifyAttackBundle } from '../../../src/core/data/verify';

const STIX = process.env['THREAT_OVERLAP_ATTACK_STIX'] ?? path.resolve(__dirname, '../../../../shared/attack-stix');
const MOBILE = path.join(STIX, 'mobile-attack-18.1.json');
const ICS = path.join(STIX, 'ics-attack-18.1.json');

const rejects = async (p: Promise<unknown>, code: AttackDataError['code'], message: RegExp) => {
  const err = await p.then(() => assert.fail('expected a failure'), (e: unknown) => e);
  assert.ok(err instanceof AttackDataError, String(err));
  assert.equal(err.code, code);
  assert.match(err.message, message);
};

describe('checkIndexMatches', () => {
  test('accepts the pinned domain and release, or any release without one', () => {
    checkIndexMatches({ domain: 'enterprise-attack', version: '18.1' }, { domain: 'enterprise-attack', version: '18.1' });
    checkIndexMatches({ domain: 'enterprise-attack', version: '15.1' }, { domain: 'enterprise-attack' });
  });
  test('rejects another domain, then another release, saying what the data is', () => {
    assert.throws(() => checkIndexMatches({ domain: 'mobile-attack', version: '18.1' }, { domain: 'enterprise-attack', version: '18.1' }), (e: unknown) =>
      e instanceof AttackDataError && e.code === 'wrong-domain' && /holds ATT&CK mobile 18\.1, not enterprise 18\.1/.test(e.message));
    assert.throws(() => checkIndexMatches({ domain: 'enterprise-attack', version: '15.1' }, { domain: 'enterprise-attack', version: '18.1' }), (e: unknown) =>
      e instanceof AttackDataError && e.code === 'wrong-version');
  });
});

describe('verifyAttackBundle (real bundles)', { skip: existsSync(MOBILE) ? false : `no ATT&CK bundles at ${STIX}` }, () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'to-verify-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test('a mitre/cti bundle: domain from the matrix, release from the file name', async () => {
    const v = await verifyAttackBundle(MOBILE, { domain: 'mobile-attack', version: '18.1' });
    assert.deepEqual({ ...v, techniques: v.techniques > 100 }, { domain: 'mobile-attack', version: '18.1', versionSource: 'file-name', techniques: true });
  });
  test('an attack-stix-data bundle names its release in the collection', async () => {
    const v = await verifyAttackBundle(ICS, { domain: 'ics-attack' });
    assert.equal(v.versionSource, 'collection');
    assert.equal(v.version, '18.1');
  });
  test('the Mobile bundle saved under an Enterprise name (what a wrong mirror does) is rejected', async () => {
    const misnamed = path.join(dir, 'enterprise-attack-18.1.json');
    await copyFile(MOBILE, misnamed);
    await rejects(verifyAttackBundle(misnamed, { domain: 'enterprise-attack', version: '18.1' }), 'wrong-domain', /mobile/);
  });
  test('a release other than the pinned one is rejected', async () => {
    await rejects(verifyAttackBundle(MOBILE, { domain: 'mobile-attack', version: '17.0' }), 'wrong-version', /not mobile 17\.0/);
  });
});
