import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { removeOrphanedTemps, tempName, writeFileAtomic } from '../../../src/core/attack/atomic-write';

/** The pid of a process that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  assert.ok(child.pid);
  return child.pid;
}

describe('temporary files of killed writers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'to-orphans-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('names carry the writer pid: .<file>.<pid>.<hex>.tmp and .download-<pid>-<hex>', () => {
    assert.match(tempName('file', 'x.idx'), new RegExp(`^\\.x\\.idx\\.${process.pid}\\.[0-9a-f]{12}\\.tmp$`));
    assert.match(tempName('download'), new RegExp(`^\\.download-${process.pid}-[0-9a-f]{12}$`));
  });

  test("removes dead writers' temp files and download directories; keeps live ones and everything else", async () => {
    const dead = deadPid();
    const names = {
      deadFile: `.enterprise.idx.${dead}.0123456789ab.tmp`,
      liveFile: `.enterprise.idx.${process.pid}.0123456789ab.tmp`,
      parentFile: `.enterprise.idx.${process.ppid}.0123456789ab.tmp`,
      deadDownload: `.download-${dead}-0123456789ab`,
      liveDownload: `.download-${process.pid}-0123456789ab`,
      oldStyleDownload: '.download-0123456789ab',
      bundle: 'enterprise-attack-18.1.json',
      index: 'enterprise-attack-18.1-abc.idx',
      lookalike: `notes.${dead}.0123456789ab.tmp.txt`,
    };
    for (const [key, name] of Object.entries(names)) {
      if (key.endsWith('Download')) {
        mkdirSync(join(dir, name));
        writeFileSync(join(dir, name, 'enterprise-attack-18.1.json'), '{"partial":');
      } else {
        writeFileSync(join(dir, name), 'x');
      }
    }
    const removed = await removeOrphanedTemps(dir);
    assert.deepEqual(removed.map((f) => f.slice(dir.length + 1)).sort(), [names.deadDownload, names.deadFile].sort());
    assert.deepEqual(readdirSync(dir).sort(), Object.entries(names).filter(([k]) => !k.startsWith('dead')).map(([, n]) => n).sort());
  });

  test('a missing directory is nothing to sweep; an atomic write after a sweep still lands', async () => {
    assert.deepEqual(await removeOrphanedTemps(join(dir, 'nope')), []);
    await writeFileAtomic(join(dir, 'out.json'), '{}');
    assert.equal(existsSync(join(dir, 'out.json')), true);
    assert.equal(readdirSync(dir).filter((n) => n.startsWith('.out.json.')).length, 0, 'no temp file of its own left');
  });
});
