// The browser side of a run: the workbench's automation log (the extension host's console, so mocha's reporter),
// and captures of what the user actually sees, taken when the suite asks for them.
/* global document -- used inside page.evaluate, which runs in the page */
import { closeSync, cpSync, openSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';

/** Lines the suite sends to the runner start with this, followed by JSON (see test/integration/index.ts). */
const PREFIX = '[threat-overlap-it] ';
const CLOSING_LINE = /^\d+ passed, \d+ failed, \d+ skipped$/;
/** The workbench's own chatter (connection, gallery, settings warnings) goes to the log file only. */
const WORKBENCH_NOISE = /^(Resolving connection token|Resolved connection token|Creating a socket|Ignoring fetching additional builtin|Updating additional builtin|\[Service Worker\]|ChatSessionStore|Settings pattern "|\[lifecycle\] Long running operations during shutdown)/;

/** Prints the extension host's log lines as they arrive, keeps the suite's summary and serves capture requests. */
export class LogForwarder {
  summary;

  /** @param onCapture called with a name when the suite asks for a capture of the workbench */
  constructor(file, onCapture) {
    this.fd = openSync(file, 'w');
    this.onCapture = onCapture;
  }

  /** `codeAutomationLog(type, args)`: one console call; `'%c…', 'color…'` styling args come first and are dropped. */
  forward(type, parts) {
    const list = Array.isArray(parts) ? [...parts] : [parts];
    if (typeof list[0] === 'string' && list[0].startsWith('%c')) list.splice(0, 2);
    const text = format(...list);
    if (this.fd !== undefined) writeSync(this.fd, `[${type}] ${text}\n`);
    for (const line of text.split('\n')) {
      if (line.startsWith(PREFIX)) this.control(JSON.parse(line.slice(PREFIX.length)));
      else if (CLOSING_LINE.test(line.trim())) continue; // the runner prints the closing line itself, last
      else if (!WORKBENCH_NOISE.test(line)) console.log(line);
    }
  }

  control(message) {
    if (typeof message.capture === 'string') void this.onCapture(message.capture);
    else this.summary = message;
  }

  note(text) {
    if (this.fd !== undefined) writeSync(this.fd, `${text}\n`);
    console.error(text);
  }

  close() {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/** Status bar entries and notification toasts as rendered in the page. */
export function describeWorkbench(page) {
  return page.evaluate(() => {
    const text = (el) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
    const statusBar = [...document.querySelectorAll('.part.statusbar .statusbar-item')].map((el) => ({
      id: el.id,
      text: text(el),
      ariaLabel: el.querySelector('[aria-label]')?.getAttribute('aria-label') ?? el.getAttribute('aria-label') ?? '',
      warning: el.classList.contains('warning-kind'),
    }));
    const notifications = [...document.querySelectorAll('.notification-toast')].map((el) => ({
      message: text(el.querySelector('.notification-list-item-message')),
      buttons: [...el.querySelectorAll('.monaco-button')].map(text).filter((t) => t !== ''),
    }));
    return { statusBar, notifications };
  });
}

/** Writes `<dir>/<name>.png` and then, atomically, `<dir>/<name>.json` (the suite waits for the JSON). */
export async function captureWorkbench(page, dir, name) {
  const safe = name.replace(/[^\w.-]/g, '_');
  const screenshot = join(dir, `${safe}.png`);
  let result;
  try {
    await page.screenshot({ path: screenshot, animations: 'disabled' });
    result = { screenshot, ...(await describeWorkbench(page)) };
  } catch (err) {
    result = { error: String(err) };
  }
  const file = join(dir, `${safe}.json`);
  writeFileSync(`${file}.tmp`, JSON.stringify(result, null, 2));
  renameSync(`${file}.tmp`, file);
}

/**
 * Waits for a quick input to show after `press()`. A key pressed while the workbench is still starting or moving
 * focus can be lost: when the input does not show, Escape, click `focusTarget` (a locator, e.g. the model's tab) or
 * the workbench's corner, and press again, a few times, before failing.
 */
export async function openQuickInput(page, press, input, { focusTarget, timeout = 60_000 } = {}) {
  for (let attempt = 1; ; attempt++) {
    if (focusTarget) await focusTarget.click();
    await press();
    try {
      await input.waitFor({ state: 'visible', timeout: attempt < 5 ? 5_000 : timeout });
      return;
    } catch (err) {
      if (attempt >= 5) throw err;
      await page.keyboard.press('Escape');
      if (!focusTarget) await page.locator('.monaco-workbench').click({ position: { x: 5, y: 5 } });
    }
  }
}

/** Opens `fileName` with Quick Open (Ctrl+P), as a user does, and waits for its editor tab. */
export async function quickOpenFile(page, fileName, { timeout = 60_000 } = {}) {
  const input = page.locator('.quick-input-widget input');
  await openQuickInput(page, () => page.keyboard.press('Control+P'), input, { timeout });
  await input.fill(fileName);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: fileName }).first().waitFor({ timeout });
  await page.keyboard.press('Enter');
  await page.locator('.tab.active', { hasText: fileName }).waitFor({ timeout });
}

/** Runs `title` from the command palette (F1) with the focus on `focusTarget` (e.g. the model's editor tab). */
export async function runFromPalette(page, title, { focusTarget, timeout = 60_000 } = {}) {
  const input = page.locator('.quick-input-widget input');
  await openQuickInput(page, () => page.keyboard.press('F1'), input, { focusTarget, timeout });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor({ timeout });
  await page.keyboard.press('Enter');
}

/**
 * Waits for the heatmap webview's first cell; when it never comes, keeps a screenshot of the workbench and the run's
 * user-data logs under `dir` (as `<name>.png` and `<name>-logs`) for the diagnosis, then fails as the wait did.
 */
export async function heatmapCellsDrawn(page, webview, { dir, name, userData, timeout = 60_000 }) {
  try {
    await webview.locator('svg.matrix g.cell').first().waitFor({ timeout });
  } catch (err) {
    await page.screenshot({ path: join(dir, `${name}.png`) });
    cpSync(userData, join(dir, `${name}-logs`), { recursive: true, filter: (p) => !p.includes('CachedData') && !p.endsWith('.sock') });
    throw err;
  }
}
