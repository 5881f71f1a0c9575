/**
 * Issue 15, "parser limits with our words": nesting limits apply before `yaml`'s composer can run out of stack
 * (it catches its own overflow and would report `Maximum call stack size exceeded` as a syntax error), wherever
 * YAML is read — models, inventories, DeTT&CT files, the pin reader — and no message, in the core or on the
 * CLI's standard error, carries an engine's text; the CLI's `internal error` line names the failure in our words.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../../../src/cli/run';
import { readAttackPin } from '../../../src/core/data/pin';
import { parseDettect } from '../../../src/core/import/dettect';
import { ImportError } from '../../../src/core/import/errors';
import { parseControlInventory } from '../../../src/core/model/control-inventory';
import { parseThreatModel } from '../../../src/core/model/threat-model';
import { Scratch, miniModel } from './hostile-files';

const ENGINE_TEXT = /Maximum call stack|Invalid string length|Invalid array length|RangeError|JSON at position|is not valid JSON:|"root:x/;

const DEEP: readonly { name: string; text: string }[] = [
  { name: '5,000-deep `- - - …` at the document root', text: `${'- '.repeat(5_000)}x\n` },
  { name: '5,000-deep `? ? ? …` explicit keys', text: `${'? '.repeat(5_000)}x\n` },
  { name: '3,000 alternating `- ? ` on one line', text: `${'- ? '.repeat(3_000)}x\n` },
  { name: '600-deep block mappings, one level per line', text: `a:\n${Array.from({ length: 600 }, (_, i) => `${' '.repeat(i + 1)}a:`).join('\n')}\n` },
  { name: '900 open flow sequences (under the 1,000 bracket pre-scan, over the composer stack)', text: `threatModel: 1\nx: ${'['.repeat(900)}${']'.repeat(900)}\n` },
  { name: '800 flow mappings with implicit keys', text: `threatModel: 1\nx: ${'[ a: '.repeat(800)}${']'.repeat(800)}\n` },
  { name: '600 block levels holding 600 flow levels', text: `${'- '.repeat(600)}${'['.repeat(600)}${']'.repeat(600)}\n` },
];

describe('deep YAML is refused before the parser can overflow, in our words', () => {
  for (const { name, text } of DEEP) {
    test(`${name}: threat model and inventory`, () => {
      for (const parse of [parseThreatModel(text, '/w/deep.threatmodel.yaml'), parseControlInventory(text, '/w/deep.controls.yaml')]) {
        assert.ok(parse.diagnostics.some((d) => d.code === 'yaml.too-deep'), JSON.stringify(parse.diagnostics.map((d) => d.code)));
        for (const d of parse.diagnostics) assert.doesNotMatch(d.message, ENGINE_TEXT);
      }
    });
    test(`${name}: DeTT&CT file and the pin reader`, () => {
      assert.throws(() => parseDettect(`file_type: group-administration\ngroups:\n  ${text.replace(/\n/g, '\n  ')}`), (e: unknown) =>
        e instanceof ImportError && !ENGINE_TEXT.test(e.message));
      assert.doesNotThrow(() => readAttackPin(text));
    });
  }

  test('just under the limit still parses: 350 block levels, 350 flow levels', () => {
    const parse = parseThreatModel(`threatModel: 1\nname: x\nnest: ${'['.repeat(350)}${']'.repeat(350)}\nmore:\n  ${'- '.repeat(350)}x\n`);
    assert.ok(!parse.diagnostics.some((d) => d.code === 'yaml.syntax'), JSON.stringify(parse.diagnostics.map((d) => `${d.code} ${d.message}`)));
    // Read as data down to 100 levels; deeper parts are left out with the nesting diagnostic.
    assert.ok(parse.diagnostics.some((d) => d.code === 'yaml.too-deep' && /100 levels/.test(d.message)));
  });

  describe('through the CLI', () => {
    const scratch = new Scratch();
    after(() => scratch.remove());
    test('validate and check: exit 2, yaml.too-deep, no engine text', async () => {
      let n = 0;
      for (const { text } of DEEP) {
        const file = `deep-${++n}.threatmodel.yaml`;
        scratch.write(file, text);
        scratch.write(`deep-${n}.controls.yaml`, text);
        scratch.write(`uses-${n}.threatmodel.yaml`, miniModel(`adversaries: [{ layer: ./deep-${n}.dettect.yaml }]\ncontrols: [./deep-${n}.controls.yaml]\n`));
        scratch.write(`deep-${n}.dettect.yaml`, `file_type: group-administration\ngroups:\n  ${text.replace(/\n/g, '\n  ')}`);
        for (const run of [await scratch.cli('validate', file, `deep-${n}.controls.yaml`), await scratch.check(file, 'json'), await scratch.check(`uses-${n}.threatmodel.yaml`, 'text')]) {
          assert.equal(run.status, 2, run.err);
          assert.match(run.err, /error (yaml\.too-deep|import\.invalid) /);
          assert.doesNotMatch(run.err, ENGINE_TEXT);
          assert.doesNotMatch(run.err, /internal error/);
        }
      }
    });
  });
});

describe("the CLI's internal error line", () => {
  const scratch = new Scratch();
  scratch.write('m.threatmodel.yaml', miniModel('adversaries: [{ group: G0001 }]\n'));
  after(() => scratch.remove());
  // Standard output that fails as V8 does when a string or array cannot grow, or with a message quoting input.
  const failures: readonly [string, () => Error][] = [
    ['RangeError: Invalid string length', () => new RangeError('Invalid string length')],
    ['RangeError: Invalid array length', () => new RangeError('Invalid array length')],
    ['RangeError: Maximum call stack size exceeded', () => new RangeError('Maximum call stack size exceeded')],
    ['a SyntaxError quoting its input', () => new SyntaxError('Unexpected token \'r\', "root:x:0:0"... is not valid JSON')],
    ['a TypeError', () => new TypeError("Cannot read properties of undefined (reading 'root:x:0:0')")],
    ['a system error', () => Object.assign(new Error("EACCES: permission denied, open '/root:x:0:0'"), { code: 'EACCES', syscall: 'open' })],
    ['an Error with control characters', () => new Error('bad \u001b[2J\nthing')],
  ];
  for (const [name, failure] of failures) {
    test(name, async () => {
      let err = '';
      const status = await runCli(['check', 'm.threatmodel.yaml', '--attack-data', scratch.dir], {
        out: () => { throw failure(); },
        err: (t) => void (err += t),
        env: { THREAT_OVERLAP_CACHE_DIR: `${scratch.dir}/cache` },
        cwd: scratch.dir,
      });
      assert.equal(status, 2);
      const line = err.split('\n').find((l) => l.includes('internal error'));
      assert.ok(line, err);
      assert.match(line, /^threat-overlap: internal error: .+\. This is a bug in threat-overlap: please report it \(THREAT_OVERLAP_DEBUG=1 prints the details\)$/);
      assert.doesNotMatch(line, ENGINE_TEXT);
      assert.ok(!line.includes('root:x') && !line.includes('\u001b'), line);
      assert.equal(err.split('\n').filter(Boolean).length, 1, 'one line');
    });
  }
});
