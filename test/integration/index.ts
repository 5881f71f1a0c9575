/**
 * Entry of the integration suite in a real extension host, as `@vscode/test-electron` and the code-server runner
 * expect: `run()` loads every compiled `suite/*.test.js` into mocha and resolves when all pass (rejects otherwise:
 * the host reports a resolved `run()` as success). The last line it prints is `N passed, N failed, N skipped`.
 * THREAT_OVERLAP_IT_GREP selects tests as mocha's --grep; THREAT_OVERLAP_IT_TIMEOUT sets the per-test timeout (ms);
 * THREAT_OVERLAP_IT_BENCH=1 runs the benchmarks of `bench/*.bench.js` instead of the suite.
 */
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { RUNNER_PREFIX } from './helpers/runner';

/**
 * Suite files run in the order of their numeric prefix (`1-…` … `6-…` for ATT&CK data, then `10-…`, `11-…`), not in
 * string order (which would put `10-` before `2-`); files without a number come last, by name.
 */
export function suiteOrder(files: readonly string[]): string[] {
  const rank = (f: string) => Number(/^(\d+)-/.exec(f)?.[1] ?? Number.POSITIVE_INFINITY);
  return [...files].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: false,
    timeout: Number(process.env['THREAT_OVERLAP_IT_TIMEOUT'] ?? (process.env['THREAT_OVERLAP_IT_BENCH'] === '1' ? 600_000 : 180_000)),
    grep: process.env['THREAT_OVERLAP_IT_GREP'] || undefined,
  });
  const bench = process.env['THREAT_OVERLAP_IT_BENCH'] === '1';
  const dir = path.join(__dirname, bench ? 'bench' : 'suite');
  const suffix = bench ? '.bench.js' : '.test.js';
  for (const name of suiteOrder(readdirSync(dir).filter((f) => f.endsWith(suffix)))) mocha.addFile(path.join(dir, name));
  const started = Date.now();
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const { passes = 0, pending = 0 } = runner.stats ?? {};
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        console.log(`${RUNNER_PREFIX}${JSON.stringify({ passed: passes, failed: failures, skipped: pending, seconds })}`);
        console.log(`${passes} passed, ${failures} failed, ${pending} skipped`);
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
        else resolve();
      });
    } catch (err) {
      console.error(err);
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
