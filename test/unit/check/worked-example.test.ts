/** The README's worked example is true: its table rows are what the engine gives for data/examples/worked. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { checkModel } from '../../../src/core/check/check-model';
import { realIndex, skipUnless } from '../../fixtures/model/real-data';

const FILE = 'enterprise-attack-18.1.json';

function readmeRows(): { id: string; name: string; platforms: string[]; appliesTo: string[]; coverage: string; state: string }[] {
  const readme = readFileSync('README.md', 'utf8');
  const block = readme.slice(readme.indexOf('<!-- worked-example:start'), readme.indexOf('<!-- worked-example:end'));
  return block.split('\n').filter((l) => /^\| T\d{4}/.test(l)).map((l) => {
    const [technique, platforms, applies, , coverage, state] = l.split('|').slice(1, -1).map((c) => c.trim());
    const [id, ...name] = technique!.split(' ');
    const list = (s: string) => (s === '—' || s === '' ? [] : s.split(', '));
    return { id: id!, name: name.join(' '), platforms: list(platforms!), appliesTo: list(applies!), coverage: coverage!, state: state! };
  });
}

test('the README worked example matches the engine on Enterprise 18.1', { skip: skipUnless(FILE) }, async () => {
  const rows = readmeRows();
  assert.equal(rows.length, 5, 'the README table has its five rows');
  const outcome = await checkModel({
    modelFile: 'data/examples/worked/worked.threatmodel.yaml',
    baseDir: process.cwd(),
    toolVersion: 'test',
    loadIndex: async () => realIndex(FILE),
  });
  assert.equal(outcome.kind, 'analysed', JSON.stringify(outcome.diagnostics));
  if (outcome.kind !== 'analysed') return;
  const byId = new Map(outcome.report.result.techniques.map((t) => [t.id, t]));
  for (const row of rows) {
    const t = byId.get(row.id);
    assert.ok(t, row.id);
    assert.equal(t.name, row.name, `${row.id} name`);
    assert.deepEqual([...t.platforms].sort(), [...row.platforms].sort(), `${row.id} platforms`);
    assert.deepEqual(t.components.map((c) => c.component), row.appliesTo, `${row.id} applies to`);
    assert.equal(t.coverage, row.coverage, `${row.id} coverage`);
    assert.equal(t.state, row.state, `${row.id} state`);
  }
  const s = outcome.report.result.summary;
  assert.deepEqual([s.adversary, s.relevant, s.covered, s.gaps], [4, 4, 2, 2], 'the summary the README states');
  const gaps = outcome.report.result.techniques.filter((t) => t.state === 'gap');
  assert.deepEqual(gaps.map((g) => [g.priority?.score, g.priority && g.priority.score >= 15 && g.priority.score < 24]), [[19, true], [19, true]], 'both gaps score 19: warnings');
});
