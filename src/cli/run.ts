/**
 * The command table and dispatch of `threat-overlap`: global help and version, per-command argument parsing, and
 * the mapping of failures to exit statuses. A subcommand is one table entry.
 */
import { TopTechniquesError } from '../core/triage/top-techniques';
import { AtomicsOptionError } from './atomics';
import { version } from '../../package.json';
import { AttackDataError } from '../core/attack/types';
import { ModelFileError } from '../core/check/model-files';
import type { CommandSpec, ParsedArgs } from './args';
import { UsageError, formatHelp, parseArgs } from './args';
import { checkCommand } from './commands/check-command';
import { huntCommand } from './commands/hunt-command';
import { indexCommand } from './commands/index-command';
import { validateCommand } from './commands/validate-command';
import { internalErrorLine } from './internal-error';
import type { CliIo } from './io';
import { EXIT } from './io';
import { terminalText } from '../core/text/safe-text';

export const PROGRAM = 'threat-overlap';

export interface Command {
  readonly spec: CommandSpec;
  /** Returns the exit status; throws UsageError or AttackDataError for exit 2. */
  run(args: ParsedArgs, io: CliIo): Promise<number>;
}

export const COMMANDS: readonly Command[] = [checkCommand, validateCommand, indexCommand, huntCommand];

/**
 * Runs one command line (without `node` and the script) and returns its exit status; never throws. Standard error
 * is terminal-safe whatever a message carries: control characters are escaped and no line starts a CI log command.
 */
export async function runCli(argv: readonly string[], rawIo: CliIo): Promise<number> {
  const io: CliIo = { ...rawIo, err: (text) => rawIo.err(terminalText(text)) };
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.err(mainHelp());
    return EXIT.invalid;
  }
  if (name === '-h' || name === '--help' || name === 'help') {
    const topic = name === 'help' ? COMMANDS.find((c) => c.spec.name === rest[0]) : undefined;
    io.out(topic ? formatHelp(PROGRAM, topic.spec) : mainHelp());
    return EXIT.ok;
  }
  if (name === '-V' || name === '--version') {
    io.out(`${PROGRAM} ${version}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.spec.name === name);
  if (!command) {
    io.err(`${PROGRAM}: unknown command ${name}\n${shortUsage()}`);
    return EXIT.invalid;
  }
  try {
    const args = parseArgs(rest, command.spec);
    if (args.help) {
      io.out(formatHelp(PROGRAM, command.spec));
      return EXIT.ok;
    }
    return await command.run(args, io);
  } catch (e) {
    return report(e, command.spec, io);
  }
}

function report(e: unknown, spec: CommandSpec, io: CliIo): number {
  if (e instanceof UsageError) {
    io.err(`${PROGRAM}: ${e.message}\nusage: ${PROGRAM} ${spec.usage}\nRun '${PROGRAM} ${spec.name} --help' for details.\n`);
  } else if (e instanceof AttackDataError || e instanceof ModelFileError || e instanceof TopTechniquesError || e instanceof AtomicsOptionError) {
    io.err(`${PROGRAM}: ${e.message}\n`);
  } else {
    // A bug, not bad input: one line in our words (and exit 2, "could not run"); the engine's text only on request.
    io.err(`${PROGRAM}: ${internalErrorLine(e)}\n`);
    if (io.env.THREAT_OVERLAP_DEBUG && e instanceof Error && e.stack) io.err(`${e.stack}\n`);
  }
  return EXIT.invalid;
}

function shortUsage(): string {
  return `${COMMANDS.map((c) => `usage: ${PROGRAM} ${c.spec.usage}`).join('\n')}\nRun '${PROGRAM} --help' for details.\n`;
}

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.spec.name.length));
  return [
    `usage: ${PROGRAM} <command> [options]`,
    '',
    'Threat Overlap: where adversary techniques, your tech stack and your controls overlap, against MITRE ATT&CK.',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.spec.name.padEnd(width)}  ${c.spec.summary}`),
    '',
    `Run '${PROGRAM} <command> --help' for a command's options; '${PROGRAM} --version' for the version.`,
    'Exit status: 0 success, 1 findings (e.g. gaps), 2 invalid input, data or usage.',
    '',
  ].join('\n');
}
