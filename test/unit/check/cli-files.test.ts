/**
 * Issue 15 on the command line, as a hostile pull request would try it: files a model names outside the repository
 * (absolute, `../` traversal, symbolic links, /etc/passwd), FIFOs, devices, oversized files, the model or the ATT&CK
 * data given as a FIFO or device, `--out` over the wrong things, and a pinned version used as a path. Every case ends
 * with a documented exit status and a diagnostic that names the path as written; no output ever carries the content
 * of a file outside the root. The cases that hung before run in a child process with a no-hang limit.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, ftruncateSync, openSync, readFileSync, readdirSync, statSync, chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli } from '../../../src/cli/run';
import { miniBundle } from '../coverage/fixture';
import { NO_HANG_MS } from '../robustness/pipeline';
import { startServer } from '../data/server';
import { SECRET, Scratch } from '../files/scratch';

const INVENTORY = 'controlInventory: 1\ncontrols:\n  - { id: C1, name: One, techniques: [T1000] }\n';
const model = (refs: { controls?: string[]; layer?: string; version?: string } = {}) => [
  'threatModel: 1',
  'name: Files',
  `attack: { domain: enterprise-attack, version: "${refs.version ?? '1.0'}" }`,
  'adversaries:',
  '  - group: G0001',
  ...(refs.layer !== undefined ? [`  - { layer: ${JSON.stringify(refs.layer)} }`] : []),
  `controls: [${(refs.controls ?? ['./ok.controls.yaml']).map((c) => JSON.stringify(c)).join(', ')}]`,
  '',
].join('\n');

describe('threat-overlap and the files a model names', () => {
  let s: Scratch;
  let data = '';
  const env = () => ({ THREAT_OVERLAP_CACHE_DIR: join(s.dir, 'cache') });
  async function cli(...argv: string[]) {
    let out = '';
    let err = '';
    const status = await runCli(argv, { out: (t) => void (out += t), err: (t) => void (err += t), env: env(), cwd: s.repo });
    assert.ok(!(out + err).includes(SECRET), `no content of an outside file in the output:\n${out}${err}`);
    assert.ok(!/root:x:0:0/.test(out + err), 'no /etc/passwd content in the output');
    return { status, out, err };
  }
  /** The CLI in a child process, killed at the no-hang limit (for what used to hang or run for minutes). */
  function child(...argv: string[]) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', resolve('src/cli/main.ts'), ...argv], { encoding: 'utf8', timeout: NO_HANG_MS, env: { ...process.env, ...env() } });
    assert.equal(r.signal, null, `${argv.join(' ')}: killed after ${NO_HANG_MS / 1000} s (a hang)`);
    assert.ok(!(r.stdout + r.stderr).includes(SECRET));
    return { status: r.status, out: r.stdout, err: r.stderr };
  }
  const check = (name: string, text: string, ...more: string[]) => {
    s.write(name, text);
    return cli('check', name, '--attack-data', data, ...more);
  };

  before(() => {
    s = new Scratch();
    data = join(s.dir, 'enterprise-attack-1.0.json');
    writeFileSync(data, miniBundle());
    s.write('ok.controls.yaml', INVENTORY);
    writeFileSync(join(s.outside, 'valid.controls.yaml'), INVENTORY.replace('C1', 'OUT1'));
  });
  after(() => s.remove());

  test('controls: [/etc/passwd] and [../../../../etc/passwd]: refused on the controls line, nothing of the file shown', async () => {
    for (const ref of ['/etc/passwd', '../../../../../../../../etc/passwd']) {
      const r = await check('passwd.threatmodel.yaml', model({ controls: [ref] }));
      assert.equal(r.status, 2, r.err);
      const line = r.err.split('\n').find((l) => l.includes('file.outside-root'));
      assert.ok(line, r.err);
      assert.match(line, /^passwd\.threatmodel\.yaml:6:\d+ error file\.outside-root control inventory '.*etc\/passwd' resolves to \/etc\/passwd, outside the model's git work tree .*: not read; to read it anyway, pass --allow-outside \/etc\/passwd$/);
      assert.ok(line.includes(`'${ref}'`), 'names the path as written');
    }
  });

  test('a file outside the repository, by absolute path, ../, or a symbolic link in the repository: refused', async () => {
    const secret = join(s.outside, 'secret.controls.yaml');
    s.link('shadow.controls.yaml', secret);
    for (const ref of [secret, '../outside/secret.controls.yaml', './shadow.controls.yaml']) {
      const r = await check('out.threatmodel.yaml', model({ controls: [ref] }));
      assert.equal(r.status, 2);
      assert.match(r.err, /out\.threatmodel\.yaml:6:\d+ error file\.outside-root /);
    }
  });

  test('--allow-outside PATH (repeatable) lets exactly those paths be read', async () => {
    const valid = join(s.outside, 'valid.controls.yaml');
    const refused = await check('allow.threatmodel.yaml', model({ controls: ['./ok.controls.yaml', valid] }), '--fail-on', 'never');
    assert.equal(refused.status, 2);
    const allowed = await cli('check', 'allow.threatmodel.yaml', '--attack-data', data, '--fail-on', 'never', '--allow-outside', join(s.dir, 'nowhere'), '--allow-outside', s.outside);
    assert.equal(allowed.status, 0, allowed.err);
    assert.doesNotMatch(allowed.err, /file\./);
  });

  test('an outside Navigator layer, and an outside framework file of an inventory: refused on their lines', async () => {
    const layer = await check('layer.threatmodel.yaml', model({ layer: join(s.outside, 'secret.layer.json') }));
    assert.equal(layer.status, 2);
    assert.match(layer.err, /layer\.threatmodel\.yaml:6:\d+ error file\.outside-root imported file '.*secret\.layer\.json' resolves to /);
    s.write('fw.controls.yaml', `controlInventory: 1\ncontrols:\n  - id: F1\n    name: Framework\n    framework: { file: ../../outside/secret.layer.json }\n`);
    const fw = await check('fw.threatmodel.yaml', model({ controls: ['./fw.controls.yaml'] }));
    assert.equal(fw.status, 2);
    assert.match(fw.err, /fw\.controls\.yaml:5:\d+ error file\.outside-root imported file '\.\.\/\.\.\/outside\/secret\.layer\.json'/);
  });

  test('a FIFO as inventory, as layer, as the model and as --attack-data: refused at once, no hang', () => {
    s.fifo('fifo.controls.yaml');
    s.fifo('fifo.layer.json');
    s.fifo('fifo.threatmodel.yaml');
    s.fifo('fifo-data.json');
    s.write('fifo-ref.threatmodel.yaml', model({ controls: ['./fifo.controls.yaml'], layer: './fifo.layer.json' }));
    const refs = child('check', join(s.repo, 'fifo-ref.threatmodel.yaml'), '--attack-data', data);
    assert.equal(refs.status, 2);
    assert.match(refs.err, /fifo-ref\.threatmodel\.yaml:7:\d+ error file\.not-regular control inventory '\.\/fifo\.controls\.yaml' is a FIFO \(named pipe\), not a regular file: not read/);
    assert.match(refs.err, /fifo-ref\.threatmodel\.yaml:6:\d+ error file\.not-regular imported file '\.\/fifo\.layer\.json' is a FIFO/);
    const self = child('check', join(s.repo, 'fifo.threatmodel.yaml'), '--attack-data', data);
    assert.equal(self.status, 2);
    assert.match(self.err, /fifo\.threatmodel\.yaml:1:1 error file\.not-regular threat model 'fifo\.threatmodel\.yaml' is a FIFO/);
    const dataFifo = child('check', join(s.repo, 'fifo-ref.threatmodel.yaml'), '--attack-data', join(s.repo, 'fifo-data.json'));
    assert.equal(dataFifo.status, 2);
    assert.match(dataFifo.err, /ATT&CK data file .*fifo-data\.json is a FIFO \(named pipe\), not a regular file: not read/);
    const validate = child('validate', join(s.repo, 'fifo.controls.yaml'), join(s.repo, 'fifo-ref.threatmodel.yaml'));
    assert.equal(validate.status, 2);
    assert.match(validate.err, /fifo\.controls\.yaml:1:1 error file\.not-regular control inventory '.*fifo\.controls\.yaml' is a FIFO/);
  });

  test('/dev/zero and /dev/urandom: outside the root; allowed, still not files; as model or data, refused at once', () => {
    s.write('dev.threatmodel.yaml', model({ controls: ['/dev/zero'], layer: '/dev/urandom' }));
    const confined = child('check', join(s.repo, 'dev.threatmodel.yaml'), '--attack-data', data);
    assert.equal(confined.status, 2);
    assert.equal(confined.err.match(/error file\.outside-root/g)?.length, 2, confined.err);
    const allowed = child('check', join(s.repo, 'dev.threatmodel.yaml'), '--attack-data', data, '--allow-outside', '/dev');
    assert.equal(allowed.status, 2);
    assert.match(allowed.err, /:7:\d+ error file\.not-regular control inventory '\/dev\/zero' is under \/dev, a kernel interface rather than a file: not read/);
    assert.match(allowed.err, /:6:\d+ error file\.not-regular imported file '\/dev\/urandom' is under \/dev/);
    assert.doesNotMatch(allowed.err, /internal error/);
    const asModel = child('check', '/dev/zero', '--attack-data', data);
    assert.equal(asModel.status, 2);
    assert.match(asModel.err, /^\/dev\/zero:1:1 error file\.not-regular threat model 'zero' is under \/dev/m);
    for (const device of ['/dev/zero', '/dev/urandom']) {
      const asData = child('check', join(s.repo, 'dev.threatmodel.yaml'), '--attack-data', device);
      assert.equal(asData.status, 2);
      assert.match(asData.err, new RegExp(`ATT&CK data file ${device} is a character device, not a regular file: not read`));
    }
  });

  test('a 300 MB inventory and a 10 GB layer (sparse): refused by their size before any read', async () => {
    const sparse = (rel: string, bytes: number) => {
      const fd = openSync(join(s.repo, rel), 'w');
      ftruncateSync(fd, bytes);
      closeSync(fd);
    };
    sparse('big.controls.yaml', 300 * 1024 * 1024);
    sparse('big.layer.json', 10 * 1024 ** 3);
    const r = await check('big.threatmodel.yaml', model({ controls: ['./big.controls.yaml'], layer: './big.layer.json' }));
    assert.equal(r.status, 2);
    assert.match(r.err, /:7:\d+ error file\.too-large control inventory '\.\/big\.controls\.yaml' is 300 MB, over the 256 KB limit for models and inventories: not read; split it into several files/);
    assert.match(r.err, /:6:\d+ error file\.too-large imported file '\.\/big\.layer\.json' is 10 GB, over the 64 MB limit for imported files: not read/);
  });

  test('--out: a directory, a symbolic link, a FIFO, the model, an inventory or the data are refused (exit 2, nothing written)', async () => {
    s.write('gaps.threatmodel.yaml', model());
    mkdirSync(join(s.repo, 'out-dir'));
    s.link('out-link.txt', join(s.outside, 'link-target.txt'));
    s.fifo('out.fifo');
    const cases: [string, RegExp][] = [
      ['out-dir', /--out out-dir is a directory, not a regular file: nothing written/],
      ['out-link.txt', /--out out-link\.txt is a symbolic link: not replaced, nothing written/],
      ['out.fifo', /--out out\.fifo is a FIFO \(named pipe\), not a regular file: nothing written/],
      ['gaps.threatmodel.yaml', /--out gaps\.threatmodel\.yaml is the threat model of this check/],
      ['ok.controls.yaml', /--out ok\.controls\.yaml is an input of this check/],
      [data, /is the ATT&CK data of this check/],
    ];
    const before = readFileSync(join(s.repo, 'gaps.threatmodel.yaml'), 'utf8');
    for (const [out, message] of cases) {
      const r = await cli('check', 'gaps.threatmodel.yaml', '--attack-data', data, '--fail-on', 'never', '--out', out);
      assert.equal(r.status, 2, `${out}: ${r.err}`);
      assert.match(r.err, message);
    }
    assert.equal(readFileSync(join(s.repo, 'gaps.threatmodel.yaml'), 'utf8'), before);
    assert.equal(readFileSync(join(s.repo, 'ok.controls.yaml'), 'utf8'), INVENTORY);
    assert.equal(readFileSync(data, 'utf8'), miniBundle());
    assert.ok(!existsSync(join(s.outside, 'link-target.txt')), 'nothing written through the link');
    assert.deepEqual(readdirSync(join(s.repo, 'out-dir')), []);
  });

  test('--out: an existing 0600 report stays 0600; a new path is created', async () => {
    const existing = s.write('report.json', 'old');
    chmodSync(existing, 0o600);
    const r = await cli('check', 'gaps.threatmodel.yaml', '--attack-data', data, '--fail-on', 'never', '--format', 'json', '--out', 'report.json');
    assert.equal(r.status, 0, r.err);
    assert.equal(statSync(existing).mode & 0o777, 0o600);
    assert.equal(JSON.parse(readFileSync(existing, 'utf8')).model !== undefined, true);
    const fresh = await cli('check', 'gaps.threatmodel.yaml', '--attack-data', data, '--fail-on', 'never', '--out', 'reports/gaps.txt');
    assert.equal(fresh.status, 0, fresh.err);
    assert.match(readFileSync(join(s.repo, 'reports/gaps.txt'), 'utf8'), /^Files — ATT&CK/);
  });

  test('a pinned version like ../../outside/pwn is refused before any download or path: nothing fetched, nothing written', async () => {
    const server = await startServer();
    try {
      server.route('/bundle.json', (_req, res) => res.end(miniBundle()));
      const cacheDir = join(s.dir, 'pin-cache');
      const version = '../../../../outside/pwn';
      s.write('pin.threatmodel.yaml', model({ version }));
      let err = '';
      const status = await runCli(['check', 'pin.threatmodel.yaml', '--download', '--cache-dir', cacheDir], {
        out: () => undefined, err: (t) => void (err += t), cwd: s.repo,
        env: { THREAT_OVERLAP_CACHE_DIR: cacheDir, THREAT_OVERLAP_ATTACK_URL: `${server.base}/bundle.json` },
      });
      assert.equal(status, 2, err);
      assert.match(err, /pin\.threatmodel\.yaml:3:\d+ error schema\.pattern /);
      assert.deepEqual(server.requests, [], 'no request was sent');
      assert.ok(!existsSync(cacheDir), 'no cache directory was even created');
      assert.deepEqual(readdirSync(s.outside).sort(), ['secret.controls.yaml', 'secret.layer.json', 'valid.controls.yaml']);
      const index = await cli('index', '--attack-data', s.dir, '--attack-version', '../outside/pwn');
      assert.equal(index.status, 2);
      assert.match(index.err, /--attack-version must be an ATT&CK release such as 18\.1/);
    } finally {
      await server.close();
    }
  });
});
