/**
 * Text from files (models, inventories, imported layers, ATT&CK data) on its way into messages and terminals.
 * Diagnostics quote a value only as a short excerpt with its control characters made visible (`quote`), and
 * everything written to a terminal or a CI log goes through `terminalLine` / `terminalText`, so no file can
 * clear a screen, plant a hyperlink, reorder a line with bidi overrides or forge a CI log command.
 */

/** How many characters of a value a message may quote (then `…`). */
export const EXCERPT_LENGTH = 40;

/**
 * Characters that never reach a terminal or a message as they are: C0 and C1 controls (ESC, CR, LF, TAB, NEL, CSI,
 * OSC …), DEL, bidi embeddings, overrides, isolates and marks, line and paragraph separators, invisible
 * formatting characters (zero-width space, word joiner, BOM, interlinear annotations), and lone surrogates.
 * ZWJ and ZWNJ stay: they are part of emoji and of several scripts. (A character class, for RegExp sources.)
 */
export const CONTROL_CHARS = '\\u0000-\\u001f\\u007f-\\u009f\\u061c\\u200b\\u200e\\u200f\\u2028-\\u202e\\u2060-\\u2069\\ufeff\\ufff9-\\ufffb';
/** A lone surrogate (half of a pair without the other half). */
export const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const UNSAFE = new RegExp(`[${CONTROL_CHARS}]|${LONE_SURROGATE.source}`, 'g');

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** The visible escape of one character: `\n`, `\x1b`, `\u202e`. */
export function escapeChar(c: string): string {
  const named = NAMED[c];
  if (named !== undefined) return named;
  const code = c.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Whether the text holds a character `escapeControls` would replace. */
export function hasUnsafeChars(text: string): boolean {
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(text);
}

/** Every control, bidi and invisible formatting character replaced by its visible escape; nothing else changes. */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

/**
 * At most `max` characters (code points) of a value, control characters escaped, `…` when cut: what a message
 * may show of something a file says.
 */
export function excerpt(value: unknown, max = EXCERPT_LENGTH): string {
  const text = typeof value === 'string' ? value : String(value);
  // Cheap for short strings; long ones are only scanned up to the cut.
  let end = 0;
  let count = 0;
  while (end < text.length && count < max) {
    const code = text.charCodeAt(end);
    end += code >= 0xd800 && code <= 0xdbff && end + 1 < text.length && (text.charCodeAt(end + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
    count++;
  }
  const cut = escapeControls(text.slice(0, end));
  return end < text.length ? `${cut}…` : cut;
}

/** `'…'` around an excerpt: how messages quote a value from a file. */
export function quote(value: unknown, max = EXCERPT_LENGTH): string {
  return `'${excerpt(value, max)}'`;
}

/** A path as written, shortened from the front (its file name is what tells paths apart), escaped. */
export function excerptPath(path: string, max = EXCERPT_LENGTH): string {
  if (path.length <= max) return escapeControls(path);
  const points = Array.from(path);
  return points.length <= max ? escapeControls(path) : `…${escapeControls(points.slice(points.length - max).join(''))}`;
}

/** `'…'` around a path excerpt. */
export function quotePath(path: string, max = EXCERPT_LENGTH): string {
  return `'${excerptPath(path, max)}'`;
}

/** Line starts that CI systems read as commands: `::error …::` (GitHub Actions), `##vso[` and `##[` (Azure Pipelines). */
const LOG_COMMAND = /^ *(?=::|##(?:vso)?\[)/;

/**
 * One line for a terminal or CI log: controls (newlines included) escaped, and a line that would start a CI log
 * command gets its first character escaped (`\x3a:error …`).
 */
export function terminalLine(text: string): string {
  const line = escapeControls(text);
  const command = LOG_COMMAND.exec(line);
  if (!command) return line;
  const at = command[0].length;
  return `${line.slice(0, at)}${escapeChar(line[at] ?? '')}${line.slice(at + 1)}`;
}

/** Text of several lines (split on `\n`) for a terminal: each line as `terminalLine` makes it. */
export function terminalText(text: string): string {
  return text.split('\n').map(terminalLine).join('\n');
}

/** A list for a message: the first `max` items, then "and N more". */
export function listSome(items: readonly string[], max = 10, separator = ', '): string {
  return items.length > max ? `${items.slice(0, max).join(separator)} and ${items.length - max} more` : items.join(separator);
}
