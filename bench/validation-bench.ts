/**
 * Re-validation benchmark (SPEC budget: a 2,000-line model re-validated after an edit in ≤ 30 ms): YAML parse,
 * JSON Schema and every ATT&CK check of a generated 2,000-line threat model against real Enterprise 18.1, as
 * the extension runs them on each (debounced) change. Prints medians; nothing here is a timed test.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { buildIndexFromText } from '../src/core/attack/index';
import { parseThreatModel } from '../src/core/model/index';
import { checkThreatModel } from '../src/core/validation/index';
import { generateModel } from './lib/generated-model';
import { medianMs } from './lib/measure';

const BUDGET_MS = 30;
const RUNS = 31;
const LINES = 2000;

const time = (fn: () => unknown): number => medianMs(fn, RUNS, 10);

const dir = process.env.THREAT_OVERLAP_ATTACK_STIX ?? join('..', 'shared', 'attack-stix');
const file = join(dir, 'enterprise-attack-18.1.json');
const index = buildIndexFromText(readFileSync(file, 'utf8'), 'enterprise-attack-18.1.json');
const base = generateModel(index, LINES);
// Each run validates a freshly edited text, as after typing in the middle of the file: a few characters more
// in a comment halfway down, so everything after it moves (no cache can answer for the whole text).
const baseLines = base.split('\n');
const middle = baseLines.findIndex((line, i) => i >= baseLines.length / 2 && line.includes('   # '));
let edits = 0;
const edited = () => {
  const suffix = ` edit ${++edits}`; // never the same text twice, so the edited chunk is never in the cache
  return baseLines.map((line, i) => (i === middle ? `${line}${suffix}` : line)).join('\n');
};

const sample = parseThreatModel(base);
const diagnostics = [...sample.diagnostics, ...checkThreatModel(sample, index, { availableVersion: index.version })];
const lineCount = base.split('\n').length - 1;
console.log(`Re-validation, ${file}: generated model of ${lineCount} lines, ${sample.model?.adversaries.length ?? 0} adversaries, ` +
  `${diagnostics.length} diagnostics (${[...new Set(diagnostics.map((d) => d.code))].join(', ')}); median of ${RUNS} runs`);
const parseMs = time(() => parseThreatModel(edited()));
const checkMs = time(() => checkThreatModel(sample, index, { availableVersion: index.version }));
// The first parse of a text fills the chunk cache; re-validation after an edit is what the budget is about.
parseThreatModel(base);
const totalMs = time(() => {
  const parse = parseThreatModel(edited(), '/bench/estate.threatmodel.yaml');
  return checkThreatModel(parse, index, { availableVersion: index.version });
});
console.log(`parse + schema: ${parseMs.toFixed(2)} ms; ATT&CK checks: ${checkMs.toFixed(2)} ms`);
const pass = totalMs <= BUDGET_MS;
console.log(`re-validation of a ${lineCount}-line model after an edit (parse + schema + ATT&CK checks): ${totalMs.toFixed(2)} ms (budget ${BUDGET_MS} ms) ${pass ? 'PASS' : 'FAIL'}` +
  ` [load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} CPUs: other processes inflate wall-clock medians]`);
process.exitCode = pass ? 0 : 1;
