/**
 * The assurance section of the reports (docs/assurance.md): claimed vs validated on the as-of date, every failed
 * and stale claim with its latest test and line, and for covered and gap techniques that are not validated the
 * Atomic Red Team tests that would validate them on their components. Words only; the Markdown and text reports
 * format them (every string escaped there).
 */
import type { ClaimValidation, TechniqueAtomics } from '../assurance/types';
import type { CoverageResult, Level, SourceRef, TechniqueResult } from '../coverage/types';
import { gapsInPriorityOrder } from './context';

/** One control's claim on one technique, with the components it was seen on. */
export interface ClaimRow {
  readonly control: string;
  readonly technique: TechniqueResult;
  readonly claimed: Level;
  readonly validation: ClaimValidation;
  readonly components: readonly string[];
  readonly source?: SourceRef;
}

/** Techniques listed with their atomic tests in a report; the rest are counted. */
export const ATOMIC_TECHNIQUES_LIMIT = 50;
/** Atomic tests named per technique in a report. */
export const ATOMIC_NAMES_LIMIT = 3;

/** Every tested claim, failed first, then stale, then validated; by technique ID, then control. */
export function testedClaims(result: CoverageResult): ClaimRow[] {
  const rows = new Map<string, { row: ClaimRow; components: string[] }>();
  for (const t of result.techniques) {
    for (const c of t.components) {
      for (const e of c.controls) {
        if (!e.validation) continue;
        const key = `${e.control}\0${t.id}`;
        const known = rows.get(key);
        if (known) known.components.push(c.component);
        else {
          const components = [c.component];
          rows.set(key, { components, row: { control: e.control, technique: t, claimed: e.claimed ?? e.level, validation: e.validation, components, ...(e.validation.latest?.source ? { source: e.validation.latest.source } : {}) } });
        }
      }
    }
  }
  const order = { failed: 0, stale: 1, untested: 2, validated: 3 } as const;
  return [...rows.values()].map((r) => r.row).sort((a, b) => order[a.validation.state] - order[b.validation.state] || (a.technique.id < b.technique.id ? -1 : a.technique.id > b.technique.id ? 1 : 0) || (a.control < b.control ? -1 : 1));
}

/** "as of 2026-12-03, tests up to 180 days old count: 8 validated · 1 stale · 268 untested · 1 failed (claimed techniques)". */
export function assuranceHeadline(result: CoverageResult): string {
  const a = result.summary.assurance;
  const when = result.assurance.asOf !== undefined ? `as of ${result.assurance.asOf}` : 'with no as-of date';
  return `${when}, tests up to ${result.assurance.maxAgeDays} days old count: ${a.validated} validated · ${a.stale} stale · ${a.untested} untested · ${a.failed} failed (of ${a.validated + a.stale + a.untested + a.failed} claimed techniques)`;
}

/** "pentest on 2026-11-20 (PEN-2026-11): missed, 13 days before the as-of date". */
export function testWords(v: ClaimValidation): string {
  const t = v.latest;
  if (!t) return v.future ? `${v.future} test(s) after the as-of date only` : 'no test';
  const age = v.ageDays !== undefined ? `, ${v.ageDays} days old` : '';
  const more = v.tests.length + (v.moreTests ?? 0) > 1 ? ` (${v.tests.length + (v.moreTests ?? 0)} tests in all)` : '';
  return `${t.method ?? 'test'} on ${t.date}${t.ref !== undefined ? ` (${t.ref})` : ''}: ${t.result}${age}${more}`;
}

/** What a claim's state means, for a row. */
export function claimStateWords(row: ClaimRow): string {
  switch (row.validation.state) {
    case 'failed': return `failed: gives none (claimed ${row.claimed})`;
    case 'stale': return 'stale: re-test';
    case 'validated': return 'validated';
    default: return 'untested';
  }
}

/** Covered and gap techniques that are not validated and have atomic tests for their components: gaps first by priority, then covered by ID. */
export function atomicCandidates(result: CoverageResult): TechniqueResult[] {
  const wanted = (t: TechniqueResult) => t.atomics !== undefined && t.atomics.options.length > 0 && t.assurance?.state !== 'validated';
  const gaps = gapsInPriorityOrder(result).filter(wanted);
  const covered = result.techniques.filter((t) => t.state === 'covered' && wanted(t));
  return [...gaps, ...covered];
}

/** "4 tests for laptops: Mimikatz, PowerShell download cradle, … (+1)". */
export function atomicWords(a: TechniqueAtomics): string {
  const count = a.options.length + (a.more ?? 0);
  const components = [...new Set(a.options.flatMap((o) => o.components))];
  const names = a.options.slice(0, ATOMIC_NAMES_LIMIT).map((o) => o.name);
  const rest = count - names.length;
  return `${count} test(s) for ${components.join(', ')}: ${names.join('; ')}${rest > 0 ? `; … (+${rest})` : ''}`;
}
