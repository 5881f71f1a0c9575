/** Where a command writes and what it may read from its environment; tests pass captured streams. */
export interface CliIo {
  /** Writes to standard output (the command's result). */
  readonly out: (text: string) => void;
  /** Writes to standard error (errors, warnings, usage). */
  readonly err: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
  /** Directory relative paths are resolved against and reports are relative to (default: process.cwd()). */
  readonly cwd?: string;
}

/** The real process's streams and environment. */
export function processIo(): CliIo {
  return {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    env: process.env,
  };
}

/** Exit statuses shared by every command (SPEC: 0 clean, 1 findings such as gaps, 2 unusable input or usage). */
export const EXIT = { ok: 0, findings: 1, invalid: 2 } as const;
