/**
 * SARIF 2.1.0 for code-scanning tools: one result per gap (rule = the ATT&CK technique, so a result links to its
 * page and is tracked across runs), located on the model line that brought the technique in, with its triage
 * (sarif-triage.ts: level from the outcome, rank, decision path and points, Top Techniques, mitigations) and one
 * related location per adversary line; one result per accepted risk, suppressed with its justification; and one
 * result per diagnostic of the model (rule = the diagnostic code). Paths are relative to %SRCROOT%.
 * GitHub code scanning keeps at most 5,000 results and 10 tags per rule, so the report keeps the most urgent
 * results itself (gaps by priority, then diagnostics by severity, then accepted risks) and says how many it left out.
 */
import { ruleProperties } from './rule-evidence';
import type * as Sarif from 'sarif';
import type { Diagnostic, Range } from '../diagnostics';
import type { SourceRef, TechniqueResult } from '../coverage/types';
import { httpsUrl } from '../text/links';
import type { ReportContext } from './context';
import { gapSentence, gapsInPriorityOrder, originOf, relativePath } from './context';
import { acceptanceSuppression, adversaryLocations, mitigationProperties, sarifLevel, sarifRank, triageProperties } from './sarif-triage';
import { acceptedInOrder, mitigationWords, mitigationsByEffort } from './triage-words';

/** GitHub code scanning: results kept per run, tags kept per rule. */
export const SARIF_RESULT_LIMIT = 5000;
const TAG_LIMIT = 10;
const SEVERITY_ORDER = ['error', 'warning', 'information', 'hint'];

