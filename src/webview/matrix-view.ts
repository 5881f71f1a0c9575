/**
 * The ATT&CK matrix as an SVG ARIA grid, drawn with d3 keyed joins so an update after an edit only touches the
 * cells that changed. Row r of the grid holds the r-th cell of every tactic column. All text goes through `.text()`;
 * colours come from CSS classes (Okabe–Ito state fills, --vscode-* theme colours).
 */
import { select, selectAll } from 'd3';
import type { Selection } from 'd3';
import type { LabelMode } from '../protocol';
import { STATE_KEYS } from '../protocol';
import type { CellModel, ColumnModel, MatrixModel } from './model/matrix';
import { cellLabel, cellText, coveragePips, STATE_GLYPH } from './model/words';
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

export interface MatrixHandlers {
  select(cell: CellModel): void;
  toggle(parentId: string): void;
  hover(cell: CellModel | undefined): void;
  escape(): void;
}

export class MatrixView {
  readonly svg: Selection<SVGSVGElement, unknown, null, undefined>;
  private readonly headers: Selection<SVGGElement, unknown, null, undefined>;
  private readonly body: Selection<SVGGElement, unknown, null, undefined>;
  private model: MatrixModel | undefined;
  private focusKey = '';
  private headerSignature = '';
  private readonly nodes = new Map<string, CellNode>();

  constructor(container: HTMLElement, private readonly handlers: MatrixHandlers) {
    this.svg = select(container).append('svg').attr('class', 'matrix').attr('role', 'grid').attr('xmlns', 'http://www.w3.org/2000/svg');
    this.headers = this.svg.append('g').attr('class', 'headers').attr('role', 'row').attr('aria-rowindex', 1);
    this.body = this.svg.append('g').attr('class', 'rows').attr('role', 'rowgroup');
    this.svg.on('click', (event: MouseEvent) => this.onClick(event));
    this.svg.on('pointerover', (event: PointerEvent) => this.handlers.hover(cellOf(event.target)));
    this.svg.on('pointerleave', () => this.handlers.hover(undefined));
    this.svg.on('keydown', (event: KeyboardEvent) => this.onKey(event));
  }

  /** Draws `model`; keeps keyboard focus on the same cell when it is still there. */
  render(model: MatrixModel, labels: LabelMode, zoom: number, selected: string, title: string): void {
    this.model = model;
    const width = COLUMN_WIDTH[labels];
    const totalW = PAD * 2 + model.columns.length * (width + GAP);
    const totalH = HEADER_H + model.rows * (ROW_H + 2) + PAD;
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
    this.renderHeaders(model.columns, width);
    const keys = new Set(model.columns.flatMap((c) => c.cells.map((x) => x.key)));
    if (!keys.has(this.focusKey)) this.focusKey = model.columns.find((c) => c.cells.length > 0)?.cells[0]?.key ?? '';
    const focusKey = this.focusKey;
    const hadFocus = this.svg.node()?.contains(document.activeElement) ?? false;
    const rowNodes = this.body
      .selectAll<SVGGElement, number>('g.row')
      .data(Array.from({ length: model.rows }, (_x, i) => i))
      .join((enter) => enter.append('g').attr('class', 'row').attr('role', 'row').attr('aria-rowindex', (d) => d + 2))
      .nodes();
    // A keyed join by hand: a cell keeps its element when a re-sort moves it to another row, new elements go
    // straight into their row (d3's enter would insert them elsewhere first, and its join() re-orders nodes across
    // parents), and only elements whose row changed are moved.
    const live = new Set<string>();
    const ordered: CellNode[] = [];
    for (const column of model.columns) {
      for (const d of column.cells) {
        live.add(d.key);
        let node = this.nodes.get(d.key);
        if (!node) {
          node = createCell();
          this.nodes.set(d.key, node);
        }
        node.__data__ = d;
        const row = rowNodes[d.row];
        if (row && node.parentNode !== row) row.appendChild(node);
        ordered.push(node);
      }
    }
    for (const [key, node] of this.nodes) {
      if (live.has(key)) continue;
      node.remove();
      this.nodes.delete(key);
    }
    const cells = selectAll<CellNode, CellModel>(ordered);
    updateCells(cells, width, labels, selected, focusKey);
    // A re-sort or filter can remove the focused element: put focus back on the same cell.
    if (hadFocus && !this.svg.node()?.contains(document.activeElement)) this.focus(focusKey);
  }

