import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, beforeEach, describe, test } from 'node:test';
import { writeFileAtomic } from '../../../src/core/attack/atomic-write';
import type { AttackIndex, ObjectKind } from '../../../src/core/attack/index';
import { buildIndexFromText, loadAttackIndex, serializeIndex } from '../../../src/core/attack/index';
import { INDEX_FORMAT_VERSION } from '../../../src/core/attack/serialize';
import { fixtureFiles, listFiles } from '../../fixtures/attack/files';

const files = fixtureFiles('to-cache-');
after(() => files.remove());

let cacheDir: string;
let run = 0;
beforeEach(() => {
  cacheDir = path.join(files.dir, `cache-${++run}`);
});

const load = (file: string, more: { noCache?: boolean } = {}) => loadAttackIndex(file, { cacheDir, ...more });
const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');
const KINDS: ObjectKind[] = ['tactic', 'technique', 'group', 'campaign', 'software', 'mitigation', 'data-source', 'data-component', 'detection-strategy', 'analytic', 'asset'];

/** Everything the index exposes for the fixture world, as plain data. */
function snapshot(index: AttackIndex): unknown {
  const ids = KINDS.flatMap((k) => index.list(k).map((o) => o.id));
  return {
    meta: [index.domain, index.version, index.versionSource, index.specVersion, index.platforms],
    tactics: index.tactics.map((t) => t.id),
    objects: KINDS.map((k) => index.list(k)),
    retired: ['T1086', 'T1064'].map((id) => index.retired(id)),
    related: ids.map((id) => (['uses', 'mitigates', 'detects', 'subtechnique-of', 'targets', 'attributed-to'] as const).map((t) => [index.related(id, t), index.relatedFrom(id, t)])),
    replacement: index.replacementOf('T1086')?.id,
    counts: index.counts(),
  };
}

