/** Entry point of the `threat-overlap` command (bundled to dist/cli.js). */
import { processIo } from './io';
import { runCli } from './run';

void runCli(process.argv.slice(2), processIo()).then((status) => {
  // exitCode, not exit(): let stdout drain when it is a pipe.
  process.exitCode = status;
});
