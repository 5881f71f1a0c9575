// Builds the integration suite for the extension host: test/integration/index.ts, every suite/*.test.ts and
// bench/*.bench.ts become
// CommonJS bundles in dist/test/integration, or in a run's own folder (vscode and mocha stay external: the host and
// node_modules provide them, so the folder must be inside a tree whose node_modules has mocha).
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const OUT_DIR = join(ROOT, 'dist', 'test', 'integration');

/** Builds the suite into `outDir` (emptied first); resolves with the path of the entry (`extensionTestsPath`). */
export async function buildIntegrationTests(outDir = OUT_DIR) {
  const src = join(ROOT, 'test', 'integration');
  const suites = [
    ...readdirSync(join(src, 'suite')).filter((f) => f.endsWith('.test.ts')).map((f) => join(src, 'suite', f)),
    ...readdirSync(join(src, 'bench')).filter((f) => f.endsWith('.bench.ts')).map((f) => join(src, 'bench', f)),
  ];
  rmSync(outDir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: [join(src, 'index.ts'), ...suites],
    outbase: src,
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return join(outDir, 'index.js');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(`built ${await buildIntegrationTests()}`);
}
