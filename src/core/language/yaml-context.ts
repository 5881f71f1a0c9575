/**
 * Where the cursor is in a threat model or control inventory, read from the text alone: the chain of mapping
 * keys from the root down to the value being typed, and the word under the cursor. It works on half-typed
 * documents (an unclosed `[`, a key without a value) that a YAML parser would reject, which is the normal state
 * of a document while completion is asked for. Sequence indices are not part of the path.
 */

/** What the cursor is typing. */
export interface ValueContext {
  /** Keys from the root to the value, e.g. `['controls', 'techniques', 'id']`. */
  readonly path: readonly string[];
  /** The word around the cursor (letters, digits, `.`, `-`, `_`), possibly empty. */
  readonly word: string;
  /** Offsets of the word in the text. */
  readonly wordStart: number;
  readonly wordEnd: number;
  /** The text before the word on its line, up to the cursor's word. */
  readonly typedBefore: string;
}

interface Frame {
  kind: 'block' | 'map' | 'seq';
  /** The key whose value is being written in this frame. */
  key?: string;
  /** The key this frame is the value of. */
  parentKey?: string;
}

const WORD = /[\w.-]/;

/**
 * The value context at `offset`, or undefined when the cursor is in a comment, a key, or a quoted string that
 * is still open elsewhere. A cursor after `key: ` or in a sequence under `key:` yields a path ending in `key`.
 */
export function valueContextAt(text: string, offset: number): ValueContext | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let wordStart = offset;
  while (wordStart > lineStart && WORD.test(text[wordStart - 1] ?? '')) wordStart--;
  let wordEnd = offset;
  while (wordEnd < text.length && WORD.test(text[wordEnd] ?? '')) wordEnd++;
  const before = text.slice(lineStart, wordStart);
  const inline = scanLine(before);
  if (!inline) return undefined;
  const path = [...blockAncestors(text, lineStart, inline.contentColumn), ...inline.keys];
  if (path.length === 0) return undefined;
  return { path, word: text.slice(wordStart, wordEnd), wordStart, wordEnd, typedBefore: before };
}

/** The keys the line itself opens before the cursor, and the column its content starts at. */
function scanLine(before: string): { keys: string[]; contentColumn: number } | undefined {
  const indent = before.length - before.trimStart().length;
  const dashes = /^(?:-\s+)*/.exec(before.slice(indent))?.[0] ?? '';
  const contentColumn = indent + dashes.length;
  const rest = before.slice(contentColumn);
  const frames: Frame[] = [{ kind: 'block' }];
  let expectKey = true;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i]!;
    const top = frames[frames.length - 1]!;
    if (c === '#' && (i === 0 || /\s/.test(rest[i - 1]!))) return undefined;
    if (c === '"' || c === "'") {
      const close = rest.indexOf(c, i + 1);
      if (close < 0) return undefined;
      const quoted = rest.slice(i + 1, close);
      const after = /^\s*:(?:\s|$)/.exec(rest.slice(close + 1));
      if (expectKey && after) {
        top.key = quoted;
        i = close + after[0].length - 1;
        expectKey = false;
      } else i = close;
      continue;
    }
    if (c === '[' || c === '{') {
      frames.push({ kind: c === '[' ? 'seq' : 'map', ...(top.key !== undefined ? { parentKey: top.key } : {}) });
      expectKey = c === '{';
      continue;
    }
    if (c === ']' || c === '}') {
      if (frames.length > 1) frames.pop();
      expectKey = false;
      continue;
    }
    if (c === ',') {
      if (top.kind === 'map') {
        delete top.key;
        expectKey = true;
      }
      continue;
    }
    if (/\s/.test(c)) continue;
    const key = /^([\w$.-]+)\s*:(?:\s|$)/.exec(rest.slice(i));
    if (key && (expectKey || top.kind !== 'seq')) {
      top.key = key[1];
      i += key[0].length - 1;
      expectKey = false;
      continue;
    }
    // A scalar: skip to the next separator.
    while (i + 1 < rest.length && !/[,\]}]/.test(rest[i + 1]!) && !(rest[i + 1] === '#' && /\s/.test(rest[i]!))) i++;
  }
  const top = frames[frames.length - 1]!;
  // In a flow mapping with no key yet, or at the start of a block line without `- `, the cursor types a key.
  if (top.kind === 'map' && top.key === undefined) return undefined;
  const keys: string[] = [];
  for (let f = 1; f < frames.length; f++) if (frames[f]!.parentKey !== undefined) keys.push(frames[f]!.parentKey!);
  if (top.key !== undefined) keys.push(top.key);
  return { keys, contentColumn };
}

/** Keys of the block mappings that enclose a line whose content starts at `column`. */
function blockAncestors(text: string, lineStart: number, column: number): string[] {
  const keys: string[] = [];
  let need = column;
  let end = lineStart - 1;
  while (end > 0 && need > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end);
    end = start - 1;
    const trimmed = line.trimStart();
    if (trimmed.length === 0 || trimmed.startsWith('#') || trimmed.startsWith('---')) continue;
    const indent = line.length - trimmed.length;
    if (indent >= need) continue;
    const m = keyAtStart(trimmed);
    const keyColumn = indent + (m?.dashes ?? (/^(?:-\s+)*/.exec(trimmed)?.[0].length ?? 0));
    if (keyColumn >= need) continue;
    const opensBlock = m !== undefined && /^\s*(?:#.*)?$/.test(trimmed.slice(m.end));
    if (m && opensBlock) keys.unshift(m.key);
    need = keyColumn;
  }
  return keys;
}

/**
 * The key a line starts with (after any `- `): `key:`, `"key":` or `'key':` followed by a space or the end, as
 * `/^((?:-\s+)*)(?:"([^"]*)"|'([^']*)'|([^\s#:{}[\],"'][^#:{}[\],]*?))\s*:(?:\s|$)/` matched it, written as a scan:
 * that pattern's lazy key and `\s*` retried every split of a long line of spaces (seconds for 80,000 of them).
 * `dashes`: length of the `- ` prefix; `end`: where the match ends.
 */
function keyAtStart(line: string): { dashes: number; key: string; end: number } | undefined {
  // Where each `- ` of the prefix starts; the pattern backs off to fewer of them when the key fails after all.
  const starts: number[] = [];
  let at = 0;
  for (let m = /^-\s+/.exec(line); m; m = /^-\s+/.exec(line.slice(at))) {
    starts.push(at);
    at += m[0].length;
  }
  return keyAt(line, at, true) ?? (starts.length > 0 ? keyAt(line, starts[starts.length - 1], false) : undefined);
}

function keyAt(line: string, dashes: number, quoted: boolean): { dashes: number; key: string; end: number } | undefined {
  const first = line[dashes];
  let key: string;
  let after: number;
  if (quoted && (first === '"' || first === "'")) {
    const close = line.indexOf(first, dashes + 1);
    if (close < 0) return undefined;
    key = line.slice(dashes + 1, close);
    after = close + 1;
    while (after < line.length && /\s/.test(line[after])) after++;
  } else {
    if (first === undefined || /[\s#:{}[\],"']/.test(first)) return undefined;
    after = dashes + 1;
    while (after < line.length && !'#:{}[],'.includes(line[after])) after++;
    key = line.slice(dashes, after).trim();
  }
  if (line[after] !== ':') return undefined;
  const next = line[after + 1];
  if (next !== undefined && !/\s/.test(next)) return undefined;
  return { dashes, key, end: after + (next === undefined ? 1 : 2) };
}
