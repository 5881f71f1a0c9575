/**
 * What a check needs for triage before the analysis: the model's own decision table, read through the same confined
 * source as every other file the model names, with its diagnostics on the `policy.decisionTable` line.
 */
import type { Diagnostic } from '../diagnostics';
import type { FileSource } from '../files/source';
import { refusalDiagnostic } from '../files/refusal';
import type { ThreatModel } from '../model/types';
import { resolveReference } from '../validation/paths';
import type { DecisionTable } from './decision-table';
import { tableDiagnostics } from './diagnostics';
import { readDecisionTableFile } from './table-file';

export interface PreparedTable {
  /** The model's table when it names a usable one; undefined: the shipped table. */
  readonly table?: DecisionTable;
  /** The table file, when the model names one (an input of the check: editing it changes the result). */
  readonly file?: string;
  readonly diagnostics: readonly Diagnostic[];
}

/** Reads `policy.decisionTable` of `model` (nothing to read when it names none). */
export async function prepareDecisionTable(model: ThreatModel, source: FileSource): Promise<PreparedTable> {
  const written = model.policy.decisionTable;
  if (!written || model.file === undefined) return { diagnostics: [] };
  const file = resolveReference(model.file, written.value);
  const read = await source(file, { role: 'yaml', confined: true });
  if (read.kind === 'refused') {
    return { file, diagnostics: [refusalDiagnostic({ file: model.file, range: written.range, written: written.value, resolved: file, what: 'decision table' }, read.refusal)] };
  }
  if (read.kind === 'missing') {
    return {
      file,
      diagnostics: tableDiagnostics([{ kind: 'invalid', message: 'the file does not exist' }], false, written.range, model.file),
    };
  }
  const { table, problems } = readDecisionTableFile(read.text);
  return { ...(table ? { table } : {}), file, diagnostics: tableDiagnostics(problems, table !== undefined, written.range, model.file) };
}
