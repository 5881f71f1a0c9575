/** The one error type of ATT&CK downloads: a code to act on and a message that says what happened. */

/**
 * - `offline`: the host could not be reached (DNS, refused, reset). - `network`: another socket error.
 * - `http`: a non-2xx answer. - `timeout`: no byte for too long. - `truncated`: the body ended early.
 * - `too-large`: over the size cap. - `cancelled`: the AbortSignal fired. - `invalid`: not the expected ATT&CK bundle.
 * - `io`: the cache could not be written. - `bad-url`: not an http(s) URL.
 */
export type DownloadErrorCode =
  | 'offline'
  | 'network'
  | 'http'
  | 'timeout'
  | 'truncated'
  | 'too-large'
  | 'cancelled'
  | 'invalid'
  | 'io'
  | 'bad-url';

/** A failed download. The cache is never changed when one is thrown. */
export class DownloadError extends Error {
  readonly url?: string;
  /** The HTTP status for `http`. */
  readonly status?: number;

  constructor(
    readonly code: DownloadErrorCode,
    message: string,
    extra: { url?: string; status?: number; cause?: unknown } = {},
  ) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = 'DownloadError';
    this.url = extra.url;
    this.status = extra.status;
  }
}
