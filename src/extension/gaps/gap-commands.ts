/**
 * "Run Gap Check", "Export ATT&CK Navigator Layer" and "Export Report…". Each returns a result object so other
 * extensions and the integration suite can assert on what happened; arguments from menus (a Uri or Uri list)
 * and from code (`{ format, target }`) are checked before use.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { writeFileAtomic } from '../../core/attack/atomic-write';
import type { ReportContext, ReportFormat } from '../../core/report/index';
import { REPORT_FORMATS, renderReport, reportExtension } from '../../core/report/index';
import type { DisposableStore } from '../dispose';
import { nextTurn } from '../next-turn';
import type { Ui } from '../ui';
import type { GapChecker, GapCheckSummary } from './gap-checker';
import { isThreatModelPath, targetModels } from './model-sources';

export const GAP_COMMANDS = {
  run: 'threatOverlap.runGapCheck',
  exportLayer: 'threatOverlap.exportNavigatorLayer',
  exportReport: 'threatOverlap.exportReport',
} as const;

export interface ExportOptions {
  readonly format?: ReportFormat;
  /** Where to write; without it a save dialog asks. */
  readonly target?: vscode.Uri;
}

export interface ExportOutcome {
  readonly model?: string;
  readonly file?: string;
  readonly format?: ReportFormat;
  readonly problem?: string;
}

const FORMAT_LABELS: Readonly<Record<ReportFormat, string>> = {
  markdown: 'Markdown report',
  sarif: 'SARIF 2.1.0 (GitHub code scanning)',
  json: 'JSON (the stable machine interface)',
  text: 'Plain text',
  navigator: 'ATT&CK Navigator layer 4.5',
};

export function registerGapCommands(store: DisposableStore, ui: Ui, checker: GapChecker): void {
  const modelsListing = (file: string) => checker.modelsUsing(file);
  store.add(vscode.commands.registerCommand(GAP_COMMANDS.run, (arg?: unknown) => runGapCheck(ui, checker, arg, modelsListing)));
  store.add(vscode.commands.registerCommand(GAP_COMMANDS.exportLayer, (arg?: unknown, options?: unknown) =>
    exportFor(ui, checker, arg, { ...exportOptions(options), format: 'navigator' }, modelsListing)));
  store.add(vscode.commands.registerCommand(GAP_COMMANDS.exportReport, (arg?: unknown, options?: unknown) =>
    exportFor(ui, checker, arg, exportOptions(options), modelsListing)));
}

async function runGapCheck(ui: Ui, checker: GapChecker, arg: unknown, listing: (f: string) => string[]): Promise<GapCheckSummary[]> {
  const models = await targetModels(arg, listing);
  if (models.length === 0) {
    void ui.showMessage('info', 'No threat models (*.threatmodel.yaml) in this workspace to check.');
    return [];
  }
  const checked = await ui.withProgress(`Threat Overlap: gap check of ${models.length} model(s)`, async (progress, token) => {
    const out = [];
    for (const uri of models) {
      if (token.isCancellationRequested) break;
      progress.report({ message: path.basename(uri.fsPath), increment: 100 / models.length });
      out.push(await checker.check(uri.fsPath, token));
    }
    return out;
  });
  const reports = checked.flatMap((c) => (c.outcome?.kind === 'analysed' ? [c.outcome.report] : []));
  if (reports.length > 0) await openMarkdownBeside(reports);
  announce(ui, checked.map((c) => c.summary));
  return checked.map((c) => c.summary);
}

/** One Markdown document with every analysed model's report, opened beside the editor without taking focus. */
async function openMarkdownBeside(reports: readonly ReportContext[]): Promise<void> {
  const parts: string[] = [];
  for (const r of reports) {
    await nextTurn(); // a big model's report is hundreds of KB: not in the same turn as its Problems entries
    parts.push(renderReport('markdown', r));
  }
  const content = parts.join('\n---\n\n');
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content });
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: true });
}

