/**
 * The ATT&CK matrix as an SVG ARIA grid, drawn with d3 keyed joins so an update after an edit only touches the
 * cells that changed. Row r of the grid holds the r-th cell of every tactic column. All text goes through `.text()`;
 * colours come from CSS classes (Okabe–Ito state fills, --vscode-* theme colours).
 */
import { select } from 'd3';
import type { Selection } from 'd3';
import type { LabelMode } from '../protocol';
import { STATE_KEYS } from '../protocol';
import type { CellModel, ColumnModel, MatrixModel } from './model/matrix';
import { cellGlyph, cellLabel, cellText, columnLabel, coveragePips, plural } from './model/words';
import { ASSURANCE_MARK, assuranceOf } from './model/assurance';
import { outcomeFilterOf } from './model/triage';
import { nextCell, type GridMove } from './keyboard';

export const ROW_H = 24;
const HEADER_H = 42;
const GAP = 4;
const PAD = 6;
const SUB_INDENT = 12;
/** Average advance of an 11px UI font; bold (gaps) runs wider, the pips and counts of the meta text wider still. */
const CHAR_W = 6.4;
const BOLD_CHAR_W = 7.2;
const META_CHAR_W = 7;
const COLUMN_WIDTH: Readonly<Record<LabelMode, number>> = { id: 118, name: 196, both: 224 };
/** A collapsed tactic column: a strip with its count on top and its name written down it. */
const COLLAPSED_W = 30;
/** Advance of the bold 12px tactic name (the collapsed strip must be long enough for it). */
const NAME_CHAR_W = 7.2;
/**
 * Matrices with at least this many cells are drawn progressively: Enterprise with sub-techniques expanded, also
 * with its tactics all not applicable collapsed (the example model: 887 cells with every column open, 795 with two
 * collapsed, which drawn at once took about 1.7× the progressive first paint).
 */
const PROGRESSIVE_MIN_CELLS = 500;
/** Work per frame while drawing the waiting columns. */
const CHUNK_MS = 12;

export interface MatrixHandlers {
  select(cell: CellModel): void;
  toggle(parentId: string): void;
  /** A tactic column's header was clicked (or Enter/Space on it): `collapsed` is how it is shown now. */
  toggleColumn(tactic: string, collapsed: boolean): void;
  hover(cell: CellModel | undefined): void;
  escape(): void;
  /** Every column of a progressive render is drawn (called after the last one, before its frame is painted). */
  drawn?(): void;
}

export class MatrixView {
  readonly svg: Selection<SVGSVGElement, unknown, null, undefined>;
  private readonly headers: Selection<SVGGElement, unknown, null, undefined>;
  private readonly body: Selection<SVGGElement, unknown, null, undefined>;
  private model: MatrixModel | undefined;
  private focusKey = '';
  private headerSignature = '';
  private readonly nodes = new Map<string, CellNode>();
  private rowNodes: SVGGElement[] = [];
  private drawArgs: { width: number; xs: readonly number[]; labels: LabelMode; selected: string } | undefined;
  /** Columns (indices) not drawn yet, in drawing order, and the animation frame that draws the next ones. */
  private pending: number[] = [];
  private frame = 0;

  constructor(private readonly container: HTMLElement, private readonly handlers: MatrixHandlers) {
    this.svg = select(container).append('svg').attr('class', 'matrix').attr('role', 'grid').attr('xmlns', 'http://www.w3.org/2000/svg');
    this.body = this.svg.append('g').attr('class', 'rows').attr('role', 'rowgroup');
    // The header row comes after the cells so that, kept at the top while scrolling (`stickHeaders`), it paints over
    // them; aria-rowindex keeps it the first row for assistive technology.
    this.headers = this.svg.append('g').attr('class', 'headers').attr('role', 'row').attr('aria-rowindex', 1);
    this.headers.append('rect').attr('class', 'header-bg').attr('height', HEADER_H);
    this.svg.on('click', (event: MouseEvent) => this.onClick(event));
    this.svg.on('pointerover', (event: PointerEvent) => this.handlers.hover(cellOf(event.target)));
    this.svg.on('pointerleave', () => this.handlers.hover(undefined));
    this.svg.on('keydown', (event: KeyboardEvent) => this.onKey(event));
  }

