/**
 * The suite's side of the runner protocol: lines `[threat-overlap-it] {json}` on the console reach the runner
 * (scripts/run-integration.mjs) through the workbench's automation log. `{passed, failed, skipped}` ends a run;
 * `{capture: name}` asks for a screenshot and a description of the workbench, written to
 * `$THREAT_OVERLAP_IT_CAPTURE_DIR/<name>.png|json`. Runners without captures (test-electron) leave the variable unset.
 */
import { watch } from 'node:fs';
import { readFile, rm, stat } from 'node:fs/promises';
import * as path from 'node:path';

export const RUNNER_PREFIX = '[threat-overlap-it] ';

export interface WorkbenchCapture {
  readonly screenshot: string;
  readonly statusBar: readonly { id: string; text: string; ariaLabel: string; warning: boolean }[];
  readonly notifications: readonly { message: string; buttons: readonly string[] }[];
}

/** Where captures go, or undefined when this runner cannot take them. */
export function captureDir(): string | undefined {
  return process.env['THREAT_OVERLAP_IT_CAPTURE_DIR'] || undefined;
}

/** Asks the runner to capture the workbench now and resolves with what it saw (waits on the file, not a clock). */
export async function captureWorkbench(name: string, timeoutMs = 20_000): Promise<WorkbenchCapture> {
  const dir = captureDir();
  if (!dir) throw new Error('captures need THREAT_OVERLAP_IT_CAPTURE_DIR (the code-server runner sets it)');
  const file = path.join(dir, `${name}.json`);
  await rm(file, { force: true });
  const written = new Promise<void>((resolve, reject) => {
    const watcher = watch(dir, (_event, changed) => {
      if (changed !== `${name}.json`) return;
      void stat(file).then(() => finish(), () => undefined);
    });
    const timer = setTimeout(() => finish(new Error(`the runner did not capture "${name}" within ${timeoutMs} ms`)), timeoutMs);
    const finish = (err?: Error) => {
      clearTimeout(timer);
      watcher.close();
      if (err) reject(err);
      else resolve();
    };
  });
  console.log(`${RUNNER_PREFIX}${JSON.stringify({ capture: name })}`);
  await written;
  const result = JSON.parse(await readFile(file, 'utf8')) as WorkbenchCapture & { error?: string };
  if (result.error) throw new Error(`capture "${name}" failed: ${result.error}`);
  return result;
}
