/**
 * Every stage linear in the file's size (issue 15, deliver 7): each worst input of bench/lib/worst-inputs.ts is
 * validated at n and at 4n in the same run, and the time ratio must stay clearly below quadratic (16×). No
 * wall-clock limit is asserted: only the ratio between two measurements taken moments apart on the same machine.
 * A time is the least of several runs, each the lesser of wall-clock and CPU time (see pipeline.ts).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyseCoverage } from '../../../src/core/coverage/engine';
import { MAX_CONTROL_EVIDENCE } from '../../../src/core/coverage/engine';
import { coverageInputFrom } from '../../../src/core/coverage/model-input';
import { attackCandidates, valueContextAt } from '../../../src/core/language/index';
import { parseControlInventory, parseThreatModel } from '../../../src/core/model/index';
import { SuggestBudget, SUGGEST_BUDGET_CELLS } from '../../../src/core/model/suggest';
import { checkThreatModel, validateWorkspace } from '../../../src/core/validation/index';
import { WORST_CASES } from '../../../bench/lib/worst-inputs';
import type { WorstInput } from '../../../bench/lib/worst-inputs';
import { enterpriseIndex } from '../../fixtures/model/mini-attack';
import { realIndex, skipUnless } from '../../fixtures/model/real-data';

/** 4× the input may cost at most this many times as much: linear is 4×, n log n ~4.5×, quadratic 16×. */
const MAX_RATIO = 16;
const RUNS = 3;

// The real Enterprise names and IDs make the "did you mean" searches as costly as they get; the fixture world
// stands in without the data.
const index = skipUnless('enterprise-attack-18.1.json') === false ? realIndex('enterprise-attack-18.1.json') : enterpriseIndex();

function validate(input: WorstInput): number {
  const model = parseThreatModel(input.model, '/ws/cost.threatmodel.yaml');
  const inventories = input.inventory !== undefined ? [parseControlInventory(input.inventory, '/ws/c.controls.yaml')] : [];
  const byFile = validateWorkspace({ models: [model], inventories, indexFor: () => index, fileExists: () => false });
  return [...byFile.values()].reduce((n, list) => n + list.length, 0);
}

let salt = 1;

/** The least time of RUNS runs of `f` (each the lesser of wall-clock and CPU time), in ms. */
function leastMs(f: () => unknown): number {
  let best = Infinity;
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const cpu = process.cpuUsage();
    f();
    const used = process.cpuUsage(cpu);
    best = Math.min(best, performance.now() - started, (used.user + used.system) / 1000);
  }
  return best;
}

function assertScales(what: string, n: number, at: (n: number) => () => unknown): void {
  at(n)(); // warm-up: the first call compiles
  const small = leastMs(at(n));
  const large = leastMs(at(4 * n));
  const ratio = large / Math.max(small, 0.5);
  console.log(`cost-scaling: ${what}: n = ${n.toLocaleString('en-US')} ${small.toFixed(1)} ms, 4n ${large.toFixed(1)} ms, ratio ${ratio.toFixed(1)}×`);
  assert.ok(ratio < MAX_RATIO,
    `${what}: validating 4n = ${4 * n} took ${large.toFixed(1)} ms against ${small.toFixed(1)} ms for n = ${n} (least of ${RUNS} runs each, same process): ` +
    `${ratio.toFixed(1)}×, at or above the ${MAX_RATIO}× of a quadratic stage`);
}

describe('validation cost grows linearly with the file', () => {
  for (const c of WORST_CASES) {
    test(`${c.name}: ${c.grows}`, () => {
      // n and 4n = a quarter of the cap and the whole of it.
      const n = Math.floor(c.maxN / 4);
      assertScales(c.name, n, (size) => {
        const input = c.build(size, salt++);
        return () => validate(input);
      });
    });
  }

  test('every worst input at its largest n is read (under the size cap), not refused as too large', () => {
    for (const c of WORST_CASES) {
      const input = c.build(c.maxN, 999);
      for (const text of [input.model, input.inventory ?? '']) assert.ok(text.length <= 256 * 1024, `${c.name}: ${text.length} characters`);
      const model = parseThreatModel(input.model, '/ws/cost.threatmodel.yaml');
      assert.ok(!model.diagnostics.some((d) => d.code === 'yaml.too-large'), c.name);
    }
  });
});

