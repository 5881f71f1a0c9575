/**
 * The whole pipeline a user's YAML goes through (parse → schema → ATT&CK checks → coverage), with the rule of
 * OSS-Fuzz's YAML harnesses: anything other than our typed diagnostics (an exception, a malformed diagnostic)
 * is a bug. Tests feed it hostile text and collect figures (cases, worst time, peak memory) for docs/robustness.md.
 */
import assert from 'node:assert/strict';
import { analyseCoverage } from '../../../src/core/coverage/engine';
import { coverageInputFrom } from '../../../src/core/coverage/model-input';
import type { Diagnostic } from '../../../src/core/diagnostics';
import { parseControlInventory, parseThreatModel } from '../../../src/core/model';
import type { ControlInventory } from '../../../src/core/model';
import { DIAGNOSTIC_CODES, validateWorkspace } from '../../../src/core/validation/index';
import { enterpriseIndex } from '../../fixtures/model/mini-attack';

export const MODEL_FILE = '/ws/robust.threatmodel.yaml';
export const INVENTORY_FILE = '/ws/robust.controls.yaml';

/** A valid model for the Enterprise "2.0" fixture world; the partner of a hostile inventory. */
export const VALID_MODEL = `threatModel: 1
name: Robustness
attack: { domain: enterprise-attack, version: "2.0" }
techStack:
  - { id: laptops, platforms: [Windows, Linux] }
adversaries:
  - group: G0001
  - { name: Own intel, techniques: [T1001, T1000.001] }
controls: [./robust.controls.yaml]
`;

/** A valid inventory; the partner of a hostile model. */
export const VALID_INVENTORY = `controlInventory: 1
controls:
  - id: EDR-01
    mitigations: [M0001]
    techniques: [{ id: T1000, coverage: significant, function: detect }]
`;

const index = enterpriseIndex();
const SEVERITIES = new Set(['error', 'warning', 'information', 'hint']);
const SCHEMA_CODE = /^schema\.[a-z-]+$/;

/** Fails unless `d` is one of our diagnostics: a registered code, a severity, a message and a sane range. */
export function assertTyped(d: Diagnostic): void {
  // Checked first without building messages: a 50,000-key mapping gives 50,000 diagnostics.
  const sane = (p: { line: number; character: number }) => Number.isInteger(p.line) && p.line >= 0 && Number.isInteger(p.character) && p.character >= 0;
  const typed = typeof d.code === 'string' && (Object.hasOwn(DIAGNOSTIC_CODES, d.code) || SCHEMA_CODE.test(d.code)) && SEVERITIES.has(d.severity) &&
    typeof d.message === 'string' && d.message.length > 0 && sane(d.range.start) && sane(d.range.end);
  if (!typed) assert.fail(`not one of our diagnostics: ${JSON.stringify(d)}`);
  // Issue 15: a message is one line of our words: no raw control or bidi character, no engine text.
  if (RAW_IN_MESSAGE.test(d.message) || ENGINE_TEXT.test(d.message)) assert.fail(`a message carries raw control characters or an engine's text: ${JSON.stringify(d)}`);
}

// eslint-disable-next-line no-control-regex -- looking for exactly these characters
const RAW_IN_MESSAGE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;
/** V8's own words, which are never a message of ours. */
export const ENGINE_TEXT = /Maximum call stack|Invalid string length|Invalid array length|RangeError|is not valid JSON:|JSON at position/;

export interface PipelineRun {
  readonly model: readonly Diagnostic[];
  readonly inventory: readonly Diagnostic[];
  readonly ms: number;
}

