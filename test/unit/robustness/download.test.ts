/**
 * Robustness, downloads: five ways a download can be tampered with or go wrong against a local HTTP server (a
 * flipped byte in a real bundle whose digest is known from SHA256SUMS, truncation, a size over the cap, a redirect to
 * another host, a stalled server). Each must be rejected with a clear message and leave the cache directory exactly
 * as it was (same listing, same bytes). Timings and peak RSS are reported as test diagnostics (docs/robustness.md).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { downloadAttackData } from '../../../src/core/data/download';
import { DownloadError, type DownloadErrorCode } from '../../../src/core/data/errors';
import { sameSite } from '../../../src/core/data/http';
import { verifyAttackBundle } from '../../../src/core/data/verify';
import { skipUnless, STIX_DIR } from '../../fixtures/model/real-data';
import { startServer, type TestServer } from '../data/server';

const FILE = 'ics-attack-18.1.json';
const skip = skipUnless(FILE);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The published digest of `file`, read from SHA256SUMS next to the bundles (never a digest written here). */
async function publishedDigest(file: string): Promise<string> {
  const sums = await readFile(path.join(STIX_DIR, 'SHA256SUMS'), 'utf8');
  const line = sums.split('\n').find((l) => l.trim().endsWith(`  ${file}`));
  assert.ok(line, `${file} is listed in SHA256SUMS`);
  return line.split(/\s+/)[0]!;
}

/** Every file under `dir` with its SHA-256, or undefined when `dir` does not exist. */
async function snapshot(dir: string): Promise<Record<string, string> | undefined> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => undefined);
  if (!entries) return undefined;
  const out: Record<string, string> = {};
  for (const e of entries) {
    const full = path.join(e.parentPath, e.name);
    out[path.relative(dir, full)] = e.isFile() ? sha(await readFile(full)) : 'dir';
  }
  return out;
}

