/**
 * The index cache is never left half-written: a child process writing a cache file is SIGKILLed mid-write
 * (stopped there by the THREAT_OVERLAP_TEST_HOLD_WRITE hook in atomic-write.ts); the cache file already there
 * is byte-for-byte intact, the new one does not exist, and the next load ignores the leftover temp file.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { loadAttackIndex } from '../../../src/core/attack';
import { INDEX_DIR } from '../../../src/core/attack/cache';
import { miniBundle } from '../coverage/fixture';

const CHILD = join(__dirname, '../../fixtures/robustness/cache-writer.ts');

/** Runs the child until the hook reports the temp file, then SIGKILLs it; returns the temp file's path. */
async function killMidWrite(bundle: string, cacheDir: string, marker: string): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, bundle, cacheDir], {
    env: { ...process.env, THREAT_OVERLAP_TEST_HOLD_WRITE: marker, THREAT_OVERLAP_TEST_HOLD_WRITE_SUFFIX: '.idx' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => void (output += String(d)));
  child.stderr.on('data', (d: Buffer) => void (output += String(d)));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  const deadline = Date.now() + 20_000;
  // The hook writes the marker once half the data is on disk; wait for it (or for the child to end wrongly).
  while (!existsSync(marker)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      assert.fail(`the writer did not reach the hook: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  const temp = readFileSync(marker, 'utf8');
  child.kill('SIGKILL');
  assert.equal(await exited, 'SIGKILL');
  return temp;
}

describe('kill -9 while the index cache is written', () => {
  const dir = mkdtempSync(join(tmpdir(), 'to-robust-kill-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const cacheDir = join(dir, 'cache');
  const indexDir = join(cacheDir, INDEX_DIR);
  const oldBundle = join(dir, 'enterprise-attack-1.0.json');
  const newBundle = join(dir, 'enterprise-attack-1.1.json');

  test('the old cache file survives intact, no new one appears, the next load rebuilds', async () => {
    writeFileSync(oldBundle, miniBundle());
    const first = await loadAttackIndex(oldBundle, { cacheDir });
    assert.ok(first.cacheFile && existsSync(first.cacheFile));
    const oldBytes = readFileSync(first.cacheFile);
    writeFileSync(newBundle, miniBundle((add) => void add({ type: 'attack-pattern', id: 'attack-pattern--99', name: 'Extra', external_references: [{ source_name: 'mitre-attack', external_id: 'T1099' }] })));

    const temp = await killMidWrite(newBundle, cacheDir, join(dir, 'marker'));
    assert.match(temp, /\.idx\.\d+\.[0-9a-f]+\.tmp$/, 'stopped while writing the index file');
    assert.ok(existsSync(temp), 'the kill left the half-written temp file');
    assert.ok(readFileSync(temp).length > oldBytes.length / 4 && readFileSync(temp).length < oldBytes.length, 'about half of an index');
    assert.deepEqual(readFileSync(first.cacheFile), oldBytes, 'the old cache file is untouched');
    assert.deepEqual(readdirSync(indexDir).filter((n) => n.endsWith('.idx')), [first.cacheFile.split('/').pop()], 'no partial .idx');

    const tempBytes = readFileSync(temp).length;
    const again = await loadAttackIndex(newBundle, { cacheDir });
    assert.equal(again.fromCache, false, 'the half-written temp file is never read as a cache');
    assert.ok(again.index.get('T1099'));
    assert.equal(existsSync(temp), false, "the rebuild's cache write removed the killed writer's temp file");
    assert.equal((await loadAttackIndex(oldBundle, { cacheDir })).fromCache, true);
    console.log(`robustness: kill -9 mid-write of the index cache: old file intact (${oldBytes.length} bytes), temp file of ${tempBytes} bytes ignored, then removed by the next cache write; next load rebuilt`);
  });

  test('a cache file cut short (written by anything else) is detected, removed and rebuilt', async () => {
    const loaded = await loadAttackIndex(oldBundle, { cacheDir });
    assert.ok(loaded.fromCache && loaded.cacheFile);
    truncateSync(loaded.cacheFile, Math.floor(readFileSync(loaded.cacheFile).length / 2));
    const reloaded = await loadAttackIndex(oldBundle, { cacheDir });
    assert.equal(reloaded.fromCache, false);
    assert.ok(reloaded.warnings.some((w) => w.includes('ignored the cached index')), reloaded.warnings.join('; '));
    assert.equal((await loadAttackIndex(oldBundle, { cacheDir })).fromCache, true, 'rewritten whole');
  });
});
