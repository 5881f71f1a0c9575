// Renders images/icon.svg (the extension's own icon) to images/icon.png, 128×128, in Debian's Chromium through
// playwright-core, with a transparent background outside the rounded square. The Marketplace wants a PNG icon (vsce
// refuses SVG icons); run this after changing the SVG and commit both.
// Run: node scripts/render-icon.mjs
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT } from './build-integration.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './lib/code-server.mjs';
import { pngSize } from './lib/package-contents.mjs';

const SIZE = 128;
const svg = readFileSync(join(ROOT, 'images', 'icon.svg'), 'utf8');
const out = join(ROOT, 'images', 'icon.png');

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
try {
  const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
  await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
  const box = await page.locator('svg').boundingBox();
  if (!box || box.width !== SIZE || box.height !== SIZE) throw new Error(`the SVG drew at ${JSON.stringify(box)}, not ${SIZE}×${SIZE}`);
  await page.screenshot({ path: out, clip: { x: 0, y: 0, width: SIZE, height: SIZE }, omitBackground: true });
} finally {
  await browser.close();
}
const png = readFileSync(out);
const { width, height } = pngSize(png) ?? {};
if (width !== SIZE || height !== SIZE) throw new Error(`${out} is ${width}×${height}, not ${SIZE}×${SIZE}`);
console.log(`wrote ${out}: ${width}×${height} px, ${png.length} bytes`);
