/** Runs ATT&CK loads in a worker thread and deserializes the results; the worker exits when idle to free its memory. */
import { Worker } from 'node:worker_threads';
import { deserializeIndex } from '../../core/attack/index';
import { AttackDataError, type AttackIndex } from '../../core/attack/types';
import type { LoadRequest, WorkerReply } from './worker-protocol';

/** An index loaded by the worker, with the loader's provenance. */
export interface LoadedIndex {
  readonly index: AttackIndex;
  readonly source: string;
  readonly sha256: string;
  readonly fromCache: boolean;
  readonly timings: Readonly<Record<string, number>>;
  readonly warnings: readonly string[];
}

type Pending = { resolve: (value: LoadedIndex) => void; reject: (err: Error) => void };

/** One worker at a time, started on demand. */
export class AttackWorkerClient {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private disposed = false;

  /** @param script absolute path of dist/attack-worker.js */
  constructor(private readonly script: string) {}

  /** Loads `file` in the worker; rejects with AttackDataError (loader failures) or Error (worker crashes). */
  load(file: string, opts: Omit<LoadRequest, 'id' | 'kind' | 'file'> = {}): Promise<LoadedIndex> {
    if (this.disposed) return Promise.reject(new Error('The ATT&CK worker was disposed'));
    const id = this.nextId++;
    const request: LoadRequest = { id, kind: 'load', file, ...opts };
    return new Promise<LoadedIndex>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.ensureWorker().postMessage(request);
    });
  }

  dispose(): void {
    this.disposed = true;
    this.failAll(new Error('The ATT&CK worker was disposed'));
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script);
    worker.on('message', (reply: WorkerReply) => this.onReply(reply));
    worker.on('error', (err) => this.onExit(worker, err));
    worker.on('exit', (code) => this.onExit(worker, new Error(`The ATT&CK worker exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }

  private onReply(reply: WorkerReply): void {
    const pending = this.pending.get(reply.id);
    this.pending.delete(reply.id);
    if (this.pending.size === 0 && this.worker) {
      const idle = this.worker;
      this.worker = undefined;
      void idle.terminate();
    }
    if (!pending) return;
    if (!reply.ok) {
      pending.reject(reply.code ? new AttackDataError(reply.code as AttackDataError['code'], reply.message) : new Error(reply.message));
      return;
    }
    try {
      const started = performance.now();
      const index = deserializeIndex(reply.data);
      const timings = { ...reply.timings, deserializeMs: performance.now() - started };
      pending.resolve({ index, source: reply.source, sha256: reply.sha256, fromCache: reply.fromCache, timings, warnings: reply.warnings });
    } catch (err) {
      pending.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  private onExit(worker: Worker, err: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.failAll(err);
  }

  private failAll(err: Error): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(err);
  }
}