const level = (severity: string): 'error' | 'warning' | 'note' => (severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note');

function region(range: Range): Sarif.Region {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

export function sarifReport(ctx: ReportContext, limit = SARIF_RESULT_LIMIT): Sarif.Log {
  const { result } = ctx;
  const rules: Sarif.ReportingDescriptor[] = [];
  const ruleIndex = new Map<string, number>();
  const rule = (r: Sarif.ReportingDescriptor): number => {
    let i = ruleIndex.get(r.id);
    if (i === undefined) {
      i = rules.length;
      rules.push(r);
      ruleIndex.set(r.id, i);
    }
    return i;
  };
  const location = (file: string, range: Range | undefined, message?: string): Sarif.Location => ({
    physicalLocation: {
      artifactLocation: { uri: relativePath(ctx.baseDir, file), uriBaseId: 'SRCROOT' },
      ...(range ? { region: region(range) } : {}),
    },
    ...(message !== undefined ? { message: { text: message } } : {}),
  });
  const at = (source: SourceRef, message?: string) => location(source.file, source.range, message);
  const modelFile = ctx.modelFile;
  const techniqueRule = (t: TechniqueResult) => rule({
    id: t.id,
    name: t.name.replace(/[^A-Za-z0-9]+/g, ''),
    shortDescription: { text: `ATT&CK ${t.id} ${t.name}: relevant and not covered` },
    ...(httpsUrl(t.url) !== undefined ? { helpUri: httpsUrl(t.url) } : {}),
    defaultConfiguration: { level: 'warning' },
    properties: { tags: ['security', 'mitre-attack', ...t.tactics].slice(0, TAG_LIMIT) },
  });

  /** A gap, or an accepted risk (suppressed, a note of rank 0 while the acceptance holds). */
  const techniqueResult = (t: TechniqueResult): Sarif.Result => {
    const origin = originOf(t);
    const accepted = t.state === 'accepted';
    const related = adversaryLocations(t, at);
    const next = mitigationsByEffort(t)[0];
    const triage = t.triage ? ` Triage: ${t.triage.path}.` : '';
    const closes = next ? ` What closes it: ${mitigationWords(next)}.` : '';
    const acceptance = accepted && t.acceptance ? ` Risk accepted by ${t.acceptance.owner} until ${t.acceptance.until}.` : '';
    return {
      ruleId: t.id,
      ruleIndex: techniqueRule(t),
      level: accepted ? 'note' : sarifLevel(t),
      rank: accepted ? 0 : sarifRank(t.triage?.outcome ?? 'track', t.priority?.score ?? 0),
      message: { text: `${gapSentence(t, result.minCoverage)}${triage}${acceptance}${closes}` },
      locations: [location(origin?.file ?? modelFile, origin?.range)],
      ...(related.locations.length > 0 ? { relatedLocations: related.locations } : {}),
      partialFingerprints: { 'threatOverlapGap/v1': `${relativePath(ctx.baseDir, modelFile)}:${t.id}` },
      suppressions: accepted ? acceptanceSuppression(t, at) : [],
      properties: {
        state: t.state,
        priority: t.priority?.score ?? 0,
        rank: t.priority?.rank ?? 0,
        reasons: t.priority?.reasons ?? [],
        coverage: t.coverage,
        ...triageProperties(t, result.triage.table, result.triage.asOf),
        ...mitigationProperties(t),
        ...ruleProperties(ctx.baseDir, t),
        ...assuranceProperties(t),
        ...(related.omitted > 0 ? { relatedLocationsOmitted: related.omitted } : {}),
      },
    };
  };
  const diagnosticResult = (d: Diagnostic): Sarif.Result => ({
    ruleId: d.code,
    ruleIndex: rule({
      id: d.code,
      name: d.code.replace(/[^A-Za-z0-9]+/g, ''),
      shortDescription: { text: `Threat Overlap check ${d.code}` },
      defaultConfiguration: { level: level(d.severity) },
      properties: { tags: ['threat-model'] },
    }),
    level: level(d.severity),
    message: { text: d.message },
    locations: [location(d.file ?? modelFile, d.range)],
    suppressions: [],
  });

  const diagnostics = [...ctx.diagnostics].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
  const gaps = gapsInPriorityOrder(result);
  const accepted = acceptedInOrder(result);
  const all = gaps.length + diagnostics.length + accepted.length;
  // Rules are registered as results are made, so only the rules of kept results are listed. Every result carries
  // `suppressions` (empty when not suppressed): SARIF wants them all null or all non-null within a run.
  const kept = (n: number, before: number) => Math.max(0, Math.min(n, limit - before));
  const results = [
    ...gaps.slice(0, limit).map(techniqueResult),
    ...diagnostics.slice(0, kept(diagnostics.length, gaps.length)).map(diagnosticResult),
    ...accepted.slice(0, kept(accepted.length, gaps.length + diagnostics.length)).map(techniqueResult),
  ];
  const leftOut = all - results.length;
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'threat-overlap',
            version: ctx.toolVersion,
            rules,
          },
        },
        automationDetails: { id: `threat-overlap/${relativePath(ctx.baseDir, modelFile)}/` },
        invocations: [{
          executionSuccessful: true,
          ...(leftOut > 0 ? {
            toolExecutionNotifications: [{
              level: 'warning',
              message: { text: `${leftOut} of ${all} results left out: code scanning keeps ${limit} per run (the most urgent are kept; use --format json for all)` },
            }],
          } : {}),
        }],
        properties: {
          decisionTable: result.triage.table,
          ...(result.triage.asOf !== undefined ? { asOf: result.triage.asOf } : {}),
          outcomes: result.summary.outcomes,
          accepted: result.summary.accepted,
          assurance: { ...result.assurance, claimed: result.summary.assurance },
        },
        results,
      },
    ],
  };
}

/** Claimed vs validated in a gap's property bag: the technique's state, tested claims, the atomic tests to run. */
function assuranceProperties(t: TechniqueResult): Record<string, unknown> {
  const claims = t.components.flatMap((c) => c.controls.filter((e) => e.validation).map((e) => ({
    control: e.control, component: c.component, state: e.validation!.state, ...(e.claimed ? { claimed: e.claimed } : {}),
    ...(e.validation!.latest ? { latest: { date: e.validation!.latest.date, method: e.validation!.latest.method, ref: e.validation!.latest.ref, result: e.validation!.latest.result } } : {}),
  })));
  return {
    ...(t.assurance ? { assurance: { ...t.assurance, ...(claims.length > 0 ? { tested: claims } : {}) } } : {}),
    ...(t.atomics ? { atomicTests: { total: t.atomics.total, options: t.atomics.options.map((o) => ({ name: o.name, guid: o.guid, components: o.components })), ...(t.atomics.more ? { more: t.atomics.more } : {}) } } : {}),
  };
}
