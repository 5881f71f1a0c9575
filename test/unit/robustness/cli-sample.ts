/** Runs `validate` and `check` in-process on files written to a scratch folder, for samples of hostile YAML. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/run';
import { miniBundle } from '../coverage/fixture';

const DIAGNOSTIC_LINE = /:\d+:\d+ (error|warning|information|hint) [a-z]+\.[a-z-]+ /;

export class CliSample {
  readonly dir = mkdtempSync(join(tmpdir(), 'to-robust-cli-'));
  private n = 0;

  constructor() {
    // Found for any pinned version (`DIR/<domain>.json`), so `check` gets as far as the model allows.
    writeFileSync(join(this.dir, 'enterprise-attack.json'), miniBundle());
    writeFileSync(join(this.dir, 'ok.controls.yaml'), 'controlInventory: 1\ncontrols:\n  - { id: C1, mitigations: [M0001] }\n');
  }

  /**
   * `validate` then `check` on `text` saved as a model (or inventory): both must end with a documented exit
   * status, and an exit 2 must come with diagnostics in `file:line:col severity code message` form.
   */
  async run(text: string, kind: 'threatmodel' | 'controls'): Promise<{ validate: number; check?: number }> {
    const file = `case-${++this.n}.${kind}.yaml`;
    writeFileSync(join(this.dir, file), text);
    const validate = await this.cli('validate', file);
    if (kind === 'controls') return { validate: validate.status };
    const check = await this.cli('check', file, '--attack-data', this.dir, '--format', 'json');
    return { validate: validate.status, check: check.status };
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async cli(...argv: string[]): Promise<{ status: number }> {
    let out = '';
    let err = '';
    const status = await runCli(argv, { out: (t) => void (out += t), err: (t) => void (err += t), env: { THREAT_OVERLAP_CACHE_DIR: join(this.dir, 'cache') }, cwd: this.dir });
    assert.ok([0, 1, 2].includes(status), `${argv.join(' ')}: exit ${status}\n${err}`);
    if (status === 2) assert.match(out + err, DIAGNOSTIC_LINE, `${argv.join(' ')}: exit 2 without a diagnostic line\n${out}${err}`);
    return { status };
  }
}
