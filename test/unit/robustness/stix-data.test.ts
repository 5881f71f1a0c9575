/**
 * Broken and hostile STIX bundles: each is a typed AttackDataError or a tolerant load (with a warning where
 * the data is doubtful), never another exception or a hang; then the whole pipeline runs on what loaded.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import { AttackDataError, buildIndexFromText, loadAttackIndex } from '../../../src/core/attack';
import type { AttackIndex } from '../../../src/core/attack';
import { analyseCoverage } from '../../../src/core/coverage/engine';
import { coverageInputFrom } from '../../../src/core/coverage/model-input';
import { parseThreatModel } from '../../../src/core/model';
import { STIX_DIR, skipUnless } from '../../fixtures/model/real-data';
import { miniBundle } from '../coverage/fixture';
import { Figures } from './pipeline';

type Bundle = { type: string; id: string; spec_version?: string; objects: Record<string, unknown>[] };
const base = (): Bundle => JSON.parse(miniBundle()) as Bundle;
const text = (b: unknown) => JSON.stringify(b);
const stixId = (b: Bundle, attackId: string) => b.objects.find((o) => (o.external_references as { external_id?: string }[] | undefined)?.[0]?.external_id === attackId)!.id as string;

const MODEL = parseThreatModel('threatModel: 1\nname: X\ntechStack: [{ id: w, platforms: [Windows, Linux] }]\nadversaries: [{ group: G0001 }, { group: G0002 }]\n', '/ws/x.threatmodel.yaml').model!;

/** Loads bundle text: an index (then coverage must run on it), or an AttackDataError; anything else fails. */
function load(figures: Figures, name: string, bundle: string): { index?: AttackIndex; error?: AttackDataError } {
  const outcome = figures.run(name, () => {
    try {
      const index = buildIndexFromText(bundle, 'enterprise-attack-1.0.json');
      analyseCoverage(index, coverageInputFrom(MODEL, []));
      return { index };
    } catch (e) {
      if (e instanceof AttackDataError) return { error: e };
      throw e;
    }
  });
  assert.deepEqual(figures.crashes, []);
  assert.ok(outcome);
  if (outcome.error) assert.doesNotMatch(outcome.error.message, /\n/, 'one-line message');
  return outcome;
}

