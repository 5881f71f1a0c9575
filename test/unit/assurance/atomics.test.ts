/** Atomic Red Team files and folders on small fixtures of our own, and the tests they list for a technique. */
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAtomicFile } from '../../../src/core/assurance/atomics';
import { AtomicsFolderError, readAtomicsFolder } from '../../../src/core/assurance/read-atomics';
import { attackPlatformsOf } from '../../../src/core/assurance/atomic-options';
import { analyseCoverage } from '../../../src/core/coverage/engine';
import type { ControlInput, CoverageInput, TechniqueResult } from '../../../src/core/coverage/types';
import { miniIndex } from '../coverage/fixture';

const FILE = (technique: string, tests: string) => `attack_technique: ${technique}
display_name: 'Test technique'
atomic_tests:
${tests}`;
const TEST = (name: string, platforms: string[], guid = '11111111-2222-3333-4444-555555555555') => `- name: ${name}
  auto_generated_guid: ${guid}
  description: |
    Does a thing.
  supported_platforms:
${platforms.map((p) => `  - ${p}`).join('\n')}
  executor:
    name: powershell
    command: echo hi
`;

describe('one technique file', () => {
  test('reads each test: name, GUID, platforms (lower case, trimmed), executor', () => {
    const r = parseAtomicFile(FILE('T1000', TEST('Run it', ['windows', 'Linux'])), 'T1000');
    assert.equal(r.kind, 'tests');
    assert.deepEqual(r.kind === 'tests' && r.tests, [{ name: 'Run it', guid: '11111111-2222-3333-4444-555555555555', platforms: ['windows', 'linux'], executor: 'powershell' }]);
  });

  test('broken files are problems with a line, never throws, never quote the file', () => {
    const broken = parseAtomicFile('attack_technique: T1000\natomic_tests: [\n  - secret-value: {', 'T1000');
    assert.equal(broken.kind, 'problem');
    assert.match(broken.kind === 'problem' ? broken.message : '', /^is not valid YAML \(line \d+, column \d+\)$/);
    assert.doesNotMatch(broken.kind === 'problem' ? broken.message : '', /secret/);
    assert.deepEqual(parseAtomicFile('- a list', 'T1000'), { kind: 'problem', message: 'is not a YAML mapping with atomic_tests' });
    assert.deepEqual(parseAtomicFile(FILE('T1001', TEST('x', ['windows'])), 'T1000'), { kind: 'problem', message: 'is for T1001, not T1000 as its folder says' });
    assert.deepEqual(parseAtomicFile('attack_technique: T1000\n', 'T1000'), { kind: 'problem', message: 'has no atomic_tests list' });
    assert.equal(parseAtomicFile(`${'['.repeat(2000)}`, 'T1000').kind, 'problem', 'deep nesting is refused before parsing');
  });
});

describe('Atomic platform names to ATT&CK platforms', () => {
  const r18 = new Set(['Windows', 'Linux', 'macOS', 'IaaS', 'Identity Provider', 'Office Suite', 'SaaS', 'Containers']);
  const r15 = new Set(['Windows', 'Linux', 'macOS', 'IaaS', 'Azure AD', 'Office 365', 'Google Workspace', 'SaaS', 'Containers']);
  test('only names the release has: the current and the older spelling both map', () => {
    assert.deepEqual(attackPlatformsOf('azure-ad', r18), ['Identity Provider']);
    assert.deepEqual(attackPlatformsOf('azure-ad', r15), ['Azure AD']);
    assert.deepEqual(attackPlatformsOf('office-365', r15), ['Office 365']);
    assert.deepEqual(attackPlatformsOf('iaas:aws', r18), ['IaaS']);
    assert.deepEqual(attackPlatformsOf('MacOS ', r18), ['macOS']);
    assert.deepEqual(attackPlatformsOf('amiga', r18), []);
  });
});