  /**
   * Draws `model`; keeps keyboard focus on the same cell when it is still there. A big matrix drawn afresh (the
   * first result, all sub-techniques expanded) is drawn progressively: the tactic columns in (or next to) the scroll
   * viewport now, the others in the following frames, nearest first, with the grid `aria-busy` until all are drawn
   * (`complete`, `handlers.drawn`). Columns that already have cells (an update after an edit) are always drawn now.
   */
  render(model: MatrixModel, labels: LabelMode, zoom: number, selected: string, title: string, scrollLeft = 0): void {
    this.cancelPending();
    this.model = model;
    const width = COLUMN_WIDTH[labels];
    // Where each column starts: collapsed ones are narrow strips.
    const xs: number[] = [];
    let x = PAD;
    for (const column of model.columns) {
      xs.push(x);
      x += (column.collapsed ? COLLAPSED_W : width) + GAP;
    }
    const totalW = x + PAD;
    // A collapsed column's name is written down its strip: the matrix is at least that long.
    const longest = Math.max(0, ...model.columns.filter((c) => c.collapsed).map((c) => c.tactic.name.length));
    const totalH = Math.max(HEADER_H + model.rows * (ROW_H + 2) + PAD, longest > 0 ? HEADER_H + 12 + longest * NAME_CHAR_W + PAD : 0);
    // Re-setting these (even to the same value) makes Chromium lay out the whole SVG again: only on change.
    const svg = this.svg.node();
    const attrs: Record<string, string> = {
      viewBox: `0 0 ${totalW} ${totalH}`,
      width: String(Math.round(totalW * zoom)),
      height: String(Math.round(totalH * zoom)),
      'aria-label': title,
      'aria-rowcount': String(model.rows + 1),
      'aria-colcount': String(model.columns.length),
    };
    for (const [name, value] of Object.entries(attrs)) if (svg && svg.getAttribute(name) !== value) svg.setAttribute(name, value);
    this.headers.select('rect.header-bg').attr('width', totalW);
    this.renderHeaders(model.columns, width, xs, totalH);
    const live = new Set<string>();
    for (const column of model.columns) for (const d of column.cells) live.add(d.key);
    if (!live.has(this.focusKey)) this.focusKey = model.columns.find((c) => c.cells.length > 0)?.cells[0]?.key ?? '';
    const focusKey = this.focusKey;
    const hadFocus = this.svg.node()?.contains(document.activeElement) ?? false;
    this.rowNodes = this.body
      .selectAll<SVGGElement, number>('g.row')
      .data(Array.from({ length: model.rows }, (_x, i) => i))
      .join((enter) => enter.append('g').attr('class', 'row').attr('role', 'row').attr('aria-rowindex', (d) => d + 2))
      .nodes();
    for (const [key, node] of this.nodes) {
      if (live.has(key)) continue;
      node.remove();
      this.nodes.delete(key);
    }
    this.drawArgs = { width, xs, labels, selected };
    // Which columns wait: only on a big matrix, only columns without any cell yet, never the focused cell's column.
    const deferred: number[] = [];
    // (Reading the viewport's width forces a layout: only when some column has no cell yet.)
    const fresh = (c: ColumnModel) => c.cells.length > 0 && !c.cells.some((d) => d.key === focusKey || this.nodes.has(d.key));
    if (model.cellCount >= PROGRESSIVE_MIN_CELLS && model.columns.some(fresh)) {
      const step = (width + GAP) * zoom;
      const view = this.container.clientWidth || window.innerWidth;
      const near = (i: number) => (xs[i] ?? 0) * zoom + step > scrollLeft - step && (xs[i] ?? 0) * zoom < scrollLeft + view + step / 2;
      model.columns.forEach((column, i) => {
        if (near(i) || !fresh(column)) return;
        deferred.push(i);
      });
    }
    const waiting = new Set(deferred);
    model.columns.forEach((_column, i) => {
      if (!waiting.has(i)) this.drawColumn(i);
    });
    // A re-sort or filter can remove the focused element: put focus back on the same cell.
    if (hadFocus && !this.svg.node()?.contains(document.activeElement)) this.focus(focusKey);
    if (deferred.length === 0) return;
    const centre = (scrollLeft + (this.container.clientWidth || window.innerWidth) / 2) / zoom;
    const distance = (i: number) => Math.abs((xs[i] ?? 0) + width / 2 - centre);
    this.pending = deferred.sort((a, b) => distance(a) - distance(b));
    this.svg.attr('aria-busy', 'true');
    // The first frame paints the columns drawn now; the others come one frame (at most ~CHUNK_MS of work) at a time.
    this.frame = requestAnimationFrame(() => {
      this.frame = requestAnimationFrame(() => this.drawPending());
    });
  }