describe('suggestion work is bounded per file (counted, not timed)', { skip: skipUnless('enterprise-attack-18.1.json') }, () => {
  const unknownRefs = WORST_CASES.find((c) => c.name === 'many unknown references')!;
  const check = (n: number, budget: SuggestBudget) => {
    const parse = parseThreatModel(unknownRefs.build(n, salt++).model, '/ws/cost.threatmodel.yaml');
    return checkThreatModel(parse, index, { suggestions: budget });
  };

  test('without a limit, the cells spent grow linearly with the number of unknown IDs (a constant per question)', () => {
    const cells = (n: number) => {
      const budget = new SuggestBudget(Infinity);
      check(n, budget);
      return budget.spent;
    };
    const [small, large] = [cells(200), cells(800)];
    console.log(`cost-scaling: suggestion cells for 200 unknown IDs with names ${small.toLocaleString('en-US')}, for 800 ${large.toLocaleString('en-US')}`);
    assert.ok(large / small < 4.5, `cells for 800 unknown IDs: ${large} against ${small} for 200 (${(large / small).toFixed(2)}×, linear is 4×)`);
  });

  test('with the default budget, a file at the size cap spends at most the budget, and the first IDs still get suggestions', () => {
    const budget = new SuggestBudget();
    const diagnostics = check(unknownRefs.maxN, budget);
    const suggested = diagnostics.filter((d) => ((d.data?.suggestions as unknown[] | undefined)?.length ?? 0) > 0).length;
    console.log(`cost-scaling: ${diagnostics.length} unknown IDs with misspelt names: ${suggested} with suggestions, ${budget.spent.toLocaleString('en-US')} cells spent of ${SUGGEST_BUDGET_CELLS.toLocaleString('en-US')}`);
    assert.equal(diagnostics.length, unknownRefs.maxN);
    // One question may overshoot by the cells of its last comparison: a few hundred.
    assert.ok(budget.spent <= SUGGEST_BUDGET_CELLS + 10_000, `cells spent: ${budget.spent}, budget ${SUGGEST_BUDGET_CELLS}`);
    assert.ok(suggested > 0 && (diagnostics[0].data?.suggestions as unknown[]).length > 0, `${suggested} of ${diagnostics.length} got suggestions, the first among them`);
  });
});

describe('coverage grows linearly with the files, not with their product', () => {
  // n components and n controls that all count on every component for the same techniques: the evidence was n × n
  // per technique (56 million entries for 2,000 of each, 3.5 s; the JSON report of 1,000 of each did not fit a string).
  const files = (n: number) => {
    const ids = ['T1059', 'T1078', 'T1003'].filter((id) => index.technique(id)).concat(index.techniques.slice(0, 3).map((t) => t.id));
    const model = `threatModel: 1\nname: Wide\nattack: { domain: enterprise-attack, version: "${index.version}" }\ntechStack:\n${Array.from({ length: n }, (_, i) => `  - { id: c${i}, platforms: [${index.platforms.join(', ')}] }\n`).join('')}controls: [./c.controls.yaml]\n`;
    const inventory = `controlInventory: 1\ncontrols:\n${Array.from({ length: n }, (_, i) => `  - { id: K${i}, name: K, techniques: [${ids.join(', ')}] }\n`).join('')}`;
    return { model: parseThreatModel(model, '/ws/w.threatmodel.yaml').model!, inventory: parseControlInventory(inventory, '/ws/c.controls.yaml').model! };
  };

  test('n components × n controls on the same techniques', () => {
    assertScales('coverage of n components and n controls', 300, (n) => {
      const { model, inventory } = files(n);
      return () => analyseCoverage(index, coverageInputFrom(model, [inventory]));
    });
  });

  test(`at most ${MAX_CONTROL_EVIDENCE} controls listed per technique and component, the rest counted`, () => {
    const { model, inventory } = files(50);
    const result = analyseCoverage(index, coverageInputFrom(model, [inventory]));
    const covered = result.techniques.flatMap((t) => t.components).filter((c) => c.controls.length > 0);
    assert.ok(covered.length > 0);
    for (const c of covered) {
      assert.equal(c.controls.length, MAX_CONTROL_EVIDENCE);
      assert.equal(c.moreControls, 50 - MAX_CONTROL_EVIDENCE);
      assert.equal(c.coverage, c.controls[0].level, 'the coverage is the strongest, listed first');
    }
  });
});

describe('editor cursor analysis grows linearly with the line', () => {
  test('a line of spaces above the cursor (the key-at-start pattern backtracked over it)', () => {
    assertScales('cursor context under a line of spaces', 20_000, (n) => {
      const text = `techStack:\n  a${' '.repeat(n)}b\n    - x\n`;
      return () => valueContextAt(text, text.length - 2);
    });
  });

  test('a long flow list before the cursor', () => {
    assertScales('cursor context in a long flow list', 10_000, (n) => {
      const text = `techStack:\n  - platforms: [${'Windows, '.repeat(n)}W`;
      return () => valueContextAt(text, text.length);
    });
  });

  test('completion of a long typed word', () => {
    assertScales('ATT&CK candidates for a long word', 20_000, (n) => {
      const typed = `power${'s'.repeat(n)}`;
      return () => attackCandidates(index, ['technique'], typed);
    });
  });
});
