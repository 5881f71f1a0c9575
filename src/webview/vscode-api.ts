/** The webview side of VS Code's messaging: `acquireVsCodeApi` may be called once, so it is wrapped here. */

/** What `acquireVsCodeApi()` returns inside a VS Code webview. */
export interface VsCodeWebviewApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeWebviewApi;

let api: VsCodeWebviewApi | undefined;

export function vscodeApi(): VsCodeWebviewApi {
  api ??= acquireVsCodeApi();
  return api;
}