  /** True when every column of the last render is drawn. */
  get complete(): boolean {
    return this.pending.length === 0;
  }

  /** Draws the columns still waiting, now (before an export or anything else that needs the whole matrix). */
  flush(): void {
    if (this.pending.length === 0) return;
    for (const i of this.pending.splice(0)) this.drawColumn(i);
    this.finishPending();
  }

  private drawPending(): void {
    this.frame = 0;
    const started = performance.now();
    do {
      const i = this.pending.shift();
      if (i !== undefined) this.drawColumn(i);
    } while (this.pending.length > 0 && performance.now() - started < CHUNK_MS);
    if (this.pending.length > 0) this.frame = requestAnimationFrame(() => this.drawPending());
    else this.finishPending();
  }

  private finishPending(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.svg.attr('aria-busy', null);
    this.handlers.drawn?.();
  }

  private cancelPending(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.pending = [];
  }

  /**
   * A keyed join by hand for one column: a cell keeps its element when a re-sort moves it to another row, new
   * elements go straight into their row, in column order (d3's enter would insert them elsewhere first, and its
   * join() re-orders nodes across parents), and only elements whose row changed are moved.
   */
  private drawColumn(index: number): void {
    const column = this.model?.columns[index];
    const args = this.drawArgs;
    if (!column || !args) return;
    const nodes: CellNode[] = [];
    for (const d of column.cells) {
      let node = this.nodes.get(d.key);
      if (!node) {
        node = createCell();
        this.nodes.set(d.key, node);
      }
      node.__data__ = d;
      const row = this.rowNodes[d.row];
      if (row && node.parentNode !== row) {
        let before = row.lastChild as CellNode | null;
        if (before && (before.__data__?.column ?? 0) < d.column) before = null;
        else for (before = row.firstChild as CellNode | null; before && (before.__data__?.column ?? 0) < d.column; ) before = before.nextSibling as CellNode | null;
        row.insertBefore(node, before);
      }
      nodes.push(node);
    }
    updateCells(nodes, args.xs[index] ?? PAD, args.width, args.labels, args.selected, this.focusKey);
  }

  /** Draws the column of a cell that is still waiting (keyboard focus and tests need its element). */
  private ensureDrawn(key: string): void {
    if (this.pending.length === 0 || this.nodes.has(key) || !this.model) return;
    const index = this.model.columns.findIndex((c) => c.cells.some((d) => d.key === key));
    const at = this.pending.indexOf(index);
    if (at < 0) return;
    this.pending.splice(at, 1);
    this.drawColumn(index);
    if (this.pending.length === 0) this.finishPending();
  }

