/**
 * The heatmap webview's HTML: no inline script or style, scripts only by nonce, everything else from the webview's
 * own origin (cspSource). Pure (no vscode import) so the Chromium test serves exactly this page.
 */

export interface HeatmapHtmlParts {
  /** `webview.cspSource`. */
  readonly cspSource: string;
  /** A fresh nonce from a CSPRNG (see `newNonce`). */
  readonly nonce: string;
  /** `asWebviewUri` of media/webview.js and media/webview.css. */
  readonly scriptUri: string;
  readonly styleUri: string;
  readonly title: string;
}

/** The Content-Security-Policy of the page: default-src 'none'; PNG export draws the SVG through a blob: image. */
export function heatmapCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `img-src ${cspSource} blob: data:`,
    `font-src ${cspSource}`,
  ].join('; ');
}

export function heatmapHtml(parts: HeatmapHtmlParts): string {
  const csp = heatmapCsp(parts.cspSource, parts.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${escapeAttr(parts.styleUri)}">
<title>${escapeText(parts.title)}</title>
</head>
<body>
<script nonce="${escapeAttr(parts.nonce)}" src="${escapeAttr(parts.scriptUri)}"></script>
</body>
</html>`;
}

/** 128 bits from the platform CSPRNG (Web Crypto, in Node 20 and browsers alike), base64url. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
