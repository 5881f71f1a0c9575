/**
 * SARIF 2.1.0 for code-scanning tools: one result per gap (rule = the ATT&CK technique, so a result links to
 * its page and is tracked across runs), located on the model line that brought the technique in, plus one
 * result per diagnostic of the model (rule = the diagnostic code). Paths are relative to %SRCROOT%.
 * GitHub code scanning keeps at most 5,000 results and 10 tags per rule, so the report keeps the most urgent
 * results itself (gaps by priority, then diagnostics by severity) and says how many it left out.
 */
import type { Diagnostic, Range } from '../diagnostics';
import { gapSeverity } from '../coverage/priority';
import type { TechniqueResult } from '../coverage/types';
import { httpsUrl } from '../text/links';
import type { ReportContext } from './context';
import { gapSentence, gapsInPriorityOrder, originOf, relativePath } from './context';

type SarifLevel = 'error' | 'warning' | 'note';

/** GitHub code scanning: results kept per run, tags kept per rule. */
export const SARIF_RESULT_LIMIT = 5000;
const TAG_LIMIT = 10;
const SEVERITY_ORDER = ['error', 'warning', 'information', 'hint'];

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  helpUri?: string;
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[] };
}

const level = (severity: string): SarifLevel => (severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note');

function region(range: Range) {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

export function sarifReport(ctx: ReportContext, limit = SARIF_RESULT_LIMIT): unknown {
  const rules: SarifRule[] = [];
  const ruleIndex = new Map<string, number>();
  const rule = (r: SarifRule): number => {
    let i = ruleIndex.get(r.id);
    if (i === undefined) {
      i = rules.length;
      rules.push(r);
      ruleIndex.set(r.id, i);
    }
    return i;
  };
  const location = (file: string, range: Range | undefined) => ({
    physicalLocation: {
      artifactLocation: { uri: relativePath(ctx.baseDir, file), uriBaseId: 'SRCROOT' },
      ...(range ? { region: region(range) } : {}),
    },
  });
  const modelFile = ctx.modelFile;

  const gapResult = (t: TechniqueResult) => {
    const severity = gapSeverity(t);
    const origin = originOf(t);
    return {
      ruleId: t.id,
      ruleIndex: rule({
        id: t.id,
        name: t.name.replace(/[^A-Za-z0-9]+/g, ''),
        shortDescription: { text: `ATT&CK ${t.id} ${t.name}: relevant and not covered` },
        ...(httpsUrl(t.url) !== undefined ? { helpUri: httpsUrl(t.url) } : {}),
        defaultConfiguration: { level: 'warning' },
        properties: { tags: ['security', 'mitre-attack', ...t.tactics].slice(0, TAG_LIMIT) },
      }),
      level: level(severity),
      message: {
        text: gapSentence(t, ctx.result.minCoverage),
      },
      locations: [location(origin?.file ?? modelFile, origin?.range)],
      partialFingerprints: { 'threatOverlapGap/v1': `${relativePath(ctx.baseDir, modelFile)}:${t.id}` },
      properties: { priority: t.priority?.score ?? 0, rank: t.priority?.rank ?? 0, reasons: t.priority?.reasons ?? [], coverage: t.coverage },
    };
  };
  const diagnosticResult = (d: Diagnostic) => ({
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
  });

  const diagnostics = [...ctx.diagnostics].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
  const gaps = gapsInPriorityOrder(ctx.result);
  const all = gaps.length + diagnostics.length;
  // Rules are registered as results are made, so only the rules of kept results are listed.
  const results = [...gaps.slice(0, limit).map(gapResult), ...diagnostics.slice(0, Math.max(0, limit - gaps.length)).map(diagnosticResult)];
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
        results,
      },
    ],
  };
}
