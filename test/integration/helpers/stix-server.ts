/**
 * A real HTTP server on 127.0.0.1 that serves ATT&CK bundles the way a mirror would, and the ways downloads fail.
 * Paths are `/<mode>/<file name>`; the file is read from the shared test bundles (never copied into the repository).
 *   ok        the bundle, with Content-Length (HEAD too)
 *   truncated Content-Length of the whole bundle, then the connection drops after 1 MB
 *   missing   404
 *   wrong     a bundle of another domain (mobile for enterprise, enterprise for the others)
 *   html      200 with an HTML page, as a captive portal would send
 *   stall     the first 256 KB, then nothing until the client goes away (for cancellation)
 */
import { createReadStream, statSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import * as path from 'node:path';

export type Mode = 'ok' | 'truncated' | 'missing' | 'wrong' | 'html' | 'stall';

export interface StixServer {
  /** `http://127.0.0.1:PORT/<mode>/<file>`; `file` may be a template with {domain} and {version}. */
  url(mode: Mode, file?: string): string;
  /** Requests seen so far, as "METHOD /path". */
  readonly requests: readonly string[];
  close(): Promise<void>;
}

const TEMPLATE = '{domain}-{version}.json';

export async function startStixServer(stixDir: string): Promise<StixServer> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const [, mode, name] = /^\/([a-z]+)\/([\w.-]+\.json)$/.exec(req.url ?? '') ?? [];
    const file = name === undefined ? undefined : path.join(stixDir, mode === 'wrong' ? otherDomain(name) : name);
    const size = file === undefined ? undefined : statSync(file, { throwIfNoEntry: false })?.size;
    if (!file || size === undefined || mode === 'missing') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
      return;
    }
    if (mode === 'html') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Sign in to the guest Wi-Fi</title>');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': size });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const limit = mode === 'truncated' ? 1024 * 1024 : mode === 'stall' ? 256 * 1024 : undefined;
    const body = createReadStream(file, limit === undefined ? {} : { end: limit - 1 });
    if (limit === undefined) {
      body.pipe(res);
      return;
    }
    body.on('data', (chunk) => res.write(chunk));
    // truncated: drop the connection; stall: keep it open until the client gives up.
    body.on('end', () => mode === 'truncated' && res.socket?.destroy());
  });
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (mode, file = TEMPLATE) => `http://127.0.0.1:${port}/${mode}/${file}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** mobile-attack-18.1.json for enterprise-attack-*.json, else enterprise-attack-18.1.json. */
function otherDomain(name: string): string {
  return name.startsWith('enterprise-attack') ? 'mobile-attack-18.1.json' : 'enterprise-attack-18.1.json';
}

/** A URL on 127.0.0.1 where nothing listens (connection refused, like being offline). */
export async function closedPortUrl(): Promise<string> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}/${TEMPLATE}`;
}
