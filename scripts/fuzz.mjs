// `npm run fuzz`: the pipeline fuzzer of test/unit/robustness/fuzz-pipeline.test.ts at 100,000 cases (or the
// count given as the first argument). THREAT_OVERLAP_FUZZ_SEED replays a run; the seed is printed either way.
import { spawnSync } from 'node:child_process';

const runs = process.argv[2] ?? process.env.THREAT_OVERLAP_FUZZ_RUNS ?? '100000';
const env = { ...process.env, THREAT_OVERLAP_FUZZ_RUNS: runs };
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', 'test/unit/robustness/fuzz-pipeline.test.ts'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
