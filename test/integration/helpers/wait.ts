/** Waiting without sleeping: every wait is on an event, with a timeout that names what did not happen. */
import type * as vscode from 'vscode';

// A no-hang limit, not a budget: the slowest event the suite waits for came within 2.5 s here (2026-12-03).
export const DEFAULT_TIMEOUT_MS = 60_000;

/** Resolves with the first value `event` fires that satisfies `predicate`; rejects after `timeoutMs`. */
export function nextEvent<T>(event: vscode.Event<T>, predicate: (value: T) => boolean, what: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const sub = event((value) => {
      if (!predicate(value)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(value);
    });
  });
}

/** `current()` when it already satisfies `predicate`, else the first matching value of `event`. */
export async function untilState<T>(
  current: () => T,
  event: vscode.Event<unknown>,
  predicate: (value: T) => boolean,
  what: string,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<T> {
  const now = current();
  if (predicate(now)) return now;
  await nextEvent(event, () => predicate(current()), what, timeoutMs);
  return current();
}

/** The first item of `list` from index `since` on that matches, else the next one `event` delivers. */
export function recordedOrNext<T>(
  list: readonly T[],
  since: number,
  event: vscode.Event<T>,
  predicate: (value: T) => boolean,
  what: string,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<T> {
  const found = list.slice(since).find(predicate);
  return found !== undefined ? Promise.resolve(found) : nextEvent(event, predicate, what, timeoutMs);
}
