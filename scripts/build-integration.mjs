// Builds the integration suite for the extension host: test/integration/index.ts and every suite/*.test.ts become
// CommonJS bundles in dist/test/integration (vscode and mocha stay external: the host and node_modules provide them).
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const OUT_DIR = join(ROOT, 'dist', 'test', 'integration');

/** Builds the suite; resolves with the path of the entry (`extensionTestsPath`). */
export async function buildIntegrationTests() {
  const src = join(ROOT, 'test', 'integration');
  const suites = readdirSync(join(src, 'suite')).filter((f) => f.endsWith('.test.ts')).map((f) => join(src, 'suite', f));
  rmSync(OUT_DIR, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: [join(src, 'index.ts'), ...suites],
    outbase: src,
    outdir: OUT_DIR,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return join(OUT_DIR, 'index.js');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(`built ${await buildIntegrationTests()}`);
}
