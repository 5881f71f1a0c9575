/**
 * One Atomic Red Team technique file (`atomics/<Tnnnn>/<Tnnnn>.yaml`, github.com/redcanaryco/atomic-red-team):
 * `attack_technique`, `display_name` and `atomic_tests`, each with `name`, `auto_generated_guid`,
 * `supported_platforms` and `executor`. Parsed with `yaml` under the same limits as other YAML we read (nesting
 * checked before parsing, at most 100 aliases); a file that is not that shape is a problem with a line, never a throw.
 * Only what we show is kept: names (cut to 200 characters), GUIDs, platforms, the executor's name.
 */
import { YAMLError, parse } from 'yaml';
import { MAX_PARSE_DEPTH, yamlTooDeep } from '../model/yaml-limits';
import { arr, isObject, own, TextCap } from '../import/json-guard';
import type { AtomicTest } from './types';

/** Most tests read from one technique file (the largest real file has 30-odd). */
export const MAX_ATOMIC_TESTS_PER_FILE = 1000;

export type AtomicFileRead =
  | { readonly kind: 'tests'; readonly technique: string; readonly tests: readonly AtomicTest[] }
  | { readonly kind: 'problem'; readonly message: string };

const TECHNIQUE = /^T\d{4}(\.\d{3})?$/;
const GUID = /^[0-9a-fA-F-]{36}$/;

/** Parses a technique file; `expected` is the technique its folder names (the file must agree with it). */
export function parseAtomicFile(text: string, expected: string): AtomicFileRead {
  if (yamlTooDeep(text)) return problem(`nests mappings and lists more than ${MAX_PARSE_DEPTH} levels deep: not read`);
  let root: unknown;
  try {
    root = parse(text, { maxAliasCount: 100, logLevel: 'error', uniqueKeys: false, prettyErrors: false });
  } catch (e) {
    // Never yaml's own message: it can quote the file.
    return problem(`is not valid YAML${errorPlace(text, e)}`);
  }
  if (!isObject(root)) return problem('is not a YAML mapping with atomic_tests');
  const technique = own(root, 'attack_technique');
  if (typeof technique !== 'string' || !TECHNIQUE.test(technique.trim().toUpperCase())) return problem('has no attack_technique of the form T1234 or T1234.001');
  if (technique.trim().toUpperCase() !== expected) return problem(`is for ${technique.trim().toUpperCase()}, not ${expected} as its folder says`);
  const items = arr(root, 'atomic_tests');
  if (!items) return problem('has no atomic_tests list');
  const cap = new TextCap();
  const tests: AtomicTest[] = [];
  for (const item of items.slice(0, MAX_ATOMIC_TESTS_PER_FILE)) {
    if (!isObject(item)) continue;
    const name = cap.str(item, 'name');
    if (name === undefined || name.trim() === '') continue;
    const guid = own(item, 'auto_generated_guid');
    const platforms = (arr(item, 'supported_platforms') ?? []).flatMap((p) => (typeof p === 'string' && p.trim() !== '' ? [cap.text(p.trim().toLowerCase(), 'platform')] : []));
    const executor = own(item, 'executor');
    const executorName = isObject(executor) ? cap.str(executor, 'name') : undefined;
    tests.push({
      name: name.trim(),
      ...(typeof guid === 'string' && GUID.test(guid) ? { guid: guid.toLowerCase() } : {}),
      platforms,
      ...(executorName !== undefined ? { executor: executorName } : {}),
    });
  }
  return { kind: 'tests', technique: expected, tests };
}

const problem = (message: string): AtomicFileRead => ({ kind: 'problem', message });

function errorPlace(text: string, e: unknown): string {
  if (!(e instanceof YAMLError)) return ' (it nests too deep or is too large to read)';
  const offset = Math.min(e.pos[0], text.length);
  const before = text.slice(0, offset);
  return ` (line ${before.split('\n').length}, column ${offset - before.lastIndexOf('\n')})`;
}
