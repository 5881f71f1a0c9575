/**
 * Shared pieces of the hostile-file tests (leaks, amplification, terminal safety, parser limits): a marker string
 * that tells whether a message quotes a file, a scratch folder with the mini ATT&CK bundle, and the CLI run
 * in-process on it with captured output.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/run';
import { miniBundle } from '../coverage/fixture';

/**
 * 300 characters made of 50 distinct chunks (`Qx00Zk`, `Qx01Zk`, …): letters and digits only, so no escaping
 * changes it, and any piece of it found in a message can be measured.
 */
export const MARKER = Array.from({ length: 50 }, (_, i) => `Qx${i.toString(36).padStart(2, '0')}Zk`).join('');

const FRAGMENTS = new Set(Array.from({ length: MARKER.length - 3 }, (_, i) => MARKER.slice(i, i + 4)));

/** Whether `text` holds any 4-character piece of the marker. */
export function hasMarker(text: string): boolean {
  for (let i = 0; i + 4 <= text.length; i++) if (FRAGMENTS.has(text.slice(i, i + 4))) return true;
  return false;
}

/** The longest run of `text` that is also a run of the marker (how much of it a message quotes). */
export function longestMarkerRun(text: string): number {
  let best = 0;
  let previous = new Array<number>(MARKER.length + 1).fill(0);
  for (let i = 1; i <= text.length; i++) {
    const current = new Array<number>(MARKER.length + 1).fill(0);
    for (let j = 1; j <= MARKER.length; j++) {
      if (text[i - 1] === MARKER[j - 1]) {
        current[j] = previous[j - 1] + 1;
        if (current[j] > best) best = current[j];
      }
    }
    previous = current;
  }
  return best;
}

export interface CliRun {
  readonly status: number;
  readonly out: string;
  readonly err: string;
}

/** A scratch folder holding `enterprise-attack-1.0.json` (the mini bundle); removed by `remove()`. */
export class Scratch {
  readonly dir = mkdtempSync(join(tmpdir(), 'to-hostile-'));

  constructor(bundle = miniBundle()) {
    writeFileSync(join(this.dir, 'enterprise-attack-1.0.json'), bundle);
  }

  write(name: string, content: string | Uint8Array): string {
    const file = join(this.dir, name);
    writeFileSync(file, content);
    return file;
  }

  async cli(...argv: string[]): Promise<CliRun> {
    let out = '';
    let err = '';
    const io = { out: (t: string) => void (out += t), err: (t: string) => void (err += t), env: { THREAT_OVERLAP_CACHE_DIR: join(this.dir, 'cache') }, cwd: this.dir };
    const status = await runCli(argv, io);
    return { status, out, err };
  }

  /** `check MODEL` against the mini bundle in this folder. */
  check(model: string, format: string, ...more: string[]): Promise<CliRun> {
    return this.cli('check', model, '--attack-data', this.dir, '--format', format, '--fail-on', 'never', ...more);
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A threat model pinned to the mini bundle's release, with one Windows component. */
export function miniModel(more: string): string {
  return `threatModel: 1
name: Mini
attack: { domain: enterprise-attack, version: "1.0" }
techStack:
  - { id: win, platforms: [Windows, Linux] }
${more}`;
}

export const FORMATS = ['text', 'json', 'markdown', 'sarif', 'navigator'] as const;

/** The diagnostic messages a report of `format` carries (text and navigator reports carry none). */
export function reportMessages(format: (typeof FORMATS)[number], out: string): string[] {
  if (out === '') return [];
  switch (format) {
    case 'json':
      return (JSON.parse(out) as { diagnostics: { message: string; text: string }[] }).diagnostics.flatMap((d) => [d.message, d.text]);
    case 'sarif': {
      const results = (JSON.parse(out) as { runs: { results: { ruleId: string; message: { text: string } }[] }[] }).runs[0]?.results ?? [];
      return results.filter((r) => r.ruleId.includes('.') && !/^T\d/.test(r.ruleId)).map((r) => r.message.text);
    }
    case 'markdown': {
      const at = out.indexOf('## Diagnostics');
      return at < 0 ? [] : out.slice(at).split('\n').filter((l) => l.startsWith('- '));
    }
    default:
      return [];
  }
}
