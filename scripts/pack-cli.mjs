// npm run pack:cli: the CLI's npm package, threat-overlap-<version>.tgz at the repository root (git-ignored).
// The root package.json is the VS Code extension's manifest (npm would always pack its `main`), so the package is
// staged in dist/npm/: a generated package.json (bin threat-overlap -> cli.js, no dependencies: everything is
// bundled), the production dist/cli.js, the two format schemas (for editors: `# yaml-language-server: $schema=…`),
// README.md and LICENSE; then `npm pack` runs there. Prints the tarball's files and size; fails when they differ from
// scripts/lib/package-contents.mjs.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './build-integration.mjs';
import { CLI_PACKAGE_FILES, kB, listDifferences, rootManifest, tarballName } from './lib/package-contents.mjs';

const STAGE = join(ROOT, 'dist', 'npm');
const SCHEMAS = ['threat-model.schema.json', 'control-inventory.schema.json'];

/** The CLI package's manifest, from the extension's: same name, version, licence and project links. */
export function cliManifest(root = rootManifest()) {
  return {
    name: root.name,
    version: root.version,
    description:
      'Command line of Threat Overlap: checks YAML threat models and control inventories against MITRE ATT&CK and reports the gaps (text, JSON, Markdown, SARIF, ATT&CK Navigator layer).',
    keywords: ['mitre', 'att&ck', 'threat model', 'security controls', 'coverage', 'sarif', 'cli'],
    license: root.license,
    repository: root.repository,
    bugs: root.bugs,
    homepage: root.homepage,
    bin: { 'threat-overlap': 'cli.js' },
    files: ['cli.js', ...SCHEMAS.map((s) => `schemas/${s}`)],
    engines: { node: root.engines.node },
  };
}

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status})${r.stdout ? `:\n${r.stdout}` : ''}`);
  return r.stdout;
}

function main() {
  const manifest = cliManifest();
  const tarball = join(ROOT, tarballName(manifest.version));
  const build = spawnSync(process.execPath, [join(ROOT, 'esbuild.mjs'), '--production'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the production build (esbuild.mjs --production) failed');
  rmSync(STAGE, { recursive: true, force: true });
  mkdirSync(join(STAGE, 'schemas'), { recursive: true });
  copyFileSync(join(ROOT, 'dist', 'cli.js'), join(STAGE, 'cli.js'));
  chmodSync(join(STAGE, 'cli.js'), 0o755);
  for (const s of SCHEMAS) copyFileSync(join(ROOT, 'schemas', s), join(STAGE, 'schemas', s));
  for (const f of ['README.md', 'LICENSE']) copyFileSync(join(ROOT, f), join(STAGE, f));
  writeFileSync(join(STAGE, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);

  // --ignore-scripts: the staged manifest has none, and nothing of the root's may run here.
  const [packed] = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', STAGE], STAGE));
  rmSync(tarball, { force: true });
  renameSync(join(STAGE, packed.filename), tarball);
  const files = packed.files.map((f) => ({ ...f, path: `package/${f.path}` })).sort((a, b) => a.path.localeCompare(b.path));
  console.log(`${tarballName(manifest.version)}: ${files.length} files`);
  for (const f of files) console.log(`  ${f.path.padEnd(48)} ${kB(f.size).padStart(10)}`);
  console.log(`tarball ${kB(packed.size)} (${packed.size} bytes), unpacked ${kB(packed.unpackedSize)}`);
  const problems = listDifferences(files.map((f) => f.path), CLI_PACKAGE_FILES);
  if (problems.length > 0) {
    console.error(`npm run pack:cli FAILED, tarball file list:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    process.exitCode = 1;
    return;
  }
  console.log(`wrote ${tarball}\ninstall it: npm install ${tarballName(manifest.version)} (then npx threat-overlap … or node_modules/.bin/threat-overlap …)`);
}

if (process.argv[1] === new URL(import.meta.url).pathname) main();
