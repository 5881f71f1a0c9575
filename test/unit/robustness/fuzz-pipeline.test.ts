/**
 * Property-based fuzzing of the whole pipeline (parse → schema → ATT&CK checks → coverage) with fast-check:
 * any error other than our typed diagnostics is a bug (the OSS-Fuzz YAML harness rule). 10,000 cases here;
 * `npm run fuzz` runs 100,000 (THREAT_OVERLAP_FUZZ_RUNS). The seed is printed, and taken from
 * THREAT_OVERLAP_FUZZ_SEED when set, so a failure can be replayed.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { inventoryData, threatModelData, yamlText } from './fuzz-arbitraries';
import { Figures, runPipeline } from './pipeline';

const runs = Number(process.env.THREAT_OVERLAP_FUZZ_RUNS ?? 10_000);
const seed = Number(process.env.THREAT_OVERLAP_FUZZ_SEED ?? (Date.now() ^ (process.pid << 16)) | 0);

test(`fuzz: ${runs} model + inventory pairs through the pipeline`, { timeout: Math.max(120_000, runs * 20) }, () => {
  const figures = new Figures(`fuzz (seed ${seed})`);
  let diagnostics = 0;
  let clean = 0;
  const started = performance.now();
  try {
    fc.assert(
      fc.property(yamlText(threatModelData), yamlText(inventoryData), (model, inventory) => {
        const run = figures.run(`model ${JSON.stringify(model.slice(0, 80))}`, () => runPipeline(model, inventory));
        // Rethrow inside the property so fast-check shrinks it and reports the seed and path.
        if (!run) throw new Error(figures.crashes.at(-1));
        diagnostics += run.model.length + run.inventory.length;
        if (run.model.length === 0) clean++;
        assert.ok(figures.hangs.length === 0, `hang: ${figures.hangs.join(', ')}`);
      }),
      { numRuns: runs, seed },
    );
  } finally {
    figures.print(`${diagnostics} diagnostics, ${clean} models without any, ${((performance.now() - started) / 1000).toFixed(1)} s in all; replay: THREAT_OVERLAP_FUZZ_SEED=${seed}`);
  }
  assert.equal(figures.cases, runs);
  assert.ok(clean > 0 && clean < runs, 'the generators reach both valid and invalid models');
});