  /**
   * The header row: an open column's header is its name and counts (▾: click or Enter/Space folds it); a collapsed
   * column is a strip as tall as the matrix with ▸, its technique count and its name written downwards, all of it
   * one click (or Enter/Space: collapsed headers are in the Tab order) to open. Part of the sticky header row, so a
   * folded tactic stays named while the cells scroll.
   */
  private renderHeaders(columns: readonly ColumnModel[], width: number, xs: readonly number[], totalH: number): void {
    const signature = `${width}|${totalH}|${columns.map((c) => `${c.tactic.shortname}:${c.techniqueCount}:${c.gaps}:${c.collapsed}:${columnLabel(c)}`).join(',')}`;
    if (signature === this.headerSignature) return;
    this.headerSignature = signature;
    const header = this.headers
      .selectAll<SVGGElement, ColumnModel>('g.column-header')
      .data(columns, (d) => d.tactic.shortname)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'column-header').attr('role', 'columnheader');
        g.append('title');
        g.append('rect').attr('class', 'strip').attr('y', 1).attr('rx', 3);
        g.append('text').attr('class', 'toggle-mark').attr('y', 16);
        g.append('text').attr('class', 'tactic-name');
        g.append('text').attr('class', 'tactic-count').attr('y', 32);
        return g;
      });
    const stripH = totalH - PAD - 1;
    header
      .classed('collapsed', (d) => d.collapsed)
      .attr('transform', (_d, i) => `translate(${xs[i] ?? PAD},0)`)
      .attr('aria-colindex', (_d, i) => i + 1)
      .attr('aria-label', (d) => columnLabel(d))
      .attr('aria-expanded', (d) => String(!d.collapsed))
      .attr('data-tactic', (d) => d.tactic.shortname)
      .attr('tabindex', (d) => (d.collapsed ? 0 : -1));
    header.select('title').text((d) => `${d.tactic.name}: ${d.collapsed ? 'click to expand' : 'click to collapse'}`);
    header
      .select('rect.strip')
      .attr('width', (d) => (d.collapsed ? COLLAPSED_W : width))
      .attr('height', (d) => (d.collapsed ? stripH : HEADER_H - 4));
    header
      .select('text.toggle-mark')
      .attr('x', (d) => (d.collapsed ? COLLAPSED_W / 2 : width - 4))
      .attr('text-anchor', (d) => (d.collapsed ? 'middle' : 'end'))
      .text((d) => (d.collapsed ? '▸' : '▾'));
    const room = Math.floor((stripH - HEADER_H - 8) / NAME_CHAR_W);
    header
      .select('text.tactic-name')
      // Written downwards (rotated a quarter turn clockwise), its glyphs centred on the strip.
      .attr('transform', (d) => (d.collapsed ? `translate(${COLLAPSED_W / 2 - 4},${HEADER_H + 6}) rotate(90)` : 'translate(0,16)'))
      .text((d) => (d.collapsed ? cellText('', d.tactic.name, 'name', room) : cellText('', d.tactic.name, 'name', Math.floor((width - 14) / NAME_CHAR_W))));
    header
      .select('text.tactic-count')
      .attr('x', (d) => (d.collapsed ? COLLAPSED_W / 2 : 0))
      .attr('text-anchor', (d) => (d.collapsed ? 'middle' : 'start'))
      .text((d) => (d.collapsed ? String(d.techniqueCount) : `${plural(d.techniqueCount, 'technique')}${d.gaps > 0 ? ` · ${plural(d.gaps, 'gap')}` : ''}`));
  }

  /** Moves keyboard focus to a tactic's header. */
  focusHeader(tactic: string): void {
    const node = this.headers.selectAll<SVGGElement, ColumnModel>('g.column-header').filter((d) => d.tactic.shortname === tactic).node();
    node?.focus({ preventScroll: false });
  }

  /**
   * Keeps the tactic headers at the top of the scroller (`scrollTop` in screen pixels): the SVG cannot be sticky in
   * parts, so the header row moves down by the scrolled distance; a cell scrolled into view stops below it.
   */
  stickHeaders(scrollTop: number, zoom: number): void {
    const y = Math.max(0, scrollTop / zoom);
    this.headers.attr('transform', y > 0 ? `translate(0,${y})` : null);
    this.container.style.scrollPaddingTop = `${Math.round(HEADER_H * zoom)}px`;
  }

  /** Moves keyboard focus to a cell (by key), scrolling it into view. */
  focus(key: string): void {
    const node = this.cellNode(key);
    if (!node) return;
    this.nodes.get(this.focusKey)?.setAttribute('tabindex', '-1');
    this.focusKey = key;
    node.setAttribute('tabindex', '0');
    node.focus({ preventScroll: false });
  }

  /** The element of a cell (drawn now if its column is still waiting), for tests and focus. */
  cellNode(key: string): SVGGElement | undefined {
    this.ensureDrawn(key);
    return this.nodes.get(key);
  }

  get focusedKey(): string {
    return this.focusKey;
  }

  private onClick(event: MouseEvent): void {
    const column = headerOf(event.target);
    if (column) {
      this.handlers.toggleColumn(column.tactic.shortname, column.collapsed);
      return;
    }
    const cell = cellOf(event.target);
    if (!cell) return;
    this.focusKey = cell.key;
    if (cell.subs && this.onToggleArea(event)) this.handlers.toggle(cell.technique.id);
    else this.handlers.select(cell);
  }

  /** The first 14 px of a parent cell (its ▸/▾) toggles its sub-techniques. */
  private onToggleArea(event: MouseEvent): boolean {
    const node = event.target instanceof Element ? event.target.closest('g.cell') : null;
    if (!(node instanceof SVGGElement)) return false;
    const box = node.getBoundingClientRect();
    const zoom = box.width / (node.getBBox().width || 1);
    return event.clientX - box.left < 14 * zoom;
  }

  private onKey(event: KeyboardEvent): void {
    const column = headerOf(event.target);
    if (column) {
      this.onHeaderKey(event, column);
      return;
    }
    const cell = cellOf(event.target);
    if (!cell || !this.model) return;
    const move = KEY_MOVES[event.key];
    if (move) {
      const next = nextCell(this.model.columns, cell.column, cell.row, move);
      if (next) this.focus(next.key);
      // Up from the first row: the tactic's header (Enter/Space there folds the column).
      else if (move === 'up' && cell.row === 0) this.focusHeader(cell.tactic);
      event.preventDefault();
    } else if (event.key === 'Enter') {
      this.handlers.select(cell);
      event.preventDefault();
    } else if ((event.key === ' ' || event.key === '+' || event.key === '-') && cell.subs) {
      if (event.key === ' ' || (event.key === '+') !== cell.expanded) this.handlers.toggle(cell.technique.id);
      event.preventDefault();
    } else if (event.key === 'Escape') {
      this.handlers.escape();
      event.preventDefault();
    }
  }

  /** On a header: Enter/Space fold or open the column, left/right go to the next header, down into the column. */
  private onHeaderKey(event: KeyboardEvent, column: ColumnModel): void {
    const columns = this.model?.columns ?? [];
    const index = columns.findIndex((c) => c.tactic.shortname === column.tactic.shortname);
    if (event.key === 'Enter' || event.key === ' ') {
      this.handlers.toggleColumn(column.tactic.shortname, column.collapsed);
    } else if (event.key === 'ArrowLeft' || event.key === 'ArrowRight' || event.key === 'Home' || event.key === 'End') {
      const to = event.key === 'Home' ? 0 : event.key === 'End' ? columns.length - 1 : index + (event.key === 'ArrowLeft' ? -1 : 1);
      const next = columns[to];
      if (next) this.focusHeader(next.tactic.shortname);
    } else if (event.key === 'ArrowDown') {
      const first = columns[index]?.cells[0];
      if (first) this.focus(first.key);
    } else if (event.key === 'Escape') {
      this.handlers.escape();
    } else {
      return;
    }
    event.preventDefault();
  }
}

