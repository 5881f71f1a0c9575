/** Entry point of the `threat-overlap` command (bundled to dist/cli.js). */
import { terminalText } from '../core/text/safe-text';
import { internalErrorLine } from './internal-error';
import { processIo } from './io';
import { runCli } from './run';

// runCli never throws; this catches what escapes it anyway (an error in a stream callback), in our words.
process.on('uncaughtException', (e) => {
  // A reader that closed the pipe (`… | head`) is not an error of ours.
  if ((e as { code?: unknown } | null)?.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  process.stderr.write(`threat-overlap: ${internalErrorLine(e)}\n`);
  if (process.env.THREAT_OVERLAP_DEBUG && e instanceof Error && e.stack) process.stderr.write(`${terminalText(e.stack)}\n`);
  process.exit(2);
});

void runCli(process.argv.slice(2), processIo()).then((status) => {
  // exitCode, not exit(): let stdout drain when it is a pipe.
  process.exitCode = status;
});
