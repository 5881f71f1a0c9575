import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  attackDataUrl,
  bundleFileName,
  compareVersions,
  DEFAULT_ATTACK_URL_TEMPLATE,
  listCachedBundles,
  pickCachedBundle,
} from '../../../src/core/data/source';

describe('attackDataUrl', () => {
  test('empty or blank: MITRE attack-stix-data for the pin', () => {
    const mitre = 'https://raw.githubusercontent.com/mitre-attack/attack-stix-data/master/enterprise-attack/enterprise-attack-18.1.json';
    assert.equal(attackDataUrl(undefined, 'enterprise-attack', '18.1'), mitre);
    assert.equal(attackDataUrl('  ', 'enterprise-attack', '18.1'), mitre);
    assert.ok(DEFAULT_ATTACK_URL_TEMPLATE.includes('{domain}/{domain}-{version}.json'));
  });
  test('a mirror template gets every placeholder replaced; without placeholders it is used as it is', () => {
    assert.equal(attackDataUrl('http://mirror/{version}/{domain}-{version}.json', 'ics-attack', '17.0'), 'http://mirror/17.0/ics-attack-17.0.json');
    assert.equal(attackDataUrl(' https://h/x.json ', 'mobile-attack', '18.1'), 'https://h/x.json');
  });
});

describe('cache listing', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'to-cache-'));
    for (const name of ['enterprise-attack-15.1.json', 'enterprise-attack-18.1.json', 'enterprise-attack-9.0.json', 'mobile-attack-18.1.json', 'notes.txt', 'pre-attack-1.0.json', 'enterprise-attack.json']) {
      await writeFile(path.join(dir, name), '{}');
    }
    await mkdir(path.join(dir, '.download-abc'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test('lists <domain>-<version>.json only, by domain, newest release first', async () => {
    const found = await listCachedBundles(dir);
    assert.deepEqual(found.map((b) => path.basename(b.file)), ['enterprise-attack-18.1.json', 'enterprise-attack-15.1.json', 'enterprise-attack-9.0.json', 'mobile-attack-18.1.json']);
    assert.deepEqual(found[0], { domain: 'enterprise-attack', version: '18.1', file: path.join(dir, 'enterprise-attack-18.1.json') });
  });
  test('a missing directory is an empty cache', async () => {
    assert.deepEqual(await listCachedBundles(path.join(dir, 'nope')), []);
  });
  test('picks the exact release, or the newest of the domain when the pin has none', async () => {
    const found = await listCachedBundles(dir);
    assert.equal(pickCachedBundle(found, { domain: 'enterprise-attack', version: '15.1' })?.version, '15.1');
    assert.equal(pickCachedBundle(found, { domain: 'enterprise-attack', version: '16.0' }), undefined);
    assert.equal(pickCachedBundle(found, { domain: 'enterprise-attack' })?.version, '18.1');
    assert.equal(pickCachedBundle(found, { domain: 'ics-attack' }), undefined);
  });
  test('bundleFileName', () => assert.equal(bundleFileName('ics-attack', '18.1'), 'ics-attack-18.1.json'));
});

describe('compareVersions', () => {
  test('numeric, dotted, with missing parts as 0', () => {
    assert.ok(compareVersions('9.0', '15.1') < 0);
    assert.ok(compareVersions('18.1', '15.1') > 0);
    assert.equal(compareVersions('18.1', '18.1.0'), 0);
    assert.ok(compareVersions('18.10', '18.9') > 0);
  });
});
