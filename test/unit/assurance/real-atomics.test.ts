/**
 * The whole Atomic Red Team atomics folder of ../shared/atomic-red-team (THREAT_OVERLAP_ATOMICS overrides it):
 * every technique file read or reported, counts printed, every platform name it uses mapped onto ATT&CK 18.1 and
 * 15.1, and the techniques it names checked against 18.1. Skipped when the folder is missing (fails in CI).
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { catalogueCounts, readAtomicsFolder } from '../../../src/core/assurance/read-atomics';
import { ATOMIC_PLATFORMS, attackPlatformsOf } from '../../../src/core/assurance/atomic-options';
import { realIndex, skipUnless } from '../../fixtures/model/real-data';

const ATOMICS = process.env.THREAT_OVERLAP_ATOMICS ?? join('..', 'shared', 'atomic-red-team', 'atomics');
const missing = !existsSync(ATOMICS) && process.env.CI !== 'true' ? `no atomics folder at ${ATOMICS}` : false;

describe('the real atomics folder', { skip: missing || skipUnless('enterprise-attack-18.1.json', 'enterprise-attack-15.1.json') }, () => {
  test('every technique file is read or reported; counts', async () => {
    const c = await readAtomicsFolder(ATOMICS);
    const counts = catalogueCounts(c);
    const folders = readdirSync(ATOMICS).filter((n) => /^T\d{4}(\.\d{3})?$/.test(n)).length;
    console.log(`atomics: ${folders} technique folders, ${counts.files} technique files read, ${counts.tests} tests, ${counts.problems} broken or refused; per platform: ${Object.entries(counts.platforms).sort((a, b) => b[1] - a[1]).map(([p, n]) => `${p} ${n}`).join(', ')}`);
    assert.equal(counts.files + counts.problems, folders, 'every technique folder is either read or reported');
    assert.ok(counts.files > 300, 'the folder is the full atomics set');
    for (const p of c.problems) console.log(`  problem: ${p.file}: ${p.message}`);
  });

  test('every platform name the atomics use maps onto ATT&CK 18.1 and 15.1 platforms', async () => {
    const c = await readAtomicsFolder(ATOMICS);
    const used = Object.keys(catalogueCounts(c).platforms);
    for (const file of ['enterprise-attack-18.1.json', 'enterprise-attack-15.1.json']) {
      const release = new Set(realIndex(file).platforms);
      const unmapped = used.filter((p) => attackPlatformsOf(p, release).length === 0);
      assert.deepEqual(unmapped, [], `Atomic platforms with no ATT&CK platform in ${file}`);
      // The table names only platforms some release has: each entry maps in 18.1 or 15.1.
    }
    const both = new Set([...realIndex('enterprise-attack-18.1.json').platforms, ...realIndex('enterprise-attack-15.1.json').platforms]);
    for (const atomic of Object.keys(ATOMIC_PLATFORMS)) {
      if (used.includes(atomic)) assert.ok(attackPlatformsOf(atomic, both).length > 0, atomic);
    }
  });

  test('the techniques they are for exist in 18.1 (revoked and deprecated ones counted)', async () => {
    const c = await readAtomicsFolder(ATOMICS);
    const index = realIndex('enterprise-attack-18.1.json');
    const live = [...c.tests.keys()].filter((id) => index.technique(id));
    const gone = [...c.tests.keys()].filter((id) => !index.technique(id));
    console.log(`atomics: ${live.length} techniques live in ATT&CK 18.1, ${gone.length} not (${gone.slice(0, 10).join(', ')}${gone.length > 10 ? ', …' : ''})`);
    assert.ok(live.length > 300);
  });
});
