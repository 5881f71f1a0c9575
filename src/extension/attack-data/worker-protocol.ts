/** Messages between the extension host and the ATT&CK worker thread (dist/attack-worker.js). */

/** Load (and, unless `noCache`, cache) the index of `file`; `expect` rejects a bundle of another domain/release. */
export interface LoadRequest {
  readonly id: number;
  readonly kind: 'load';
  readonly file: string;
  readonly cacheDir?: string;
  readonly noCache?: boolean;
  readonly expect?: { readonly domain?: string; readonly version?: string };
}

export type WorkerRequest = LoadRequest;

/** A loaded index, serialized for the trip to the main thread. */
export interface LoadReply {
  readonly id: number;
  readonly ok: true;
  readonly data: string | Uint8Array;
  readonly source: string;
  readonly sha256: string;
  readonly fromCache: boolean;
  readonly timings: Record<string, number>;
  readonly warnings: string[];
}

/** A failure; `code` is AttackDataError's code when the loader threw one. */
export interface ErrorReply {
  readonly id: number;
  readonly ok: false;
  readonly code?: string;
  readonly message: string;
}

export type WorkerReply = LoadReply | ErrorReply;
