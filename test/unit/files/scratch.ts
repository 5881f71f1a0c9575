/**
 * A scratch tree for the file tests: a "repository" (with `.git`) holding models, and an "outside" folder beside
 * it holding a file with a secret marker that no message may ever contain. Removed by `remove()`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Content of the outside files: if any message or report carries it, a file leaked. */
export const SECRET = 'S3CR3T-7f1c9e-marker-never-in-any-message';

export class Scratch {
  readonly dir = mkdtempSync(join(tmpdir(), 'to-files-'));
  readonly repo = join(this.dir, 'repo');
  readonly outside = join(this.dir, 'outside');

  constructor() {
    mkdirSync(join(this.repo, '.git'), { recursive: true });
    mkdirSync(this.outside);
    // YAML that would parse as a mapping and show its keys in "unknown property" messages, if it were ever read.
    writeFileSync(join(this.outside, 'secret.controls.yaml'), `${SECRET}: ${SECRET}\nroot:x:0:0: ${SECRET}\n`);
    writeFileSync(join(this.outside, 'secret.layer.json'), JSON.stringify({ name: SECRET, techniques: [{ techniqueID: SECRET }] }));
  }

  /** Writes a file under the repository (folders created). */
  write(rel: string, text: string): string {
    const file = join(this.repo, rel);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    return file;
  }

  link(rel: string, target: string): string {
    const file = join(this.repo, rel);
    mkdirSync(dirname(file), { recursive: true });
    symlinkSync(target, file);
    return file;
  }

  /** A FIFO at `rel` in the repository (mkfifo, as CI runners have it). */
  fifo(rel: string): string {
    const file = join(this.repo, rel);
    mkdirSync(dirname(file), { recursive: true });
    execFileSync('mkfifo', [file]);
    return file;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Whether a character device can be made here (root, not in a container that forbids mknod). */
export function tryMknod(file: string): boolean {
  try {
    execFileSync('mknod', [file, 'c', '1', '3'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
