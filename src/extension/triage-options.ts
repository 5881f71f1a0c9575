/**
 * The triage options of a threat model in the editor, in one place for every caller (language features, the gap
 * check, the heatmap): today's date (UTC) as the triage date unless the model sets `policy.asOf`, the model's own
 * decision table (`policy.decisionTable`, read through the same confined source as every other file the model
 * names), and the CTID Top ATT&CK Techniques scores of the file the setting `threatOverlap.triage.topTechniques`
 * names. That path is the user's choice, like the ATT&CK data path: read as a regular file within the import cap,
 * not confined to the workspace, and taken from workspace settings only in a trusted workspace.
 */
import { stat } from 'node:fs/promises';
import * as vscode from 'vscode';
import { trustedSettingPath } from './setting-path';
import type { AttackIndex } from '../core/attack/types';
import type { TriageOptions } from '../core/coverage/model-input';
import type { Diagnostic } from '../core/diagnostics';
import { readConfinedText } from '../core/files/read-file';
import type { FileSource } from '../core/files/source';
import { limitsFor } from '../core/files/source';
import type { ThreatModel } from '../core/model/types';
import { excerptPath } from '../core/text/safe-text';
import { todayUtc } from '../core/triage/dates';
import type { PreparedTable } from '../core/triage/prepare';
import { prepareDecisionTable } from '../core/triage/prepare';
import { readTopTechniques, TopTechniquesError } from '../core/triage/top-techniques';
import type { TopScores } from '../core/triage/types';
import { atomicsFromSettings } from './assurance-options';

export const TRIAGE_SECTION = 'threatOverlap.triage';
export const TOP_TECHNIQUES_SETTING = `${TRIAGE_SECTION}.topTechniques`;
export const SHOW_TRACK_SETTING = `${TRIAGE_SECTION}.showTrack`;

/** What `editorTriageOptions` gives a caller. */
export interface EditorTriage {
  /** For `coverageInputFrom(model, inventories, imports, options)`: `today`, the model's table, Top Techniques scores. */
  readonly options: TriageOptions;
  /** triage.table-invalid / -not-monotone (and a refusal) on the model's `policy.decisionTable` line. */
  readonly diagnostics: readonly Diagnostic[];
  /** The files read for the options (the model's table, the Top Techniques file): edits to them change the result. */
  readonly files: readonly string[];
  /** Why the Top Techniques setting gave no scores (in our words, never the file's text); undefined when unset or used. */
  readonly topProblem?: string;
}

/**
 * The triage options of `model` in the editor: today = todayUtc(), the table through `source` (the extension's
 * confined source, open documents first), Top Techniques scores mapped onto `index` (the model's release).
 * Results are memoised: the same table text and Top Techniques file give the same objects (callers memoise on them).
 */
export async function editorTriageOptions(model: ThreatModel, source: FileSource, index: AttackIndex): Promise<EditorTriage> {
  const [table, top, atomics] = await Promise.all([modelTable(model, source), topTechniquesFromSettings(), atomicsFromSettings()]);
  const scores = top?.scoresFor(index);
  const files = [...(table.file !== undefined ? [table.file] : []), ...(top ? [top.file] : [])];
  const topProblem = top?.problem ?? scores?.problem;
  return {
    options: { today: todayUtc(), ...(table.table ? { table: table.table } : {}), ...(scores?.scores ? { top: scores.scores } : {}), ...(atomics.catalogue ? { atomics: atomics.catalogue } : {}) },
    diagnostics: table.diagnostics,
    files,
    ...(topProblem !== undefined ? { topProblem } : {}),
  };
}

/** The Top Techniques file of the setting, read (or refused) once per version of the file on disk. */
export interface TopTechniquesFile {
  readonly file: string;
  /** The file could not be read: why. */
  readonly problem?: string;
  /** The scores on a release (memoised per index); `problem` when the file is not the Top Techniques data. */
  scoresFor(index: AttackIndex): { scores?: ReadonlyMap<string, TopScores>; problem?: string };
}

let topCache: { key: string; value: TopTechniquesFile } | undefined;

/** The file `threatOverlap.triage.topTechniques` names, read; undefined when the setting is empty. */
export async function topTechniquesFromSettings(): Promise<TopTechniquesFile | undefined> {
  const file = topTechniquesPath();
  if (file === undefined) return undefined;
  const s = await stat(file).catch(() => undefined);
  const key = `${file}\0${s?.size ?? -1}\0${s?.mtimeMs ?? -1}`;
  if (topCache?.key === key) return topCache.value;
  const where = `${TOP_TECHNIQUES_SETTING} ${excerptPath(file)}`;
  const read = await readConfinedText(file, limitsFor('import'));
  const text = read.kind === 'text' ? read.text : undefined;
  const problem = read.kind === 'missing' ? `${where}: no such file` : read.kind === 'refused' ? `${where} ${read.refusal.detail}: not read` : undefined;
  const byIndex = new WeakMap<AttackIndex, { scores?: ReadonlyMap<string, TopScores>; problem?: string }>();
  const value: TopTechniquesFile = {
    file,
    ...(problem !== undefined ? { problem } : {}),
    scoresFor(index) {
      if (text === undefined) return {};
      let scores = byIndex.get(index);
      if (!scores) {
        try {
          scores = { scores: readTopTechniques(text, index).scores };
        } catch (e) {
          if (!(e instanceof TopTechniquesError)) throw e;
          scores = { problem: `${where}: ${e.message}` };
        }
        byIndex.set(index, scores);
      }
      return scores;
    },
  };
  topCache = { key, value };
  return value;
}

/** The setting's path (trustedSettingPath). */
export function topTechniquesPath(): string | undefined {
  return trustedSettingPath(TRIAGE_SECTION, 'topTechniques');
}

/** Whether Track gaps are listed in the Problems panel (as information) instead of hints. */
export function showTrackGaps(): boolean {
  return vscode.workspace.getConfiguration(TRIAGE_SECTION).get<boolean>('showTrack', false) === true;
}

const tableCache = new Map<string, PreparedTable>();
const TABLE_CACHE_SIZE = 16;

/** The model's table; the same file text gives the same PreparedTable object (so memos keyed on it hold). */
async function modelTable(model: ThreatModel, source: FileSource): Promise<PreparedTable> {
  if (!model.policy.decisionTable) return NO_TABLE;
  let text: string | undefined;
  const recording: FileSource = async (file, request) => {
    const read = await source(file, request);
    text = read.kind === 'text' ? read.text : `\0${read.kind}`;
    return read;
  };
  const prepared = await prepareDecisionTable(model, recording);
  const key = `${model.file ?? ''}\0${model.policy.decisionTable.value}\0${JSON.stringify(model.policy.decisionTable.range)}\0${text ?? ''}`;
  const known = tableCache.get(key);
  if (known) return known;
  if (tableCache.size >= TABLE_CACHE_SIZE) tableCache.delete(tableCache.keys().next().value!);
  tableCache.set(key, prepared);
  return prepared;
}

const NO_TABLE: PreparedTable = { diagnostics: [] };
