/**
 * The confined reader on real files of every kind: regular, missing, links in and out of the root, dangling links,
 * FIFOs, sockets, devices, directories, /proc, oversized and sparse files. Every refusal comes back as a value
 * (never a throw, never a hang) and no refusal's words contain the outside file's content.
 */
import assert from 'node:assert/strict';
import { openSync, closeSync, ftruncateSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Confinement } from '../../../src/core/files/index';
import { commandLineConfinement, isInside, projectRoot, readConfinedText, resolveFinal } from '../../../src/core/files/index';
import { SECRET, Scratch, tryMknod } from './scratch';

const CAP = { maxBytes: 1024 };

describe('the confined reader', () => {
  let s: Scratch;
  let confined: Confinement;
  const read = (file: string, options = {}) => readConfinedText(file, { ...CAP, confinement: confined, ...options });
  const refusal = async (file: string, options = {}) => {
    const r = await read(file, options);
    assert.equal(r.kind, 'refused', `${file}: ${JSON.stringify(r).slice(0, 200)}`);
    return (r as Extract<typeof r, { kind: 'refused' }>).refusal;
  };

  before(async () => {
    s = new Scratch();
    s.write('models/m.threatmodel.yaml', 'threatModel: 1\n');
    s.write('models/a.controls.yaml', 'controlInventory: 1\n');
    confined = await commandLineConfinement(join(s.repo, 'models/m.threatmodel.yaml'), [], s.repo);
  });
  after(() => s.remove());

  test('the root is the nearest git work tree (a .git directory or file), else the model folder', async () => {
    assert.equal(confined.roots[0]!.path, await resolveFinal(s.repo));
    assert.match(confined.roots[0]!.label, /git work tree/);
    const worktree = s.write('wt/sub/m.threatmodel.yaml', '');
    s.write('wt/.git', 'gitdir: /elsewhere\n');
    assert.equal((await projectRoot(worktree)).path, await resolveFinal(join(s.repo, 'wt')));
    const lone = join(s.outside, 'lone.threatmodel.yaml');
    assert.deepEqual(await projectRoot(lone), { path: await resolveFinal(s.outside), label: `the model's folder ${await resolveFinal(s.outside)}` });
  });

  test('a regular file inside the root is read; a missing one is missing', async () => {
    assert.deepEqual(await read(join(s.repo, 'models/a.controls.yaml')), { kind: 'text', text: 'controlInventory: 1\n', realPath: await resolveFinal(join(s.repo, 'models/a.controls.yaml')) });
    assert.deepEqual(await read(join(s.repo, 'models/none.controls.yaml')), { kind: 'missing' });
    assert.deepEqual(await read(join(s.repo, 'models/a.controls.yaml/x')), { kind: 'missing' }, 'ENOTDIR is missing too');
  });

  test('outside the root: absolute, ../ traversal, a link out, a dangling link out — all refused alike', async () => {
    const target = join(s.outside, 'secret.controls.yaml');
    const cases = [
      target,
      join(s.repo, 'models', '..', '..', 'outside', 'secret.controls.yaml'),
      s.link('models/x.controls.yaml', target),
      s.link('models/dir-link', s.outside) + '/secret.controls.yaml',
    ];
    for (const file of cases) {
      const r = await refusal(file);
      assert.equal(r.reason, 'outside-root', file);
      assert.match(r.detail, new RegExp(`resolves to ${(await resolveFinal(target)).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, outside the model's git work tree`));
      assert.match(r.hint ?? '', /--allow-outside /);
      assert.ok(!JSON.stringify(r).includes(SECRET), 'no content in a refusal');
    }
    // A missing file outside is refused the same way, so refusals tell nobody which files exist out there.
    const dangling = s.link('models/gone.controls.yaml', join(s.outside, 'no-such-file.yaml'));
    assert.equal((await refusal(dangling)).reason, 'outside-root');
    assert.equal((await refusal(join(s.outside, 'no-such-file.yaml'))).reason, 'outside-root');
  });

  test('a link inside the root to a file inside the root is read', async () => {
    const link = s.link('models/alias.controls.yaml', join(s.repo, 'models/a.controls.yaml'));
    assert.equal((await read(link)).kind, 'text');
  });

  test('--allow-outside: a file or a folder, by its real path', async () => {
    const file = join(s.outside, 'secret.controls.yaml');
    const allowFile = await commandLineConfinement(join(s.repo, 'models/m.threatmodel.yaml'), [file], s.repo);
    assert.equal((await readConfinedText(s.link('models/y.controls.yaml', file), { ...CAP, confinement: allowFile })).kind, 'text');
    const allowDir = await commandLineConfinement(join(s.repo, 'models/m.threatmodel.yaml'), ['../outside'], s.repo);
    assert.equal((await readConfinedText(file, { ...CAP, confinement: allowDir })).kind, 'text');
    assert.equal((await readConfinedText(join(s.dir, 'elsewhere.yaml'), { ...CAP, confinement: allowDir })).kind, 'refused', 'only what was allowed');
  });

  test('FIFOs, sockets, directories and devices are refused without being opened', async () => {
    const fifo = s.fifo('models/fifo.controls.yaml');
    const r = await refusal(fifo);
    assert.deepEqual([r.reason, r.detail], ['not-regular', 'is a FIFO (named pipe), not a regular file']);
    const dir = await refusal(join(s.repo, 'models'));
    assert.deepEqual([dir.reason, dir.detail], ['not-regular', 'is a directory, not a regular file']);
    const socketPath = join(s.repo, 'sock.controls.yaml');
    const server = createServer();
    await new Promise<void>((done) => server.listen(socketPath, done));
    try {
      assert.equal((await refusal(socketPath)).detail, 'is a socket, not a regular file');
    } finally {
      await new Promise((done) => server.close(done));
    }
    const device = join(s.repo, 'null.controls.yaml');
    if (tryMknod(device)) assert.equal((await refusal(device)).detail, 'is a character device, not a regular file');
  });

  test('/dev, /proc and /sys are kernel interfaces: refused even when allowed, and cost nothing', async () => {
    for (const file of ['/dev/zero', '/dev/urandom', '/proc/self/environ', '/proc/self/status', '/sys/kernel/mm']) {
      const started = performance.now();
      const r = await readConfinedText(file, { maxBytes: 64 * 1024 * 1024 });
      assert.equal(r.kind, 'refused', file);
      assert.equal((r as { refusal: { reason: string } }).refusal.reason, 'not-regular', file);
      assert.ok(performance.now() - started < 20_000, 'no hang (no-hang limit, not a budget)');
    }
    // A link in the repository to /dev/zero: confined, it is outside; allowed, still not a file.
    const link = s.link('models/zero.controls.yaml', '/dev/zero');
    assert.equal((await refusal(link)).reason, 'outside-root');
    const allowDev = await commandLineConfinement(join(s.repo, 'models/m.threatmodel.yaml'), ['/dev'], s.repo);
    assert.match((await refusal(link, { confinement: allowDev })).detail, /^is under \/dev, a kernel interface/);
  });

  test('over the cap: refused from the size alone (a sparse 10 GB file is never read), at the cap read', async () => {
    const huge = join(s.repo, 'huge.controls.yaml');
    const fd = openSync(huge, 'w');
    ftruncateSync(fd, 10 * 1024 ** 3);
    closeSync(fd);
    const r = await refusal(huge, { limitLabel: 'the 1 KB limit for this test', limitHint: 'split it' });
    assert.deepEqual(r, { reason: 'too-large', detail: 'is 10 GB, over the 1 KB limit for this test', hint: 'split it' });
    const exact = join(s.repo, 'exact.controls.yaml');
    writeFileSync(exact, 'x'.repeat(CAP.maxBytes));
    assert.equal((await read(exact)).kind, 'text');
    writeFileSync(exact, 'x'.repeat(CAP.maxBytes + 1));
    assert.match((await refusal(exact)).detail, /^is 2 KB, over the 1 KB limit$/);
  });

  test('isInside: a root, its descendants, not its prefix-siblings; "/" holds everything', () => {
    assert.ok(isInside('/a/b', '/a/b') && isInside('/a/b/c', '/a/b') && isInside('/x', '/'));
    assert.ok(!isInside('/a/bc', '/a/b') && !isInside('/a', '/a/b'));
  });
});
