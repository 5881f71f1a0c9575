/**
 * Issue 15, "no amplification": strings from imported files are cut where they enter the model (with a
 * diagnostic), and an imported file stands for a bounded number of adversaries, so a hostile file makes no
 * report grow by more than a small constant per technique. Each format's output for a hostile import is held
 * against the same model with a plain one.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FORMATS, Scratch, miniModel } from './hostile-files';

const TECHNIQUES = ['T1000', 'T1000.001', 'T1000.002', 'T1001', 'T1003'];
/** What a technique may add to a report beyond the plain import: a few cut names (200 characters each) and their quoting. */
const PER_TECHNIQUE = 1_500;
/** The diagnostics that say what was cut, once per report. */
const DIAGNOSTICS = 4_096;

const layer = (name: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ name, versions: { layer: '4.5' }, domain: 'enterprise-attack', techniques: TECHNIQUES.map((id) => ({ techniqueID: id, score: 1, ...extra })) });

const groups = (count: number, name: (i: number) => string) =>
  `file_type: group-administration\nname: groups\ngroups:\n${Array.from({ length: count }, (_, i) => `  - group_name: ${name(i)}\n    technique_id: [${TECHNIQUES.join(', ')}]\n`).join('')}`;

describe('a hostile import makes no report grow by more than a constant per technique', () => {
  const scratch = new Scratch();
  after(() => scratch.remove());
  const model = (file: string) => miniModel(`adversaries: [{ layer: ./${file} }]\n`);
  scratch.write('plain.json', layer('Sector layer'));
  // 2 MB of name; 20 MB behaves the same (docs/robustness.md has the CLI figures).
  scratch.write('hostile.json', layer('N'.repeat(2 * 1024 * 1024), { tactic: 't'.repeat(100_000), comment: 'c'.repeat(100_000) }));
  scratch.write('plain.yaml', groups(1, () => 'Listed crew'));
  scratch.write('many.yaml', groups(1_000, (i) => `crew-${i}-${'g'.repeat(300)}`));
  scratch.write('plain-layer.threatmodel.yaml', model('plain.json'));
  scratch.write('hostile-layer.threatmodel.yaml', model('hostile.json'));
  scratch.write('plain-groups.threatmodel.yaml', model('plain.yaml'));
  scratch.write('many-groups.threatmodel.yaml', model('many.yaml'));

  for (const format of FORMATS) {
    test(`--format ${format}: a layer with a 2 MB name`, async () => {
      const plain = await scratch.check('plain-layer.threatmodel.yaml', format);
      const hostile = await scratch.check('hostile-layer.threatmodel.yaml', format);
      assert.equal(plain.status, 0, plain.err);
      assert.equal(hostile.status, 0, hostile.err);
      const bound = plain.out.length + PER_TECHNIQUE * TECHNIQUES.length + DIAGNOSTICS;
      assert.ok(hostile.out.length <= bound, `${format}: ${hostile.out.length} characters against ${plain.out.length} for the plain layer (bound ${bound})`);
      assert.ok(hostile.err.length < 2_000, `stderr stays short: ${hostile.err.length}`);
      assert.match(hostile.err, /warning import\.text-truncated .*longer than 200 characters cut to 200 \(longest: .*name 2,097,152 characters/);
    });

    test(`--format ${format}: a DeTT&CT file of 1,000 groups with 300-character names`, async () => {
      const plain = await scratch.check('plain-groups.threatmodel.yaml', format);
      const many = await scratch.check('many-groups.threatmodel.yaml', format);
      assert.equal(many.status, 0, many.err);
      // Per technique, 100 adversaries of at most 200 characters each, with their JSON evidence (location, via).
      const bound = plain.out.length + 100 * 500 * TECHNIQUES.length + DIAGNOSTICS;
      assert.ok(many.out.length <= bound, `${format}: ${many.out.length} characters against ${plain.out.length} for one group (bound ${bound})`);
      assert.match(many.err, /warning import\.too-many-adversaries .*only the first 100 adversaries .*; 900 more left out/);
      assert.match(many.err, /warning import\.text-truncated /);
    });
  }
});
