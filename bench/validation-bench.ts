/**
 * Re-validation benchmark (SPEC budget: a 2,000-line model re-validated after an edit in ≤ 30 ms): YAML parse,
 * JSON Schema and every ATT&CK check of a generated 2,000-line threat model against real Enterprise 18.1, as
 * the extension runs them on each (debounced) change. Prints medians; nothing here is a timed test.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { buildIndexFromText } from '../src/core/attack/index';
import type { AttackIndex } from '../src/core/attack/types';
import { parseThreatModel } from '../src/core/model/index';
import { checkThreatModel } from '../src/core/validation/index';
import { medianMs } from './lib/measure';

const BUDGET_MS = 30;
const RUNS = 31;
const LINES = 2000;

const time = (fn: () => unknown): number => medianMs(fn, RUNS, 10);

/**
 * A large, realistic model: a tech stack on 18.1 platforms, every group as an adversary with its name as a
 * comment, intelligence lists of techniques one per line with `# name` comments and `{ id, name }` entries,
 * exclusions, and a few stale entries (revoked IDs, a 15.1 platform name) so the diagnostic paths run too.
 */
function generateModel(index: AttackIndex, lines: number): string {
  const out = ['# Generated for the validation benchmark.', 'threatModel: 1', 'name: Benchmark estate', 'attack: { domain: enterprise-attack, version: "18.1" }', 'techStack:'];
  const platforms = index.platforms;
  for (let i = 0; i < 40; i++) out.push(`  - id: c${i}`, `    name: Component ${i}`, `    platforms: [${platforms[i % platforms.length]}, ${platforms[(i + 3) % platforms.length]}]`);
  out.push('  - { id: legacy, platforms: [Azure AD] }', 'adversaries:');
  for (const g of index.list('group')) out.push(`  - { group: ${g.id}, motivation: espionage }   # ${g.name}`);
  const techniques = index.techniques;
  let n = 0;
  while (out.length < lines - 40) {
    out.push(`  - name: Intel feed ${n}`, '    source: { kind: OSINT, ref: "https://example.com/feed", date: 2025-06-01, confidence: medium }', '    techniques:');
    for (let k = 0; k < 60 && out.length < lines - 40; k++, n++) {
      const t = techniques[(n * 7) % techniques.length];
      out.push(n % 3 === 0 ? `      - { id: ${t.id}, name: ${JSON.stringify(t.name)} }` : `      - ${t.id}   # ${t.name}`);
    }
    out.push('      - T1086   # revoked since v7');
  }
  out.push('techniques:', '  exclude:');
  while (out.length < lines - 2) out.push(`    - { id: ${techniques[out.length % techniques.length].id}, reason: Out of scope for the benchmark }`);
  out.push('controls: [./endpoint.controls.yaml]', 'policy: { minCoverage: partial }');
  return `${out.join('\n')}\n`;
}

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
