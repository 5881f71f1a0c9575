/**
 * The reader as the check uses it (core): a FileSource with open documents first, checkModel's default source, and
 * resolveImports' refusals — each refusal a file.* diagnostic on the entry that named the file, with nothing of the
 * file in any message.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { checkModel } from '../../../src/core/check/check-model';
import { commandLineConfinement, confinedSource } from '../../../src/core/files/index';
import { resolveImports } from '../../../src/core/import/index';
import { parseThreatModel } from '../../../src/core/model/index';
import { DIAGNOSTIC_CODES } from '../../../src/core/validation/index';
import { miniIndex } from '../coverage/fixture';
import { SECRET, Scratch } from './scratch';

const MODEL = (controls: string, layer = '') => `threatModel: 1
name: Source
attack: { domain: enterprise-attack, version: "1.0" }
adversaries:
  - group: G0001${layer ? `\n  - { layer: ${layer} }` : ''}
controls: [${controls}]
`;

describe('the confined reader in the check', () => {
  let s: Scratch;
  before(() => {
    s = new Scratch();
    s.write('ok.controls.yaml', 'controlInventory: 1\ncontrols:\n  - { id: C1, name: One, techniques: [T1000] }\n');
  });
  after(() => s.remove());

  test('open documents: the text with unsaved edits inside the root; outside it refused before the text is looked at', async () => {
    const modelFile = s.write('m.threatmodel.yaml', MODEL('./ok.controls.yaml'));
    const confinement = await commandLineConfinement(modelFile, [], s.repo);
    const asked: string[] = [];
    const open = (file: string) => (asked.push(file), file.endsWith('ok.controls.yaml') ? 'controlInventory: 1\ncontrols: []\n' : `${SECRET}: 1\n`);
    const source = confinedSource(confinement, open);
    const inside = await source(join(s.repo, 'ok.controls.yaml'), { role: 'yaml', confined: true });
    assert.deepEqual(inside, { kind: 'text', text: 'controlInventory: 1\ncontrols: []\n' });
    const secret = join(s.outside, 'secret.controls.yaml');
    const outside = await source(secret, { role: 'yaml', confined: true });
    assert.equal(outside.kind, 'refused');
    assert.ok(!asked.includes(secret), 'the open text of an outside file is never asked for');
    assert.equal((await source(secret, { role: 'yaml', confined: false })).kind, 'text', 'unconfined (the model itself): read');
  });

  test('checkModel: refused inventories are file.* diagnostics on their controls: entries and count as inputs', async () => {
    s.fifo('fifo.controls.yaml');
    const modelFile = s.write('refs.threatmodel.yaml', MODEL(`./ok.controls.yaml, ../outside/secret.controls.yaml, ./fifo.controls.yaml`));
    const outcome = await checkModel({ modelFile, baseDir: s.repo, toolVersion: 't', loadIndex: async () => miniIndex() });
    assert.equal(outcome.kind, 'invalid');
    const files = outcome.diagnostics.filter((d) => d.code.startsWith('file.'));
    assert.deepEqual(files.map((d) => [d.code, d.file, d.range.start.line, d.data?.path]), [
      ['file.outside-root', modelFile, 5, '../outside/secret.controls.yaml'],
      ['file.not-regular', modelFile, 5, './fifo.controls.yaml'],
    ]);
    for (const d of files) assert.equal(d.severity, DIAGNOSTIC_CODES[d.code]?.severity);
    assert.ok(outcome.inputs.includes(join(s.outside, 'secret.controls.yaml')), 'a refused file is an input: fixing it changes the result');
    assert.ok(!JSON.stringify(outcome).includes(SECRET));
    const allowed = await checkModel({ modelFile, baseDir: s.repo, toolVersion: 't', loadIndex: async () => miniIndex(), allowOutside: [s.outside] });
    assert.deepEqual(allowed.diagnostics.filter((d) => d.code.startsWith('file.')).map((d) => d.data?.path), ['./fifo.controls.yaml'], 'allowed: only the FIFO is left');
  });

  test('resolveImports: a refused layer is a file.* diagnostic on its layer: value, with an empty summary', async () => {
    const modelFile = s.write('layer.threatmodel.yaml', MODEL('', join(s.outside, 'secret.layer.json')));
    const model = parseThreatModel(MODEL('', join(s.outside, 'secret.layer.json')), modelFile).model!;
    const source = confinedSource(await commandLineConfinement(modelFile, [], s.repo));
    const r = await resolveImports(model, [], { readFile: (f) => source(f, { role: 'import', confined: true }), index: miniIndex() });
    assert.deepEqual(r.diagnostics.map((d) => [d.code, d.range.start.line, d.file]), [['file.outside-root', 5, modelFile]]);
    assert.match(r.diagnostics[0]!.message, /^imported file '.*secret\.layer\.json' resolves to .*: not read; to read it anyway, pass --allow-outside /);
    assert.deepEqual(r.summaries.map((x) => [x.use, x.format, x.techniques]), [['adversary', undefined, 0]]);
    assert.equal(r.adversaries.size, 0);
  });
});