describe('robustness: tampered and failing downloads', { skip }, () => {
  let good: TestServer;
  let other: TestServer;
  let body: Buffer;
  let tampered: Buffer;
  let digest: string;
  let cache: string;
  let dest: string;
  let flippedAt = -1;
  const figures: string[] = [];
  let peakRss = 0;

  before(async () => {
    body = await readFile(path.join(STIX_DIR, FILE));
    digest = await publishedDigest(FILE);
    assert.equal(sha(body), digest, 'the local bundle matches its published digest');
    // Flip one letter inside a description: still valid JSON and still ICS 18.1, so only the digest can tell.
    flippedAt = body.indexOf('"description": "');
    while (!/[a-z]/.test(String.fromCharCode(body[flippedAt]!))) flippedAt++;
    tampered = Buffer.from(body);
    tampered[flippedAt] = tampered[flippedAt]! ^ 0x20;
    good = await startServer();
    other = await startServer();
    const serve = (b: Buffer) => (_req: unknown, res: ServerResponse) => res.writeHead(200, { 'content-length': b.length }).end(b);
    good.route('/genuine.json', serve(body));
    good.route('/flipped.json', serve(tampered));
    good.route('/truncated.json', (_req, res) => {
      res.writeHead(200, { 'content-length': body.length });
      res.write(body.subarray(0, body.length >> 1), () => res.socket?.destroy());
    });
    good.route('/truncated-chunked.json', (_req, res) => {
      res.writeHead(200);
      res.write(body.subarray(0, body.length >> 1), () => res.socket?.destroy());
    });
    good.route('/oversize-announced.json', serve(body));
    good.route('/oversize-chunked.json', (_req, res) => {
      res.writeHead(200);
      for (let i = 0; i < body.length; i += 65536) res.write(body.subarray(i, i + 65536));
      res.end();
    });
    other.route('/genuine.json', serve(body));
    good.route('/elsewhere.json', (_req, res) => res.writeHead(302, { location: `${other.base}/genuine.json` }).end());
    good.route('/same-host.json', (_req, res) => res.writeHead(301, { location: '/genuine.json' }).end());
    good.route('/bad-location.json', (_req, res) => res.writeHead(302, { location: 'http://[' }).end());
    good.route('/stall-body.json', (_req, res) => {
      res.writeHead(200, { 'content-length': body.length });
      res.write(body.subarray(0, 4096));
    });
    good.route('/stall-headers.json', () => undefined);
  });
  after(async () => {
    await good?.close();
    await other?.close();
    for (const f of figures) console.log(`# ${f}`);
  });

  /** A cache holding an older copy of the bundle and an unrelated file, as a user's would. */
  const seed = async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'to-robust-dl-'));
    cache = path.join(root, 'cache');
    dest = path.join(cache, FILE);
    await mkdir(path.join(cache, 'index'), { recursive: true });
    await writeFile(dest, '{"type":"bundle","objects":[],"note":"the copy cached earlier"}');
    await writeFile(path.join(cache, 'index', 'enterprise-attack-18.1.idx'), 'index bytes');
    return root;
  };
  const verify = (file: string) => verifyAttackBundle(file, { domain: 'ics-attack', version: '18.1' });

  /** Runs one tamper case: rejected with `code` and a message matching `message`, the cache as it was. */
  const rejects = async (url: string, code: DownloadErrorCode, message: RegExp, extra: { sha256?: string; maxBytes?: number; timeoutMs?: number } = {}) => {
    const root = await seed();
    const before = await snapshot(cache);
    const started = performance.now();
    const err = await downloadAttackData({ url, destFile: dest, verify, ...extra }).then(
      () => assert.fail(`${url} was accepted`),
      (e: unknown) => e,
    );
    const ms = performance.now() - started;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    assert.ok(err instanceof DownloadError, `a DownloadError, not ${String(err)}`);
    assert.equal(err.code, code, err.message);
    assert.match(err.message, message);
    assert.deepEqual(await snapshot(cache), before, 'the cache directory holds the same files with the same bytes');
    figures.push(`${url.replace(/^http:\/\/[^/]+/, '')}: ${code} in ${ms.toFixed(0)} ms, peak RSS ${(peakRss / 1e6).toFixed(0)} MB — ${err.message}`);
    await rm(root, { recursive: true, force: true });
  };

  test('control: the genuine bundle with its published digest is installed (so the cases below fail for their reason)', async () => {
    const root = await seed();
    const r = await downloadAttackData({ url: `${good.base}/genuine.json`, destFile: dest, verify, sha256: digest.toUpperCase() });
    assert.equal(r.sha256, digest);
    assert.deepEqual(await readFile(dest), body);
    assert.equal(r.verified.domain, 'ics-attack');
    const sameHost = await downloadAttackData({ url: `${good.base}/same-host.json`, destFile: dest, verify, sha256: digest });
    assert.equal(sameHost.url, `${good.base}/genuine.json`, 'a redirect within the same host is followed');
    await rm(root, { recursive: true, force: true });
  });

  test('1. one flipped byte, digest known: rejected on the digest although the bundle still parses as ICS 18.1', async () => {
    const flipDir = await mkdtemp(path.join(tmpdir(), 'to-flip-'));
    const tamperedPath = path.join(flipDir, FILE);
    await writeFile(tamperedPath, tampered);
    assert.equal((await verify(tamperedPath)).domain, 'ics-attack', 'the flip alone does not break the bundle');
    await rm(flipDir, { recursive: true, force: true });
    assert.notEqual(sha(tampered), digest);
    await rejects(`${good.base}/flipped.json`, 'invalid', new RegExp(`has SHA-256 ${sha(tampered)}, not the expected ${digest}: it was altered`), { sha256: digest });
  });

  test('2. truncated: announced length or chunked, the connection dropped halfway', async () => {
    await rejects(`${good.base}/truncated.json`, 'truncated', /stopped after 1\.7 MB of 3\.5 MB/);
    await rejects(`${good.base}/truncated-chunked.json`, 'truncated', /stopped after 1\.7 MB$/);
  });

  test('3. over the size cap: announced by Content-Length, or found while streaming', async () => {
    const maxBytes = 1_000_000;
    await rejects(`${good.base}/oversize-announced.json`, 'too-large', /is 3\.5 MB, over the 1\.0 MB limit/, { maxBytes });
    await rejects(`${good.base}/oversize-chunked.json`, 'too-large', /is over the 1\.0 MB limit/, { maxBytes });
  });

  test('4. redirect to another host: refused before any request reaches it; an unparsable Location too', async () => {
    await rejects(`${good.base}/elsewhere.json`, 'http', new RegExp(`redirected to ${other.base}, another host: only redirects within ${good.base} are followed`));
    assert.deepEqual(other.requests, [], 'the other host was never asked');
    await rejects(`${good.base}/bad-location.json`, 'http', /redirected to an invalid URL/);
  });

  test('5. timeout: no headers, or the body stalls', async () => {
    await rejects(`${good.base}/stall-headers.json`, 'timeout', /^No data from 127\.0\.0\.1:\d+ for 0\.3 s$/, { timeoutMs: 300 });
    await rejects(`${good.base}/stall-body.json`, 'timeout', /^No data from 127\.0\.0\.1:\d+ for 0\.3 s$/, { timeoutMs: 300 });
  });
});

describe('robustness: which redirects are followed', () => {
  const ok = (from: string, to: string) => sameSite(new URL(from), new URL(to));
  test('same origin, or http upgraded to https on the same host name', () => {
    assert.equal(ok('https://raw.githubusercontent.com/a', 'https://raw.githubusercontent.com/b'), true);
    assert.equal(ok('http://mirror.example/a', 'https://mirror.example/a'), true);
  });
  test('another host, another port, a downgrade to http, a non-http scheme: refused', () => {
    assert.equal(ok('https://raw.githubusercontent.com/a', 'https://evil.example/a'), false);
    assert.equal(ok('https://mirror.example/a', 'https://mirror.example:8443/a'), false);
    assert.equal(ok('https://mirror.example/a', 'http://mirror.example/a'), false);
    assert.equal(ok('http://mirror.example/a', 'https://mirror.example.evil.example/a'), false);
    assert.equal(ok('https://mirror.example/a', 'file:///etc/passwd'), false);
    assert.equal(ok('http://mirror.example/a', 'https://mirror.example:8443/a'), false);
  });
});
