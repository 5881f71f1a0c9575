/**
 * DeTT&CT administration files (YAML, rabobank-cdc/DeTTECT): technique administration (detection and
 * visibility scores per technique) and group administration (technique lists of threat actors, optionally
 * with counts). Data-source administration files are recognised so they can be refused clearly.
 */
import { parse } from 'yaml';
import { ImportError, MAX_IMPORT_CHARS, MAX_IMPORT_ENTRIES } from './errors';
import { arr, bool, isObject, num, own, str } from './json-guard';
import type { JsonObject } from './json-guard';

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
  let root: unknown;
  try {
    // logLevel 'error': `yaml` throws the first syntax error (with 'silent' it would drop errors and return a guess).
    root = parse(text, { maxAliasCount: 100, logLevel: 'error', uniqueKeys: false });
  } catch (e) {
    throw new ImportError('not-yaml', `the DeTT&CT file is not valid YAML: ${(e as Error).message.split('\n')[0] ?? ''}`);
  }
  if (!isObject(root)) throw new ImportError('invalid', 'the DeTT&CT file must be a YAML mapping');
  const fileType = str(root, 'file_type');
  const domain = str(root, 'domain');
  const common: Common = { name: str(root, 'name') ?? '', ...(domain ? { domain } : {}), platforms: strings(own(root, 'platform')) };
  switch (fileType) {
    case 'technique-administration':
      return { kind: fileType, ...common, ...readTechniques(root) };
    case 'group-administration':
      return { kind: fileType, ...common, groups: list(root, 'groups').flatMap((g) => (isObject(g) ? readGroup(g) : [])) };
    case 'data-source-administration':
      return { kind: fileType, ...common };
    default:
      throw new ImportError('invalid', `not a DeTT&CT administration file: file_type is ${JSON.stringify(fileType ?? null)}`);
  }
}

function list(o: JsonObject, key: string): readonly unknown[] {
  const items = arr(o, key) ?? [];
  if (items.length > MAX_IMPORT_ENTRIES) throw new ImportError('too-large', `the DeTT&CT file has more than ${MAX_IMPORT_ENTRIES} ${key}`);
  return items;
}

/** A string or a list of strings (DeTT&CT accepts both for applicable_to and platform). */
function strings(v: unknown): string[] {
  const items = Array.isArray(v) ? v : [v];
  return items.flatMap((s) => (typeof s === 'string' && s.trim() !== '' ? [s.trim()] : typeof s === 'number' ? [String(s)] : []));
}

function readTechniques(root: JsonObject) {
  const techniques: DettectTechnique[] = [];
  const systems = new Set<string>();
  let skippedEntries = 0;
  for (const t of list(root, 'techniques')) {
    const id = isObject(t) ? str(t, 'technique_id')?.trim() : undefined;
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
        const applicableTo = strings(own(e, 'applicable_to'));
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

function readGroup(g: JsonObject): DettectGroup[] {
  const name = str(g, 'group_name')?.trim();
  if (!name) return [];
  const techniques = new Map<string, number | undefined>();
  const raw = own(g, 'technique_id');
  if (isObject(raw)) {
    for (const [id, v] of Object.entries(raw)) techniques.set(id.trim(), typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  } else for (const id of strings(raw)) techniques.set(id, undefined);
  const campaign = str(g, 'campaign')?.trim();
  return [{ name, ...(campaign ? { campaign } : {}), techniques, software: strings(own(g, 'software_id')), enabled: bool(g, 'enabled') ?? true }];
}
