/**
 * DeTT&CT administration files (YAML, rabobank-cdc/DeTTECT): technique administration (detection and
 * visibility scores per technique) and group administration (technique lists of threat actors, optionally
 * with counts). Data-source administration files are recognised so they can be refused clearly.
 */
import { YAMLError, parse } from 'yaml';
import { MAX_PARSE_DEPTH, yamlTooDeep } from '../model/yaml-limits';
import { ImportError, MAX_IMPORT_CHARS, MAX_IMPORT_ENTRIES } from './errors';
import { TextCap, arr, bool, isObject, num, own, str } from './json-guard';
import type { CutText, JsonObject } from './json-guard';

/** One detection or visibility entry: the systems it is for and its current score (the newest logbook entry). */
export interface DettectScore {
  readonly applicableTo: readonly string[];
  readonly score: number;
}

export interface DettectTechnique {
  readonly techniqueId: string;
  readonly detection: readonly DettectScore[];
  readonly visibility: readonly DettectScore[];
}

export interface DettectGroup {
  readonly name: string;
  readonly campaign?: string;
  /** Technique ID as written → its count/score (undefined in list form). */
  readonly techniques: ReadonlyMap<string, number | undefined>;
  readonly software: readonly string[];
  readonly enabled: boolean;
}

interface Common {
  readonly name: string;
  /** `domain:` when written (enterprise-attack, …); older files omit it. */
  readonly domain?: string;
  readonly platforms: readonly string[];
  /** Texts longer than MAX_IMPORTED_TEXT, cut as they were read. */
  readonly cut: readonly CutText[];
}

export type DettectFile =
  | (Common & { readonly kind: 'technique-administration'; readonly techniques: readonly DettectTechnique[]; readonly systems: readonly string[]; readonly skippedEntries: number })
  | (Common & { readonly kind: 'group-administration'; readonly groups: readonly DettectGroup[] })
  | (Common & { readonly kind: 'data-source-administration' });

export const DETECTION_RANGE = { min: -1, max: 5 } as const;
export const VISIBILITY_RANGE = { min: 0, max: 4 } as const;

/** Parses a DeTT&CT YAML file; throws ImportError when it is not one of the three administration files. */
export function parseDettect(text: string): DettectFile {
  if (text.length > MAX_IMPORT_CHARS) throw new ImportError('too-large', `the DeTT&CT file is larger than ${MAX_IMPORT_CHARS / 1024 / 1024} MB`);
  // The composer recurses per level: deep text is refused before it could run out of stack.
  if (yamlTooDeep(text)) throw new ImportError('not-yaml', `the DeTT&CT file nests mappings and lists more than ${MAX_PARSE_DEPTH} levels deep: not read`);
  let root: unknown;
  try {
    // logLevel 'error': `yaml` throws the first syntax error (with 'silent' it would drop errors and return a guess).
    root = parse(text, { maxAliasCount: 100, logLevel: 'error', uniqueKeys: false, prettyErrors: false });
  } catch (e) {
    // Never `yaml`'s message: it may quote the file (tags, directives) or be the engine's own text.
    throw new ImportError('not-yaml', `the DeTT&CT file is not valid YAML${yamlErrorPlace(text, e)}`);
  }
  if (!isObject(root)) throw new ImportError('invalid', 'the DeTT&CT file must be a YAML mapping');
  const fileType = str(root, 'file_type');
  const cap = new TextCap();
  const domain = cap.str(root, 'domain');
  const common = { name: cap.str(root, 'name') ?? '', ...(domain ? { domain } : {}), platforms: strings(own(root, 'platform'), cap, 'platform') };
  switch (fileType) {
    case 'technique-administration':
      return { kind: fileType, ...common, ...readTechniques(root, cap), cut: cap.cut };
    case 'group-administration':
      return { kind: fileType, ...common, groups: list(root, 'groups').flatMap((g) => (isObject(g) ? readGroup(g, cap) : [])), cut: cap.cut };
    case 'data-source-administration':
      return { kind: fileType, ...common, cut: cap.cut };
    default:
      // Not the format: what the file holds is not ours to show.
      throw new ImportError('invalid', 'not a DeTT&CT administration file: it needs `file_type: technique-administration`, `group-administration` or `data-source-administration`');
  }
}

