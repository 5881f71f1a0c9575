/**
 * The few window interactions the extension makes (messages, quick picks, file dialogs, progress), behind one
 * interface. Production passes them straight to `vscode.window`; in `ExtensionMode.Test` a recording wrapper
 * (test-ui.ts) lets the integration suite see and answer them the way a user would.
 */
import * as vscode from 'vscode';

export type MessageKind = 'info' | 'warning' | 'error';

/** What a progress notification reports: a message and, when known, the increment in percent. */
export interface ProgressStep {
  readonly message?: string;
  readonly increment?: number;
}

/** A cancellable task shown as a notification with a progress bar. */
export type ProgressTask<R> = (progress: vscode.Progress<ProgressStep>, token: vscode.CancellationToken) => Thenable<R>;

export interface Ui {
  /** A notification with buttons; resolves with the button chosen, undefined when dismissed. */
  showMessage(kind: MessageKind, message: string, ...items: string[]): Thenable<string | undefined>;
  /** A single-choice quick pick; resolves with the item chosen, undefined when dismissed. */
  pick<T extends vscode.QuickPickItem>(items: readonly T[], options: { title: string; placeholder?: string }): Promise<T | undefined>;
  showOpenDialog(options: vscode.OpenDialogOptions): Thenable<vscode.Uri[] | undefined>;
  withProgress<R>(title: string, task: ProgressTask<R>): Thenable<R>;
}

/** The real window. */
export const windowUi: Ui = {
  showMessage(kind, message, ...items) {
    if (kind === 'error') return vscode.window.showErrorMessage(message, ...items);
    if (kind === 'warning') return vscode.window.showWarningMessage(message, ...items);
    return vscode.window.showInformationMessage(message, ...items);
  },
  pick: (items, options) => showPick(items, options).promise,
  showOpenDialog: (options) => vscode.window.showOpenDialog(options),
  withProgress: (title, task) =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, task),
};

/** A quick pick that can also be closed from code (`hide`), which `showQuickPick` cannot. */
export function showPick<T extends vscode.QuickPickItem>(
  items: readonly T[],
  options: { title: string; placeholder?: string },
): { promise: Promise<T | undefined>; choose(item: T | undefined): void } {
  const qp = vscode.window.createQuickPick<T>();
  qp.title = options.title;
  qp.placeholder = options.placeholder;
  qp.items = items;
  let settle: (item: T | undefined) => void = () => undefined;
  const promise = new Promise<T | undefined>((resolve) => {
    let done = false;
    settle = (item) => {
      if (done) return;
      done = true;
      resolve(item);
      qp.dispose();
    };
    qp.onDidAccept(() => settle(qp.selectedItems[0]));
    qp.onDidHide(() => settle(undefined));
  });
  qp.show();
  return { promise, choose: (item) => settle(item) };
}
