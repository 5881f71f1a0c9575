/**
 * Cost of validating the worst inputs within the 256 KB size cap (bench/lib/worst-inputs.ts): what
 * `threat-overlap validate` runs (YAML parse, JSON Schema, every ATT&CK and cross-file check, the per-file cap)
 * against real Enterprise 18.1, as a ratio to a bare `yaml` parse of the same text measured in the same run.
 * Budget (issue 15): ≤ 20× the bare parse. The baseline is yaml's `parse` with `uniqueKeys: false`: yaml's own
 * duplicate-key check compares every key with every earlier one (quadratic), and we do that check in one pass.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { buildIndexFromText } from '../src/core/attack/index';
import { parseControlInventory, parseThreatModel } from '../src/core/model/index';
import { validateWorkspace } from '../src/core/validation/index';
import { median } from './lib/measure';
import { WORST_CASES } from './lib/worst-inputs';
import type { WorstInput } from './lib/worst-inputs';

const BUDGET = 20;
const RUNS = 7;

const dir = process.env.THREAT_OVERLAP_ATTACK_STIX ?? join('..', 'shared', 'attack-stix');
const index = buildIndexFromText(readFileSync(join(dir, 'enterprise-attack-18.1.json'), 'utf8'), 'enterprise-attack-18.1.json');

const MODEL = '/bench/cost.threatmodel.yaml';
const INVENTORY = '/bench/c.controls.yaml';

function bare(input: WorstInput): void {
  parse(input.model, { uniqueKeys: false });
  if (input.inventory !== undefined) parse(input.inventory, { uniqueKeys: false });
}

function validate(input: WorstInput): number {
  const model = parseThreatModel(input.model, MODEL);
  const inventories = input.inventory !== undefined ? [parseControlInventory(input.inventory, INVENTORY)] : [];
  const byFile = validateWorkspace({ models: [model], inventories, indexFor: () => index, fileExists: () => false });
  return [...byFile.values()].reduce((n, list) => n + list.length, 0);
}

/** Median milliseconds of `fn` over RUNS inputs, each built with a new salt (so no memo or cache answers). */
function timed(build: (salt: number) => WorstInput, fn: (input: WorstInput) => unknown, salts: { next: number }): number {
  fn(build(salts.next++));
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const input = build(salts.next++);
    const started = performance.now();
    fn(input);
    samples.push(performance.now() - started);
  }
  return median(samples);
}

console.log(`Cost of validation on the worst inputs within the 256 KB cap, Enterprise 18.1; median of ${RUNS} runs, each on freshly generated text`);
let failed = 0;
const salts = { next: 1 };
for (const c of WORST_CASES) {
  const build = (salt: number) => c.build(c.maxN, salt);
  const sample = build(0);
  const kb = ((sample.model.length + (sample.inventory?.length ?? 0)) / 1024).toFixed(0);
  const diagnostics = validate(sample);
  const yamlMs = timed(build, bare, salts);
  const oursMs = timed(build, validate, salts);
  const ratio = oursMs / yamlMs;
  const pass = ratio <= BUDGET;
  if (!pass) failed++;
  console.log(`${c.name} (${c.grows}; n = ${c.maxN.toLocaleString('en-US')}, ${kb} KB, ${diagnostics} diagnostics listed): ` +
    `validation ${oursMs.toFixed(1)} ms, bare yaml parse ${yamlMs.toFixed(1)} ms, ratio ${ratio.toFixed(2)}x (budget ${BUDGET}x) ${pass ? 'PASS' : 'FAIL'}`);
}
console.log(`${WORST_CASES.length - failed}/${WORST_CASES.length} within budget [load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} CPUs]`);
process.exitCode = failed === 0 ? 0 : 1;
