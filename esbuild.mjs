// One build script: the extension (node/cjs, vscode external), the CLI, benchmarks and the webview (browser).
// `--production` (npm run package, npm run pack:cli, vscode:prepublish): minified, no source maps, and the .map files
// an earlier development build left beside the bundles are deleted.
import * as esbuild from 'esbuild';
import { readdirSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'warning' };

// ESM-only dependencies bundled into CommonJS (fdir, under tinyglobby) call createRequire(import.meta.url): give
// them the bundle's own URL, which esbuild otherwise leaves empty in cjs output.
const importMetaUrl = "const __importMetaUrl = require('url').pathToFileURL(__filename).href;";
const nodeCjs = { define: { 'import.meta.url': '__importMetaUrl' }, banner: { js: importMetaUrl } };

/** Every bench/*.ts and test/integration entry gets its own node bundle. */
function entries(dir, filter) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter(filter).map((f) => `${dir}/${f}`);
}

const builds = [
  {
    ...common,
    ...nodeCjs,
    entryPoints: { extension: 'src/extension/extension.ts', 'attack-worker': 'src/extension/attack-data/worker.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: { cli: 'src/cli/main.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    define: nodeCjs.define,
    banner: { js: `#!/usr/bin/env node\n${importMetaUrl}` },
  },
  {
    ...common,
    ...nodeCjs,
    entryPoints: entries('bench', (f) => f.endsWith('.ts')),
    outdir: 'dist/bench',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    ...common,
    entryPoints: { webview: 'src/webview/main.ts' },
    outdir: 'media',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
].filter((b) => Object.values(b.entryPoints).length > 0 && Object.values(b.entryPoints).every((p) => existsSync(p)));

if (production) {
  for (const dir of new Set(builds.map((b) => b.outdir))) {
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir)) if (f.endsWith('.map')) rmSync(join(dir, f));
  }
}

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
