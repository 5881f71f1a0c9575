/**
 * What every report needs besides the engine's result: which model it is about, where files are relative
 * to, and the diagnostics found while reading the model. Shared helpers for turning evidence into words.
 */
import type { Diagnostic } from '../diagnostics';
import type { CoverageResult, SourceRef, TechniqueResult } from '../coverage/types';
import { listSome } from '../text/safe-text';

export interface ReportContext {
  readonly result: CoverageResult;
  /** The model's `name`, else its file name. */
  readonly modelName: string;
  /** The model file as given (absolute or relative). */
  readonly modelFile: string;
  /** Paths in reports are written relative to this directory (the working directory for the CLI). */
  readonly baseDir: string;
  readonly diagnostics: readonly Diagnostic[];
  /** Tool version for SARIF and layer metadata. */
  readonly toolVersion: string;
}

/** A path relative to baseDir with forward slashes, the way reports and SARIF want it. */
export function relativePath(baseDir: string, file: string): string {
  const norm = (p: string) => p.replace(/\\/g, '/').replace(/\/+$/, '');
  const base = norm(baseDir);
  const target = norm(file);
  if (!target.startsWith('/') && !/^[A-Za-z]:\//.test(target)) return target;
  const baseParts = base.split('/');
  const targetParts = target.split('/');
  let common = 0;
  while (common < baseParts.length && common < targetParts.length && baseParts[common] === targetParts[common]) common++;
  if (common === 0) return target;
  return [...baseParts.slice(common).map(() => '..'), ...targetParts.slice(common)].join('/') || '.';
}

/** `file:line` (1-based) of a source reference. */
export function sourceLabel(baseDir: string, source: SourceRef | undefined): string | undefined {
  return source ? `${relativePath(baseDir, source.file)}:${source.range.start.line + 1}` : undefined;
}

/** The entry that brought a technique into the adversary set: the first adversary with a source. */
export function originOf(t: TechniqueResult): SourceRef | undefined {
  return t.adversaries.find((a) => a.source)?.source;
}

/** How many adversaries a sentence names before "and N more" (the JSON report lists every one). */
export const ADVERSARY_WORDS_LIMIT = 10;

/** "FIN7, Scattered Spider (via Mimikatz S0002)": who uses the technique, and how. */
export function adversaryWords(t: TechniqueResult, limit = ADVERSARY_WORDS_LIMIT): string {
  const shown = t.adversaries
    .slice(0, limit)
    .map((a) => (a.via === 'software' && a.software ? `${a.label} (via ${listSome(a.softwareNames ?? a.software, limit)})` : a.label));
  const more = t.adversaries.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}

/** One sentence on a gap, as the Problems panel and SARIF show it. */
export function gapSentence(t: TechniqueResult, minCoverage: string): string {
  return `Gap: ${t.id} ${t.name} is used by ${adversaryWords(t)} and coverage is ${componentWords(t)} (policy ${minCoverage}).`;
}

/** Components a technique applies to with their coverage: "k8s none, laptops partial". */
export function componentWords(t: TechniqueResult): string {
  return t.components.map((c) => (c.component === '*' ? c.coverage : `${c.component} ${c.coverage}`)).join(', ');
}

/** Tactic shortnames → names in matrix order. */
export function tacticNames(result: CoverageResult, t: TechniqueResult): string[] {
  const names = new Map(result.tactics.map((x) => [x.shortname, x.name]));
  return t.tactics.map((s) => names.get(s) ?? s);
}

export function gapsInPriorityOrder(result: CoverageResult): TechniqueResult[] {
  const byId = new Map(result.techniques.map((t) => [t.id, t]));
  return result.prioritizedGaps.flatMap((id) => byId.get(id) ?? []);
}
