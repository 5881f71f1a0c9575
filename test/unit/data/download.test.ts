import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { downloadAttackData, mb, probeDownloadSize, type DownloadProgress } from '../../../src/core/data/download';
import { DownloadError, type DownloadErrorCode } from '../../../src/core/data/errors';
import { closedPort, startServer, type TestServer } from './server';

const BODY = Buffer.from(JSON.stringify({ type: 'bundle', id: 'bundle--1', objects: Array.from({ length: 4000 }, (_, i) => ({ id: `x--${i}` })) }));
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const OLD = Buffer.from('{"the":"bundle already cached"}');

describe('downloadAttackData', () => {
  let server: TestServer;
  let root: string;
  let cache: string;
  let dest: string;

  before(async () => {
    server = await startServer();
    server.route('/ok.json', (_req, res) => res.writeHead(200, { 'content-length': BODY.length }).end(BODY));
    server.route('/chunked.json', (_req, res) => {
      res.writeHead(200);
      for (let i = 0; i < BODY.length; i += 16384) res.write(BODY.subarray(i, i + 16384));
      res.end();
    });
    server.route('/redirect.json', (_req, res) => res.writeHead(302, { location: '/ok.json' }).end());
    server.route('/loop.json', (_req, res) => res.writeHead(302, { location: '/loop.json' }).end());
    server.route('/truncated.json', (_req, res) => {
      res.writeHead(200, { 'content-length': BODY.length });
      res.write(BODY.subarray(0, 1000), () => res.socket?.destroy());
    });
    server.route('/stall.json', (_req, res) => {
      res.writeHead(200, { 'content-length': BODY.length });
      res.write(BODY.subarray(0, 1000));
    });
    server.route('/silent.json', () => undefined);
    server.route('/error.json', (_req, res) => res.writeHead(500, 'Internal Server Error').end());
  });
  after(() => server.close());
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'to-dl-'));
    cache = path.join(root, 'cache');
    dest = path.join(cache, 'enterprise-attack-18.1.json');
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  const acceptAll = async (file: string) => ({ size: (await stat(file)).size, name: path.basename(file) });
  const expectFailure = async (p: Promise<unknown>, code: DownloadErrorCode, message?: RegExp) => {
    const err = await p.then(() => assert.fail('expected a failure'), (e: unknown) => e);
    assert.ok(err instanceof DownloadError, String(err));
    assert.equal(err.code, code, err.message);
    if (message) assert.match(err.message, message);
    return err;
  };
  /** The invariant of every failure: the cache directory holds what it held before, nothing more. */
  const cacheUnchanged = async (before: string[] | undefined) => {
    const now = await readdir(cache).catch(() => undefined);
    assert.deepEqual(now, before);
  };
  const seedCache = async () => {
    await rm(cache, { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.mkdir(cache, { recursive: true }));
    await writeFile(dest, OLD);
  };

  test('streams to a temporary file, verifies it, renames it into place and reports progress', async () => {
    const seen: DownloadProgress[] = [];
    const r = await downloadAttackData({ url: `${server.base}/ok.json`, destFile: dest, verify: acceptAll, onProgress: (p) => seen.push(p) });
    assert.deepEqual(await readFile(dest), BODY);
    assert.deepEqual(await readdir(cache), ['enterprise-attack-18.1.json'], 'no temporary directory left');
    assert.equal(r.bytes, BODY.length);
    assert.equal(r.sha256, sha(BODY));
    assert.deepEqual(r.verified, { size: BODY.length, name: 'enterprise-attack-18.1.json' }, 'verify sees the complete file under the final name');
    assert.deepEqual(seen.at(-1), { received: BODY.length, total: BODY.length });
    assert.ok(seen.every((p, i) => i === 0 || p.received > seen[i - 1]!.received));
  });

  test('replaces a cached file atomically; works without Content-Length; follows redirects', async () => {
    await seedCache();
    const chunked = await downloadAttackData({ url: `${server.base}/chunked.json`, destFile: dest, verify: acceptAll });
    assert.equal(chunked.sha256, sha(BODY));
    assert.deepEqual(await readFile(dest), BODY);
    const redirected = await downloadAttackData({ url: `${server.base}/redirect.json`, destFile: dest, verify: acceptAll });
    assert.equal(redirected.url, `${server.base}/ok.json`);
  });

  for (const [name, route, code, message] of [
    ['HTTP 404', '/missing.json', 'http', /HTTP 404/],
    ['HTTP 500', '/error.json', 'http', /HTTP 500 Internal Server Error/],
    ['a redirect loop', '/loop.json', 'http', /redirected more than 5 times/],
    ['a body cut short', '/truncated.json', 'truncated', /stopped after 0\.0 MB of 0\.\d MB/],
  ] as const) {
    test(`${name}: fails with ${code}; a cached file stays as it was`, async () => {
      await seedCache();
      await expectFailure(downloadAttackData({ url: `${server.base}${route}`, destFile: dest, verify: acceptAll }), code, message);
      await cacheUnchanged(['enterprise-attack-18.1.json']);
      assert.deepEqual(await readFile(dest), OLD);
    });
  }

  test('verification failure: invalid, with the verifier\'s message; nothing installed', async () => {
    await seedCache();
    const verify = async () => {
      throw new Error('It holds ATT&CK mobile 18.1, not enterprise 18.1');
    };
    await expectFailure(downloadAttackData({ url: `${server.base}/ok.json`, destFile: dest, verify }), 'invalid', /mobile 18\.1/);
    assert.deepEqual(await readFile(dest), OLD);
    await cacheUnchanged(['enterprise-attack-18.1.json']);
  });

  test('a cache directory the download had to create is removed again on failure', async () => {
    await expectFailure(downloadAttackData({ url: `${server.base}/missing.json`, destFile: dest, verify: acceptAll }), 'http');
    await cacheUnchanged(undefined);
    await expectFailure(downloadAttackData({ url: `${server.base}/truncated.json`, destFile: dest, verify: acceptAll }), 'truncated');
    await cacheUnchanged(undefined);
  });

  test('cancelled through the AbortSignal mid-body', async () => {
    await seedCache();
    const abort = new AbortController();
    const p = downloadAttackData({ url: `${server.base}/stall.json`, destFile: dest, verify: acceptAll, signal: abort.signal, onProgress: () => abort.abort() });
    await expectFailure(p, 'cancelled', /cancelled/);
    assert.deepEqual(await readFile(dest), OLD);
    await cacheUnchanged(['enterprise-attack-18.1.json']);
  });

  test('cancelled before it starts', async () => {
    const abort = new AbortController();
    abort.abort();
    await expectFailure(downloadAttackData({ url: `${server.base}/ok.json`, destFile: dest, verify: acceptAll, signal: abort.signal }), 'cancelled');
  });

  test('no byte for longer than the idle timeout: timeout, before the headers or in the body', async () => {
    await expectFailure(downloadAttackData({ url: `${server.base}/silent.json`, destFile: dest, verify: acceptAll, timeoutMs: 150 }), 'timeout');
    await expectFailure(downloadAttackData({ url: `${server.base}/stall.json`, destFile: dest, verify: acceptAll, timeoutMs: 150 }), 'timeout', /No data from 127\.0\.0\.1:\d+ for 0\.2 s/);
    await cacheUnchanged(undefined);
  });

  test('over the size cap: too-large, announced or while streaming', async () => {
    await expectFailure(downloadAttackData({ url: `${server.base}/ok.json`, destFile: dest, verify: acceptAll, maxBytes: 1000 }), 'too-large');
    await expectFailure(downloadAttackData({ url: `${server.base}/chunked.json`, destFile: dest, verify: acceptAll, maxBytes: 20000 }), 'too-large');
    await cacheUnchanged(undefined);
  });

  test('nothing listening: offline; not http(s): bad-url', async () => {
    await expectFailure(downloadAttackData({ url: `http://127.0.0.1:${await closedPort()}/x.json`, destFile: dest, verify: acceptAll }), 'offline', /ECONNREFUSED/);
    await expectFailure(downloadAttackData({ url: 'ftp://example.com/x.json', destFile: dest, verify: acceptAll }), 'bad-url');
    await expectFailure(downloadAttackData({ url: 'not a url', destFile: dest, verify: acceptAll }), 'bad-url');
  });

  test('probeDownloadSize asks with HEAD; undefined when it cannot tell', async () => {
    assert.equal(await probeDownloadSize(`${server.base}/ok.json`), BODY.length);
    assert.ok(server.requests.includes('HEAD /ok.json'));
    assert.equal(await probeDownloadSize(`${server.base}/missing.json`), undefined);
    assert.equal(await probeDownloadSize(`http://127.0.0.1:${await closedPort()}/x.json`), undefined);
  });

  test('mb formats decimal megabytes', () => {
    assert.equal(mb(37_412_345), '37 MB');
    assert.equal(mb(3_141_592), '3.1 MB');
    assert.equal(mb(0), '0.0 MB');
  });
});
