/**
 * Pins name files and URLs: the domain and version are checked before any use, so a model's `version:
 * "../../../../outside/pwn"` can never become a path in the cache, a data directory or a download URL.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { AttackDataError, resolveAttackDataPath } from '../../../src/core/attack/index';
import { isAttackVersion, isSafePin, readAttackPin } from '../../../src/core/data/pin';
import { attackDataUrl, bundleFileName, listCachedBundles } from '../../../src/core/data/source';

const HOSTILE = ['../../../../outside/pwn', '18.1/../../x', '18.1\0', '18.1 ', '.18', '18.', '18', '1.2.3', '', '1e21', 'x'.repeat(30)];

describe('pins before paths', () => {
  test('a version is major.minor digits, nothing else', () => {
    assert.deepEqual(['18.1', '15.1', '1.0', '100.25'].map(isAttackVersion), [true, true, true, true]);
    assert.deepEqual(HOSTILE.map(isAttackVersion), HOSTILE.map(() => false));
    assert.equal(isSafePin({ domain: '../enterprise-attack', version: '18.1' }), false);
    assert.equal(isSafePin({ domain: 'enterprise-attack' }), true);
  });

  test('file names and URLs refuse anything else (a bug if reached), directories say so as data errors', async () => {
    for (const v of HOSTILE) {
      assert.throws(() => bundleFileName('enterprise-attack', v), /not a domain and a major\.minor release/, v);
      assert.throws(() => attackDataUrl(undefined, 'enterprise-attack', v), /not a domain and a major\.minor release/, v);
    }
    const dir = mkdtempSync(join(tmpdir(), 'to-pin-'));
    try {
      writeFileSync(join(dir, 'enterprise-attack-18.1.json'), '{}');
      writeFileSync(join(dir, 'enterprise-attack-1.2.3.json'), '{}');
      assert.throws(() => resolveAttackDataPath(dir, { domain: 'enterprise-attack', version: '../../x' }), (e: unknown) => e instanceof AttackDataError && e.code === 'not-found');
      assert.equal(resolveAttackDataPath(dir, { domain: 'enterprise-attack', version: '18.1' }), join(dir, 'enterprise-attack-18.1.json'));
      assert.deepEqual((await listCachedBundles(dir)).map((b) => b.version), ['18.1'], 'only release-named bundles count');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('readAttackPin drops a version that is not a release (the pin of the heatmap and the status bar)', () => {
    assert.deepEqual(readAttackPin('threatModel: 1\nattack: { domain: ics-attack, version: "../../x" }\n'), { domain: 'ics-attack' });
    assert.deepEqual(readAttackPin('threatModel: 1\nattack: { domain: ics-attack, version: 1e21 }\n'), { domain: 'ics-attack' });
  });
});
