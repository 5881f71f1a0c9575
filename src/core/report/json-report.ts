/**
 * `--format json`: the stable machine interface. One entry per live technique with its state and all
 * evidence; positions are 1-based `{file, line, column}` with files relative to the base directory.
 * Field names only ever get added, never renamed (`formatVersion` changes if that rule is broken).
 */
import { formatDiagnostic } from '../diagnostics';
import type { ComponentEvidence, SourceRef, TechniqueResult } from '../coverage/types';
import { gapSeverity } from '../coverage/priority';
import type { ReportContext } from './context';
import { relativePath } from './context';

export const JSON_REPORT_FORMAT_VERSION = 1;

interface JsonLocation {
  file: string;
  line: number;
  column: number;
}

export function jsonReport(ctx: ReportContext): unknown {
  const { result } = ctx;
  const loc = (s: SourceRef | undefined): { location?: JsonLocation } =>
    s ? { location: { file: relativePath(ctx.baseDir, s.file), line: s.range.start.line + 1, column: s.range.start.character + 1 } } : {};
  const technique = (t: TechniqueResult) => ({
    id: t.id,
    name: t.name,
    tactics: t.tactics,
    subtechnique: t.isSubtechnique,
    ...(t.parentId ? { parent: t.parentId } : {}),
    platforms: t.platforms,
    adversary: t.adversary,
    applicable: t.applicable,
    coverage: t.coverage,
    state: t.state,
    ...(t.priority ? { priority: { rank: t.priority.rank, score: t.priority.score, severity: gapSeverity(t), reasons: t.priority.reasons } } : {}),
    ...(t.exclusion ? { exclusion: { reason: t.exclusion.reason, ...loc(t.exclusion.source) } } : {}),
    evidence: {
      adversaries: t.adversaries.map((a) => ({ label: a.label, via: a.via, ...(a.software ? { software: a.software } : {}), ...loc(a.source) })),
      components: t.components.map((c: ComponentEvidence) => ({
        id: c.component,
        coverage: c.coverage,
        platforms: c.platforms,
        assets: c.assets,
        controls: c.controls.map((k) => ({ id: k.control, level: k.level, via: k.via, from: k.from, capped: k.capped, ...loc(k.source) })),
        ...(c.moreControls ? { moreControls: c.moreControls } : {}),
      })),
    },
    url: t.url,
  });
  return {
    formatVersion: JSON_REPORT_FORMAT_VERSION,
    tool: { name: 'threat-overlap', version: ctx.toolVersion },
    model: { name: ctx.modelName, file: relativePath(ctx.baseDir, ctx.modelFile) },
    attack: { domain: result.domain, version: result.version },
    policy: { minCoverage: result.minCoverage },
    summary: result.summary,
    tactics: result.tactics,
    prioritizedGaps: result.prioritizedGaps,
    techniques: result.techniques.map(technique),
    diagnostics: ctx.diagnostics.map((d) => ({
      file: d.file ? relativePath(ctx.baseDir, d.file) : undefined,
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      severity: d.severity,
      code: d.code,
      message: d.message,
      text: formatDiagnostic(d, d.file ? relativePath(ctx.baseDir, d.file) : undefined),
    })),
  };
}