/** Parses both files, validates them together against the fixture index, then analyses coverage even when in error. */
export function runPipeline(modelText: string, inventoryText: string): PipelineRun {
  const started = performance.now();
  const model = parseThreatModel(modelText, MODEL_FILE);
  const inventory = parseControlInventory(inventoryText, INVENTORY_FILE);
  const byFile = validateWorkspace({
    models: [model],
    inventories: [inventory],
    indexFor: () => index,
    fileExists: () => true,
    availableVersion: () => '2.0',
  });
  if (model.model) {
    const inventories: ControlInventory[] = inventory.model ? [inventory.model] : [];
    const result = analyseCoverage(index, coverageInputFrom(model.model, inventories));
    assert.ok(Array.isArray(result.techniques));
  }
  const ms = performance.now() - started;
  const all = [...byFile.values()].flat();
  for (const d of [...model.diagnostics, ...inventory.diagnostics, ...all]) assertTyped(d);
  return { model: byFile.get(MODEL_FILE) ?? model.diagnostics, inventory: byFile.get(INVENTORY_FILE) ?? inventory.diagnostics, ms };
}

/**
 * The "no hang" limit of one case: far above what any case takes. The worst measured on this machine (2026-12-03,
 * idle) was 1.1 s (a 50,000-key flow mapping through the whole pipeline); 20 s leaves 18× for a slower or busy
 * machine. Timings are figures for docs/robustness.md, never a pass/fail budget: budgets live in `npm run bench`.
 */
export const NO_HANG_MS = 20_000;

/** Figures for one case class: how many inputs, crashes, hangs (over NO_HANG_MS), worst time, peak RSS. */
export class Figures {
  cases = 0;
  crashes: string[] = [];
  hangs: string[] = [];
  worstMs = 0;
  worstCase = '';
  peakRssMb = 0;

  constructor(readonly label: string) {}

  /**
   * Runs one case; an exception is recorded as a crash (with the case name), never rethrown. Its time is the
   * lesser of wall-clock and process CPU time: on this shared 2-core machine other jobs stretch the wall clock,
   * while parallel GC threads push CPU time above the wall clock when the machine is idle.
   */
  run<T>(name: string, f: () => T): T | undefined {
    this.cases++;
    const started = performance.now();
    const cpu = process.cpuUsage();
    try {
      return f();
    } catch (e) {
      this.crashes.push(`${name}: ${(e as Error).stack ?? String(e)}`);
      return undefined;
    } finally {
      this.record(name, started, cpu);
    }
  }

  /** `run` for a case that awaits (the CLI in-process); its time is wall-clock and CPU time as there. */
  async runAsync<T>(name: string, f: () => Promise<T>): Promise<T | undefined> {
    this.cases++;
    const started = performance.now();
    const cpu = process.cpuUsage();
    try {
      return await f();
    } catch (e) {
      this.crashes.push(`${name}: ${(e as Error).stack ?? String(e)}`);
      return undefined;
    } finally {
      this.record(name, started, cpu);
    }
  }

  private record(name: string, started: number, cpu: NodeJS.CpuUsage): void {
    const used = process.cpuUsage(cpu);
    const ms = Math.min(performance.now() - started, (used.user + used.system) / 1000);
    if (ms > this.worstMs) [this.worstMs, this.worstCase] = [ms, name];
    if (ms > NO_HANG_MS) this.hangs.push(`${name} took ${Math.round(ms)} ms, over the ${NO_HANG_MS / 1000} s no-hang limit (18× the worst measured here)`);
    this.peakRssMb = Math.max(this.peakRssMb, process.memoryUsage().rss / 1024 / 1024);
  }

  /** One line for the test log, copied into docs/robustness.md. */
  print(extra = ''): void {
    console.log(`robustness: ${this.label}: ${this.cases} inputs, ${this.crashes.length} crashes, ${this.hangs.length} hangs > ${NO_HANG_MS / 1000} s, worst ${this.worstMs.toFixed(0)} ms (${this.worstCase}), peak RSS ${this.peakRssMb.toFixed(0)} MB${extra ? `, ${extra}` : ''}`);
  }

  /** Fails with the first crashes and hangs. */
  assertClean(): void {
    assert.deepEqual(this.crashes.slice(0, 3), [], `${this.crashes.length} crashes`);
    assert.deepEqual(this.hangs, []);
  }
}
