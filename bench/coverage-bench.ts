/**
 * Coverage benchmark: full gap analysis of real Enterprise 18.1 (SPEC budget ≤ 20 ms), for the example model and
 * for a heavy model (every live group as an adversary, every mitigation in one control, four components).
 * The baseline, measured in the same run, is one bare pass over the index's techniques and their platforms.
 * Prints measured medians; nothing here is asserted by a timed test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildIndexFromText } from '../src/core/attack/index';
import type { AttackIndex } from '../src/core/attack/types';
import { analyseCoverage } from '../src/core/coverage/engine';
import { coverageInputFrom } from '../src/core/coverage/model-input';
import type { CoverageInput } from '../src/core/coverage/types';
import { parseControlInventory, parseThreatModel } from '../src/core/model/index';
import type { ControlInventory } from '../src/core/model/types';
import { medianMs } from './lib/measure';

const BUDGET_MS = 20;
const RUNS = 31;

const time = (fn: () => unknown): number => medianMs(fn, RUNS, 3);

function exampleInput(): CoverageInput {
  const dir = 'data/examples';
  const model = parseThreatModel(readFileSync(join(dir, 'payments.threatmodel.yaml'), 'utf8'), join(dir, 'payments.threatmodel.yaml')).model;
  if (!model) throw new Error('the example model does not parse');
  const inventories: ControlInventory[] = [];
  for (const ref of model.controlFiles) {
    const file = join(dir, ref.value);
    const inventory = parseControlInventory(readFileSync(file, 'utf8'), file).model;
    if (inventory) inventories.push(inventory);
  }
  return coverageInputFrom(model, inventories);
}

function heavyInput(index: AttackIndex): CoverageInput {
  return {
    minCoverage: 'partial',
    components: [
      { id: 'laptops', platforms: ['Windows', 'macOS'], assets: [] },
      { id: 'servers', platforms: ['Linux', 'ESXi'], assets: [], exposure: 'internet-facing', crownJewel: true },
      { id: 'cloud', platforms: ['IaaS', 'SaaS', 'Identity Provider', 'Office Suite', 'Containers'], assets: [], exposure: 'internet-facing' },
      { id: 'network', platforms: ['Network Devices'], assets: [] },
    ],
    adversaries: index.list('group').map((g) => ({ kind: 'group' as const, ref: g.id, label: g.name, includeSoftware: true, techniques: [] })),
    exclusions: [],
    controls: [
      { id: 'ALL-MITIGATIONS', status: 'implemented', appliesTo: ['laptops', 'servers'], mitigations: index.list('mitigation').map((m) => ({ id: m.id, level: 'partial' as const })), techniques: [] },
      { id: 'EDR', status: 'partial', techniques: index.techniques.filter((t) => !t.isSubtechnique).map((t) => ({ id: t.id, level: 'significant' as const })), mitigations: [] },
    ],
  };
}

const dir = process.env.THREAT_OVERLAP_ATTACK_STIX ?? join('..', 'shared', 'attack-stix');
const file = join(dir, 'enterprise-attack-18.1.json');
const index = buildIndexFromText(readFileSync(file, 'utf8'), 'enterprise-attack-18.1.json');
const baseline = time(() => {
  let n = 0;
  for (const t of index.techniques) for (const p of t.platforms) n += p.length;
  return n;
});
const cases: [string, CoverageInput][] = [
  ['example model (data/examples)', exampleInput()],
  [`heavy model (${index.list('group').length} groups, every mitigation)`, heavyInput(index)],
];
console.log(`Coverage analysis, ${file}: ${index.techniques.length} live techniques, median of ${RUNS} runs`);
console.log(`baseline (one pass over techniques × platforms): ${baseline.toFixed(3)} ms`);
let failed = false;
for (const [label, input] of cases) {
  const ms = time(() => analyseCoverage(index, input));
  const summary = analyseCoverage(index, input).summary;
  const pass = ms <= BUDGET_MS;
  failed ||= !pass;
  console.log(
    `${label}: ${ms.toFixed(2)} ms (${(ms / baseline).toFixed(0)}× baseline; budget ${BUDGET_MS} ms) ${pass ? 'PASS' : 'FAIL'}` +
      `  [adversary ${summary.adversary}, relevant ${summary.relevant}, covered ${summary.covered}, gaps ${summary.gaps}]`,
  );
}
process.exitCode = failed ? 1 : 0;
