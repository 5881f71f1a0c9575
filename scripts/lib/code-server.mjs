// code-server 4.100.3 (VS Code 1.100.3) from .tools, installed by scripts/install-code-server.sh: start it in its own
// process group on a port of its own, wait until it listens, build workbench URLs, and stop exactly the processes it
// started.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, watch } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../build-integration.mjs';

export const CODE_SERVER_VERSION = '4.100.3';
const TOOLS = process.env.THREAT_OVERLAP_TOOLS ?? join(ROOT, '.tools');
const INSTALL_DIR = join(TOOLS, 'code-server');
const ENTRY = join(INSTALL_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

/** Installs code-server into .tools unless a finished install is there (the script caches it). */
export function ensureCodeServer() {
  if (existsSync(join(INSTALL_DIR, `.installed-${CODE_SERVER_VERSION}`)) && existsSync(ENTRY)) return ENTRY;
  console.log(`code-server ${CODE_SERVER_VERSION} is not in ${INSTALL_DIR}: installing it (about 3 minutes, once)…`);
  const r = spawnSync('bash', [join(ROOT, 'scripts', 'install-code-server.sh')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('scripts/install-code-server.sh failed');
  return ENTRY;
}

/**
 * No gallery (else it looks up open-vsx), code-server's own logs, state and caches inside the run directory, and
 * VS Code's sockets and temporary files in `tmp` (a short directory of its own: socket paths stay under 108 bytes).
 */
function serverEnv(dirs, env, tmp) {
  return {
    ...env,
    TMPDIR: tmp,
    EXTENSIONS_GALLERY: '{}',
    XDG_DATA_HOME: join(dirs.root, 'xdg-data'),
    XDG_CONFIG_HOME: join(dirs.root, 'xdg-config'),
    XDG_CACHE_HOME: join(dirs.root, 'xdg-cache'),
  };
}

/**
 * code-server's command line on the run's user-data and extensions dirs, without starting a server: e.g.
 * `['--install-extension', vsix]` or `['--list-extensions', '--show-versions']`. Returns `{ status, stdout, stderr }`.
 */
export function codeServerCli({ dirs, env = process.env }, args) {
  const tmp = mkdtempSync(join(tmpdir(), 'to-cs-'));
  const r = spawnSync(process.execPath, [ensureCodeServer(), '--config', dirs.config, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, ...args], {
    env: serverEnv(dirs, env, tmp),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  rmSync(tmp, { recursive: true, force: true });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts code-server detached (its own process group) with an isolated user-data and extensions dir on a free port
 * of its own; resolves once its log says it listens on that port and GET /healthz answers. A port taken between
 * choosing and binding it (another run) means a retry on a new port. `stop()` signals the whole group and waits.
 * Workspace Trust is off unless `workspaceTrust` is true.
 */
export async function startCodeServer({ dirs, port, env, logFile, timeoutMs = 60_000, workspaceTrust = false }) {
  for (let attempt = 1; ; attempt++) {
    const chosen = port ?? (await freePort());
    try {
      return await startOnPort({ dirs, port: chosen, env, logFile, timeoutMs, workspaceTrust });
    } catch (err) {
      if (port !== undefined || attempt >= 3 || !(err instanceof PortTakenError)) throw err;
      console.error(`port ${chosen} was taken before code-server could bind it; trying another`);
    }
  }
}

class PortTakenError extends Error {}

async function startOnPort({ dirs, port, env, logFile, timeoutMs, workspaceTrust }) {
  const entry = ensureCodeServer();
  const logStart = existsSync(logFile) ? statSync(logFile).size : 0;
  const log = openSync(logFile, 'a');
  // VS Code's sockets (vscode-ipc-*.sock, vscode-git-*.sock) and TypeScript server files go to TMPDIR: a short
  // directory of this server's own (socket paths must stay under 108 bytes), removed when it stops.
  const tmp = mkdtempSync(join(tmpdir(), 'to-cs-'));
  const args = [
    entry,
    '--config', dirs.config,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions,
  ];
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ['ignore', log, log],
    env: serverEnv(dirs, env, tmp),
  });
  closeSync(log);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const stop = async () => {
    await stopGroup(child, exited);
    rmSync(tmp, { recursive: true, force: true });
  };
  const server = { child, port, url: `http://127.0.0.1:${port}`, exited, stop };
  try {
    await waitListening(server, logFile, logStart, timeoutMs);
    const health = await fetch(`${server.url}/healthz`);
    if (!health.ok) throw new Error(`code-server answered GET /healthz with HTTP ${health.status}`);
  } catch (err) {
    await server.stop();
    throw err;
  }
  return server;
}

/**
 * Resolves when this server's own log (from `offset` on) says it listens on its port: only the process that bound
 * the port writes that, so a server of another run on a reused port is never mistaken for ours. Waits on file
 * changes and on the process's exit, not on a clock.
 */
function waitListening(server, logFile, offset, timeoutMs) {
  const listening = `HTTP server listening on ${server.url}/`;
  const readLog = () => readFileSync(logFile, 'utf8').slice(offset);
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (err) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      watcher.close();
      if (err) reject(err);
      else resolve();
    };
    const check = () => {
      if (!done && readLog().includes(listening)) finish();
    };
    const watcher = watch(logFile, check);
    const timer = setTimeout(() => finish(new Error(`code-server did not listen on ${server.url} within ${timeoutMs} ms (see ${logFile})`)), timeoutMs);
    void server.exited.then((e) => {
      const text = readLog();
      if (text.includes(listening)) return finish(); // it listened, then exited: the health check reports that
      const taken = /EADDRINUSE/.test(text);
      return finish(taken ? new PortTakenError(`port ${server.port} is taken`) : new Error(`code-server exited (${e.code ?? e.signal}) before it listened (see ${logFile})`));
    });
    check();
  });
}

/** SIGTERM to the process group we started, SIGKILL after 5 s; never touches other processes. */
async function stopGroup(child, exited) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const signal = (sig) => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      /* already gone */
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
  signal('SIGKILL'); // stragglers of the group (extension host, pty host) that outlived the server
}

/** The workbench URL for `folder`, with extension development/test paths passed as the `payload` the workbench reads. */
export function workbenchUrl(server, { folder, extensionDevelopmentPath, extensionTestsPath }) {
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload = [['skipWelcome', 'true']];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  return `${server.url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** Chromium flags for a quiet, headless, sandbox-less run as root in CI. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
export const CHROMIUM_PATH = process.env.THREAT_OVERLAP_CHROMIUM ?? '/usr/bin/chromium';
