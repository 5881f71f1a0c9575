// `npm run fuzz`: the pipeline fuzzer of test/unit/robustness/fuzz-pipeline.test.ts at 100,000 cases (or the
// count given as the first argument), then the file-path fuzzer of fuzz-files.test.ts at 5,000 (or a twentieth of
// that count). THREAT_OVERLAP_FUZZ_SEED replays a run; the seed is printed either way.
import { spawnSync } from 'node:child_process';

const runs = process.argv[2] ?? process.env.THREAT_OVERLAP_FUZZ_RUNS ?? '100000';
const fileRuns = process.env.THREAT_OVERLAP_FUZZ_FILE_RUNS ?? String(Math.max(1, Math.round(Number(runs) / 20)));
const env = { ...process.env, THREAT_OVERLAP_FUZZ_RUNS: runs, THREAT_OVERLAP_FUZZ_FILE_RUNS: fileRuns };
const files = ['test/unit/robustness/fuzz-pipeline.test.ts', 'test/unit/robustness/fuzz-files.test.ts'];
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
