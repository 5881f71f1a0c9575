import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { AttackDataError, buildIndexFromText, loadAttackIndex } from '../../../src/core/attack/index';
import { stix20Bundle, stix21Bundle, text } from '../../fixtures/attack/bundles';
import { fixtureFiles } from '../../fixtures/attack/files';

const files = fixtureFiles();
after(() => files.remove());

/** Asserts a typed AttackDataError with this code and a one-line message naming `mentions`. */
async function rejectsWith(load: () => Promise<unknown> | unknown, code: AttackDataError['code'], mentions: RegExp): Promise<void> {
  await assert.rejects(async () => load(), (e: unknown) => {
    assert.ok(e instanceof AttackDataError, `expected AttackDataError, got ${String(e)}`);
    assert.equal(e.code, code);
    assert.doesNotMatch(e.message, /[\r\n]/, 'one line');
    assert.match(e.message, mentions);
    return true;
  });
}

const noCache = (file: string) => () => loadAttackIndex(file, { noCache: true });

describe('unusable ATT&CK data fails with a typed, one-line error', () => {
  test('a missing file', async () => {
    await rejectsWith(noCache(`${files.dir}/nope/enterprise-attack.json`), 'not-found', /not found: .*nope/);
  });
  test('a directory where a bundle file is expected', async () => {
    await rejectsWith(noCache(files.dir), 'unreadable', /is a directory/);
  });
  test('text that is not JSON', async () => {
    // The parser's message is not passed on: V8 quotes the text in it ("Unexpected token 'h', "hello, wor"...").
    await rejectsWith(noCache(files.write('not-json.json', 'hello, world\n{')), 'not-json', /not-json\.json is not valid JSON$/);
    await rejectsWith(() => buildIndexFromText('{"type": "bundle", "objects": [1,]}\n'), 'not-json', /^ATT&CK data is not valid JSON( \(line \d+, column \d+\))?$/);
  });
  test('JSON cut short (an interrupted download), and an empty file', async () => {
    const whole = text(stix20Bundle());
    await rejectsWith(noCache(files.write('cut.json', whole.slice(0, Math.floor(whole.length / 2)))), 'truncated', /is truncated: .*download it again/);
    await rejectsWith(noCache(files.write('cut-after-bracket.json', `${whole.slice(0, whole.length - 1)}  \n`)), 'truncated', /truncated/);
    await rejectsWith(noCache(files.write('empty.json', ' \n')), 'truncated', /is empty/);
  });
  test('JSON that is not a STIX bundle', async () => {
    for (const [name, json] of [['object.json', '{"hello": "world"}'], ['array.json', '[]'], ['null.json', 'null'], ['objects.json', '{"type":"bundle","objects":{}}']]) {
      await rejectsWith(noCache(files.write(name, json)), 'not-attack', /is not a STIX bundle/);
    }
  });
  test('a STIX bundle without a live ATT&CK matrix', async () => {
    const noMatrix = stix21Bundle();
    noMatrix.objects = noMatrix.objects.filter((o) => o.type !== 'x-mitre-matrix');
    await rejectsWith(noCache(files.write('no-matrix.json', text(noMatrix))), 'not-attack', /no live ATT&CK matrix/);
    const retired = stix20Bundle();
    for (const o of retired.objects) if (o.type === 'x-mitre-matrix') o.revoked = true;
    await rejectsWith(() => buildIndexFromText(text(retired)), 'not-attack', /no live ATT&CK matrix/);
    const foreign = stix20Bundle();
    for (const o of foreign.objects) if (o.type === 'x-mitre-matrix') o.external_references = [{ source_name: 'mitre-attack', external_id: 'pre-attack' }];
    await rejectsWith(() => buildIndexFromText(text(foreign)), 'not-attack', /no live ATT&CK matrix/);
  });
  test('data of another domain or release than expected', async () => {
    await rejectsWith(() => loadAttackIndex(files.stix21, { noCache: true, expect: { domain: 'mobile-attack' } }), 'wrong-domain', /holds ATT&CK enterprise-attack 99\.1, not mobile-attack/);
    await rejectsWith(() => loadAttackIndex(files.stix21, { noCache: true, expect: { version: '18.1' } }), 'wrong-version', /not 18\.1/);
  });
});

describe('junk inside a bundle is skipped, not fatal', () => {
  test('null objects, objects without ids, bad field types', () => {
    const b = stix20Bundle();
    b.objects.push(null as never, 'text' as never, { type: 'attack-pattern', name: 'No id' }, { type: 'relationship', id: 'relationship--x', relationship_type: 'uses', source_ref: 42 });
    const t = b.objects.find((o) => o.name === 'Phishing' && o.modified === '2025-01-01T00:00:00.000Z') as Record<string, unknown>;
    Object.assign(t, { x_mitre_platforms: 'Windows', kill_chain_phases: [null, { phase_name: 7 }], aliases: [1, 'x'] });
    const index = buildIndexFromText(text(b), 'enterprise-attack-99.0.json');
    assert.deepEqual(index.technique('T1566')?.platforms, []);
    assert.deepEqual(index.technique('T1566')?.tactics, []);
    assert.equal(index.techniques.length, 7);
  });
});
