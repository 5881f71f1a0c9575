/**
 * The lines a hover card adds about assurance (docs/assurance.md): claimed vs validated, each tested claim with its
 * latest test, and the Atomic Red Team tests that would validate the technique on its components. Text from the
 * model and the atomics files is escaped (text/markdown.ts).
 */
import type { TechniqueResult } from '../coverage/types';
import { mdText } from '../text/markdown';

/** Atomic tests named in a hover; the rest are counted. */
export const HOVER_ATOMICS = 8;

const STATE_WORDS = { failed: 'failed', stale: 'stale', untested: 'untested', validated: 'validated' } as const;

export function assuranceHoverLines(t: TechniqueResult): string[] {
  const out: string[] = [];
  if (t.assurance) {
    out.push(`- Validated: **${STATE_WORDS[t.assurance.state]}** (${t.assurance.tested} of ${t.assurance.claims} claim${t.assurance.claims === 1 ? '' : 's'} tested)`);
    const seen = new Set<string>();
    for (const c of t.components) {
      for (const e of c.controls) {
        const v = e.validation;
        if (!v || seen.has(e.control)) continue;
        seen.add(e.control);
        const latest = v.latest ? `${v.latest.method ?? 'test'} on ${v.latest.date}${v.latest.ref !== undefined ? ` (${v.latest.ref})` : ''}: ${v.latest.result}` : 'no test on or before the as-of date';
        const cap = v.state === 'failed' && e.claimed ? `, gives none (claimed ${e.claimed})` : '';
        out.push(`  - ${mdText(e.control)}: ${v.state}${cap}; latest ${mdText(latest)}`);
      }
    }
  }
  const a = t.atomics;
  if (a) {
    const count = a.options.length + (a.more ?? 0);
    out.push(`- Atomic Red Team: ${count} test${count === 1 ? '' : 's'} for these components (${a.total} in all)${count > 0 ? ':' : ''}`);
    for (const o of a.options.slice(0, HOVER_ATOMICS)) out.push(`  - ${mdText(o.name)} (${mdText(o.platforms.join(', '))} · ${mdText(o.components.join(', '))})`);
    if (count > HOVER_ATOMICS) out.push(`  - … and ${count - HOVER_ATOMICS} more`);
  }
  return out;
}
