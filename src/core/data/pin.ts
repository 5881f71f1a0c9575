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
 * The pin of a threat model's YAML text, or undefined when the text is not a threat model
 * (not YAML, not a mapping, or an unknown domain). A missing `attack` block means Enterprise, any version.
 */
export function readAttackPin(text: string): AttackPin | undefined {
  let doc: unknown;
  try {
    doc = parse(text, { uniqueKeys: false, maxAliasCount: 100 });
  } catch {
    return undefined;
  }
  if (!isRecord(doc)) return undefined;
  const attack = doc['attack'];
  if (attack === undefined || attack === null) return { domain: DEFAULT_ATTACK_DOMAIN };
  if (!isRecord(attack)) return undefined;
  const domain = attack['domain'] ?? DEFAULT_ATTACK_DOMAIN;
  if (typeof domain !== 'string' || !isAttackDomain(domain)) return undefined;
  const version = normaliseVersion(attack['version']);
  return version === undefined ? { domain } : { domain, version };
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
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && /^\d+(\.\d+)*$/.test(value.trim())) return value.trim();
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
