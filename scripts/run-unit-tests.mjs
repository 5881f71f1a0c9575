// Runs every test/unit/**/*.test.ts with node:test through tsx. Node 20's --test does not expand
// globs itself, so the files are listed here; extra arguments (e.g. a path filter) narrow the set.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

function findTests(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...findTests(full));
    else if (name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

const filters = process.argv.slice(2);
const root = 'test/unit';
const files = findTests(root).filter((f) => filters.length === 0 || filters.some((p) => relative('.', f).includes(p)));
if (files.length === 0) {
  console.error(`no unit tests matched ${filters.join(' ') || root}`);
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
