/**
 * `--out`'s writer: a new path or a regular file that is none of the inputs, atomically, keeping the mode; a link,
 * a directory, a FIFO, a device, the model or an input is refused and left exactly as it was.
 */
import assert from 'node:assert/strict';
import { chmodSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, statSync, writeFileSync, linkSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { OutputFileError, writeReportFile } from '../../../src/core/files/index';
import { Scratch, tryMknod } from './scratch';

describe('writing a report (--out)', () => {
  let s: Scratch;
  let model = '';
  let inventory = '';
  const inputs = () => [{ file: model, role: 'the threat model' }, { file: inventory, role: 'an input' }];
  const refused = async (target: string, pattern: RegExp) => {
    await assert.rejects(writeReportFile(target, 'REPORT', inputs(), s.repo), (e: unknown) => e instanceof OutputFileError && pattern.test(e.message));
  };

  before(() => {
    s = new Scratch();
    model = s.write('m.threatmodel.yaml', 'threatModel: 1\n');
    inventory = s.write('a.controls.yaml', 'controlInventory: 1\n');
  });
  after(() => s.remove());

  test('a new path is written (missing folders created), with no temporary file left', async () => {
    const file = await writeReportFile('reports/new.sarif', 'REPORT', inputs(), s.repo);
    assert.equal(readFileSync(file, 'utf8'), 'REPORT');
    assert.deepEqual(readdirSync(join(s.repo, 'reports')), ['new.sarif']);
  });

  test('an existing regular file is replaced and keeps its mode (0600 stays 0600, 0640 stays 0640)', async () => {
    for (const mode of [0o600, 0o640, 0o755]) {
      const file = s.write(`mode-${mode.toString(8)}.txt`, 'old');
      chmodSync(file, mode);
      await writeReportFile(file, 'REPORT', inputs(), s.repo);
      assert.equal(readFileSync(file, 'utf8'), 'REPORT');
      assert.equal(statSync(file).mode & 0o7777, mode);
    }
  });

  test('a symbolic link is refused: neither the link nor its target changes', async () => {
    const target = join(s.outside, 'target.txt');
    writeFileSync(target, 'untouched');
    const link = s.link('out-link.txt', target);
    await refused(link, /is a symbolic link: not replaced, nothing written/);
    assert.equal(readlinkSync(link), target);
    assert.equal(readFileSync(target, 'utf8'), 'untouched');
  });

  test('a directory, a FIFO and a character device are refused, and stay what they were', async () => {
    const dir = join(s.repo, 'out-dir');
    mkdirSync(dir);
    await refused(dir, /is a directory, not a regular file: nothing written/);
    assert.ok(lstatSync(dir).isDirectory());
    const fifo = s.fifo('out.fifo');
    await refused(fifo, /is a FIFO \(named pipe\), not a regular file/);
    assert.ok(lstatSync(fifo).isFIFO());
    const device = join(s.repo, 'out-null');
    if (tryMknod(device)) {
      await refused(device, /is a character device, not a regular file/);
      assert.ok(lstatSync(device).isCharacterDevice());
    }
  });

  test('the model, an input, or a hard link to one is refused and unchanged', async () => {
    await refused(model, /is the threat model of this check .*: not overwritten, nothing written/);
    await refused('a.controls.yaml', /is an input of this check/);
    const hard = join(s.repo, 'hard-link.txt');
    linkSync(inventory, hard);
    await refused(hard, /is an input of this check/);
    assert.equal(readFileSync(model, 'utf8'), 'threatModel: 1\n');
    assert.equal(readFileSync(inventory, 'utf8'), 'controlInventory: 1\n');
    assert.deepEqual(readdirSync(s.repo).filter((n) => n.endsWith('.tmp')), []);
  });
});