/** A short notification; its buttons lead on. Not awaited: a notification stays until dismissed. */
function announce(ui: Ui, summaries: readonly GapCheckSummary[]): void {
  const analysed = summaries.filter((s) => s.status === 'analysed');
  const gaps = analysed.reduce((n, s) => n + (s.summary?.gaps ?? 0), 0);
  const failed = summaries.filter((s) => s.status !== 'analysed');
  const head = analysed.length === 1
    ? `Gap check of ${path.basename(analysed[0]!.model)}: ${gaps} gap(s) of ${analysed[0]!.summary?.relevant ?? 0} relevant technique(s).`
    : `Gap check of ${analysed.length} model(s): ${gaps} gap(s).`;
  const problems = failed.map((s) => `${path.basename(s.model)}: ${s.message ?? s.status}`).join('; ');
  const kind = failed.length > 0 ? 'warning' : 'info';
  const text = analysed.length > 0 ? `${head}${problems ? ` Not checked: ${problems}.` : ''}` : `Gap check not run: ${problems}.`;
  const items = failed.some((s) => s.status === 'no-data') ? ['Show Problems', 'Select ATT&CK Data…'] : ['Show Problems'];
  void Promise.resolve(ui.showMessage(kind, text, ...items)).then((choice) => {
    if (choice === 'Show Problems') return vscode.commands.executeCommand('workbench.actions.view.problems');
    if (choice === 'Select ATT&CK Data…') return vscode.commands.executeCommand('threatOverlap.selectAttackData');
    return undefined;
  });
}

function exportOptions(options: unknown): ExportOptions {
  if (typeof options !== 'object' || options === null) return {};
  const o = options as Record<string, unknown>;
  const format = typeof o['format'] === 'string' && (REPORT_FORMATS as readonly string[]).includes(o['format']) ? (o['format'] as ReportFormat) : undefined;
  const target = o['target'] instanceof vscode.Uri ? o['target'] : undefined;
  return { ...(format ? { format } : {}), ...(target ? { target } : {}) };
}

async function exportFor(ui: Ui, checker: GapChecker, arg: unknown, options: ExportOptions, listing: (f: string) => string[]): Promise<ExportOutcome> {
  const model = await pickOneModel(ui, await targetModels(arg, listing));
  if (!model) return { problem: 'no threat model chosen' };
  const format = options.format ?? (await ui.pick(REPORT_FORMATS.map((f) => ({ label: FORMAT_LABELS[f], format: f })), { title: 'Export report as' }))?.format;
  if (!format) return { model: model.fsPath, problem: 'no format chosen' };
  const checked = await checker.check(model.fsPath);
  if (checked.outcome?.kind !== 'analysed') {
    const problem = checked.summary.message ?? checked.summary.status;
    void ui.showMessage('warning', `Nothing exported: ${path.basename(model.fsPath)}: ${problem}.`, 'Show Problems').then((c) =>
      c ? vscode.commands.executeCommand('workbench.actions.view.problems') : undefined);
    return { model: model.fsPath, format, problem };
  }
  const base = path.basename(model.fsPath).replace(/\.threatmodel\.ya?ml$/i, '');
  const target = options.target ?? (await vscode.window.showSaveDialog({
    title: `Export ${FORMAT_LABELS[format]}`,
    defaultUri: vscode.Uri.file(path.join(path.dirname(model.fsPath), `${base}${reportExtension(format)}`)),
    filters: format === 'markdown' ? { Markdown: ['md'] } : format === 'text' ? { Text: ['txt'] } : { JSON: ['json', 'sarif'] },
  }));
  if (!target) return { model: model.fsPath, format, problem: 'no file chosen' };
  const text = renderReport(format, checked.outcome.report);
  if (target.scheme === 'file') await writeFileAtomic(target.fsPath, text);
  else await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  void ui.showMessage('info', `Exported ${FORMAT_LABELS[format]} to ${vscode.workspace.asRelativePath(target)}.`);
  return { model: model.fsPath, format, file: target.fsPath };
}

async function pickOneModel(ui: Ui, models: readonly vscode.Uri[]): Promise<vscode.Uri | undefined> {
  const candidates = models.filter((m) => isThreatModelPath(m.fsPath));
  if (candidates.length <= 1) return candidates[0];
  const chosen = await ui.pick(candidates.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })), { title: 'Which threat model?' });
  return chosen?.uri;
}
