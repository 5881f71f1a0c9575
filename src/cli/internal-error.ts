/**
 * What the CLI says about an error that is not bad input but a bug. Never the engine's own text: V8's messages
 * are not ours (`Maximum call stack size exceeded`, `Invalid string length`), and some quote their input
 * (`JSON.parse`: `Unexpected token 'r', "root:x:0:0"...`). The line names the kind of failure in our words, says
 * it is a bug, and how to see the details; the stack trace only with THREAT_OVERLAP_DEBUG=1.
 */
import { excerpt } from '../core/text/safe-text';

const ENGINE_RANGE_ERRORS: readonly [RegExp, string][] = [
  [/call stack/i, 'ran out of stack (input nested too deep for a limit that should have caught it)'],
  [/string length/i, 'a text grew past the largest string JavaScript can hold'],
  [/array length/i, 'a list grew past the largest array JavaScript can hold'],
];

/** `internal error: …`, one line. */
export function internalErrorLine(e: unknown): string {
  return `internal error: ${describeFailure(e)}. This is a bug in threat-overlap: please report it (THREAT_OVERLAP_DEBUG=1 prints the details)`;
}

function describeFailure(e: unknown): string {
  if (e instanceof RangeError) {
    const known = ENGINE_RANGE_ERRORS.find(([pattern]) => pattern.test(e.message));
    return known ? known[1] : 'a value out of range (RangeError)';
  }
  const code = (e as { code?: unknown } | null)?.code;
  const syscall = (e as { syscall?: unknown } | null)?.syscall;
  if (typeof code === 'string' && /^E[A-Z0-9]+$/.test(code)) {
    return `the system call ${typeof syscall === 'string' ? `${excerpt(syscall, 20)} ` : ''}failed with ${code}`;
  }
  if (e instanceof SyntaxError) return 'text could not be parsed (SyntaxError)';
  if (e instanceof TypeError) return 'an unexpected value (TypeError)';
  // Our own Error messages are ours; still only a short, escaped excerpt of one.
  if (e instanceof Error && e.constructor === Error) return excerpt(e.message.replace(/\s+/g, ' '), 80);
  return `an unexpected ${e instanceof Error ? excerpt(e.name, 40) : typeof e} was thrown`;
}
