/** Disposables collected in one place: everything the extension creates is registered here and freed together. */
import type * as vscode from 'vscode';

/** A set of disposables freed in reverse order of registration. */
export class DisposableStore implements vscode.Disposable {
  private readonly items: vscode.Disposable[] = [];
  private disposed = false;

  /** Registers `item` (disposing it at once when the store is already disposed) and returns it. */
  add<T extends vscode.Disposable>(item: T): T {
    if (this.disposed) item.dispose();
    else this.items.push(item);
    return item;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const item of this.items.splice(0).reverse()) {
      try {
        item.dispose();
      } catch (err) {
        console.error('[threat-overlap] dispose failed', err);
      }
    }
  }
}

/** Base class for objects that own disposables. */
export abstract class Disposable implements vscode.Disposable {
  protected readonly disposables = new DisposableStore();

  dispose(): void {
    this.disposables.dispose();
  }
}
