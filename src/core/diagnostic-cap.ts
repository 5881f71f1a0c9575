/**
 * At most a few hundred diagnostics per file, whatever produced them (syntax, schema, ATT&CK, cross-file, imports):
 * a hostile or broken file can yield 100,000, which nobody reads, the editor would hold on to, and every output
 * format would repeat. The most severe are kept, in document order within a severity, and one more diagnostic
 * says how many were left out.
 */
import type { Diagnostic, Severity } from './diagnostics';
import { ZERO_RANGE } from './diagnostics';

/** Most diagnostics listed for one file. */
export const MAX_DIAGNOSTICS_PER_FILE = 200;

/** The code of the diagnostic that stands for those left out. */
export const TOO_MANY_CODE = 'diagnostics.too-many';

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];
const RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, information: 2, hint: 3 };

type Omitted = Record<Severity, number>;

/**
 * The diagnostics of one file, at most `limit` of them plus one `diagnostics.too-many` when some were left out:
 * errors first, then warnings, …, each severity in document order; the kept ones are listed in document order, the
 * summary last. A summary from an earlier cap of the same file (its list grew since) is folded into the new one.
 * O(n log n).
 */
export function capDiagnostics(diagnostics: readonly Diagnostic[], limit = MAX_DIAGNOSTICS_PER_FILE): Diagnostic[] {
  const omitted: Omitted = { error: 0, warning: 0, information: 0, hint: 0 };
  const real: Diagnostic[] = [];
  let earlier: Diagnostic | undefined;
  for (const d of diagnostics) {
    if (d.code !== TOO_MANY_CODE) {
      real.push(d);
      continue;
    }
    earlier ??= d;
    for (const s of SEVERITIES) omitted[s] += Number((d.data?.omitted as Partial<Omitted> | undefined)?.[s] ?? 0);
  }
  if (real.length <= limit && earlier === undefined) return real;
  const order = real.map((d, i) => ({ d, i }));
  order.sort((a, b) => RANK[a.d.severity] - RANK[b.d.severity] || byPosition(a, b));
  const kept = order.slice(0, limit).sort(byPosition).map((x) => x.d);
  for (const { d } of order.slice(limit)) omitted[d.severity]++;
  const total = SEVERITIES.reduce((n, s) => n + omitted[s], 0);
  if (total === 0) return kept;
  return [...kept, summary(omitted, total, limit, kept[0]?.file ?? earlier?.file)];
}

/** Caps each file's diagnostics in a list that mixes files (the CLI's), keeping the files in their first order. */
export function capDiagnosticsPerFile(diagnostics: readonly Diagnostic[], limit = MAX_DIAGNOSTICS_PER_FILE): Diagnostic[] {
  const byFile = new Map<string | undefined, Diagnostic[]>();
  for (const d of diagnostics) {
    const list = byFile.get(d.file);
    if (list) list.push(d);
    else byFile.set(d.file, [d]);
  }
  return [...byFile.values()].flatMap((list) => capDiagnostics(list, limit));
}

function byPosition(a: { d: Diagnostic; i: number }, b: { d: Diagnostic; i: number }): number {
  const p = a.d.range.start;
  const q = b.d.range.start;
  return p.line - q.line || p.character - q.character || a.i - b.i;
}

function summary(omitted: Omitted, total: number, limit: number, file: string | undefined): Diagnostic {
  const severity = SEVERITIES.find((s) => omitted[s] > 0) ?? 'information';
  const nouns: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'hint' };
  const parts = SEVERITIES.filter((s) => omitted[s] > 0).map((s) => `${count(omitted[s])} ${nouns[s]}${omitted[s] === 1 ? '' : 's'}`);
  return {
    code: TOO_MANY_CODE,
    severity,
    message: `${count(total)} more problem${total === 1 ? '' : 's'} in this file not listed (${parts.join(', ')}): only ${limit} are shown, the most severe first; fix these and the rest appear`,
    range: ZERO_RANGE,
    ...(file !== undefined ? { file } : {}),
    data: { limit, omitted: { ...omitted }, total },
  };
}

const count = (n: number): string => n.toLocaleString('en-US');
