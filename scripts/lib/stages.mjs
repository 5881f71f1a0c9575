// Runs the stages of `npm test` (scripts/run-tests.mjs) one after another, each even when an earlier one failed.
// Each stage gets a temporary directory of its own as TMPDIR; whatever a stage leaves in it is listed and fails the
// stage (tests remove every temporary directory they make), then it is removed.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCounts } from './stage-report.mjs';

/** What tools (not tests) keep in TMPDIR on purpose: tsx's compile cache (`tsx-<uid>`). Not counted as left over. */
const TOOL_CACHES = [/^tsx-\d+$/];

/**
 * Runs one stage (`{ name, what, cmd: [file, ...args] }`) with its output passed through to `out` and `err` and its
 * tail kept to count its tests; resolves with its row of the closing table.
 */
export function runStage(stage, { out = process.stdout, err = process.stderr, env = process.env } = {}) {
  // Short: VS Code's unix sockets go below it (code-server.mjs), and socket paths must stay under 108 bytes.
  const tmp = mkdtempSync(join(tmpdir(), `to-${stage.name}-`));
  const started = Date.now();
  out.write(`\n━━ ${stage.name}: ${stage.what}\n   ${stage.cmd.join(' ')}\n\n`);
  return new Promise((resolve) => {
    const child = spawn(stage.cmd[0], stage.cmd.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], env: { ...env, TMPDIR: tmp } });
    let tail = '';
    const keep = (chunk, to) => {
      to.write(chunk);
      tail = (tail + chunk.toString('utf8')).slice(-200_000);
    };
    child.stdout.on('data', (c) => keep(c, out));
    child.stderr.on('data', (c) => keep(c, err));
    let spawnError;
    child.on('error', (e) => (spawnError = e));
    child.on('close', (code, signal) => {
      const seconds = (Date.now() - started) / 1000;
      const leftovers = readdirSync(tmp).filter((n) => !TOOL_CACHES.some((re) => re.test(n))).sort();
      rmSync(tmp, { recursive: true, force: true });
      const notes = [];
      if (spawnError) notes.push(`could not start: ${spawnError.message}`);
      if (signal) notes.push(`killed by ${signal}`);
      if (leftovers.length > 0) {
        notes.push(`left ${leftovers.length} temporary entr${leftovers.length === 1 ? 'y' : 'ies'}: ${leftovers.slice(0, 5).join(', ')}`);
        err.write(`\n${stage.name}: left in its TMPDIR (now removed): ${leftovers.join(', ')}\n`);
      }
      const failed = code !== 0 || signal !== null || spawnError !== undefined || leftovers.length > 0;
      resolve({ name: stage.name, result: failed ? 'failed' : 'passed', counts: parseCounts(tail), seconds, notes });
    });
  });
}

/** Runs every stage in order (`only`: the names to run; the rest are rows marked skipped); resolves with the rows. */
export async function runStages(stages, { only = [], ...io } = {}) {
  const rows = [];
  for (const stage of stages) {
    if (only.length > 0 && !only.includes(stage.name)) rows.push({ name: stage.name, result: 'skipped', notes: ['not selected'] });
    else rows.push(await runStage(stage, io));
  }
  return rows;
}