describe('index cache', () => {
  for (const name of ['stix20', 'stix21', 'ics'] as const) {
    test(`${name}: a warm load from the cache equals the cold build, which equals building from text`, async () => {
      const file = files[name];
      const fromText = buildIndexFromText(readFileSync(file, 'utf8'), path.basename(file));
      const cold = await load(file);
      assert.equal(cold.fromCache, false);
      const warm = await load(file);
      assert.equal(warm.fromCache, true);
      assert.equal(warm.cacheFile, cold.cacheFile);
      assert.deepEqual(warm.warnings, []);
      assert.deepEqual(snapshot(cold.index), snapshot(fromText));
      assert.deepEqual(snapshot(warm.index), snapshot(cold.index));
      assert.deepEqual(serializeIndex(warm.index), serializeIndex(fromText));
    });
  }

  test('is keyed by domain, version and the SHA-256 of the source', async () => {
    const cold = await load(files.stix21);
    assert.equal(cold.sha256, sha256(files.stix21));
    assert.equal(path.basename(cold.cacheFile ?? ''), `enterprise-attack-99.1-${cold.sha256}.idx`);
    // The same bytes elsewhere: a hit. Changed bytes: a miss, and a second cache file.
    mkdirSync(path.join(files.dir, 'copy'), { recursive: true });
    const copy = files.write('copy/enterprise-attack-99.1.json', readFileSync(files.stix21));
    assert.equal((await load(copy)).fromCache, true);
    writeFileSync(copy, `${readFileSync(copy, 'utf8')}\n`);
    const changed = await load(copy);
    assert.equal(changed.fromCache, false);
    assert.notEqual(changed.sha256, cold.sha256);
    assert.equal(listFiles(path.join(cacheDir, 'attack-index')).filter((f) => f.endsWith('.idx')).length, 2);
  });

  test('the same STIX 2.0 bytes under names of two releases are two entries (the name gives the version)', async () => {
    const other = files.write('enterprise-attack-98.0.json', readFileSync(files.stix20));
    const a = await load(files.stix20);
    const b = await load(other);
    assert.deepEqual([a.index.version, b.index.version, b.fromCache], ['99.0', '98.0', false]);
    assert.deepEqual([(await load(files.stix20)).index.version, (await load(other)).fromCache], ['99.0', true]);
  });

  const damage: readonly [string, (bytes: Buffer) => Buffer | string][] = [
    ['truncated', (b) => b.subarray(0, Math.floor(b.length / 2))],
    ['cut by one byte', (b) => b.subarray(0, b.length - 1)],
    ['a flipped payload bit', (b) => Buffer.from(b.map((x, i) => (i === b.length - 100 ? x ^ 1 : x)))],
    ['a foreign file', () => 'this is not an index'],
    ['an empty file', () => ''],
    ['another format version', (b) => {
      const c = Buffer.from(b);
      c.writeUInt32LE(INDEX_FORMAT_VERSION + 1, 8);
      return c;
    }],
    ['a broken header', (b) => {
      const c = Buffer.from(b);
      c.write('}', 24, 'latin1');
      return c;
    }],
  ];
  for (const [what, harm] of damage) {
    test(`a cache file with ${what} is detected, reported and rebuilt, never trusted`, async () => {
      const first = await load(files.stix20);
      const cacheFile = first.cacheFile as string;
      writeFileSync(cacheFile, harm(readFileSync(cacheFile)));
      const again = await load(files.stix20);
      assert.equal(again.fromCache, false);
      assert.equal(again.warnings.length, 1);
      assert.match(again.warnings[0], /^ignored the cached index .*; rebuilding it$/);
      assert.deepEqual(snapshot(again.index), snapshot(first.index));
      const third = await load(files.stix20);
      assert.deepEqual([third.fromCache, third.warnings], [true, []], 'the rebuilt file is good');
    });
  }

  test('a damaged source memo only costs a re-hash', async () => {
    await load(files.stix21);
    const memos = path.join(cacheDir, 'attack-index', 'sources');
    for (const f of listFiles(memos)) writeFileSync(path.join(memos, f), '{"path": 1');
    const again = await load(files.stix21);
    assert.equal(again.fromCache, true);
    assert.ok(again.timings.hashMs !== undefined, 'the bundle was hashed again');
  });

  test('a changed source is not matched by its stale memo', async () => {
    const file = files.write('enterprise-attack-97.0.json', readFileSync(files.stix20));
    await load(file);
    writeFileSync(file, readFileSync(files.stix21));
    const again = await load(file);
    assert.deepEqual([again.fromCache, again.index.version, again.sha256], [false, '99.1', sha256(files.stix21)]);
  });

  test('--no-cache neither reads nor writes the cache', async () => {
    const loaded = await load(files.stix20, { noCache: true });
    assert.deepEqual([loaded.fromCache, loaded.cacheFile], [false, undefined]);
    assert.equal(existsSync(cacheDir), false);
    await load(files.stix20);
    assert.equal((await load(files.stix20, { noCache: true })).fromCache, false);
  });

  test('an unwritable cache is a warning, not a failure', async () => {
    writeFileSync(cacheDir, 'a file where the cache directory should be');
    const loaded = await load(files.stix21);
    assert.equal(loaded.cacheFile, undefined);
    assert.equal(loaded.index.version, '99.1');
    assert.match(loaded.warnings.join('\n'), /could not write the index cache/);
  });

  test('writes are atomic: no temporary files are left behind', async () => {
    await Promise.all([load(files.stix20), load(files.stix21), load(files.ics)]);
    const left = listFiles(cacheDir);
    assert.equal(left.filter((f) => f.endsWith('.idx')).length, 3);
    assert.deepEqual(left.filter((f) => !/\.(idx|json)$/.test(f) || path.basename(f).startsWith('.')), []);
  });
});

describe('writeFileAtomic', () => {
  test('a write that fails halfway leaves the old file as it was and no temporary file', async () => {
    const dir = path.join(files.dir, 'atomic');
    mkdirSync(dir);
    const target = path.join(dir, 'target.idx');
    await writeFileAtomic(target, 'old content');
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield Buffer.from('new content, first half');
      throw new Error('disk full');
    }
    await assert.rejects(writeFileAtomic(target, failing() as unknown as Uint8Array), /disk full/);
    assert.equal(readFileSync(target, 'utf8'), 'old content');
    assert.deepEqual(listFiles(dir), ['target.idx']);
    await writeFileAtomic(target, 'new content');
    assert.equal(readFileSync(target, 'utf8'), 'new content');
    assert.deepEqual(listFiles(dir), ['target.idx']);
  });
});
