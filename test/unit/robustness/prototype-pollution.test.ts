/**
 * Prototype pollution payloads in both formats, through the pipeline and the CLI's JSON report: nothing is
 * added to Object.prototype (or Array/Function.prototype), and no parsed object gets a foreign prototype.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { parseControlInventory, parseThreatModel } from '../../../src/core/model';
import { CliSample } from './cli-sample';
import { Figures, VALID_INVENTORY, VALID_MODEL, runPipeline } from './pipeline';

const MODEL_HEAD = 'threatModel: 1\nname: Pollution\nattack: { domain: enterprise-attack, version: "2.0" }\n';

const PAYLOADS: readonly { name: string; model?: string; inventory?: string }[] = [
  { name: '__proto__ at the top', model: `${MODEL_HEAD}__proto__: { polluted: yes, isAdmin: true }\n` },
  { name: 'quoted "__proto__" key', model: `${MODEL_HEAD}"__proto__": { polluted: 1 }\ntechStack: [{ id: a, "__proto__": { polluted: 2 } }]\n` },
  { name: 'constructor.prototype', model: `${MODEL_HEAD}constructor: { prototype: { polluted: 3 } }\n` },
  { name: 'dotted key constructor.prototype.polluted', model: `${MODEL_HEAD}constructor.prototype.polluted: 4\n__proto__.polluted: 5\n` },
  { name: '<< merge of a __proto__ anchor', model: `${MODEL_HEAD}x: &p { __proto__: { polluted: 6 } }\ntechStack:\n  - { <<: *p, id: a, platforms: [Windows] }\n` },
  { name: '__proto__ as component, adversary and exclusion fields', model: `${MODEL_HEAD}techStack:\n  - id: __proto__\n    platforms: [Windows]\n    __proto__: { polluted: 7 }\nadversaries:\n  - { group: G0001, __proto__: { polluted: 8 } }\ntechniques:\n  exclude: [{ id: T1001, reason: x, constructor: { prototype: { polluted: 9 } } }]\n` },
  { name: 'complex key ? __proto__', model: `${MODEL_HEAD}? __proto__\n: { polluted: 10 }\n? [__proto__]\n: 11\n` },
  { name: 'inventory: control id __proto__ and __proto__ fields', inventory: 'controlInventory: 1\ncontrols:\n  - id: __proto__\n    __proto__: { polluted: 12 }\n    techniques: [{ id: T1000, __proto__: { polluted: 13 }, coverage: significant }]\n  - id: constructor\n    appliesTo: [__proto__, constructor, prototype]\n    mitigations: [{ id: M0001, constructor: { prototype: { polluted: 14 } } }]\n' },
  { name: 'inventory: << with __proto__', inventory: 'controlInventory: 1\nbase: &b { __proto__: { polluted: 15 }, status: implemented }\ncontrols:\n  - { <<: *b, id: A }\n  - { <<: [*b, *b], id: B }\n' },
];

const snapshot = () => [Object.prototype, Array.prototype, Function.prototype, String.prototype].map((p) => Object.getOwnPropertyNames(p).sort().join(','));

/** Every object reachable from `value` has Object.prototype, Array.prototype or null as its prototype, and no `polluted`. */
function assertClean(value: unknown, seen = new Set<unknown>()): void {
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  const proto = Object.getPrototypeOf(value);
  assert.ok(proto === Object.prototype || proto === Array.prototype || proto === null, 'a foreign prototype');
  assert.ok(!('polluted' in (value as object)) && !('isAdmin' in (value as object)), 'a polluted property');
  for (const v of Object.values(value)) assertClean(v, seen);
}

describe('prototype pollution', () => {
  const figures = new Figures('prototype pollution payloads');
  const cli = new CliSample();
  const before = snapshot();
  after(() => cli.remove());

  for (const p of PAYLOADS) {
    test(p.name, async () => {
      figures.run(p.name, () => runPipeline(p.model ?? VALID_MODEL, p.inventory ?? VALID_INVENTORY));
      const parsed = p.model ? parseThreatModel(p.model, '/ws/p.threatmodel.yaml') : parseControlInventory(p.inventory!, '/ws/p.controls.yaml');
      assertClean(parsed.model);
      assertClean(parsed.diagnostics);
      await cli.run(p.model ?? p.inventory!, p.model ? 'threatmodel' : 'controls');
      assert.deepEqual(snapshot(), before, 'no property added to a built-in prototype');
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
      assert.deepEqual(figures.crashes, []);
    });
  }

  test('figures', () => {
    figures.print(`Object.prototype own properties before/after: ${before[0].split(',').length}/${snapshot()[0].split(',').length}`);
    figures.assertClean();
  });
});
