#!/usr/bin/env node
// `npm test`: every stage of the suite in order, each run even when an earlier one failed (scripts/lib/stages.mjs),
// then a closing table (stage, result, tests passed/failed/skipped where the stage counts them, time).
// Exit code 1 when any stage failed. Stage names as arguments (`npm test -- unit lint`) run only those.
import { readdirSync } from 'node:fs';
import { renderTable } from './lib/stage-report.mjs';
import { runStages } from './lib/stages.mjs';

const node = process.execPath;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const testFiles = (dir, suffix) => readdirSync(dir).filter((f) => f.endsWith(suffix)).sort().map((f) => `${dir}/${f}`);

const STAGES = [
  { name: 'build', what: 'esbuild: extension, worker, CLI, benchmarks, webview', cmd: [npm, 'run', '--silent', 'build'] },
  { name: 'typecheck', what: 'tsc --noEmit (node and webview)', cmd: [npm, 'run', '--silent', 'typecheck'] },
  { name: 'lint', what: 'eslint, the architecture boundary included', cmd: [npm, 'run', '--silent', 'lint'] },
  { name: 'unit', what: 'node:test: core, CLI, real data, robustness', cmd: [node, 'scripts/run-unit-tests.mjs'] },
  { name: 'webview', what: 'the heatmap webview in Chromium, real CSP and data', cmd: [node, '--import', 'tsx', '--test', ...testFiles('test/e2e', '.test.ts')] },
  { name: 'integration', what: 'mocha in a real VS Code extension host (code-server)', cmd: [node, 'scripts/run-integration.mjs'] },
  { name: 'workbench', what: 'the heatmap driven like a user in the VS Code workbench', cmd: [node, '--test', ...testFiles('test/e2e', '.test.mjs')] },
  { name: 'package', what: 'the VSIX in a fresh VS Code; the CLI tarball installed offline', cmd: [npm, 'run', '--silent', 'test:package'] },
];

const only = process.argv.slice(2);
const unknown = only.filter((n) => !STAGES.some((s) => s.name === n));
if (unknown.length > 0) {
  console.error(`unknown stage ${unknown.join(', ')}; the stages: ${STAGES.map((s) => s.name).join(', ')}`);
  process.exit(2);
}
const started = Date.now();
const rows = await runStages(STAGES, { only });
console.log(`\n${renderTable(rows, (Date.now() - started) / 1000)}`);
process.exitCode = rows.some((r) => r.result === 'failed') ? 1 : 0;
