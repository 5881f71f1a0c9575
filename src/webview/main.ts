/**
 * The heatmap webview: receives the engine's result from the host (validated), renders the matrix or the table,
 * the overlap diagram, filters, legend and details, and keeps its view state (filters, expansion, selection,
 * zoom, scroll) in the webview state so it survives updates, hiding and reloads.
 */
import { select } from 'd3';
import type { TechniqueResult } from '../core/coverage/types';
import type { FromWebviewMessage, HeatmapFilters, HeatmapViewState, ResultMessage, StatusMessage } from '../protocol';
import { decodeToWebview, defaultViewState, isHeatmapViewState } from '../protocol';
import { ControlsView } from './controls-view';
import { DetailsView } from './details-view';
import { exportPng, exportSvg } from './export';
import { renderLegend } from './legend-view';
import { MatrixView } from './matrix-view';
import { NextBestList, NextBestTable } from './next-best-view';
import { columnChoices, notApplicableTactics, toggledColumns } from './model/collapse';
import { buildMatrix, countStates, subTechniquesByParent, tableRows } from './model/matrix';
import type { CellModel } from './model/matrix';
import { regionCounts } from './model/overlap';
import { countOutcomes } from './model/triage';
import { OverlapView } from './overlap-view';
import { nextTableSort } from './model/table-sort';
import { TableView } from './table-view';
import { vscodeApi } from './vscode-api';

const api = vscodeApi();
const saved = api.getState();
let state: HeatmapViewState = isHeatmapViewState(saved) ? saved : defaultViewState('');
let data: ResultMessage | undefined;
let status: StatusMessage | undefined;
let hovered: TechniqueResult | undefined;
let byId = new Map<string, TechniqueResult>();
/** Tactics whose techniques are all not applicable in the latest result: collapsed unless the user chose otherwise. */
let collapsedByDefault: ReadonlySet<string> = new Set();
let version = 0;
let restoredScroll = false;
/** When the latest render began (for the timing of its last progressively drawn column). */
let renderStarted = 0;

const post = (m: FromWebviewMessage) => api.postMessage(m);

// ---- layout ----
const body = select(document.body).classed('heatmap', true);
const toolbarHost = body.append('header').node() as HTMLElement;
const layout = body.append('div').attr('class', 'layout');
const sidebar = layout.append('div').attr('class', 'sidebar').node() as HTMLElement;
const content = layout.append('main').attr('class', 'content');
const statusLine = content.append('p').attr('class', 'status').attr('role', 'status');
const matrixScroll = content.append('div').attr('class', 'matrix-scroll');
const tableHost = content.append('div').attr('class', 'table-host');

sidebar.id = 'sidebar';
/** Below this width the filters, overlap and legend would push the matrix out of view: hidden unless asked for. */
const narrow = window.matchMedia('(max-width: 1000px)');
const sidebarVisible = () => (state.sidebar ? state.sidebar === 'shown' : !narrow.matches);
narrow.addEventListener('change', () => render());

const controls = new ControlsView(toolbarHost, sidebar, {
  change: (patch) => update(patch),
  toggleSidebar: () => update({ sidebar: sidebarVisible() ? 'hidden' : 'shown' }),
  filter: (patch) => updateFilters(patch),
  expandAll: (expand) => update({ allExpanded: expand, expanded: [] }),
  exportAs: (format) => void exportView(format),
});
const overlap = new OverlapView(sidebar, (region) => updateFilters({ region: state.filters.region === region ? '' : region }));
const nextBest = new NextBestList(sidebar);
const legend = renderLegend(sidebar);
const matrix = new MatrixView(matrixScroll.node() as HTMLElement, {
  select: (cell) => selectTechnique(cell.technique.id),
  toggle: (id) => toggle(id),
  toggleColumn: (tactic, collapsed) => update({ columns: toggledColumns(state.columns, tactic, collapsed) }),
  hover: (cell) => hover(cell),
  escape: () => closeDetails(),
  // The last waiting column of a progressive render is drawn: measured once its frame has been painted.
  drawn: () => {
    const started = renderStarted;
    setTimeout(() => performance.measure('heatmap:complete', { start: started }), 0);
  },
});
const table = new TableView(
  tableHost.node() as HTMLElement,
  (t) => selectTechnique(t.id),
  (column) => update({ tableSort: nextTableSort(state.tableSort, column) }),
);
const nextBestTable = new NextBestTable(tableHost.node() as HTMLElement);
const details = new DetailsView(layout.node() as HTMLElement, post, () => closeDetails());

matrixScroll.on('scroll', () => {
  const el = matrixScroll.node() as HTMLElement;
  matrix.stickHeaders(el.scrollTop, state.zoom);
  state = { ...state, scrollLeft: el.scrollLeft, scrollTop: el.scrollTop };
  api.setState(state);
});

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const received = performance.now();
  const message = decodeToWebview(event.data);
  performance.measure('heatmap:validate', { start: received });
  if (!message) {
    console.warn('[threat-overlap] ignored an invalid message from the host');
    return;
  }
  if (message.type === 'result') {
    // A state restored before the model was known keeps its view settings; another model starts afresh.
    if (state.modelUri !== message.modelUri) {
      state = state.modelUri === '' ? { ...state, modelUri: message.modelUri } : defaultViewState(message.modelUri);
      persist();
    }
    data = message;
    status = undefined;
    byId = new Map(message.result.techniques.map((t) => [t.id, t]));
    collapsedByDefault = notApplicableTactics(message.result);
    render(received);
  } else if (message.type === 'status') {
    status = message;
    render();
  } else {
    void exportView(message.format);
  }
});

