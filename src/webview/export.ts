/**
 * Export of the current matrix as SVG or PNG. The copy carries its computed colours and fonts as presentation attributes (the
 * --vscode-* variables and classes do not exist outside the webview); PNG goes through a canvas.
 */
const STYLE_PROPS = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'opacity', 'font-family', 'font-size', 'font-weight', 'text-decoration'] as const;

/** A standalone SVG document of `svg` with its current look, on the editor's background. */
export function exportSvg(svg: SVGSVGElement, title: string): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const source = [svg, ...Array.from(svg.querySelectorAll('*'))];
  const target = [copy, ...Array.from(copy.querySelectorAll('*'))];
  source.forEach((el, i) => {
    const out = target[i];
    if (!out || !(el instanceof SVGElement)) return;
    // Presentation attributes, not a style attribute: the CSP has no 'unsafe-inline' for styles.
    const computed = getComputedStyle(el);
    for (const p of STYLE_PROPS) out.setAttribute(p, computed.getPropertyValue(p));
    out.removeAttribute('tabindex');
  });
  // The picture is the whole matrix with its headers on top, wherever the panel happens to be scrolled.
  copy.querySelector('g.headers')?.removeAttribute('transform');
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const [, , w = '0', h = '0'] = (svg.getAttribute('viewBox') ?? '').split(' ');
  copy.setAttribute('width', w);
  copy.setAttribute('height', h);
  const ns = 'http://www.w3.org/2000/svg';
  const bg = document.createElementNS(ns, 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', getComputedStyle(document.body).backgroundColor);
  copy.insertBefore(bg, copy.firstChild);
  const titleEl = document.createElementNS(ns, 'title');
  titleEl.textContent = title;
  copy.insertBefore(titleEl, copy.firstChild);
  return new XMLSerializer().serializeToString(copy);
}

/** The SVG rendered to a PNG data URL at `scale` (needs `img-src blob:` in the CSP). */
export async function exportPng(svgText: string, scale = 2): Promise<string> {
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    const loaded = new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('the SVG could not be drawn'));
    });
    img.src = url;
    await loaded;
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(img.width * scale);
    canvas.height = Math.ceil(img.height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0);
    return canvas.toDataURL('image/png');
  } finally {
    URL.revokeObjectURL(url);
  }
}
