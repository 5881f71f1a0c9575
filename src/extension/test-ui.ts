/**
 * The test-mode Ui: every interaction is recorded and can be answered by the integration suite. Messages and
 * progress still appear in the real window (so the e2e screenshot shows them); whichever answers first wins —
 * the user or `respond`. Quick picks are real too and closed when answered. File dialogs are not shown.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RecordedDialog, RecordedMessage, RecordedPick, RecordedProgress, UiRecorder } from './api';
import { Disposable } from './dispose';
import { showPick, windowUi, type MessageKind, type ProgressStep, type ProgressTask, type Ui } from './ui';

export class RecordingUi extends Disposable implements Ui, UiRecorder {
  readonly messages: RecordedMessage[] = [];
  readonly picks: RecordedPick[] = [];
  readonly dialogs: RecordedDialog[] = [];
  readonly progress: RecordedProgress[] = [];
  private readonly messageShown = this.disposables.add(new vscode.EventEmitter<RecordedMessage>());
  private readonly pickShown = this.disposables.add(new vscode.EventEmitter<RecordedPick>());
  private readonly dialogShown = this.disposables.add(new vscode.EventEmitter<RecordedDialog>());
  private readonly progressStarted = this.disposables.add(new vscode.EventEmitter<RecordedProgress>());
  readonly onDidShowMessage = this.messageShown.event;
  readonly onDidShowPick = this.pickShown.event;
  readonly onDidShowDialog = this.dialogShown.event;
  readonly onDidStartProgress = this.progressStarted.event;

  constructor(private readonly real: Ui = windowUi) {
    super();
  }

  showMessage(kind: MessageKind, message: string, ...items: string[]): Thenable<string | undefined> {
    const answer = oneShot<string | undefined>();
    const recorded: RecordedMessage = { kind, message, items, answer: answer.promise, respond: (choice) => answer.settle(choice) };
    this.messages.push(recorded);
    void this.real.showMessage(kind, message, ...items).then((choice) => answer.settle(choice));
    this.messageShown.fire(recorded);
    return answer.promise;
  }

  pick<T extends vscode.QuickPickItem>(items: readonly T[], options: { title: string; placeholder?: string }): Promise<T | undefined> {
    const shown = showPick(items, options);
    const choosable = items.filter((i) => i.kind !== vscode.QuickPickItemKind.Separator);
    const recorded: RecordedPick = {
      title: options.title,
      labels: choosable.map((i) => plainLabel(i.label)),
      descriptions: choosable.map((i) => i.description ?? ''),
      respond: (label) => {
        const item = label === undefined ? undefined : choosable.find((i) => plainLabel(i.label) === label);
        if (label !== undefined && !item) throw new Error(`No item "${label}" in "${options.title}"`);
        shown.choose(item);
      },
    };
    this.picks.push(recorded);
    this.pickShown.fire(recorded);
    return shown.promise;
  }

  showOpenDialog(options: vscode.OpenDialogOptions): Thenable<vscode.Uri[] | undefined> {
    const answer = oneShot<vscode.Uri[] | undefined>();
    const recorded: RecordedDialog = {
      title: options.title ?? '',
      respond: (paths) => answer.settle(paths?.map((p) => vscode.Uri.file(path.resolve(p)))),
    };
    this.dialogs.push(recorded);
    this.dialogShown.fire(recorded);
    return answer.promise;
  }

  withProgress<R>(title: string, task: ProgressTask<R>): Thenable<R> {
    const steps: ProgressStep[] = [];
    const reported = new vscode.EventEmitter<ProgressStep>();
    const cancel = new vscode.CancellationTokenSource();
    const done = oneShot<void>();
    const recorded: RecordedProgress = { title, steps, onDidReport: reported.event, done: done.promise, cancel: () => cancel.cancel() };
    this.progress.push(recorded);
    const result = this.real.withProgress(title, (progress, token) => {
      const link = token.onCancellationRequested(() => cancel.cancel());
      const recordingProgress = {
        report: (step: ProgressStep) => {
          steps.push(step);
          progress.report(step);
          reported.fire(step);
        },
      };
      this.progressStarted.fire(recorded);
      return Promise.resolve(task(recordingProgress, cancel.token)).finally(() => {
        link.dispose();
        done.settle();
        reported.dispose();
        cancel.dispose();
      });
    });
    return result;
  }
}

/** `$(file) name.json` → `name.json`. */
function plainLabel(label: string): string {
  return label.replace(/\$\([^)]*\)\s*/g, '').trim();
}

function oneShot<T>(): { promise: Promise<T>; settle(value: T): void } {
  let settle: (value: T) => void = () => undefined;
  const promise = new Promise<T>((resolve) => {
    let done = false;
    settle = (value) => {
      if (done) return;
      done = true;
      resolve(value);
    };
  });
  return { promise, settle: (value) => settle(value) };
}
