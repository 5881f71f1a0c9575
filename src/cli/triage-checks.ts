/**
 * The triage.* diagnostics `validate` reports for a model: its own decision table (`policy.decisionTable`: read
 * through the confined source, complete, monotone) always; the acceptances and assessments (ended, too long,
 * orphaned) when the ATT&CK data is there and the model and its inventories have no errors — they need the
 * analysis, which is one `analyseCoverage` (milliseconds; docs/triage.md), as `check` runs it.
 */
import type { AttackIndex } from '../core/attack/types';
import { analyseCoverage } from '../core/coverage/engine';
import { coverageInputFrom } from '../core/coverage/model-input';
import type { Diagnostic } from '../core/diagnostics';
import { hasErrors } from '../core/diagnostics';
import type { FileSource } from '../core/files/source';
import type { ResolvedImports } from '../core/import/index';
import type { ControlInventory, ThreatModel } from '../core/model/types';
import { triageDiagnostics } from '../core/triage/diagnostics';
import { prepareDecisionTable } from '../core/triage/prepare';
import { NO_TRIAGE_INPUT } from '../core/triage/triage';

export interface TriageCheckRequest {
  readonly model: ThreatModel;
  readonly source: FileSource;
  /** The model's inventories that parsed. */
  readonly inventories: readonly ControlInventory[];
  /** Undefined without ATT&CK data: only the decision table is checked. */
  readonly index?: AttackIndex;
  readonly imports?: ResolvedImports;
  /** The diagnostics found so far on the model, its inventories and imports: with an error the analysis is skipped. */
  readonly found: readonly Diagnostic[];
  /** --as-of, and today (the triage date when neither --as-of nor policy.asOf is given). */
  readonly asOf?: string;
  readonly today: string;
}

/** The table's diagnostics, then (when the analysis can run) the acceptance and assessment findings. */
export async function triageChecks(req: TriageCheckRequest): Promise<Diagnostic[]> {
  const table = await prepareDecisionTable(req.model, req.source);
  const out = [...table.diagnostics];
  if (!req.index || hasErrors(req.found) || hasErrors(out)) return out;
  const input = coverageInputFrom(req.model, req.inventories, req.imports, {
    ...(req.asOf !== undefined ? { asOf: req.asOf } : {}),
    today: req.today,
    ...(table.table ? { table: table.table } : {}),
  });
  out.push(...triageDiagnostics(req.model, analyseCoverage(req.index, input), input.triage ?? NO_TRIAGE_INPUT));
  return out;
}
