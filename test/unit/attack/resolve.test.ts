import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { AttackDataError, resolveAttackDataPath } from '../../../src/core/attack/index';
import { fixtureFiles } from '../../fixtures/attack/files';

const files = fixtureFiles('to-resolve-');
after(() => files.remove());

/** A directory holding empty files of these names (resolution looks at names only). */
function dirWith(name: string, ...bundles: string[]): string {
  const dir = path.join(files.dir, name);
  mkdirSync(dir);
  for (const b of bundles) writeFileSync(path.join(dir, b), '{}');
  return dir;
}

const notFound = (mentions: RegExp) => (e: unknown) => e instanceof AttackDataError && e.code === 'not-found' && mentions.test(e.message) && !e.message.includes('\n');

describe('resolveAttackDataPath', () => {
  test('a file is used as it is, whatever its name', () => {
    assert.equal(resolveAttackDataPath(files.stix20, { domain: 'mobile-attack', version: '1.0' }), files.stix20);
  });
  test('a directory with a pinned version: <domain>-<version>.json, else <domain>.json', () => {
    const dir = dirWith('pinned', 'enterprise-attack-18.1.json', 'enterprise-attack.json', 'mobile-attack-18.1.json');
    assert.equal(resolveAttackDataPath(dir, { domain: 'enterprise-attack', version: '18.1' }), path.join(dir, 'enterprise-attack-18.1.json'));
    assert.equal(resolveAttackDataPath(dir, { domain: 'enterprise-attack', version: '15.1' }), path.join(dir, 'enterprise-attack.json'));
    assert.equal(resolveAttackDataPath(dir, { domain: 'mobile-attack', version: '18.1' }), path.join(dir, 'mobile-attack-18.1.json'));
    assert.throws(() => resolveAttackDataPath(dir, { domain: 'mobile-attack', version: '17.0' }),
      notFound(/no ATT&CK data for mobile-attack 17\.0 in .*pinned \(looked for mobile-attack-17\.0\.json, mobile-attack\.json\)/));
  });
  test('a directory without a pinned version: <domain>.json, else the newest release (numerically)', () => {
    const dir = dirWith('unpinned', 'enterprise-attack-9.0.json', 'enterprise-attack-15.1.json', 'enterprise-attack-10.0.json', 'ics-attack-18.1.json');
    assert.equal(resolveAttackDataPath(dir), path.join(dir, 'enterprise-attack-15.1.json'));
    assert.equal(resolveAttackDataPath(dir, { domain: 'ics-attack' }), path.join(dir, 'ics-attack-18.1.json'));
    writeFileSync(path.join(dir, 'enterprise-attack.json'), '{}');
    assert.equal(resolveAttackDataPath(dir), path.join(dir, 'enterprise-attack.json'));
    assert.throws(() => resolveAttackDataPath(dir, { domain: 'mobile-attack' }), notFound(/mobile-attack\.json, mobile-attack-<version>\.json/));
  });
  test('a relative path is resolved against the working directory', () => {
    const rel = path.relative(process.cwd(), files.stix21);
    assert.equal(resolveAttackDataPath(rel), files.stix21);
  });
  test('a missing path is not-found', () => {
    assert.throws(() => resolveAttackDataPath(path.join(files.dir, 'missing')), notFound(/not found: .*missing$/));
  });
});
