/**
 * Runs gap checks in the editor with the same core as the CLI (checkModel): ATT&CK data from the data service,
 * open documents before files on disk. Keeps the Problems entries of every model checked and re-runs a model's
 * check when it or one of its control inventories is saved.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { AttackDataError } from '../../core/attack/types';
import type { CheckOutcome } from '../../core/check/check-model';
import { checkModel } from '../../core/check/check-model';
import { ModelFileError } from '../../core/check/model-files';
import type { AttackDataService } from '../attack-data/service';
import { Disposable } from '../dispose';
import { gapDiagnostics } from './gap-diagnostics';
import type { FileAccess } from '../file-access';
import { nextTurn } from '../next-turn';

/** What one model's check came to; commands return a list of these (the integration suite asserts on them). */
export interface GapCheckSummary {
  readonly model: string;
  readonly status: 'analysed' | 'invalid' | 'no-data' | 'unreadable';
  readonly message?: string;
  readonly summary?: { adversary: number; relevant: number; covered: number; gaps: number };
  /** Gap technique IDs, most urgent first. */
  readonly gaps?: readonly string[];
  readonly errors?: number;
}

export interface CheckedModel {
  readonly summary: GapCheckSummary;
  readonly outcome?: CheckOutcome;
}

export class GapChecker extends Disposable {
  private readonly collection = this.disposables.add(vscode.languages.createDiagnosticCollection('threat-overlap-gaps'));
  /** Model file → the gap diagnostics of its last check per file, and the files that check read. */
  private readonly checked = new Map<string, { byFile: Map<string, vscode.Diagnostic[]>; inputs: string[] }>();
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly data: AttackDataService, private readonly files: FileAccess, private readonly toolVersion: string) {
    super();
    this.disposables.add(vscode.workspace.onDidSaveTextDocument((doc) => this.onSaved(doc.uri)));
    this.disposables.add({ dispose: () => this.pending.forEach((t) => clearTimeout(t)) });
  }

  /** The models (by path) whose last check read `file`. */
  modelsUsing(file: string): string[] {
    return [...this.checked].filter(([, v]) => v.inputs.includes(file)).map(([model]) => model);
  }

  async check(modelFile: string, token?: vscode.CancellationToken): Promise<CheckedModel> {
    const baseDir = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(modelFile))?.uri.fsPath ?? path.dirname(modelFile);
    let outcome: CheckOutcome;
    try {
      outcome = await checkModel({
        modelFile,
        baseDir,
        toolVersion: this.toolVersion,
        // Open documents first, then the disk, confined to the workspace's roots (the same reader as the CLI).
        source: await this.files.source(),
        loadIndex: async (pin) => {
          const index = await this.data.getIndex(pin);
          if (!index) throw new AttackDataError('not-found', `no ATT&CK data for ${pin.domain}${pin.version ? ` ${pin.version}` : ''}`);
          return index;
        },
        betweenStages: nextTurn,
      });
    } catch (e) {
      this.show(modelFile, new Map(), [modelFile]);
      if (e instanceof AttackDataError) return { summary: { model: modelFile, status: 'no-data', message: e.message } };
      if (e instanceof ModelFileError) return { summary: { model: modelFile, status: 'unreadable', message: e.message } };
      throw e;
    }
    if (token?.isCancellationRequested) return { summary: { model: modelFile, status: 'invalid', message: 'cancelled' } };
    const errors = outcome.diagnostics.filter((d) => d.severity === 'error').length;
    if (outcome.kind === 'invalid') {
      // Stale gaps would mislead: clear them; the validation diagnostics say what to fix.
      this.show(modelFile, new Map(), outcome.inputs);
      return { outcome, summary: { model: modelFile, status: 'invalid', errors, message: `${errors} error(s) in the model or its control inventories` } };
    }
    const result = outcome.report.result;
    await nextTurn(); // the analysis and the Problems entries: separate turns
    this.show(modelFile, gapDiagnostics(result, modelFile), outcome.inputs);
    const s = result.summary;
    return {
      outcome,
      summary: { model: modelFile, status: 'analysed', summary: { adversary: s.adversary, relevant: s.relevant, covered: s.covered, gaps: s.gaps }, gaps: result.prioritizedGaps },
    };
  }

  /** The gap diagnostics currently shown for a file (tests and the heatmap may read them). */
  diagnosticsOf(file: string): readonly vscode.Diagnostic[] {
    return this.collection.get(vscode.Uri.file(file)) ?? [];
  }

  /** Replaces `modelFile`'s gap diagnostics; a file shared by several models shows the gaps of each. */
  private show(modelFile: string, byFile: Map<string, vscode.Diagnostic[]>, inputs: readonly string[]): void {
    const before = this.checked.get(modelFile)?.byFile ?? new Map<string, vscode.Diagnostic[]>();
    this.checked.set(modelFile, { byFile, inputs: inputs.length > 0 ? [...inputs] : [modelFile] });
    for (const file of new Set([...before.keys(), ...byFile.keys()])) {
      const all = [...this.checked.values()].flatMap((c) => c.byFile.get(file) ?? []);
      if (all.length > 0) this.collection.set(vscode.Uri.file(file), all);
      else this.collection.delete(vscode.Uri.file(file));
    }
  }

  /** Saving a checked model or one of its inventories re-runs that model's check, debounced. */
  private onSaved(uri: vscode.Uri): void {
    if (uri.scheme !== 'file') return;
    for (const model of this.modelsUsing(uri.fsPath)) {
      clearTimeout(this.pending.get(model));
      this.pending.set(model, setTimeout(() => {
        this.pending.delete(model);
        this.check(model).catch(() => undefined);
      }, 300));
    }
  }
}
