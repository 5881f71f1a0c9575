/**
 * Resolves after one whole turn of the extension host's event loop: through its timers phase (setTimeout) and its
 * I/O phase (setImmediate runs after poll). Long work split by `await nextTurn()` lets VS Code's messages and timers
 * run between the parts; a bare setImmediate from an I/O callback would resume before any timer could run.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(() => setImmediate(resolve), 0));
}
