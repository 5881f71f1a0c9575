/**
 * The `npm test` stage runner (scripts/lib/stages.mjs, stage-report.mjs): every stage runs even after one failed,
 * counts come from the stage's own summary lines, and a stage that leaves files in its TMPDIR fails.
 */
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, test } from 'node:test';
// @ts-expect-error plain ES modules of the build scripts, without type declarations
import { parseCounts, renderTable } from '../../../scripts/lib/stage-report.mjs';
// @ts-expect-error as above
import { runStages } from '../../../scripts/lib/stages.mjs';

interface Row { name: string; result: string; counts?: { passed: number; failed: number; skipped: number }; notes: string[] }

const sink = () => {
  const s = new PassThrough();
  let text = '';
  s.on('data', (c: Buffer) => (text += c.toString()));
  return { s, text: () => text };
};
const nodeStage = (name: string, script: string) => ({ name, what: name, cmd: [process.execPath, '-e', script] });

describe('npm test stage runner', () => {
  test('runs every stage after a failure, counts tests, fails a stage that leaves temporary files', async () => {
    const out = sink();
    const rows: Row[] = await runStages([
      nodeStage('fails', 'console.log("ℹ pass 3\\nℹ fail 1\\nℹ skipped 2"); process.exit(1)'),
      nodeStage('litters', 'require("fs").mkdtempSync(require("path").join(require("os").tmpdir(), "left-"));'),
      nodeStage('passes', 'console.log("7 passed, 0 failed, 1 skipped")'),
      nodeStage('unselected', 'process.exit(1)'),
    ], { only: ['fails', 'litters', 'passes'], out: out.s, err: out.s });
    assert.deepEqual(rows.map((r) => [r.name, r.result]), [['fails', 'failed'], ['litters', 'failed'], ['passes', 'passed'], ['unselected', 'skipped']]);
    assert.deepEqual(rows[0]!.counts, { passed: 3, failed: 1, skipped: 2 });
    assert.deepEqual(rows[2]!.counts, { passed: 7, failed: 0, skipped: 1 });
    assert.match(rows[1]!.notes.join(), /left 1 temporary entry: left-/);
    const tmp = out.text().match(/TMPDIR \(now removed\)/);
    assert.ok(tmp, 'the leftover is reported');
    const table: string = renderTable(rows, 1.5);
    assert.match(table, /^fails\s+failed\s+3\s+1\s+2\s+[\d.]+ s/m);
    assert.match(table, /^unselected\s+skipped\s+–\s+–\s+–\s+–\s+not selected/m);
    assert.match(table, /^all\s+failed\s+10\s+1\s+3\s+1\.5 s\s+failed: fails, litters$/m);
  });

  test('parseCounts: the last summary wins; none for stages that print no counts', () => {
    assert.equal(parseCounts('built\n'), undefined);
    assert.deepEqual(parseCounts('ℹ pass 1\nℹ fail 0\n…\n\u001b[32mℹ pass 5\u001b[39m\nℹ fail 0\nℹ cancelled 1\nℹ todo 2\nℹ skipped 0\n'), { passed: 5, failed: 1, skipped: 2 });
    assert.deepEqual(parseCounts('ℹ pass 9\n…\n12 passed, 1 failed, 0 skipped\n'), { passed: 12, failed: 1, skipped: 0 });
  });

  test('a stage command that cannot start is a failed row, not a crash', async () => {
    const out = sink();
    const rows: Row[] = await runStages([{ name: 'missing', what: 'x', cmd: ['/nonexistent/threat-overlap-binary'] }], { out: out.s, err: out.s });
    assert.equal(rows[0]!.result, 'failed');
    assert.match(rows[0]!.notes.join(), /could not start/);
  });
});
