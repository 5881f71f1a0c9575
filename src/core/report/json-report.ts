/**
 * `--format json`: the stable machine interface. One entry per live technique with its state and all
 * evidence — for gaps and accepted techniques also the triage (every decision point with its value, evidence and
 * override, the outcome and path, Top Techniques scores) and the mitigations that would close it; accepted ones
 * carry their acceptance. Top level: the triage table and date, the next best mitigations with running totals, the
 * accepted techniques. Positions are 1-based `{file, line, column}` with files relative to the base directory.
 * Field names only ever get added, never renamed (`formatVersion` changes if that rule is broken).
 */
import { ruleJson } from './rule-evidence';
import { formatDiagnostic } from '../diagnostics';
import type { ComponentEvidence, SourceRef, TechniqueResult } from '../coverage/types';
import { gapSeverity } from '../coverage/priority';
import { DECISION_POINT_NAMES } from '../triage/decision-table';
import type { MitigationOption } from '../triage/mitigations';
import type { TriageResult } from '../triage/types';
import type { ReportContext } from './context';
import { relativePath } from './context';
import { acceptedInOrder, nextBestRows } from './triage-words';

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
    ...(t.triage ? { triage: triage(t.triage) } : {}),
    ...(t.acceptance ? {
      acceptance: { reason: t.acceptance.reason, owner: t.acceptance.owner, until: t.acceptance.until, ...(t.acceptance.ref !== undefined ? { ref: t.acceptance.ref } : {}), ...loc(t.acceptance.source) },
    } : {}),
    ...(t.mitigations ? { mitigations: t.mitigations.map(mitigation) } : {}),
    ...(t.assurance ? { assurance: t.assurance } : {}),
    ...(t.atomics ? { atomics: t.atomics } : {}),
    evidence: {
      adversaries: t.adversaries.map((a) => ({ label: a.label, via: a.via, ...(a.software ? { software: a.software } : {}), ...loc(a.source) })),
      components: t.components.map((c: ComponentEvidence) => ({
        id: c.component,
        coverage: c.coverage,
        platforms: c.platforms,
        assets: c.assets,
        controls: c.controls.map((k) => ({
          id: k.control, level: k.level, via: k.via, from: k.from, capped: k.capped, ...loc(k.source),
          ...(k.rules ? { rules: k.rules.map((r) => ruleJson(ctx.baseDir, r)), ruleCount: k.ruleCount ?? k.rules.length } : {}),
          // Assurance (docs/assurance.md): absent validation = untested; claimed = the level before a missed test's cap.
          ...(k.claimed ? { claimed: k.claimed } : {}),
          ...(k.validation ? { validation: {
            state: k.validation.state,
            ...(k.validation.ageDays !== undefined ? { ageDays: k.validation.ageDays } : {}),
            tests: k.validation.tests.map((v) => ({ date: v.date, ...(v.method ? { method: v.method } : {}), ...(v.ref !== undefined ? { ref: v.ref } : {}), result: v.result, technique: v.technique, ...loc(v.source) })),
            ...(k.validation.moreTests ? { moreTests: k.validation.moreTests } : {}),
            ...(k.validation.future ? { future: k.validation.future } : {}),
          } } : {}),
        })),
        ...(c.moreControls ? { moreControls: c.moreControls } : {}),
      })),
    },
    url: t.url,
  });
  /** Every decision point with its value, evidence and the model's override; the outcome, the path, Top Techniques. */
  const triage = (r: TriageResult) => ({
    outcome: r.outcome,
    path: r.path,
    ...Object.fromEntries(DECISION_POINT_NAMES.map((p) => {
      const point = r[p];
      return [p, {
        value: point.value,
        evidence: point.evidence,
        ...(point.more ? { more: point.more } : {}),
        ...(point.assessed ? { assessed: { computed: point.assessed.computed, reason: point.assessed.reason, ...loc(point.assessed.source) } } : {}),
      }];
    })),
    ...(r.top ? { top: r.top } : {}),
  });
  const mitigation = (m: MitigationOption) => ({
    id: m.id,
    name: m.name,
    action: m.action,
    uses: m.uses.map((u) => ({ control: u.control, status: u.status, level: u.level, missing: u.missing, ...loc(u.source) })),
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
    triage: result.triage,
    assurance: result.assurance,
    nextBest: {
      picks: nextBestRows(result).map((r) => ({ ...r.pick, cumulative: r.cumulative, remaining: r.remaining })),
      remaining: result.nextBest.remaining,
      unmitigable: result.nextBest.unmitigable,
    },
    acceptedTechniques: acceptedInOrder(result).map((t) => t.id),
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
