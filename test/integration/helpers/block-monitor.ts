/**
 * How long the extension host's event loop was blocked, per operation: Node's event-loop delay histogram (a libuv
 * timer every `resolution` ms, recording the time between its ticks) reset before each operation and read after it.
 * A tick's interval minus the resolution is how long the loop could not run it: a block.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

export interface BlockFigure {
  readonly name: string;
  /** Longest single block seen while the operation ran, in ms. */
  readonly maxMs: number;
  /** 99th percentile of the blocks, in ms (how often the long ones come). */
  readonly p99Ms: number;
  /** Wall-clock time of the operation, in ms (most of it is waiting on the worker, the webview or the disk). */
  readonly wallMs: number;
}

export class BlockMonitor {
  private readonly histogram: IntervalHistogram;

  constructor(private readonly resolution = 2) {
    this.histogram = monitorEventLoopDelay({ resolution });
    this.histogram.enable();
  }

  /** Runs `operation` and returns the blocks measured while it ran. */
  async measure(name: string, operation: () => Promise<unknown>): Promise<BlockFigure> {
    this.histogram.reset();
    const started = performance.now();
    await operation();
    const wallMs = performance.now() - started;
    // Let one more timer tick land, so a block at the very end of the operation is counted too.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const ms = (ns: number) => (Number.isFinite(ns) ? Math.max(0, ns / 1e6 - this.resolution) : 0);
    return { name, maxMs: ms(this.histogram.max), p99Ms: ms(this.histogram.percentile(99)), wallMs };
  }

  dispose(): void {
    this.histogram.disable();
  }
}
