/**
 * Worker thread: parses ATT&CK bundles off the extension host's main thread. Each request loads one file with the
 * core loader and posts back the serialized compact index; the main thread only deserializes it.
 */
import { parentPort } from 'node:worker_threads';
import { loadAttackIndex, serializeIndex } from '../../core/attack/index';
import { AttackDataError } from '../../core/attack/types';
import type { WorkerReply, WorkerRequest } from './worker-protocol';

const port = parentPort;
if (!port) throw new Error('attack-worker must run in a worker thread');

port.on('message', (request: WorkerRequest) => {
  void handle(request).then((reply) => {
    port.postMessage(reply, reply.ok ? transferable(reply.data) : []);
  });
});

async function handle(request: WorkerRequest): Promise<WorkerReply> {
  try {
    const loaded = await loadAttackIndex(request.file, {
      cacheDir: request.cacheDir,
      noCache: request.noCache,
      expect: request.expect,
    });
    const started = performance.now();
    const data = serializeIndex(loaded.index);
    const timings = { ...loaded.timings, serializeMs: performance.now() - started };
    return { id: request.id, ok: true, data, source: loaded.source, sha256: loaded.sha256, fromCache: loaded.fromCache, timings, warnings: loaded.warnings };
  } catch (err) {
    const code = err instanceof AttackDataError ? err.code : undefined;
    return { id: request.id, ok: false, code, message: err instanceof Error ? err.message : String(err) };
  }
}

/** A byte result that owns its whole buffer moves to the main thread without a copy. */
function transferable(data: string | Uint8Array): ArrayBuffer[] {
  if (typeof data === 'string' || !(data.buffer instanceof ArrayBuffer)) return [];
  return data.byteOffset === 0 && data.byteLength === data.buffer.byteLength ? [data.buffer] : [];
}
