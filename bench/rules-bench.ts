/**
 * Detection-rule import benchmark (issue 17): importing the whole SigmaHQ and Elastic rule folders of
 * ../shared/detection-rules cold (glob, confined reads, parse, levels, technique resolution against real ATT&CK
 * 18.1) against a bare read + YAML/TOML parse of the same files (fs.readFile, `yaml` parse, `smol-toml` parse),
 * measured in alternation in the same run; budget ≤ 2×. Then, with the cache warm, one rule file changes on disk:
 * re-analysis must read only that file. Prints medians; nothing here is a timed test.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { buildIndexFromText } from '../src/core/attack/index';
import { limitsFor } from '../src/core/files/source';
import { readConfinedText } from '../src/core/files/read-file';
import { parseControlInventory } from '../src/core/model/control-inventory';
import type { ControlInventory } from '../src/core/model/types';
import { RuleFileCache } from '../src/core/rules/cache';
import { listRuleFiles } from '../src/core/rules/glob';
import { resolveRuleSets } from '../src/core/rules/resolve';
import { median } from './lib/measure';

const BUDGET_RATIO = 2;
const RUNS = 3;
const rulesDir = process.env.THREAT_OVERLAP_DETECTION_RULES ?? join('..', 'shared', 'detection-rules');
const stixDir = process.env.THREAT_OVERLAP_ATTACK_STIX ?? join('..', 'shared', 'attack-stix');
const index = buildIndexFromText(readFileSync(join(stixDir, 'enterprise-attack-18.1.json'), 'utf8'), 'enterprise-attack-18.1.json');

function inventoryFor(root: string): ControlInventory {
  const file = join(tmpdir(), 'bench.controls.yaml');
  const rel = (p: string) => JSON.stringify(relative(tmpdir(), join(root, p)));
  const text = ['controlInventory: 1', 'controls:',
    '  - id: SIGMA', '    name: SigmaHQ', `    rules: [{ path: ${rel('sigma/rules/**/*.yml')}, format: sigma }]`,
    '  - id: ELASTIC', '    name: Elastic', `    rules: [{ path: ${rel('elastic/rules/**/*.toml')}, format: elastic }]`, ''].join('\n');
  return parseControlInventory(text, file).model as ControlInventory;
}

const readFromDisk = (f: string) => readConfinedText(f, limitsFor('import'));
const importRules = (inventory: ControlInventory, cache: RuleFileCache) => resolveRuleSets([inventory], { readFile: readFromDisk, index, cache });

async function main(): Promise<void> {
  const sigmaFiles = (await listRuleFiles(join(rulesDir, 'sigma', 'rules'), '**/*.yml')).files;
  const elasticFiles = (await listRuleFiles(join(rulesDir, 'elastic', 'rules'), '**/*.toml')).files;
  async function bareReadAndParse(): Promise<number> {
    let n = 0;
    for (const f of sigmaFiles) n += parseYaml(await readFile(f, 'utf8')) ? 1 : 0;
    for (const f of elasticFiles) n += Object.keys(parseToml(await readFile(f, 'utf8'))).length > 0 ? 1 : 0;
    return n;
  }

  async function timed(fn: () => Promise<unknown>): Promise<number> {
    const started = performance.now();
    await fn();
    return performance.now() - started;
  }

  const inventory = inventoryFor(rulesDir);
  const first = await importRules(inventory, new RuleFileCache());
  const rules = first.summaries.reduce((n, s) => n + s.rules, 0);
  const techniques = first.summaries.map((s) => `${s.format} ${s.techniques}`).join(', ');
  console.log(`Rule import, ${rulesDir}: ${sigmaFiles.length} Sigma + ${elasticFiles.length} Elastic files, ${rules} rules (techniques: ${techniques}); median of ${RUNS} paired runs`);
  // Warm-up of both (the JIT and the file system cache), then alternation so a change of load weighs on both alike.
  await bareReadAndParse();
  const cold: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    cold.push(await timed(() => importRules(inventory, new RuleFileCache())));
    bare.push(await timed(bareReadAndParse));
  }
  const coldMs = median(cold);
  const bareMs = median(bare);
  const ratio = coldMs / bareMs;
  const pass = ratio <= BUDGET_RATIO;
  console.log(`cold import of both folders: ${coldMs.toFixed(0)} ms; bare read + YAML/TOML parse of the same files: ${bareMs.toFixed(0)} ms; ratio ${ratio.toFixed(2)}× (budget ${BUDGET_RATIO}×) ${pass ? 'PASS' : 'FAIL'}`);

  // One rule file changes: the warm cache answers for every other file (a copy of the folders, so nothing shared is touched).
  const copy = mkdtempSync(join(tmpdir(), 'rules-bench-'));
  let reread = false;
  try {
    cpSync(join(rulesDir, 'sigma', 'rules'), join(copy, 'sigma', 'rules'), { recursive: true });
    cpSync(join(rulesDir, 'elastic', 'rules'), join(copy, 'elastic', 'rules'), { recursive: true });
    const copied = inventoryFor(copy);
    const cache = new RuleFileCache();
    await importRules(copied, cache);
    const warmMs = await timed(() => importRules(copied, cache));
    const changed = join(copy, relative(resolve(rulesDir), sigmaFiles[0] as string));
    const samples: number[] = [];
    let reads = 0;
    for (let i = 0; i < RUNS; i++) {
      writeFileSync(changed, `${readFileSync(changed, 'utf8')}\n# edit ${i}\n`);
      const before = cache.reads;
      samples.push(await timed(() => importRules(copied, cache)));
      reads = Math.max(reads, cache.reads - before);
    }
    reread = reads === 1;
    console.log(`re-analysis after one rule file changed: ${median(samples).toFixed(0)} ms, ${reads} file(s) read of ${sigmaFiles.length + elasticFiles.length} `
      + `(nothing changed: ${warmMs.toFixed(0)} ms; cold: ${coldMs.toFixed(0)} ms; ${(coldMs / median(samples)).toFixed(1)}× faster than cold) ${reread ? 'PASS' : 'FAIL'}`
      + ` [load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} CPUs]`);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
  process.exitCode = pass && reread ? 0 : 1;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
