/** Reads the ATT&CK pin (`attack: { domain, version }`) of a threat model without parsing the rest of it. */
import { parse } from 'yaml';
import { ATTACK_DOMAINS, type AttackDomain } from '../attack/types';

/** The ATT&CK domain and, when the model pins one, the release it was written against. */
export interface AttackPin {
  readonly domain: AttackDomain;
  /** ATT&CK release such as "18.1"; undefined = whatever data is available. */
  readonly version?: string;
}

/** The domain a model gets when it does not name one. */
export const DEFAULT_ATTACK_DOMAIN: AttackDomain = 'enterprise-attack';

/**
 * The pin of a threat model's YAML text, or undefined when the text is not a threat model (not a mapping, or an
 * unknown domain). A missing `attack` block means Enterprise, any version. Only the top-level `attack` entry is
 * parsed (this runs on every edit of every model, and a big model's full parse takes tens of ms), so a syntax error
 * elsewhere in the file does not lose the pin; unusual layouts (a flow-style or indented root, a quoted key, a
 * repeated key, anchors, aliases or tags in the entry) fall back to parsing the whole text.
 */
export function readAttackPin(text: string): AttackPin | undefined {
  const entry = attackEntry(text);
  if (entry === 'not-a-mapping') return undefined;
  if (entry === 'no-attack') return { domain: DEFAULT_ATTACK_DOMAIN };
  return pinOf(parseYaml(entry === 'whole-text' ? text : entry));
}

/** The pin in a parsed document (the whole model, or just its `attack` entry). */
function pinOf(doc: unknown): AttackPin | undefined {
  if (!isRecord(doc)) return undefined;
  const attack = doc['attack'];
  if (attack === undefined || attack === null) return { domain: DEFAULT_ATTACK_DOMAIN };
  if (!isRecord(attack)) return undefined;
  const domain = attack['domain'] ?? DEFAULT_ATTACK_DOMAIN;
  if (typeof domain !== 'string' || !isAttackDomain(domain)) return undefined;
  const version = normaliseVersion(attack['version']);
  return version === undefined ? { domain } : { domain, version };
}

function parseYaml(text: string): unknown {
  try {
    return parse(text, { uniqueKeys: false, maxAliasCount: 100 });
  } catch {
    return undefined;
  }
}

/**
 * The text of the top-level `attack:` entry of a block-mapping document (from its key to the next top-level line),
 * 'no-attack' when the root mapping has none, 'not-a-mapping' when the first content is not a `key:` line, or
 * 'whole-text' when only a full parse can tell.
 */
function attackEntry(text: string): string | 'no-attack' | 'not-a-mapping' | 'whole-text' {
  const lines = text.split('\n');
  const content = (line: string) => line.trim() !== '' && !line.startsWith('#') && !line.startsWith('%') && !/^(---|\.\.\.)(\s|$)/.test(line);
  const first = lines.find(content)?.replace(/^\uFEFF/, '');
  if (first === undefined) return 'not-a-mapping';
  if (/^\s/.test(first) || /^[{["'&!*]/.test(first)) return 'whole-text';
  if (!/^[^\s#:][^#]*?:(\s|$)/.test(first)) return 'not-a-mapping';
  const starts = lines.flatMap((line, i) => (/^attack\s*:(\s|$)/.test(line) ? [i] : []));
  if (lines.some((line) => /^["']attack["']\s*:/.test(line)) || starts.length > 1) return 'whole-text';
  const start = starts[0];
  if (start === undefined) return 'no-attack';
  let end = start + 1;
  while (end < lines.length && !/^[^\s#]/.test(lines[end] ?? '')) end++;
  const entry = lines.slice(start, end).join('\n');
  return /[&*!]|<</.test(entry.replace(/#.*$/gm, '')) ? 'whole-text' : entry;
}

/** The pin of a parsed threat model (its `attack` entry as the model parser read it, with source ranges). */
export function modelPin(model: { readonly attack: { readonly domain: { readonly value: AttackDomain }; readonly version?: { readonly value: string } } }): AttackPin {
  const version = model.attack.version?.value;
  return version === undefined ? { domain: model.attack.domain.value } : { domain: model.attack.domain.value, version };
}

/**
 * An ATT&CK release as a pin names it: major.minor digits only (the schema's pattern). Checked before a version is
 * used in any file name, cache path or URL, so `../../x` can never reach one.
 */
export function isAttackVersion(value: string): boolean {
  return /^\d{1,9}\.\d{1,9}$/.test(value);
}

/** A pin whose parts are safe to use in a path or URL: a known domain, and a release or no version. */
export function isSafePin(pin: { readonly domain: string; readonly version?: string }): boolean {
  return isAttackDomain(pin.domain) && (pin.version === undefined || isAttackVersion(pin.version));
}

/** True for enterprise-attack, mobile-attack and ics-attack. */
export function isAttackDomain(value: string): value is AttackDomain {
  return (ATTACK_DOMAINS as readonly string[]).includes(value);
}

/** A stable key for maps of per-pin state: "enterprise-attack@18.1" or "enterprise-attack@*". */
export function pinKey(pin: AttackPin): string {
  return `${pin.domain}@${pin.version ?? '*'}`;
}

/** "enterprise 18.1": the short label the status bar and messages use. */
export function pinLabel(pin: AttackPin): string {
  const short = pin.domain.replace(/-attack$/, '');
  return pin.version === undefined ? short : `${short} ${pin.version}`;
}

/** YAML may read `version: 18.1` as a number; `18.10` would become 18.1, so only plain strings and numbers count. */
function normaliseVersion(value: unknown): string | undefined {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : undefined;
  return text !== undefined && isAttackVersion(text) ? text : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
