/**
 * One static server of the webview page and one headless Chromium for a node:test suite: started before its tests
 * (with the folder for screenshots), closed after them. The getters read them once `before` has run.
 */
import { mkdirSync } from 'node:fs';
import { after, before } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium, serveWebview } from './harness';

export interface ChromiumSession {
  readonly browser: Browser;
  /** The URL of the served webview page. */
  readonly url: string;
}

export function chromiumSession(resultsDir: string): ChromiumSession {
  let browser: Browser | undefined;
  let server: Awaited<ReturnType<typeof serveWebview>> | undefined;
  before(async () => {
    mkdirSync(resultsDir, { recursive: true });
    server = await serveWebview();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get browser() {
      if (!browser) throw new Error('the Chromium session has not started (use it inside a test)');
      return browser;
    },
    get url() {
      if (!server) throw new Error('the Chromium session has not started (use it inside a test)');
      return server.url;
    },
  };
}
