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
import type { CoverageResult } from '../../core/coverage/types';
import { todayUtc } from '../../core/triage/dates';
import { diagnosticKey, gapDiagnostics, type GapData, type GapDiagnostic } from './gap-diagnostics';
import type { FileAccess } from '../file-access';
import { nextTurn } from '../next-turn';
import { SHOW_TRACK_SETTING, showTrackGaps, topTechniquesFromSettings } from '../triage-options';
import { EDITOR_RULE_CACHE, openRuleStamp } from '../rule-files';
import { toDiagnostic } from '../language/convert';
import type { Diagnostic } from '../../core/diagnostics';

/** What one model's check came to; commands return a list of these (the integration suite asserts on them). */
export interface GapCheckSummary {
  readonly model: string;
  readonly status: 'analysed' | 'invalid' | 'no-data' | 'unreadable';
  readonly message?: string;
  readonly summary?: { adversary: number; relevant: number; covered: number; gaps: number; accepted: number; act: number; attend: number; trackStar: number; track: number };
  /** The triage date the check used (policy.asOf, else today). */
  readonly asOf?: string;
  /** The Top Techniques setting was set but gave no scores: why. */
  readonly topTechniques?: string;
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
  /** Model file → the gap diagnostics of its last check per file, the files that check read, and its result. */
  private readonly checked = new Map<string, { byFile: Map<string, GapDiagnostic[]>; inputs: string[]; result?: CoverageResult }>();
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  /** `rules.*` diagnostics of the last check of each model: on the rule files and on the inventories' `rules:` entries. */
  private readonly ruleCollection = this.disposables.add(vscode.languages.createDiagnosticCollection('threat-overlap-rules'));
  private readonly ruleFiles = new Map<string, Set<string>>();