/** " (line L, column C)" of a `yaml` error, from its offset. */
function yamlErrorPlace(text: string, e: unknown): string {
  if (!(e instanceof YAMLError)) return ' (it nests too deep or is too large to read)';
  if (e.code === 'RESOURCE_EXHAUSTION') return ' (it nests too deep to read)';
  const offset = Math.min(e.pos[0], text.length);
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return ` (line ${before.split('\n').length}, column ${offset - lineStart + 1})`;
}

function list(o: JsonObject, key: string): readonly unknown[] {
  const items = arr(o, key) ?? [];
  if (items.length > MAX_IMPORT_ENTRIES) throw new ImportError('too-large', `the DeTT&CT file has more than ${MAX_IMPORT_ENTRIES} ${key}`);
  return items;
}

/** A string or a list of strings (DeTT&CT accepts both for applicable_to and platform), each cut to the limit. */
function strings(v: unknown, cap: TextCap, field: string): string[] {
  const items = Array.isArray(v) ? v : [v];
  return items.flatMap((s) => (typeof s === 'string' && s.trim() !== '' ? [cap.text(s.trim(), field)] : typeof s === 'number' ? [String(s)] : []));
}

function readTechniques(root: JsonObject, cap: TextCap) {
  const techniques: DettectTechnique[] = [];
  const systems = new Set<string>();
  let skippedEntries = 0;
  for (const t of list(root, 'techniques')) {
    const id = isObject(t) ? cap.text(str(t, 'technique_id')?.trim(), 'technique_id') : undefined;
    if (!isObject(t) || !id) {
      skippedEntries++;
      continue;
    }
    const scores = (key: string, range: { min: number; max: number }) =>
      entries(own(t, key)).flatMap((e) => {
        const score = currentScore(e);
        if (score === undefined || score < range.min || score > range.max) {
          skippedEntries++;
          return [];
        }
        const applicableTo = strings(own(e, 'applicable_to'), cap, 'applicable_to');
        for (const s of applicableTo) systems.add(s);
        return [{ applicableTo, score }];
      });
    techniques.push({ techniqueId: id, detection: scores('detection', DETECTION_RANGE), visibility: scores('visibility', VISIBILITY_RANGE) });
  }
  return { techniques, systems: [...systems], skippedEntries };
}

/** detection/visibility: one object or a list of them. */
function entries(v: unknown): JsonObject[] {
  return (Array.isArray(v) ? v : [v]).filter(isObject);
}

/**
 * The score in force: the logbook entry with the newest date (DeTT&CT's rule); undated entries rank oldest,
 * ties keep the first (DeTT&CT writes newest first). Files without a logbook may carry `score` directly.
 */
function currentScore(e: JsonObject): number | undefined {
  const logbook = (arr(e, 'score_logbook') ?? []).filter(isObject);
  let best: { date: string; score: number } | undefined;
  for (const entry of logbook) {
    const score = num(entry, 'score');
    if (score === undefined) continue;
    const raw = own(entry, 'date');
    const date = raw instanceof Date ? raw.toISOString() : typeof raw === 'string' ? raw : '';
    if (!best || date > best.date) best = { date, score };
  }
  return best?.score ?? num(e, 'score');
}

function readGroup(g: JsonObject, cap: TextCap): DettectGroup[] {
  const name = cap.text(str(g, 'group_name')?.trim(), 'group_name');
  if (!name) return [];
  const techniques = new Map<string, number | undefined>();
  const raw = own(g, 'technique_id');
  if (isObject(raw)) {
    for (const [id, v] of Object.entries(raw)) techniques.set(cap.text(id.trim(), 'technique_id'), typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  } else for (const id of strings(raw, cap, 'technique_id')) techniques.set(id, undefined);
  const campaign = cap.text(str(g, 'campaign')?.trim(), 'campaign');
  return [{ name, ...(campaign ? { campaign } : {}), techniques, software: strings(own(g, 'software_id'), cap, 'software_id'), enabled: bool(g, 'enabled') ?? true }];
}
