/**
 * How long the extension host's event loop was blocked, per operation. A 2 ms interval timer notes how late each
 * tick comes: a tick due at t that runs at t + d means the loop could not run for d. An operation is measured from
 * its start until the host has been quiet for a while after it, so the work it set off (debounced validation,
 * CodeLens, diagnostics) counts as its own; the next one starts only on a quiet host. With `profile`, a CPU profile
 * of each operation names the functions that took the time.
 */
import { Session } from 'node:inspector';

export interface BlockFigure {
  readonly name: string;
  /** Longest single block seen while the operation ran, in ms. */
  readonly maxMs: number;
  /** How many blocks were over 50 ms. */
  readonly over50: number;
  /** Wall-clock time until the operation resolved, in ms (mostly waiting on the worker, the webview, the disk). */
  readonly wallMs: number;
  /** With profiling: the functions with the most self time during the operation. */
  readonly hot?: readonly string[];
}

const TICK_MS = 2;
/** A block shorter than this is scheduling noise, not work. */
const NOISE_MS = 8;
/** How long the host must stay quiet for an operation's work to count as done. */
const QUIET_MS = 1000;

interface Block {
  readonly start: number;
  readonly ms: number;
}

export class BlockMonitor {
  private readonly blocks: Block[] = [];
  private last = performance.now();
  private readonly timer: ReturnType<typeof setInterval>;
  private session: Session | undefined;

  constructor(profile = false) {
    this.timer = setInterval(() => {
      const now = performance.now();
      const late = now - this.last - TICK_MS;
      if (late >= NOISE_MS) this.blocks.push({ start: this.last + TICK_MS, ms: late });
      this.last = now;
    }, TICK_MS);
    if (profile) {
      this.session = new Session();
      this.session.connect();
    }
  }

  /** Runs `operation` on a quiet host and returns the blocks from its start until its work has settled. */
  async measure(name: string, operation: () => Promise<unknown>): Promise<BlockFigure> {
    await this.quiet();
    await this.post('Profiler.enable');
    await this.post('Profiler.setSamplingInterval', { interval: 200 });
    const profiling = performance.now();
    await this.post('Profiler.start');
    const started = performance.now();
    await operation();
    const done = performance.now();
    await this.quiet();
    const settled = performance.now();
    const profile = ((await this.post('Profiler.stop')) as { profile?: CpuProfile } | undefined)?.profile;
    const mine = this.blocks.filter((b) => b.start >= started && b.start <= settled);
    const long = mine.filter((b) => b.ms > 50);
    return {
      name,
      maxMs: Math.max(0, ...mine.map((b) => b.ms)),
      over50: long.length,
      wallMs: done - started,
      ...(profile ? { hot: long.map((b) => `block of ${b.ms.toFixed(0)} ms at +${(b.start - started).toFixed(0)} ms: ${hottest(profile, profiling, b, 4).join(', ')}`) } : {}),
    };
  }

  dispose(): void {
    clearInterval(this.timer);
    this.session?.disconnect();
  }

  /** Resolves once no block has started for QUIET_MS. */
  private async quiet(): Promise<void> {
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const latest = this.blocks.at(-1);
      if (!latest || performance.now() - (latest.start + latest.ms) >= QUIET_MS) return;
    }
  }

  private post(method: string, params?: object): Promise<unknown> {
    const session = this.session;
    if (!session) return Promise.resolve(undefined);
    return new Promise((resolve, reject) => session.post(method, params ?? {}, (err, result) => (err ? reject(err) : resolve(result))));
  }
}

interface CpuProfile {
  readonly nodes: readonly { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: readonly number[] }[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/**
 * The profile's samples that fall in `block`, with the node sampled and its duration in ms. Sample times are placed
 * on performance.now()'s clock by aligning the profile's start with the moment it was asked for (`startedAt`).
 */
function* samplesIn(profile: CpuProfile, startedAt: number, block: Block): Generator<{ node: number; ms: number }> {
  let t = startedAt;
  for (let i = 0; i < profile.samples.length; i++) {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    t += ms;
    if (t >= block.start && t <= block.start + block.ms + TICK_MS) yield { node: profile.samples[i]!, ms };
  }
}

/** The `count` largest entries of `totals`, as "key N{unit}". */
function largest(totals: ReadonlyMap<string, number>, count: number, unit: string): string[] {
  return [...totals].sort((a, b) => b[1] - a[1]).slice(0, count).map(([k, ms]) => `${k} ${ms.toFixed(0)}${unit}`);
}

/** The `count` functions with the most self time during `block` ("name file:line ms"), then ours by inclusive time. */
function hottest(profile: CpuProfile, startedAt: number, block: Block, count: number): string[] {
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const self = new Map<string, number>();
  for (const { node, ms } of samplesIn(profile, startedAt, block)) {
    const f = frames.get(node);
    if (!f || f.functionName === '(idle)' || f.functionName === '(program)') continue;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-4).join('/')}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + ms);
  }
  return [...largest(self, count, ' ms'), `— inside (inclusive, this extension): ${inclusive(profile, startedAt, block, count + 2).join(', ')}`];
}

/** Named functions of this extension's bundle by inclusive time during `block`: which of our code paths ran. */
function inclusive(profile: CpuProfile, startedAt: number, block: Block, count: number): string[] {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const ours = (url: string) => url.includes('/extension/dist/extension.js');
  const total = new Map<string, number>();
  for (const { node: sampled, ms } of samplesIn(profile, startedAt, block)) {
    const seen = new Set<string>();
    for (let node: number | undefined = sampled; node !== undefined; node = parent.get(node)) {
      const f = frames.get(node);
      if (f && ours(f.url) && f.functionName) seen.add(f.functionName);
    }
    for (const name of seen) total.set(name, (total.get(name) ?? 0) + ms);
  }
  return largest(total, count, '');
}
