// The closing table of `npm test` (scripts/run-tests.mjs): test counts read from a stage's own summary lines.

/**
 * Test counts from the end of a stage's output: node:test's `ℹ pass N` / `ℹ fail N` / `ℹ skipped N` (+ `ℹ todo`,
 * `ℹ cancelled`, counted as skipped and failed), or the integration runner's `N passed, N failed, N skipped`.
 * The last summary wins; undefined when the stage prints none (build, typecheck, lint).
 */
export function parseCounts(output) {
  const text = output.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), ''); // colour codes
  const runner = [...text.matchAll(/^(\d+) passed, (\d+) failed, (\d+) skipped$/gm)].at(-1);
  const nodeTest = (label) => {
    const m = [...text.matchAll(new RegExp(`^[ℹ#] ${label} (\\d+)$`, 'gm'))].at(-1);
    return m ? Number(m[1]) : undefined;
  };
  const pass = nodeTest('pass');
  const runnerAt = runner?.index ?? -1;
  const nodeAt = text.lastIndexOf('ℹ pass ');
  if (runner && runnerAt > nodeAt) return { passed: Number(runner[1]), failed: Number(runner[2]), skipped: Number(runner[3]) };
  if (pass === undefined) return undefined;
  return {
    passed: pass,
    failed: (nodeTest('fail') ?? 0) + (nodeTest('cancelled') ?? 0),
    skipped: (nodeTest('skipped') ?? 0) + (nodeTest('todo') ?? 0),
  };
}

const pad = (s, n, right = false) => (right ? String(s).padStart(n) : String(s).padEnd(n));

/** The table: one row per stage, then the totals and the overall result. */
export function renderTable(rows, totalSeconds) {
  const head = `${pad('stage', 12)}${pad('result', 9)}${pad('passed', 8, true)}${pad('failed', 8, true)}${pad('skipped', 9, true)}${pad('time', 10, true)}  notes`;
  const lines = [head, '─'.repeat(head.length)];
  const sum = { passed: 0, failed: 0, skipped: 0 };
  for (const r of rows) {
    const c = r.counts;
    if (c) for (const k of Object.keys(sum)) sum[k] += c[k];
    const n = (k) => (c ? c[k] : '–');
    const time = r.seconds === undefined ? '–' : `${r.seconds.toFixed(1)} s`;
    lines.push(`${pad(r.name, 12)}${pad(r.result, 9)}${pad(n('passed'), 8, true)}${pad(n('failed'), 8, true)}${pad(n('skipped'), 9, true)}${pad(time, 10, true)}  ${(r.notes ?? []).join('; ')}`);
  }
  const failedStages = rows.filter((r) => r.result === 'failed').map((r) => r.name);
  lines.push('─'.repeat(head.length));
  lines.push(`${pad('all', 12)}${pad(failedStages.length ? 'failed' : 'passed', 9)}${pad(sum.passed, 8, true)}${pad(sum.failed, 8, true)}${pad(sum.skipped, 9, true)}${pad(`${totalSeconds.toFixed(1)} s`, 10, true)}  ${failedStages.length ? `failed: ${failedStages.join(', ')}` : ''}`);
  return lines.join('\n');
}