  constructor(private readonly data: AttackDataService, private readonly files: FileAccess, private readonly toolVersion: string) {
    super();
    this.disposables.add(vscode.workspace.onDidSaveTextDocument((doc) => this.onSaved(doc.uri)));
    this.disposables.add({ dispose: () => this.pending.forEach((t) => clearTimeout(t)) });
    // Track gaps shown or not: the last results again, with the new severity.
    this.disposables.add(vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(SHOW_TRACK_SETTING)) return;
      for (const [model, c] of [...this.checked]) if (c.result) this.show(model, gapDiagnostics(c.result, model, showTrackGaps()), c.inputs, c.result);
    }));
  }

  /** The gap behind a diagnostic of `file` (as a code action's context hands it back), if it is one of ours. */
  gapOf(file: string, d: vscode.Diagnostic): GapData | undefined {
    const key = diagnosticKey(d);
    for (const c of this.checked.values()) {
      const found = c.byFile.get(file)?.find((g) => diagnosticKey(g.diagnostic) === key);
      if (found) return found.data;
    }
    return undefined;
  }

  /** The result of a model's last check, if it was analysed. */
  lastResult(modelFile: string): CoverageResult | undefined {
    return this.checked.get(modelFile)?.result;
  }

  /** The models (by path) whose last check read `file`. */
  modelsUsing(file: string): string[] {
    return [...this.checked].filter(([, v]) => v.inputs.includes(file)).map(([model]) => model);
  }

  async check(modelFile: string, token?: vscode.CancellationToken): Promise<CheckedModel> {
    const baseDir = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(modelFile))?.uri.fsPath ?? path.dirname(modelFile);
    let outcome: CheckOutcome;
    const top = await topTechniquesFromSettings();
    let topProblem = top?.problem;
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
        ruleCache: EDITOR_RULE_CACHE,
        openStamp: openRuleStamp,
        // The same triage options as every editor feature (triage-options.ts): today, Top Techniques of the setting.
        triage: {
          today: todayUtc(),
          ...(top ? { top: (index) => {
            const scores = top.scoresFor(index);
            topProblem ??= scores.problem;
            return scores.scores;
          } } : {}),
        },
      });
    } catch (e) {
      this.show(modelFile, new Map(), [modelFile]);
      if (e instanceof AttackDataError) return { summary: { model: modelFile, status: 'no-data', message: e.message } };
      if (e instanceof ModelFileError) return { summary: { model: modelFile, status: 'unreadable', message: e.message } };
      throw e;
    }
    if (token?.isCancellationRequested) return { summary: { model: modelFile, status: 'invalid', message: 'cancelled' } };
    this.showRules(modelFile, outcome.diagnostics);
    const errors = outcome.diagnostics.filter((d) => d.severity === 'error').length;
    if (outcome.kind === 'invalid') {
      // Stale gaps would mislead: clear them; the validation diagnostics say what to fix.
      this.show(modelFile, new Map(), outcome.inputs);
      return { outcome, summary: { model: modelFile, status: 'invalid', errors, message: `${errors} error(s) in the model or its control inventories` } };
    }
    const result = outcome.report.result;
    await nextTurn(); // the analysis and the Problems entries: separate turns
    const inputs = [...outcome.inputs, ...(top ? [top.file] : [])];
    this.show(modelFile, gapDiagnostics(result, modelFile, showTrackGaps()), inputs, result);
    const s = result.summary;
    const o = s.outcomes;
    return {
      outcome,
      summary: {
        model: modelFile,
        status: 'analysed',
        summary: { adversary: s.adversary, relevant: s.relevant, covered: s.covered, gaps: s.gaps, accepted: s.accepted, act: o.act, attend: o.attend, trackStar: o['track*'], track: o.track },
        gaps: result.prioritizedGaps,
        ...(result.triage.asOf !== undefined ? { asOf: result.triage.asOf } : {}),
        ...(topProblem !== undefined ? { topTechniques: topProblem } : {}),
      },
    };
  }

  /** The gap diagnostics currently shown for a file (tests and the heatmap may read them). */
  diagnosticsOf(file: string): readonly vscode.Diagnostic[] {
    return this.collection.get(vscode.Uri.file(file)) ?? [];
  }

  /** Replaces `modelFile`'s gap diagnostics; a file shared by several models shows the gaps of each. */
  private show(modelFile: string, byFile: Map<string, GapDiagnostic[]>, inputs: readonly string[], result?: CoverageResult): void {
    const before = this.checked.get(modelFile)?.byFile ?? new Map<string, GapDiagnostic[]>();
    this.checked.set(modelFile, { byFile, inputs: inputs.length > 0 ? [...inputs] : [modelFile], ...(result ? { result } : {}) });
    for (const file of new Set([...before.keys(), ...byFile.keys()])) {
      const all = [...this.checked.values()].flatMap((c) => (c.byFile.get(file) ?? []).map((g) => g.diagnostic));
      if (all.length > 0) this.collection.set(vscode.Uri.file(file), all);
      else this.collection.delete(vscode.Uri.file(file));
    }
  }

  /** Publishes the `rules.*` diagnostics (and refusals of rule folders) of a model's check, replacing its last ones. */
  private showRules(modelFile: string, diagnostics: readonly Diagnostic[]): void {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const d of diagnostics) {
      const ofRules = d.code.startsWith('rules.') || (d.code.startsWith('file.') && d.message.startsWith('rule folder'));
      if (!ofRules || d.file === undefined) continue;
      const list = byFile.get(d.file) ?? [];
      list.push(toDiagnostic(d));
      byFile.set(d.file, list);
    }
    for (const file of this.ruleFiles.get(modelFile) ?? []) if (!byFile.has(file)) this.ruleCollection.delete(vscode.Uri.file(file));
    for (const [file, list] of byFile) this.ruleCollection.set(vscode.Uri.file(file), list);
    this.ruleFiles.set(modelFile, new Set(byFile.keys()));
  }

  /** The rules.* diagnostics shown for a file (tests read them). */
  ruleDiagnosticsOf(file: string): readonly vscode.Diagnostic[] {
    return this.ruleCollection.get(vscode.Uri.file(file)) ?? [];
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
