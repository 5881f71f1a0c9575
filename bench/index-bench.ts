/**
 * ATT&CK index benchmark (SPEC budgets: cold build ≤ 1.5× a bare JSON.parse of the same file, peak RSS ≤ 300 MB;
 * warm load from the cache ≤ 0.1×). Every measurement runs in its own child process, so each starts with a fresh
 * heap and cold JIT, as a real start does; steps are interleaved run by run so they share disk-cache conditions.
 * Times cover the work from the file name to a usable value (module loading excluded); medians of RUNS.
 * A FAIL is printed, not turned into an exit status: budgets are watched here, not enforced by timed tests.
 *
 *   node dist/bench/index-bench.js [BUNDLE]   (default: $THREAT_OVERLAP_ATTACK_STIX or ../shared/attack-stix, Enterprise 18.1)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadAttackIndex } from '../src/core/attack/index';

const RUNS = 7;
const BUDGET = { cold: 1.5, warm: 0.1, rssMB: 300 };

type Step = 'parse-utf8' | 'parse-latin1' | 'cold' | 'first' | 'warm';
interface Sample { readonly ms: number; readonly rssMB: number }

const STEPS: readonly { step: Step; label: string }[] = [
  { step: 'parse-utf8', label: 'JSON.parse baseline: readFileSync(utf8) + JSON.parse' },
  { step: 'parse-latin1', label: 'stricter baseline: readFileSync + latin1 + JSON.parse' },
  { step: 'cold', label: 'cold index build, --no-cache (read, parse, build)' },
  { step: 'first', label: 'first load: cold build + hash + cache write' },
  { step: 'warm', label: 'warm load from the cache' },
];

/** One measurement, in this (child) process; prints a Sample as JSON. */
async function child(step: Step, file: string, cacheDir: string): Promise<void> {
  const started = performance.now();
  let check: number;
  if (step === 'parse-utf8') {
    check = (JSON.parse(readFileSync(file, 'utf8')) as { objects: unknown[] }).objects.length;
  } else if (step === 'parse-latin1') {
    check = (JSON.parse(readFileSync(file).toString('latin1')) as { objects: unknown[] }).objects.length;
  } else {
    const loaded = await loadAttackIndex(file, step === 'cold' ? { noCache: true } : { cacheDir });
    if (loaded.fromCache !== (step === 'warm')) throw new Error(`${step}: expected fromCache ${step === 'warm'}`);
    check = loaded.index.techniques.length;
  }
  const ms = performance.now() - started;
  if (!(check > 0)) throw new Error(`${step}: nothing loaded`);
  const sample: Sample = { ms, rssMB: process.resourceUsage().maxRSS / 1024 };
  process.stdout.write(JSON.stringify(sample));
}

function spawnChild(step: Step, file: string, cacheDir: string): Sample {
  const r = spawnSync(process.execPath, [process.argv[1], '--child', step, file, cacheDir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${step} child failed (${r.status}): ${r.stderr.trim()}`);
  return JSON.parse(r.stdout) as Sample;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const verdict = (ok: boolean): string => (ok ? 'PASS' : 'FAIL');

function main(): void {
  const dir = process.env.THREAT_OVERLAP_ATTACK_STIX ?? path.join('..', 'shared', 'attack-stix');
  const file = path.resolve(process.argv[2] ?? path.join(dir, 'enterprise-attack-18.1.json'));
  const scratch = mkdtempSync(path.join(tmpdir(), 'to-index-bench-'));
  const warmCache = path.join(scratch, 'warm');
  try {
    spawnChild('first', file, warmCache); // fills the cache the warm runs read
    const samples = new Map<Step, Sample[]>(STEPS.map((s) => [s.step, []]));
    for (let run = 0; run < RUNS; run++) {
      for (const { step } of STEPS) {
        // "first" needs an empty cache every time; "warm" reads the one filled above.
        const cacheDir = step === 'first' ? path.join(scratch, `first-${run}`) : warmCache;
        samples.get(step)?.push(spawnChild(step, file, cacheDir));
      }
    }
    report(file, samples);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function report(file: string, samples: ReadonlyMap<Step, Sample[]>): void {
  const ms = (step: Step): number => median((samples.get(step) ?? []).map((s) => s.ms));
  const rss = (step: Step): number => Math.max(...(samples.get(step) ?? []).map((s) => s.rssMB));
  const base = ms('parse-utf8');
  const strict = ms('parse-latin1');
  const mb = (statSync(file).size / 1e6).toFixed(1);
  console.log(`ATT&CK index benchmark: ${path.basename(file)} (${mb} MB); median of ${RUNS} runs, each in a fresh node ${process.version} process`);
  for (const { step, label } of STEPS) {
    const ratio = ms(step) / base;
    let line = `  ${label.padEnd(52)} ${ms(step).toFixed(1).padStart(7)} ms  ${ratio.toFixed(3)}× JSON.parse (${(ms(step) / strict).toFixed(3)}× stricter)`;
    const budget = step === 'cold' ? BUDGET.cold : step === 'warm' ? BUDGET.warm : undefined;
    // Judged against the stricter baseline too: passing only against the slower one would flatter us.
    if (budget !== undefined) line += `  budget ≤ ${budget}× ${verdict(ratio <= budget && ms(step) / strict <= budget)}`;
    line += `  peak RSS ${rss(step).toFixed(0)} MB`;
    if (step === 'cold' || step === 'warm') line += ` (≤ ${BUDGET.rssMB} MB ${verdict(rss(step) <= BUDGET.rssMB)})`;
    console.log(line);
  }
}

if (process.argv[2] === '--child') {
  child(process.argv[3] as Step, process.argv[4], process.argv[5]).catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exitCode = 1;
  });
} else {
  main();
}
