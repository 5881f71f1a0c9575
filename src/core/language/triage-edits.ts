/**
 * The edits behind the editor's triage quick fixes, on the parsed document (comments and layout kept: one flow-style
 * item appended in the sequence's own style, see model/yaml-edits.ts): "Accept risk for T1486" adds a
 * `techniques.accept` entry to the model, "Add mitigation M1053 to <inventory>" adds a control implementing it.
 */
import type { ParsedYaml } from '../model/parsed-yaml';
import type { TextEdit } from '../model/yaml-edits';
import { appendToSequenceEdit } from '../model/yaml-edits';
import { dayNumber } from '../triage/dates';

/** The reason an inserted acceptance carries until the user writes one (the quick fix selects it). */
export const ACCEPT_REASON_PLACEHOLDER = 'TODO: why is this risk accepted?';
/** The owner when the model names none. */
export const ACCEPT_OWNER_PLACEHOLDER = 'TODO: who owns this decision';
/** How long an acceptance the quick fix writes runs, unless policy.maxAcceptance is shorter. */
export const DEFAULT_ACCEPTANCE_DAYS = 90;

/** `date` plus `days` (YYYY-MM-DD, UTC); undefined when `date` is not a date. */
export function addDays(date: string, days: number): string | undefined {
  const day = dayNumber(date);
  return day === undefined ? undefined : new Date((day + days) * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The `until` of a new acceptance: `asOf` + 90 days, or + policy.maxAcceptance when that is shorter (an acceptance
 * counts while `until` is at most that many days ahead).
 */
export function acceptanceUntil(asOf: string, maxAcceptanceDays: number): string | undefined {
  return addDays(asOf, Math.max(1, Math.min(DEFAULT_ACCEPTANCE_DAYS, maxAcceptanceDays)));
}

/** A YAML scalar: plain when it reads back as the same string, else double-quoted (JSON strings are YAML). */
export function yamlScalar(value: string): string {
  const plain = /^[A-Za-z0-9_][\w.@+/-]*(?: [\w.@+/()-]+)*$/.test(value)
    && !/^(?:true|false|null|yes|no|on|off|~|[-+]?\d[\d._eE+-]*|0x[\da-fA-F]+)$/i.test(value);
  return plain ? value : JSON.stringify(value);
}

export interface AcceptanceDraft {
  readonly id: string;
  readonly owner?: string;
  readonly until: string;
  readonly reason?: string;
}

/** The edit that appends an acceptance to `techniques.accept` (creating the keys when missing). */
export function acceptRiskEdit(yaml: ParsedYaml, draft: AcceptanceDraft): TextEdit | undefined {
  const item = `{ id: ${draft.id}, reason: ${yamlScalar(draft.reason ?? ACCEPT_REASON_PLACEHOLDER)}, owner: ${yamlScalar(draft.owner ?? ACCEPT_OWNER_PLACEHOLDER)}, until: ${draft.until} }`;
  return appendToSequenceEdit(yaml, ['techniques', 'accept'], item);
}

export interface MitigationControlDraft {
  /** The new control's id (see `newControlId`). */
  readonly controlId: string;
  /** The ATT&CK mitigation, e.g. M1053, and its name. */
  readonly mitigation: string;
  readonly name: string;
  /** The level it is to give: the policy's minimum. */
  readonly level: string;
  /** Components it applies to; empty: every component (no `appliesTo`). */
  readonly appliesTo: readonly string[];
}

/** A control id for a new control implementing `mitigation`, unused in `taken`: M1053-01, M1053-02, … */
export function newControlId(mitigation: string, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) {
    const id = `${mitigation}-${String(n).padStart(2, '0')}`;
    if (!taken.has(id)) return id;
  }
}

/** The edit that appends a `planned` control implementing the mitigation to the inventory's `controls`. */
export function addMitigationControlEdit(yaml: ParsedYaml, draft: MitigationControlDraft): TextEdit | undefined {
  const applies = draft.appliesTo.length > 0 ? `, appliesTo: [${draft.appliesTo.map(yamlScalar).join(', ')}]` : '';
  const item = `{ id: ${draft.controlId}, name: ${yamlScalar(draft.name)}, status: planned${applies}, mitigations: [{ id: ${draft.mitigation}, coverage: ${draft.level} }] }`;
  return appendToSequenceEdit(yaml, ['controls'], item);
}