describe('broken STIX data', () => {
  const figures = new Figures('STIX bundles');
  const dir = mkdtempSync(join(tmpdir(), 'to-robust-stix-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('truncated at 500 random offsets: `truncated` or `not-json`, every time', () => {
    const whole = miniBundle();
    const seed = Number(process.env.THREAT_OVERLAP_FUZZ_SEED ?? Date.now()) | 0;
    const codes = new Map<string, number>();
    fc.assert(fc.property(fc.integer({ min: 0, max: whole.length - 1 }), (at) => {
      const { error } = load(figures, `truncated at ${at}`, whole.slice(0, at));
      assert.ok(error && ['truncated', 'not-json'].includes(error.code), `offset ${at}: ${error?.code}`);
      codes.set(error.code, (codes.get(error.code) ?? 0) + 1);
    }), { numRuns: 500, seed });
    console.log(`robustness: STIX truncation (seed ${seed}): ${JSON.stringify(Object.fromEntries(codes))}`);
  });

  test('the real ICS 18.1 bundle cut at 5 random offsets, loaded from a file through the cache: `truncated`', { skip: skipUnless('ics-attack-18.1.json') }, async () => {
    const whole = readFileSync(join(STIX_DIR, 'ics-attack-18.1.json'));
    const file = join(dir, 'ics-attack-18.1.json');
    const seed = Number(process.env.THREAT_OVERLAP_FUZZ_SEED ?? Date.now()) | 0;
    const offsets = fc.sample(fc.integer({ min: 1, max: whole.length - 2 }), { numRuns: 5, seed });
    let worst = 0;
    for (const at of offsets) {
      writeFileSync(file, whole.subarray(0, at));
      const started = performance.now();
      await assert.rejects(loadAttackIndex(file, { cacheDir: join(dir, 'cache') }), (e: unknown) => e instanceof AttackDataError && e.code === 'truncated', `offset ${at}`);
      worst = Math.max(worst, performance.now() - started);
    }
    console.log(`robustness: real ICS 18.1 bundle (${whole.length} bytes) truncated at ${offsets.join(', ')} (seed ${seed}): truncated ×5, worst ${worst.toFixed(0)} ms`);
  });

  test('`objects` missing, null, an object, a string; the bundle not an object: not-attack', () => {
    for (const [name, bundle] of [
      ['objects missing', { type: 'bundle', id: 'bundle--1' }], ['objects null', { type: 'bundle', objects: null }],
      ['objects an object', { type: 'bundle', objects: { a: 1 } }], ['objects a string', { type: 'bundle', objects: 'x' }],
      ['an array', [1, 2]], ['null', null], ['a number', 42], ['type not bundle', { ...base(), type: 'x' }], ['no matrix', { type: 'bundle', objects: [] }],
    ] as const) {
      const { error } = load(figures, name, text(bundle));
      assert.equal(error?.code, 'not-attack', name);
    }
  });

  test('unknown types and junk entries among the objects load tolerantly', () => {
    const b = base();
    b.objects.push(
      { type: 'x-unknown-thing', id: 'x-unknown-thing--1', name: 'What' }, { type: 'identity', id: 'identity--1' },
      null as never, 5 as never, 'string' as never, [] as never, { id: 'no-type' } as never, { type: 'attack-pattern' } as never,
      { type: 'attack-pattern', id: 'attack-pattern--x', name: 7, external_references: 'nope', x_mitre_platforms: 'Windows', kill_chain_phases: [null, 3] },
      { type: 'relationship', id: 'relationship--x', relationship_type: 'uses', source_ref: 'intrusion-set--missing', target_ref: null },
      { type: 'relationship', id: 'relationship--y', relationship_type: 'teleports', source_ref: stixId(b, 'G0001'), target_ref: stixId(b, 'T1001') },
    );
    const { index } = load(figures, 'unknown types', text(b));
    assert.ok(index?.get('T1001'), 'the valid objects are still there');
  });

  test('duplicate STIX ids with different `modified`: the newest wins, whatever the order', () => {
    const b = base();
    const t = b.objects.find((o) => o.name === 'Linux Entry')!;
    const newer = { ...t, name: 'Linux Entry (newer)', modified: '2030-01-01T00:00:00.000Z' };
    const older = { ...t, name: 'Linux Entry (older)', modified: '2001-01-01T00:00:00.000Z' };
    for (const order of [[newer, older], [older, newer]]) {
      const c = base();
      c.objects.push(...order);
      const { index } = load(figures, 'duplicate ids', text(c));
      assert.equal(index?.get('T1001')?.name, 'Linux Entry (newer)');
    }
  });

  test('wrong domain or version: wrong-domain / wrong-version from the loader, naming both', async () => {
    const file = join(dir, 'enterprise-attack-1.0.json');
    writeFileSync(file, miniBundle());
    for (const [expect, code] of [[{ domain: 'ics-attack' }, 'wrong-domain'], [{ version: '18.1' }, 'wrong-version']] as const) {
      await assert.rejects(loadAttackIndex(file, { noCache: true, expect }), (e: unknown) => e instanceof AttackDataError && e.code === code && /1\.0/.test(e.message));
    }
  });

  test('STIX 2.0 and 2.1 layouts (spec_version on the bundle or on each object) give the same index', () => {
    const v20 = base();
    const v21 = base();
    delete v21.spec_version;
    for (const o of v21.objects) o.spec_version = '2.1';
    const a = load(figures, 'STIX 2.0', text(v20)).index!;
    const b = load(figures, 'STIX 2.1', text(v21)).index!;
    assert.deepEqual([a.specVersion, b.specVersion], ['2.0', '2.1']);
    assert.deepEqual(a.list('technique').map((o) => o.id), b.list('technique').map((o) => o.id));
    const odd = base();
    odd.spec_version = '9.9';
    assert.ok(load(figures, 'STIX 9.9', text(odd)).index, 'an unknown spec_version still loads');
  });

  test('huge strings (a 20 MB description, a 1 MB name) load, without a hang', () => {
    const b = base();
    const t = b.objects.find((o) => o.name === 'Linux Entry')!;
    t.description = 'x'.repeat(20_000_000);
    b.objects.find((o) => o.name === 'Alpha Group')!.name = 'A'.repeat(1_000_000);
    const { index } = load(figures, 'huge strings', text(b));
    assert.equal(index?.get('T1001')?.description.length, 20_000_000);
  });

  test('cycles in revoked-by: replacementOf ends (undefined or a live object)', () => {
    const b = base();
    const ids = ['T1002', 'T1003'].map((id) => stixId(b, id));
    for (const o of b.objects) if (ids.includes(o.id as string)) o.revoked = true;
    const rel = (from: string, to: string, n: number) => ({ type: 'relationship', id: `relationship--cycle-${n}`, relationship_type: 'revoked-by', source_ref: from, target_ref: to });
    b.objects.push(rel(ids[0], ids[1], 1), rel(ids[1], ids[0], 2), rel(ids[0], ids[0], 3));
    const { index } = load(figures, 'revoked-by cycle', text(b));
    assert.equal(index?.replacementOf('T1002'), undefined);
    assert.equal(index?.replacementOf('T1003'), undefined);
    figures.print();
    figures.assertClean();
  });
});

