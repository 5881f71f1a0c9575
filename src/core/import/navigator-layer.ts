/**
 * ATT&CK Navigator layer import (layer formats 3.x and 4.x). Layers are untrusted JSON: the shape is checked
 * field by field, bad technique entries are skipped and counted, and anything that makes the file unusable is
 * an ImportError. Old 3.x layers (`version: "3.0"`, domain `mitre-enterprise`) are read as 4.x; `upgrades` says
 * what was changed so the user can be told.
 */
import type { AttackDomain } from '../attack/types';
import { ImportError, MAX_IMPORT_ENTRIES } from './errors';
import { excerpt, quote } from '../text/safe-text';
import { TextCap, arr, bool, isObject, num, own, parseJsonObject, str } from './json-guard';
import type { CutText, JsonObject } from './json-guard';

/** One `techniques[]` entry as the layer wrote it. */
export interface LayerTechnique {
  readonly techniqueID: string;
  /** Tactic shortname the entry is for; undefined = every tactic of the technique. */
  readonly tactic?: string;
  readonly score?: number;
  /** Default true. */
  readonly enabled: boolean;
  /** Has a score, colour, comment, metadata or links: the Navigator's "annotated". */
  readonly annotated: boolean;
}

export interface NavigatorLayer {
  readonly name: string;
  /** The layer format as written, e.g. "3.0", "4.5". */
  readonly formatVersion: string;
  /** The ATT&CK major version the layer was made for (4.x `versions.attack`), when written. */
  readonly attackVersion?: string;
  readonly domain: AttackDomain;
  /** Score range of the layer's gradient (default 0–100): used to turn scores into coverage levels. */
  readonly gradient: { readonly min: number; readonly max: number };
  readonly techniques: readonly LayerTechnique[];
  /** Entries that were not objects with a string techniqueID. */
  readonly skippedEntries: number;
  /** What reading an older format changed, one phrase each (empty for a current layer). */
  readonly upgrades: readonly string[];
  /** Texts longer than MAX_IMPORTED_TEXT, cut as they were read. */
  readonly cut: readonly CutText[];
}

const DOMAINS: Readonly<Record<string, AttackDomain>> = {
  'enterprise-attack': 'enterprise-attack',
  'mobile-attack': 'mobile-attack',
  'ics-attack': 'ics-attack',
  'mitre-enterprise': 'enterprise-attack',
  'mitre-mobile': 'mobile-attack',
  'mitre-ics': 'ics-attack',
};

/** Parses a layer file's text; throws ImportError when it is not a usable 3.x/4.x layer. */
export function parseNavigatorLayer(text: string): NavigatorLayer {
  return readNavigatorLayer(parseJsonObject(text, 'the layer'));
}

/** Reads an already parsed layer object (e.g. our own export). */
export function readNavigatorLayer(root: JsonObject): NavigatorLayer {
  const upgrades: string[] = [];
  const cap = new TextCap();
  const versions = own(root, 'versions');
  const formatVersion = isObject(versions) ? cap.str(versions, 'layer', 'versions.layer') : cap.str(root, 'version');
  if (formatVersion === undefined) throw new ImportError('invalid', 'the layer names no format version (`versions.layer`, or `version` in 3.x layers)');
  const major = Number.parseInt(formatVersion, 10);
  if (major !== 3 && major !== 4) {
    throw new ImportError('unsupported-version', `layer format ${excerpt(formatVersion)} is not supported: import reads formats 3.x and 4.x (re-save the layer in a current ATT&CK Navigator)`);
  }
  if (major === 3) upgrades.push(`layer format ${excerpt(formatVersion)} read as 4.5`);
  const writtenDomain = str(root, 'domain');
  const domain = writtenDomain !== undefined && Object.prototype.hasOwnProperty.call(DOMAINS, writtenDomain) ? DOMAINS[writtenDomain] : undefined;
  if (!domain) throw new ImportError('invalid', `the layer's domain ${writtenDomain === undefined ? 'is missing: it' : quote(writtenDomain)} is not an ATT&CK domain`);
  if (writtenDomain !== domain) upgrades.push(`domain ${writtenDomain} read as ${domain}`);
  const entries = arr(root, 'techniques');
  if (!entries) throw new ImportError('invalid', 'the layer has no `techniques` array');
  if (entries.length > MAX_IMPORT_ENTRIES) throw new ImportError('too-large', `the layer has more than ${MAX_IMPORT_ENTRIES} technique entries`);
  const techniques: LayerTechnique[] = [];
  for (const e of entries) {
    const t = isObject(e) ? readTechnique(e, cap) : undefined;
    if (t) techniques.push(t);
  }
  const attackVersion = isObject(versions) ? cap.str(versions, 'attack', 'versions.attack') : undefined;
  return {
    name: cap.str(root, 'name') ?? '',
    formatVersion,
    ...(attackVersion !== undefined ? { attackVersion } : {}),
    domain,
    gradient: readGradient(own(root, 'gradient')),
    techniques,
    skippedEntries: entries.length - techniques.length,
    upgrades,
    cut: cap.cut,
  };
}

function readTechnique(e: JsonObject, cap: TextCap): LayerTechnique | undefined {
  const techniqueID = cap.text(str(e, 'techniqueID')?.trim(), 'techniqueID');
  if (!techniqueID) return undefined;
  const tactic = cap.str(e, 'tactic');
  const score = num(e, 'score');
  const nonEmpty = (key: string) => (str(e, key) ?? '') !== '' || (arr(e, key)?.length ?? 0) > 0;
  return {
    techniqueID,
    ...(tactic ? { tactic } : {}),
    ...(score !== undefined ? { score } : {}),
    enabled: bool(e, 'enabled') ?? true,
    annotated: score !== undefined || nonEmpty('color') || nonEmpty('comment') || nonEmpty('metadata') || nonEmpty('links'),
  };
}

function readGradient(g: unknown): { min: number; max: number } {
  const min = isObject(g) ? num(g, 'minValue') : undefined;
  const max = isObject(g) ? num(g, 'maxValue') : undefined;
  return min !== undefined && max !== undefined && max > min ? { min, max } : { min: 0, max: 100 };
}
