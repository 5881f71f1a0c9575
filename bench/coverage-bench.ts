/**
 * Coverage benchmark: full gap analysis of real Enterprise 18.1 (SPEC budget ≤ 20 ms), for the example model and
 * for a heavy model (every live group as an adversary, every mitigation in one control, four components).
 * The baseline, measured in the same run, is one bare pass over the index's techniques and their platforms.
 * Issue 16's budget: triage and mitigation ranking add ≤ 25% to the gap analysis before triage (analyseWithoutTriage:
 * states, scores, ranks by score and the summary, as the engine did before), measured on the same inputs in the same run; also on the generated 2,000-line
 * model of the validation benchmark. Prints measured medians; nothing here is asserted by a timed test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildIndexFromText } from '../src/core/attack/index';
import type { AttackIndex } from '../src/core/attack/types';
import { analyseCoverage, analyseWithoutTriage } from '../src/core/coverage/engine';
import { coverageInputFrom } from '../src/core/coverage/model-input';
import type { CoverageInput } from '../src/core/coverage/types';
import { parseControlInventory, parseThreatModel } from '../src/core/model/index';
import type { ControlInventory } from '../src/core/model/types';
import { generateModel } from './lib/generated-model';
import { medianMs, pairedRuns } from './lib/measure';
import { NO_TRIAGE_INPUT } from '../src/core/triage/triage';

const BUDGET_MS = 20;
const TRIAGE_BUDGET = 0.25;
/** The triage date of every case, so the figures do not move with the calendar. */
const AS_OF = '2026-12-03';
const RUNS = 61;

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
  return coverageInputFrom(model, inventories, undefined, { asOf: AS_OF });
}

/** The 2,000-line model with the example's endpoint inventory (its controls may not match: that only adds gaps). */
function generatedInput(index: AttackIndex): CoverageInput {
  const model = parseThreatModel(generateModel(index, 2000), 'generated.threatmodel.yaml').model;
  if (!model) throw new Error('the generated model does not parse');
  const file = join('data/examples', 'endpoint.controls.yaml');
  const inventory = parseControlInventory(readFileSync(file, 'utf8'), file).model;
  return coverageInputFrom(model, inventory ? [inventory] : [], undefined, { asOf: AS_OF });
}

function heavyInput(index: AttackIndex): CoverageInput {
  return {
    triage: { ...NO_TRIAGE_INPUT, asOf: AS_OF },
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
  ['generated 2,000-line model', generatedInput(index)],
  [`heavy model (${index.list('group').length} groups, every mitigation)`, heavyInput(index)],
];
console.log(`Coverage analysis, ${file}: ${index.techniques.length} live techniques, median of ${RUNS} runs`);
console.log(`baseline (one pass over techniques × platforms): ${baseline.toFixed(3)} ms`);
let failed = false;
for (const [label, input] of cases) {
  // The analysis as it was before triage (states, scores, ranks by score, summary) against the whole one, in alternation.
  // The budget is judged on the median of the per-pair ratios (steadier under a changing load than the medians' ratio).
  const { a: before, b: ms, ratio } = pairedRuns(() => analyseWithoutTriage(index, input), () => analyseCoverage(index, input), RUNS, 20);
  const summary = analyseCoverage(index, input).summary;
  const added = ratio - 1;
  const pass = ms <= BUDGET_MS && added <= TRIAGE_BUDGET;
  failed ||= !pass;
  const o = summary.outcomes;
  console.log(
    `${label}: ${ms.toFixed(2)} ms (${(ms / baseline).toFixed(0)}× baseline; budget ${BUDGET_MS} ms); before triage ${before.toFixed(2)} ms, ` +
      `triage and mitigation ranking add ${(added * 100).toFixed(1)}% (median of paired ratios; medians' ratio ${((ms / before - 1) * 100).toFixed(1)}%; budget ${TRIAGE_BUDGET * 100}%) ${pass ? 'PASS' : 'FAIL'}` +
      `  [adversary ${summary.adversary}, relevant ${summary.relevant}, covered ${summary.covered}, gaps ${summary.gaps}: ` +
      `Act ${o.act} · Attend ${o.attend} · Track* ${o['track*']} · Track ${o.track}, accepted ${summary.accepted}]`,
  );
}
process.exitCode = failed ? 1 : 0;
