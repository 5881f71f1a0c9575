/** The Markdown report's assurance section (see assurance-words.ts); every string escaped. */
import { mdCode, mdLink, mdText as md } from '../text/markdown';
import type { ReportContext } from './context';
import { relativePath } from './context';
import { ATOMIC_TECHNIQUES_LIMIT, assuranceHeadline, atomicCandidates, atomicWords, claimStateWords, testedClaims, testWords } from './assurance-words';

export function assuranceSection(ctx: ReportContext): string[] {
  const { result } = ctx;
  const out = ['## Assurance: claimed vs validated', '', md(assuranceHeadline(result)), ''];
  const rows = testedClaims(result);
  if (rows.length > 0) {
    out.push('| Claim | Technique | State | Latest test | Where |', '|---|---|---|---|---|');
    for (const r of rows) {
      const where = r.source ? mdCode(`${relativePath(ctx.baseDir, r.source.file)}:${r.source.range.start.line + 1}`) : '–';
      out.push(`| ${md(r.control)} on ${md(r.components.join(', '))} | ${mdLink(r.technique.id, r.technique.url)} ${md(r.technique.name)} | ${md(claimStateWords(r))} | ${md(testWords(r.validation))} | ${where} |`);
    }
    out.push('');
  } else {
    out.push(md('No claim has a test recorded (validated: in the inventories).'), '');
  }
  const a = result.assurance.atomics;
  if (a) {
    const candidates = atomicCandidates(result);
    out.push(`### Ways to validate: Atomic Red Team (${a.files} technique files, ${a.tests} tests)`, '');
    if (candidates.length === 0) out.push('No covered or gap technique without a validated claim has atomic tests for its components.', '');
    else {
      out.push('Gaps (most urgent first) and covered techniques whose claims are not validated, with the atomic tests that run on their components:', '');
      for (const t of candidates.slice(0, ATOMIC_TECHNIQUES_LIMIT)) out.push(`- ${mdLink(t.id, t.url)} ${md(t.name)} (${md(t.state)}${t.assurance ? `, ${md(t.assurance.state)}` : ''}): ${md(atomicWords(t.atomics!))}`);
      if (candidates.length > ATOMIC_TECHNIQUES_LIMIT) out.push(`- … and ${candidates.length - ATOMIC_TECHNIQUES_LIMIT} more techniques (all of them: ${md('--format json, atomics')})`);
      out.push('');
    }
  }
  return out;
}
