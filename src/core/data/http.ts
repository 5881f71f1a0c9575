/** A small HTTP(S) client over node:http/https: redirects, an idle timeout and AbortSignal (no fetch, so editor proxies apply). */
import * as http from 'node:http';
import * as https from 'node:https';
import { DownloadError } from './errors';

/** Options shared by GET and HEAD. */
export interface RequestOptions {
  readonly signal?: AbortSignal;
  /** Milliseconds without a response or a byte before the request fails with `timeout`. */
  readonly timeoutMs: number;
  readonly maxRedirects?: number;
}

/** An open response with a 2xx status, its body not read yet. */
export interface OpenResponse {
  readonly response: http.IncomingMessage;
  /** The URL after redirects. */
  readonly url: string;
  /** Content-Length, when the server sent one. */
  readonly total?: number;
}

/** Sends `method` to `url`, follows redirects, and resolves with the first 2xx response or rejects with a DownloadError. */
export async function openUrl(url: string, method: 'GET' | 'HEAD', opts: RequestOptions): Promise<OpenResponse> {
  let current = url;
  for (let hop = 0; hop <= (opts.maxRedirects ?? 5); hop++) {
    const response = await requestOnce(current, method, opts);
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (status >= 300 && status < 400 && location) {
      response.resume();
      const from = new URL(current);
      const to = URL.canParse(location, current) ? new URL(location, current) : undefined;
      if (!to) throw new DownloadError('http', `${current} redirected to an invalid URL`, { url: current, status });
      if (!sameSite(from, to)) {
        throw new DownloadError('http', `${current} redirected to ${to.origin}, another host: only redirects within ${from.origin} are followed`, { url: current, status });
      }
      current = to.toString();
      continue;
    }
    if (status < 200 || status >= 300) {
      response.resume();
      throw new DownloadError('http', `${current} answered HTTP ${status} ${response.statusMessage ?? ''}`.trim(), { url: current, status });
    }
    const length = Number(response.headers['content-length']);
    return { response, url: current, total: Number.isFinite(length) && length >= 0 ? length : undefined };
  }
  throw new DownloadError('http', `${url} redirected more than ${opts.maxRedirects ?? 5} times`, { url });
}

/**
 * Whether a redirect from `from` to `to` stays on the same site: the same origin, or the same host name upgraded from
 * http to https on the default port. A mirror that hands the file to another host (or downgrades to http) is refused,
 * so the data comes from the host the user configured or MITRE's own.
 */
export function sameSite(from: URL, to: URL): boolean {
  if (to.origin === from.origin) return true;
  return from.protocol === 'http:' && to.protocol === 'https:' && to.hostname === from.hostname && to.port === '';
}

function requestOnce(url: string, method: 'GET' | 'HEAD', opts: RequestOptions): Promise<http.IncomingMessage> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return Promise.reject(new DownloadError('bad-url', `Not a valid URL: ${url}`, { url }));
  }
  const client = parsed.protocol === 'https:' ? https : parsed.protocol === 'http:' ? http : undefined;
  if (!client) return Promise.reject(new DownloadError('bad-url', `Only http and https URLs can be downloaded: ${url}`, { url }));
  if (opts.signal?.aborted) return Promise.reject(cancelled(url));
  return new Promise((resolve, reject) => {
    const req = client.request(parsed, { method, signal: opts.signal, headers: { 'accept-encoding': 'identity' } }, (response) => {
      // From here on the reader of the body owns the idle timeout (a socket timeout would read as a truncated body).
      req.setTimeout(0);
      resolve(response);
    });
    req.setTimeout(opts.timeoutMs, () => req.destroy(timedOut(url, opts.timeoutMs)));
    req.on('error', (err) => reject(classifyError(err, url, opts)));
    req.end();
  });
}

/** Maps a socket or abort error to a DownloadError with a code the caller can act on. */
export function classifyError(err: unknown, url: string, opts: { signal?: AbortSignal; timeoutMs: number }): DownloadError {
  if (err instanceof DownloadError) return err;
  if (opts.signal?.aborted) return cancelled(url);
  const code = (err as NodeJS.ErrnoException).code ?? '';
  const host = safeHost(url);
  if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ECONNRESET'].includes(code)) {
    return new DownloadError('offline', `Could not reach ${host} (${code})`, { url, cause: err });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new DownloadError('network', `Request to ${host} failed: ${message}`, { url, cause: err });
}

export function timedOut(url: string, ms: number): DownloadError {
  return new DownloadError('timeout', `No data from ${safeHost(url)} for ${Math.round(ms / 100) / 10} s`, { url });
}

export function cancelled(url: string): DownloadError {
  return new DownloadError('cancelled', 'The download was cancelled', { url });
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
