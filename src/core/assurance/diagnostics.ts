/**
 * What assurance says on a control inventory's own lines (codes `assurance.*`, docs/assurance.md), judged on the
 * as-of date of the model that lists it:
 *
 * - `assurance.failed` (warning) on the latest test of a claim when it `missed`: the claim gives `none`.
 * - `assurance.stale` (warning) on the latest test when it is older than `policy.validationMaxAge` days.
 * - `assurance.untested` (information) on a technique entry of a counting control with no test; when an inventory
 *   has more than UNTESTED_LISTED of them, one `assurance.untested-summary` on its first line counts them instead.
 *
 * Claims are control × technique, as in the engine: a technique entry's tests and the control-level tests for the
 * same technique together. Control-level tests for techniques the control has no entry for (mitigations, imports,
 * rule files) are judged the same way. Planned and retired controls claim nothing, so their tests are not judged.
 */
import type { Diagnostic, Range } from '../diagnostics';
import type { Control, ControlInventory } from '../model/types';
import { excerpt } from '../text/safe-text';
import { claimValidation } from './claims';
import type { AssurancePolicy, ClaimValidation, ValidationInput } from './types';

export const ASSURANCE_CODES = {
  'assurance.failed': { severity: 'warning', description: "A claim's latest test (`validated:`) missed the technique: the claim gives coverage `none` until a later test detects or blocks it." },
  'assurance.stale': { severity: 'warning', description: "A claim's latest test is older than `policy.validationMaxAge` days (default 180) before the as-of date: re-test it." },
  'assurance.untested': { severity: 'information', description: 'A technique entry of an implemented or partial control with no test recorded (`validated:`) on or before the as-of date.' },
  'assurance.untested-summary': { severity: 'information', description: `More than 5 untested technique entries in one inventory: one diagnostic on its first line counts them (and names the first few).` },
} as const;

/** Untested entries reported one by one per inventory; above this, one summary. */
export const UNTESTED_LISTED = 5;

type Code = keyof typeof ASSURANCE_CODES;
const diag = (code: Code, message: string, range: Range, file: string | undefined, data: Record<string, unknown>): Diagnostic => ({
  code, severity: ASSURANCE_CODES[code].severity, message, range, ...(file !== undefined ? { file } : {}), data,
});

const counts = (c: Control) => c.status.value === 'implemented' || c.status.value === 'partial';

/** The assurance diagnostics of one inventory under one model's policy. */
export function assuranceDiagnostics(inventory: ControlInventory, policy: AssurancePolicy): Diagnostic[] {
  const file = inventory.file;
  const out: Diagnostic[] = [];
  const untested: { control: string; technique: string; range: Range }[] = [];
  for (const c of inventory.controls) {
    if (!counts(c)) continue;
    const controlLevel = new Map<string, ValidationInput[]>();
    for (const v of c.validated) {
      const list = controlLevel.get(v.technique.value) ?? [];
      list.push(input(v.technique.value, v, file));
      controlLevel.set(v.technique.value, list);
    }
    const entries = new Set<string>();
    for (const t of c.techniques) {
      if (entries.has(t.id)) continue;
      entries.add(t.id);
      const tests = [...t.validated.map((v) => input(t.id, v, file)), ...(controlLevel.get(t.id) ?? [])];
      const v = claimValidation(tests, policy);
      if (!v || v.state === 'untested') untested.push({ control: c.id, technique: t.id, range: t.idRange });
      else out.push(...judged(c, t.id, t.coverage.value, v, policy, file));
    }
    for (const [technique, tests] of controlLevel) {
      if (entries.has(technique)) continue;
      const v = claimValidation(tests, policy);
      if (v) out.push(...judged(c, technique, undefined, v, policy, file));
    }
  }
  if (untested.length > UNTESTED_LISTED) {
    const named = untested.slice(0, 3).map((u) => `${excerpt(u.control)} ${u.technique}`).join(', ');
    const range = inventory.formatVersion?.range ?? { start: inventory.range.start, end: inventory.range.start };
    out.push(diag('assurance.untested-summary', `${untested.length} technique claims have no test recorded (validated:) on or before ${policy.asOf ?? 'today'}: ${named}, …; they are untested (docs/assurance.md)`, range, file, { count: untested.length }));
  } else {
    for (const u of untested) {
      out.push(diag('assurance.untested', `${excerpt(u.control)}'s claim on ${u.technique} has no test recorded (validated:) on or before ${policy.asOf ?? 'today'}: it is untested`, u.range, file, { control: u.control, technique: u.technique }));
    }
  }
  return out;
}

function judged(c: Control, technique: string, level: string | undefined, v: ClaimValidation, policy: AssurancePolicy, file: string | undefined): Diagnostic[] {
  const latest = v.latest;
  const range = latest?.source?.range;
  if (!latest || !range) return [];
  const test = `${latest.method ?? 'test'} on ${latest.date}${latest.ref !== undefined ? ` (${excerpt(latest.ref)})` : ''}`;
  const data = { control: c.id, technique, date: latest.date, ...(latest.ref !== undefined ? { ref: excerpt(latest.ref) } : {}) };
  if (v.state === 'failed') {
    const claim = level !== undefined ? ` (${level})` : '';
    return [diag('assurance.failed', `${excerpt(c.id)}'s claim on ${technique}${claim} gives none: its latest test, ${test}, missed it; fix the control and re-test it, or lower the claim`, range, file, data)];
  }
  if (v.state === 'stale') {
    return [diag('assurance.stale', `${excerpt(c.id)}'s claim on ${technique} was last tested ${v.ageDays} days before ${policy.asOf ?? 'today'} (${test}): older than policy.validationMaxAge (${policy.maxAgeDays} days); re-test it`, range, file, { ...data, ageDays: v.ageDays, maxAgeDays: policy.maxAgeDays })];
  }
  return [];
}

function input(technique: string, v: Control['validated'][number] | Control['techniques'][number]['validated'][number], file: string | undefined): ValidationInput {
  return {
    technique, date: v.date.value, result: v.result.value,
    ...(v.method ? { method: v.method.value } : {}), ...(v.ref ? { ref: v.ref.value } : {}),
    ...(file !== undefined ? { source: { file, range: v.range } } : {}),
  };
}

/** The assurance policy of a model: its as-of date (the triage date) and max age. */
export function assurancePolicyOf(model: { readonly policy: { readonly validationMaxAge: { readonly value: number } } }, asOf: string | undefined): AssurancePolicy {
  return { ...(asOf !== undefined ? { asOf } : {}), maxAgeDays: model.policy.validationMaxAge.value };
}