describe('an atomics folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'atomics-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const put = (technique: string, text: string) => {
    mkdirSync(join(dir, technique), { recursive: true });
    writeFileSync(join(dir, technique, `${technique}.yaml`), text);
  };
  put('T1000.001', FILE('T1000.001', TEST('Windows child test', ['windows']) + TEST('Mac child test', ['macos'], '21111111-2222-3333-4444-555555555555')));
  put('T1001', FILE('T1001', TEST('Linux entry test', ['linux']) + TEST('Everywhere test', ['windows', 'linux', 'macos'], '31111111-2222-3333-4444-555555555555')));
  put('T1003', 'attack_technique: T1003\natomic_tests: [\n');
  mkdirSync(join(dir, 'T1002'));
  mkdirSync(join(dir, 'Indexes'));
  writeFileSync(join(dir, 'README.md'), 'not a technique');

  test('reads every technique folder; broken and missing files are problems, other entries are ignored', async () => {
    const c = await readAtomicsFolder(dir);
    assert.deepEqual([...c.tests.keys()].sort(), ['T1000.001', 'T1001']);
    assert.equal(c.files, 2);
    assert.deepEqual(c.problems.map((p) => [p.file.slice(c.folder.length + 1), p.message.replace(/\(.*\)/, '(…)')]), [
      ['T1002/T1002.yaml', 'is missing: the folder has no technique file of its name'],
      ['T1003/T1003.yaml', 'is not valid YAML (…)'],
    ]);
  });

  test('cached per folder: a second read re-reads only the file that changed', async () => {
    await readAtomicsFolder(dir);
    assert.equal((await readAtomicsFolder(dir)).reread, 0);
    put('T1001', FILE('T1001', TEST('Linux entry test, renamed', ['linux'])));
    utimesSync(join(dir, 'T1001', 'T1001.yaml'), new Date(), new Date(Date.now() + 5000));
    const again = await readAtomicsFolder(dir);
    assert.equal(again.reread, 1);
    assert.deepEqual(again.tests.get('T1001')!.map((t) => t.name), ['Linux entry test, renamed']);
    put('T1001', FILE('T1001', TEST('Linux entry test', ['linux']) + TEST('Everywhere test', ['windows', 'linux', 'macos'], '31111111-2222-3333-4444-555555555555')));
    utimesSync(join(dir, 'T1001', 'T1001.yaml'), new Date(), new Date(Date.now() + 10000));
  });

  test('not a folder, a missing one, a kernel interface: one error in our words', async () => {
    await assert.rejects(readAtomicsFolder(join(dir, 'nope')), (e: unknown) => e instanceof AtomicsFolderError && /no such folder/.test(e.message));
    await assert.rejects(readAtomicsFolder(join(dir, 'README.md')), (e: unknown) => e instanceof AtomicsFolderError && /is not a folder/.test(e.message));
    await assert.rejects(readAtomicsFolder('/proc/self'), (e: unknown) => e instanceof AtomicsFolderError && /kernel interface/.test(e.message));
  });

  test('covered and gap techniques list the tests for their components’ platforms; others list none', async () => {
    const atomics = await readAtomicsFolder(dir);
    const index = miniIndex();
    const control = (id: string, more: Partial<ControlInput>): ControlInput => ({ id, status: 'implemented', mitigations: [], techniques: [], ...more });
    const input: CoverageInput = {
      minCoverage: 'partial',
      components: [{ id: 'win', platforms: ['Windows'], assets: [] }, { id: 'lin', platforms: ['Linux'], assets: [] }],
      adversaries: [{ kind: 'group', ref: 'G0001', label: 'G0001', includeSoftware: true, techniques: [] }],
      exclusions: [],
      controls: [control('EDR', { techniques: [{ id: 'T1001', level: 'significant' }] })],
      assurance: { maxAgeDays: 180, atomics },
    };
    const r = analyseCoverage(index, input);
    const get = (id: string) => r.techniques.find((t) => t.id === id) as TechniqueResult;
    assert.equal(get('T1001').state, 'covered');
    assert.deepEqual(get('T1001').atomics, {
      total: 2,
      options: [
        { name: 'Linux entry test', guid: '11111111-2222-3333-4444-555555555555', platforms: ['Linux'], components: ['lin'] },
        { name: 'Everywhere test', guid: '31111111-2222-3333-4444-555555555555', platforms: ['Windows', 'Linux', 'macOS'], components: ['lin'] },
      ],
    }, 'T1001 applies to lin only (Linux)');
    assert.equal(get('T1000.001').state, 'gap');
    assert.deepEqual(get('T1000.001').atomics?.options.map((o) => [o.name, o.components]), [['Windows child test', ['win']]], 'the macOS test runs on no component');
    assert.equal(get('T1000.001').atomics?.total, 2);
    assert.equal(get('T1003').state, 'applicable');
    assert.equal(get('T1003').atomics, undefined, 'only covered and gap techniques list atomics');
  });
});