  private renderHeaders(columns: readonly ColumnModel[], width: number): void {
    const signature = `${width}|${columns.map((c) => `${c.tactic.shortname}:${c.techniqueCount}:${c.gaps}`).join(',')}`;
    if (signature === this.headerSignature) return;
    this.headerSignature = signature;
    const header = this.headers
      .selectAll<SVGGElement, ColumnModel>('g.column-header')
      .data(columns, (d) => d.tactic.shortname)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'column-header').attr('role', 'columnheader');
        g.append('text').attr('class', 'tactic-name').attr('y', 16);
        g.append('text').attr('class', 'tactic-count').attr('y', 32);
        return g;
      });
    header
      .attr('transform', (_d, i) => `translate(${PAD + i * (width + GAP)},0)`)
      .attr('aria-colindex', (_d, i) => i + 1)
      .attr('aria-label', (d) => `${d.tactic.name}: ${d.techniqueCount} techniques, ${d.gaps} gaps`);
    header.select('text.tactic-name').text((d) => cellText('', d.tactic.name, 'name', Math.floor(width / 7.2)));
    header.select('text.tactic-count').text((d) => `${d.techniqueCount} techniques${d.gaps > 0 ? ` · ${d.gaps} gaps` : ''}`);
  }

  /** Moves keyboard focus to a cell (by key), scrolling it into view. */
  focus(key: string): void {
    const node = this.cellNode(key);
    if (!node) return;
    this.focusKey = key;
    this.body.selectAll<SVGGElement, CellModel>('g.cell').attr('tabindex', (d) => (d.key === key ? 0 : -1));
    node.focus({ preventScroll: false });
  }

  /** The element of a cell, for tests and focus. */
  cellNode(key: string): SVGGElement | undefined {
    return this.body.selectAll<SVGGElement, CellModel>('g.cell').filter((d) => d.key === key).node() ?? undefined;
  }

  get focusedKey(): string {
    return this.focusKey;
  }

  private onClick(event: MouseEvent): void {
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
    const cell = cellOf(event.target);
    if (!cell || !this.model) return;
    const move = KEY_MOVES[event.key];
    if (move) {
      const next = nextCell(this.model.columns, cell.column, cell.row, move);
      if (next) this.focus(next.key);
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

function cellOf(target: EventTarget | null): CellModel | undefined {
  if (!(target instanceof Element)) return undefined;
  const node = target.closest('g.cell');
  return node ? (select(node).datum() as CellModel) : undefined;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A cell's element with what d3 and the update keep on it: its datum, what it last drew, whether it has bars. */
type CellNode = SVGGElement & { __data__?: CellModel; __signature?: string; __bars?: boolean };

function createCell(): CellNode {
  const g = document.createElementNS(SVG_NS, 'g') as CellNode;
  g.setAttribute('role', 'gridcell');
  const rect = g.appendChild(document.createElementNS(SVG_NS, 'rect'));
  rect.setAttribute('class', 'bg');
  rect.setAttribute('height', String(ROW_H));
  rect.setAttribute('rx', '2');
  for (const [cls, x] of [['label', '4'], ['meta', '0']] as const) {
    const text = g.appendChild(document.createElementNS(SVG_NS, 'text'));
    text.setAttribute('class', cls);
    text.setAttribute('x', x);
    text.setAttribute('y', '16');
    if (cls === 'meta') text.setAttribute('text-anchor', 'end');
  }
  return g;
}

/** Everything a cell shows; cells whose signature is unchanged are not touched (fast updates after edits). */
function signature(d: CellModel, columnWidth: number, labels: LabelMode, selected: string, focusKey: string): string {
  const t = d.technique;
  const subs = d.subs ? STATE_KEYS.map((s) => d.subs?.[s]).join(',') : '';
  return `${d.column}|${d.row}|${columnWidth}|${labels}|${t.state}|${t.coverage}|${d.adversaries}|${t.priority?.rank ?? ''}|${subs}|${d.expanded}|${d.context}|${t.id === selected}|${d.key === focusKey}|${t.name}`;
}

function updateCells(
  all: Selection<CellNode, CellModel, null, undefined>,
  columnWidth: number,
  labels: LabelMode,
  selected: string,
  focusKey: string,
): void {
  const cells = all.filter(function (d) {
    const node = this as CellNode;
    const sig = signature(d, columnWidth, labels, selected, focusKey);
    if (node.__signature === sig) return false;
    node.__signature = sig;
    return true;
  });
  const widthOf = (d: CellModel) => columnWidth - (d.technique.isSubtechnique ? SUB_INDENT : 0);
  cells
    .attr('class', (d) => `cell state-${d.technique.state}${d.technique.isSubtechnique ? ' sub' : ''}${d.context ? ' context' : ''}${d.technique.id === selected ? ' selected' : ''}`)
    .attr('transform', (d) => `translate(${PAD + d.column * (columnWidth + GAP) + (d.technique.isSubtechnique ? SUB_INDENT : 0)},${HEADER_H + d.row * (ROW_H + 2)})`)
    .attr('aria-colindex', (d) => d.column + 1)
    .attr('aria-label', cellLabel)
    .attr('aria-selected', (d) => String(d.technique.id === selected))
    .attr('aria-expanded', (d) => (d.subs ? String(d.expanded) : null))
    .attr('tabindex', (d) => (d.key === focusKey ? 0 : -1))
    .attr('data-id', (d) => d.technique.id)
    .attr('data-state', (d) => d.technique.state);
  cells.select('rect.bg').attr('width', widthOf);
  cells.select('text.meta').attr('x', (d) => widthOf(d) - 4).text(metaText);
  cells.select('text.label').text((d) => {
    const charW = d.technique.state === 'gap' ? BOLD_CHAR_W : CHAR_W;
    const room = Math.floor((widthOf(d) - 36 - metaText(d).length * META_CHAR_W) / charW);
    // One text element per label (toggle, glyph, text): half the nodes of separate elements, so faster layout.
    const toggle = d.subs ? (d.expanded ? '▾ ' : '▸ ') : '';
    return `${toggle}${STATE_GLYPH[d.technique.state]} ${cellText(d.technique.id, d.technique.name, labels, room)}`;
  });
  cells.each(function (d) {
    const node = this as CellNode;
    if (!d.subs && !node.__bars) return;
    node.__bars = d.subs !== undefined;
    const parts = d.subs ? subBarParts(d, widthOf(d) - 4) : [];
    select(this)
      .selectAll('rect.subbar')
      .data(parts)
      .join('rect')
      .attr('class', (p) => `subbar sub-${p.state}`)
      .attr('x', (p) => 2 + p.x)
      .attr('y', ROW_H - 3)
      .attr('width', (p) => p.w)
      .attr('height', 2);
  });
}

function metaText(d: CellModel): string {
  const rank = d.technique.priority ? `#${d.technique.priority.rank} ` : '';
  const adversaries = d.adversaries > 0 ? `×${d.adversaries} ` : '';
  return `${rank}${adversaries}${coveragePips(d.technique.coverage)}`;
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