// ---- state changes ----
function update(patch: Partial<HeatmapViewState>): void {
  state = { ...state, ...patch };
  persist();
  render();
}

function updateFilters(patch: Partial<HeatmapFilters>): void {
  update({ filters: { ...state.filters, ...patch } });
}

function persist(): void {
  api.setState(state);
  post({ type: 'viewState', state });
}

function toggle(id: string): void {
  if (state.allExpanded) {
    // Collapsing one parent out of "all expanded": expand every other parent explicitly.
    const parents = data ? [...subTechniquesByParent(data.result).keys()].filter((p) => p !== id) : [];
    update({ allExpanded: false, expanded: parents });
    return;
  }
  const expanded = new Set(state.expanded);
  if (expanded.has(id)) expanded.delete(id);
  else expanded.add(id);
  update({ expanded: [...expanded] });
}

function selectTechnique(id: string): void {
  update({ selected: id });
}

function hover(cell: CellModel | undefined): void {
  if (state.selected !== '') return;
  hovered = cell?.technique;
  renderDetails();
}

function closeDetails(): void {
  const key = matrix.focusedKey;
  hovered = undefined;
  update({ selected: '' });
  if (state.view === 'matrix' && key) matrix.focus(key);
}

// ---- rendering ----
/** Draws everything for the current state; `started` is when the work began (a host message's arrival, for timings). */
function render(started = performance.now()): void {
  renderStarted = started;
  statusLine.text(status ? status.message : data ? '' : 'Analysing the model…').classed('visible', status !== undefined || !data);
  body.classed('sidebar-hidden', !sidebarVisible());
  controls.render(state, data, sidebarVisible());
  if (!data) return;
  const result = data.result;
  overlap.render(regionCounts(result), state.filters.region);
  nextBest.render(result);
  legend.render(result);
  const showMatrix = state.view === 'matrix';
  matrixScroll.classed('hidden', !showMatrix);
  tableHost.classed('hidden', showMatrix);
  let cells: number;
  let techniques: number;
  let states: ReturnType<typeof countStates>;
  let outcomes: ReturnType<typeof countOutcomes>;
  let collapsed = 0;
  performance.measure('heatmap:controls', { start: started });
  if (showMatrix) {
    const model = renderMatrix();
    cells = model.cellCount;
    techniques = model.techniques;
    states = model.states;
    outcomes = model.outcomes;
    collapsed = model.columns.filter((c) => c.collapsed).length;
  } else {
    // The table shows every technique that passes the filters, whatever columns the matrix has folded.
    const rows = tableRows(result, state.filters, state.sort);
    table.render(result, rows, state.selected, state.tableSort);
    nextBestTable.render(result);
    cells = techniques = rows.length;
    states = countStates(rows);
    outcomes = countOutcomes(rows);
  }
  renderDetails();
  if (!restoredScroll) {
    restoredScroll = true;
    const el = matrixScroll.node() as HTMLElement;
    // Setting a scroll position forces a layout: only when there is one to restore.
    if (state.scrollLeft !== 0) el.scrollLeft = state.scrollLeft;
    if (state.scrollTop !== 0) el.scrollTop = state.scrollTop;
  }
  performance.measure('heatmap:render', { start: started });
  const renderVersion = ++version;
  // Reported after the next frame has been painted: what the user waits for.
  requestAnimationFrame(() => {
    performance.measure('heatmap:to-frame', { start: started });
    setTimeout(() => {
      // All of the matrix is on the page now, unless columns are still being drawn (then `drawn` measures it).
      if (!showMatrix || matrix.complete) performance.measure('heatmap:complete', { start: started });
      post({ type: 'rendered', version: renderVersion, cells, techniques, states, outcomes, collapsed, renderMs: performance.now() - started });
    }, 0);
  });
}

function renderMatrix() {
  if (!data) throw new Error('no result');
  const built = performance.now();
  const model = buildMatrix(data.result, {
    filters: state.filters,
    sort: state.sort,
    expanded: new Set(state.expanded),
    allExpanded: state.allExpanded,
    columns: { choices: columnChoices(state.columns), defaults: collapsedByDefault },
  });
  performance.measure('heatmap:build', { start: built });
  const folded = model.columns.filter((c) => c.collapsed).length;
  const title = `ATT&CK matrix of ${data.modelName}: ${model.techniques} techniques shown in ${model.columns.length} tactics${folded > 0 ? `, ${folded} of them collapsed` : ''}`;
  matrix.render(model, state.labels, state.zoom, state.selected, title, state.scrollLeft);
  matrix.stickHeaders(state.scrollTop, state.zoom);
  performance.measure('heatmap:draw', { start: built });
  return model;
}

function renderDetails(): void {
  const selected = state.selected ? byId.get(state.selected) : undefined;
  details.render(selected ?? hovered, { components: data?.components ?? [], pinned: selected !== undefined });
}

async function exportView(format: 'svg' | 'png' | 'layer'): Promise<void> {
  if (format === 'layer') {
    post({ type: 'exportLayer' });
    return;
  }
  if (!data) return;
  if (state.view !== 'matrix') renderMatrix();
  // The export is the whole matrix: draw the columns that are still waiting.
  matrix.flush();
  const svg = matrix.svg.node();
  if (!svg) return;
  const text = exportSvg(svg, `Threat Overlap: ${data.modelName}`);
  if (format === 'svg') post({ type: 'saveExport', format, data: text });
  else post({ type: 'saveExport', format, data: await exportPng(text) });
}

render();
post({ type: 'ready' });
