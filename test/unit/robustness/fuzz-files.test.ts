/**
 * Fuzzing the files a model names (issue 15): models whose `controls:` and `layer:` entries point at every kind of
 * hostile path — outside the repository by absolute path, `../` traversal or symbolic link, FIFOs, directories,
 * devices, /proc, dangling and looping links, names too long for the file system, NUL bytes, terminal escapes,
 * URL-looking strings, random text — through the CLI's `check` in every output format. Any exception or
 * `internal error`, a hang, a message with raw control characters or an engine's text, or any byte of an outside
 * file in the output is a bug. 300 cases here; `npm run fuzz` runs 5,000 (THREAT_OVERLAP_FUZZ_FILE_RUNS).
 * The seed is printed, and taken from THREAT_OVERLAP_FUZZ_SEED when set.
 */
import assert from 'node:assert/strict';
import { symlinkSync, writeFileSync, openSync, ftruncateSync, closeSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { runCli } from '../../../src/cli/run';
import { miniBundle } from '../coverage/fixture';
import { SECRET, Scratch } from '../files/scratch';
import { ENGINE_TEXT, Figures } from './pipeline';

const runs = Number(process.env.THREAT_OVERLAP_FUZZ_FILE_RUNS ?? 300);
const seed = Number(process.env.THREAT_OVERLAP_FUZZ_SEED ?? (Date.now() ^ (process.pid << 16)) | 0);
const INVENTORY = 'controlInventory: 1\ncontrols:\n  - { id: C1, techniques: [T1000] }\n';
const FORMATS = ['text', 'json', 'markdown', 'sarif', 'navigator'] as const;
// eslint-disable-next-line no-control-regex -- exactly the characters a terminal or CI log would act on
const RAW_IN_LINE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

let s: Scratch;
let data = '';
/** Paths that exist in the scratch tree, relative to the repository, by kind. */
const named: string[] = [];

before(() => {
  s = new Scratch();
  data = join(s.dir, 'enterprise-attack-1.0.json');
  writeFileSync(data, miniBundle());
  s.write('ok.controls.yaml', INVENTORY);
  s.write('layers/ok.layer.json', JSON.stringify({ name: 'ok', domain: 'enterprise-attack', techniques: [{ techniqueID: 'T1000', score: 1 }] }));
  s.fifo('fifo.controls.yaml');
  s.fifo('layers/fifo.layer.json');
  mkdirSync(join(s.repo, 'dir.controls.yaml'));
  s.link('out.controls.yaml', join(s.outside, 'secret.controls.yaml'));
  s.link('layers/out.layer.json', join(s.outside, 'secret.layer.json'));
  s.link('dangling.controls.yaml', join(s.outside, 'missing.controls.yaml'));
  s.link('loop-a.controls.yaml', join(s.repo, 'loop-b.controls.yaml'));
  s.link('loop-b.controls.yaml', join(s.repo, 'loop-a.controls.yaml'));
  s.link('zero.controls.yaml', '/dev/zero');
  s.link('outside-dir', s.outside);
  const sparse = openSync(join(s.repo, 'huge.controls.yaml'), 'w');
  ftruncateSync(sparse, 2 ** 31);
  closeSync(sparse);
  symlinkSync('ok.controls.yaml', join(s.repo, 'inside-link.controls.yaml'));
  named.push(
    './ok.controls.yaml', './fifo.controls.yaml', './dir.controls.yaml', './out.controls.yaml', './dangling.controls.yaml',
    './loop-a.controls.yaml', './zero.controls.yaml', './huge.controls.yaml', './inside-link.controls.yaml',
    './outside-dir/secret.controls.yaml', './layers/ok.layer.json', './layers/fifo.layer.json', './layers/out.layer.json',
    join(s.outside, 'secret.controls.yaml'), join(s.outside, 'secret.layer.json'),
    '/etc/passwd', '/etc/shadow', '/dev/zero', '/dev/urandom', '/dev/stdin', '/proc/self/environ', '/proc/self/status', '/sys/kernel', '/', '.', '..',
  );
});
after(() => s.remove());

/** One path: a scratch file as written, or the same through traversal, odd spellings and hostile characters. */
const hostilePath = fc.oneof(
  fc.constantFrom(...Array.from({ length: 26 }, (_, i) => i)).map((i) => named[i] ?? './ok.controls.yaml'),
  fc.tuple(fc.nat(12), fc.constantFrom('etc/passwd', 'outside/secret.controls.yaml', 'repo/ok.controls.yaml', 'proc/self/environ')).map(([n, tail]) => `${'../'.repeat(n)}${tail}`),
  fc.constantFrom('file:///etc/passwd', 'https://example.com/x.controls.yaml', '~/.ssh/id_rsa', './ok.controls.yaml/', './/ok.controls.yaml', './ok.controls.yaml\u0000.txt',
    '%2e%2e/%2e%2e/etc/passwd', `./${'n'.repeat(300)}.controls.yaml`, `./${'d/'.repeat(2000)}x.yaml`, './\u001b[2J\u001b]8;;http://evil\u001b\\x.controls.yaml',
    './line\nbreak.controls.yaml', '::error file=x::forged', './\u202eevil.controls.yaml', 'C:\\Windows\\win.ini', '\\\\server\\share\\x.yaml'),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

const modelText = (controls: readonly string[], layers: readonly string[]) => [
  'threatModel: 1',
  'name: Fuzzed files',
  'attack: { domain: enterprise-attack, version: "1.0" }',
  'adversaries:',
  '  - group: G0001',
  ...layers.map((l) => `  - { layer: ${JSON.stringify(l)} }`),
  `controls: [${controls.map((c) => JSON.stringify(c)).join(', ')}]`,
  '',
].join('\n');

test(`fuzz: ${runs} models naming hostile paths, through check in every format`, { timeout: Math.max(300_000, runs * 200) }, async () => {
  const figures = new Figures(`file paths (seed ${seed})`);
  const exits = new Map<number, number>();
  let refused = 0;
  try {
    await fc.assert(
      fc.asyncProperty(fc.array(hostilePath, { maxLength: 3 }), fc.array(hostilePath, { maxLength: 2 }), fc.constantFrom(...FORMATS), async (controls, layers, format) => {
        s.write('fuzz.threatmodel.yaml', modelText(controls, layers));
        let out = '';
        let err = '';
        const name = `controls ${JSON.stringify(controls).slice(0, 120)} layers ${JSON.stringify(layers).slice(0, 120)} ${format}`;
        const status = await figures.runAsync(name, () => runCli(['check', 'fuzz.threatmodel.yaml', '--attack-data', data, '--format', format, '--fail-on', 'never'],
          { out: (t) => void (out += t), err: (t) => void (err += t), env: { THREAT_OVERLAP_CACHE_DIR: join(s.dir, 'cache') }, cwd: s.repo }));
        // Rethrown inside the property so fast-check shrinks it and prints the seed and path.
        if (status === undefined) throw new Error(figures.crashes.at(-1));
        exits.set(status, (exits.get(status) ?? 0) + 1);
        if (/file\.(outside-root|not-regular|too-large|unreadable)/.test(err)) refused++;
        const all = out + err;
        assert.ok(status === 0 || status === 2, `exit ${status}:\n${err}`);
        assert.ok(!/internal error/.test(err), `internal error:\n${err}`);
        assert.ok(!all.includes(SECRET) && !/root:x:0:0/.test(all), `content of a file outside the root in the output:\n${all.slice(0, 2000)}`);
        assert.ok(!ENGINE_TEXT.test(err), `an engine's text on stderr:\n${err}`);
        for (const line of err.split('\n')) assert.ok(!RAW_IN_LINE.test(line) && !/^\s*(::|##\[|##vso\[)/.test(line), `stderr line with raw control characters or a log command: ${JSON.stringify(line)}`);
        if (format === 'text') for (const line of out.split('\n')) assert.ok(!RAW_IN_LINE.test(line), `text output with raw control characters: ${JSON.stringify(line)}`);
        assert.equal(figures.hangs.length, 0, figures.hangs.join(', '));
      }),
      { numRuns: runs, seed },
    );
  } finally {
    figures.print(`exits ${JSON.stringify(Object.fromEntries(exits))}, ${refused} with a file.* refusal; replay: THREAT_OVERLAP_FUZZ_SEED=${seed}`);
  }
  assert.ok(refused > 0 && (exits.get(0) ?? 0) > 0, 'the generators reach both refused paths and clean checks');
});