const KEY_MOVES: Readonly<Record<string, GridMove>> = {
  ArrowUp: 'up',
  ArrowDown: 'down',
  ArrowLeft: 'left',
  ArrowRight: 'right',
  Home: 'home',
  End: 'end',
  PageUp: 'pageUp',
  PageDown: 'pageDown',
};

function headerOf(target: EventTarget | null): ColumnModel | undefined {
  if (!(target instanceof Element)) return undefined;
  const node = target.closest('g.column-header');
  return node ? (select(node).datum() as ColumnModel) : undefined;
}

function cellOf(target: EventTarget | null): CellModel | undefined {
  if (!(target instanceof Element)) return undefined;
  const node = target.closest('g.cell');
  return node ? (select(node).datum() as CellModel) : undefined;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A cell's element with what d3 and the update keep on it: its datum, what it last drew, its parts. */
type CellNode = SVGGElement & { __data__?: CellModel; __signature?: string; __bg: SVGRectElement; __label: Text; __meta: Text; __metaEl: SVGTextElement; __bars: SVGRectElement[] };

function createCell(): CellNode {
  const g = document.createElementNS(SVG_NS, 'g') as CellNode;
  g.setAttribute('role', 'gridcell');
  const rect = g.appendChild(document.createElementNS(SVG_NS, 'rect'));
  rect.setAttribute('class', 'bg');
  rect.setAttribute('height', String(ROW_H));
  rect.setAttribute('rx', '2');
  const texts = (['label', 'meta'] as const).map((cls) => {
    const text = g.appendChild(document.createElementNS(SVG_NS, 'text'));
    text.setAttribute('class', cls);
    text.setAttribute('x', cls === 'label' ? '4' : '0');
    text.setAttribute('y', '16');
    if (cls === 'meta') text.setAttribute('text-anchor', 'end');
    return text;
  });
  g.__bg = rect;
  g.__label = texts[0].appendChild(document.createTextNode(''));
  g.__metaEl = texts[1];
  g.__meta = texts[1].appendChild(document.createTextNode(''));
  g.__bars = [];
  return g;
}

/** Everything a cell shows; cells whose signature is unchanged are not touched (fast updates after edits). */
function signature(d: CellModel, x: number, columnWidth: number, labels: LabelMode, selected: string, focusKey: string): string {
  const t = d.technique;
  const subs = d.subs ? STATE_KEYS.map((s) => d.subs?.[s]).join(',') : '';
  return `${d.column}|${x}|${d.row}|${columnWidth}|${labels}|${t.state}|${t.triage?.outcome ?? ''}|${t.acceptance?.until ?? ''}|${t.coverage}|${t.assurance?.state ?? ''}|${d.adversaries}|${t.priority?.rank ?? ''}|${subs}|${d.expanded}|${d.context}|${t.id === selected}|${d.key === focusKey}|${t.name}`;
}

/** Plain DOM writes (no d3 selections): this runs for every cell of the first paint. */
function updateCells(nodes: readonly CellNode[], x: number, columnWidth: number, labels: LabelMode, selected: string, focusKey: string): void {
  for (const node of nodes) {
    const d = node.__data__;
    if (!d) continue;
    const sig = signature(d, x, columnWidth, labels, selected, focusKey);
    if (node.__signature === sig) continue;
    node.__signature = sig;
    const t = d.technique;
    const sub = t.isSubtechnique;
    const width = columnWidth - (sub ? SUB_INDENT : 0);
    const outcome = t.state === 'gap' ? outcomeFilterOf(t) : undefined;
    node.setAttribute('class', `cell state-${t.state}${outcome ? ` outcome-${outcome === 'track*' ? 'track-star' : outcome}` : ''}${sub ? ' sub' : ''}${d.context ? ' context' : ''}${t.id === selected ? ' selected' : ''}${t.assurance ? ` assurance-${t.assurance.state}` : ''}`);
    node.setAttribute('transform', `translate(${x + (sub ? SUB_INDENT : 0)},${HEADER_H + d.row * (ROW_H + 2)})`);
    node.setAttribute('aria-colindex', String(d.column + 1));
    node.setAttribute('aria-label', cellLabel(d));
    node.setAttribute('aria-selected', String(t.id === selected));
    if (d.subs) node.setAttribute('aria-expanded', String(d.expanded));
    else node.removeAttribute('aria-expanded');
    node.setAttribute('tabindex', d.key === focusKey ? '0' : '-1');
    node.setAttribute('data-id', t.id);
    node.setAttribute('data-state', t.state);
    if (outcome) node.setAttribute('data-outcome', outcome);
    else node.removeAttribute('data-outcome');
    node.setAttribute('data-assurance', assuranceOf(t));
    node.__bg.setAttribute('width', String(width));
    const meta = metaText(d);
    node.__metaEl.setAttribute('x', String(width - 4));
    node.__meta.data = meta;
    const charW = t.state === 'gap' ? BOLD_CHAR_W : CHAR_W;
    const room = Math.floor((width - 36 - meta.length * META_CHAR_W) / charW);
    // One text element per label (toggle, glyph, text): half the nodes of separate elements, so faster layout.
    const toggle = d.subs ? (d.expanded ? '▾ ' : '▸ ') : '';
    node.__label.data = `${toggle}${cellGlyph(t)} ${cellText(t.id, t.name, labels, room)}`;
    const parts = d.subs ? subBarParts(d, width - 4) : [];
    parts.forEach((p, i) => {
      let bar = node.__bars[i];
      if (!bar) {
        bar = node.appendChild(document.createElementNS(SVG_NS, 'rect'));
        bar.setAttribute('y', String(ROW_H - 3));
        bar.setAttribute('height', '2');
        node.__bars.push(bar);
      }
      bar.setAttribute('class', `subbar sub-${p.state}`);
      bar.setAttribute('x', String(2 + p.x));
      bar.setAttribute('width', String(p.w));
    });
    for (const bar of node.__bars.splice(parts.length)) bar.remove();
  }
}

function metaText(d: CellModel): string {
  const rank = d.technique.priority ? `#${d.technique.priority.rank} ` : '';
  const adversaries = d.adversaries > 0 ? `×${d.adversaries} ` : '';
  const mark = ASSURANCE_MARK[assuranceOf(d.technique)];
  return `${rank}${adversaries}${mark ? `${mark} ` : ''}${coveragePips(d.technique.coverage)}`;
}

function subBarParts(d: CellModel, width: number): { state: string; x: number; w: number }[] {
  const counts = d.subs;
  if (!counts || d.subCount === 0) return [];
  let x = 0;
  const out: { state: string; x: number; w: number }[] = [];
  for (const state of STATE_KEYS) {
    if (counts[state] === 0) continue;
    const w = (counts[state] / d.subCount) * width;
    out.push({ state, x, w });
    x += w;
  }
  return out;
}
