/**
 * Argument parsing shared by every subcommand: each declares its options once (for parsing and for --help).
 * Accepts `--name value`, `--name=value`, boolean `--flag`, `--` before operands, and `-h`/`--help`.
 */

export interface OptionSpec {
  readonly name: string;
  readonly type: 'string' | 'boolean';
  /** Placeholder shown in help, e.g. FILE. */
  readonly value?: string;
  readonly help: string;
  /** A string option that may be given several times; its value is then the list, in order. */
  readonly repeatable?: boolean;
}

export interface CommandSpec {
  readonly name: string;
  readonly summary: string;
  /** Synopsis after the program name, e.g. `index --attack-data FILE|DIR [--json]`. */
  readonly usage: string;
  readonly options: readonly OptionSpec[];
  /** Operands (non-option arguments) accepted; default none. */
  readonly operands?: { readonly name: string; readonly min: number; readonly max: number };
  /** Extra help text after the option list. */
  readonly notes?: string;
}

export type OptionValue = string | boolean | readonly string[] | undefined;

export interface ParsedArgs {
  readonly options: Readonly<Record<string, OptionValue>>;
  readonly operands: readonly string[];
  readonly help: boolean;
}

/** A mistake in the command line: reported with the command's usage, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function parseArgs(argv: readonly string[], spec: CommandSpec): ParsedArgs {
  const options: Record<string, OptionValue> = {};
  const operands: string[] = [];
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      operands.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h' || arg === '--help') {
      help = true;
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') {
      operands.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') ? arg.slice(2, eq < 0 ? undefined : eq) : '';
    const option = spec.options.find((o) => o.name === name);
    if (!option) throw new UsageError(`unknown option ${eq < 0 ? arg : arg.slice(0, eq)}`);
    if (options[name] !== undefined && !option.repeatable) throw new UsageError(`option --${name} given more than once`);
    if (option.type === 'boolean') {
      if (eq >= 0) throw new UsageError(`option --${name} takes no value`);
      options[name] = true;
      continue;
    }
    let value: string;
    if (eq >= 0) {
      value = requireValue(name, arg.slice(eq + 1));
    } else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`option --${name} needs a value (${option.value ?? 'VALUE'})`);
      value = requireValue(name, next);
      i++;
    }
    options[name] = option.repeatable ? [...((options[name] as readonly string[] | undefined) ?? []), value] : value;
  }
  if (!help) checkOperands(operands, spec);
  return { options, operands, help };
}

function requireValue(name: string, value: string): string {
  if (value === '') throw new UsageError(`option --${name} needs a non-empty value`);
  return value;
}

function checkOperands(operands: readonly string[], spec: CommandSpec): void {
  const allowed = spec.operands ?? { name: '', min: 0, max: 0 };
  if (operands.length > allowed.max) {
    throw new UsageError(allowed.max === 0 ? `unexpected argument ${operands[0]}` : `unexpected argument ${operands[allowed.max]}`);
  }
  if (operands.length < allowed.min) throw new UsageError(`missing ${allowed.name}`);
}

/** `--help` text for one command. */
export function formatHelp(program: string, spec: CommandSpec): string {
  const lines = [`usage: ${program} ${spec.usage}`, '', spec.summary, '', 'Options:'];
  const label = (o: OptionSpec): string => `--${o.name}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}${o.repeatable ? ' …' : ''}`;
  const width = Math.max(...spec.options.map((o) => label(o).length), '-h, --help'.length);
  for (const o of spec.options) lines.push(`  ${label(o).padEnd(width)}  ${o.help}`);
  lines.push(`  ${'-h, --help'.padEnd(width)}  Show this help.`);
  if (spec.notes) lines.push('', spec.notes);
  return `${lines.join('\n')}\n`;
}
