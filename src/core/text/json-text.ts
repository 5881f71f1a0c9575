/**
 * JSON text that keeps every string exact and carries no character a terminal or a viewer acts on: on top of
 * `JSON.stringify` (which escapes C0 controls and lone surrogates), DEL, the C1 controls (U+009B is CSI), bidi
 * controls, line and paragraph separators and invisible formatting characters are written as `\uXXXX`.
 * These characters only ever occur inside strings, where the escape means the same character.
 */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200b\u200e\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;

/** `JSON.stringify(value, null, 2)` with the characters above escaped, and a final newline. */
export function jsonText(value: unknown): string {
  const text = JSON.stringify(value, null, 2).replace(UNSAFE_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `${text}\n`;
}

/**
 * Where JSON.parse stopped, as " (line L, column C)", from the offset in its message; the message itself is never
 * shown: V8 quotes the input there (`Unexpected token 'r', "root:x:0:0"... is not valid JSON`).
 */
export function jsonErrorPlace(text: string, e: unknown): string {
  const message = e instanceof Error ? e.message : '';
  const lineColumn = /\(line (\d+) column (\d+)\)/.exec(message);
  if (lineColumn) return ` (line ${lineColumn[1]}, column ${lineColumn[2]})`;
  const position = /at position (\d+)/.exec(message);
  if (!position) return /Unexpected end of JSON input/.test(message) ? ' (it ends too early)' : '';
  const offset = Math.min(Number(position[1]), text.length);
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return ` (line ${line}, column ${offset - lineStart + 1})`;
}
