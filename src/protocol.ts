/**
 * Messages between the extension host and the coverage heatmap webview: one interface per message, a
 * discriminated union each way, and runtime validators both sides run on everything they receive (a webview is
 * untrusted input for the host; the host's messages are checked before the webview renders them).
 * Shared by the node and the browser bundles: no imports of vscode, node or DOM APIs.
 */
import type { CoverageResult, TechniqueState } from './core/coverage/types';
import { isNat, isNum, isRec, isSource, isStr, isStrArray, LEVEL_VALUES, oneOf, type Rec } from './protocol-checks';
import { isCoverageTriage, isTechniqueTriage } from './protocol-triage';
import { isClaimValidation, isTechniqueAssurance } from './protocol-assurance';
import { ASSURANCE_FILTERS, type AssuranceFilter } from './webview/model/assurance';

export const HEATMAP_VIEW_TYPE = 'threatOverlap.heatmap';

export type LabelMode = 'id' | 'name' | 'both';
/** priority: gaps first, most urgent on top; name: A–Z as on attack.mitre.org; id: by ATT&CK ID. */
export type SortMode = 'priority' | 'name' | 'id';
export type ViewMode = 'matrix' | 'table';
/** Overlap regions: A adversary techniques, S applicable to the tech stack, C covered by controls at the policy level. */
export const REGIONS = ['A', 'S', 'C', 'AS', 'AC', 'SC', 'ASC', 'none'] as const;
export type RegionKey = (typeof REGIONS)[number];
export const STATE_KEYS: readonly TechniqueState[] = ['gap', 'accepted', 'covered', 'applicable', 'not-applicable', 'excluded'];
/** The outcome filter: a gap's triage outcome, or an accepted technique; most urgent first. */
export const OUTCOME_FILTERS = ['act', 'attend', 'track*', 'track', 'accepted'] as const;
export type OutcomeFilter = (typeof OUTCOME_FILTERS)[number];

/** What narrows the matrix; empty strings and an empty state list mean "everything". */
export interface HeatmapFilters {
  readonly component: string;
  readonly platform: string;
  /** Index into CoverageInput.adversaries, as a string ('' = any). */
  readonly adversary: string;
  readonly tactic: string;
  readonly states: readonly TechniqueState[];
  readonly search: string;
  readonly region: RegionKey | '';
  /** Gap outcomes (and `accepted`) to show; empty or absent (a state saved before triage): everything. */
  readonly outcomes?: readonly OutcomeFilter[];
  /** Claimed vs validated states to show (docs/assurance.md); empty or absent: everything. */
  readonly assurance?: readonly AssuranceFilter[];
}

/** The columns of the table view, which can sort it. */
export const TABLE_COLUMNS = ['id', 'name', 'tactics', 'state', 'outcome', 'coverage', 'assurance', 'adversaries', 'priority'] as const;
export type TableColumn = (typeof TABLE_COLUMNS)[number];
/** A click on a table header: that column's order, over the toolbar's sort for ties. */
export interface TableSort {
  readonly column: TableColumn;
  readonly descending: boolean;
}

/** The webview's own state, kept across updates and reloads (getState/setState and the panel serializer). */
export interface HeatmapViewState {
  /** The model this panel shows (a URI string): how the serializer brings the panel back. */
  readonly modelUri: string;
  readonly labels: LabelMode;
  readonly sort: SortMode;
  readonly view: ViewMode;
  readonly expanded: readonly string[];
  readonly allExpanded: boolean;
  readonly filters: HeatmapFilters;
  readonly selected: string;
  readonly zoom: number;
  readonly scrollLeft: number;
  readonly scrollTop: number;
  /** The table's column sort; none: the toolbar's sort. */
  readonly tableSort?: TableSort;
  /** Filters, overlap and legend shown or hidden by the user; none: shown unless the panel is narrow. */
  readonly sidebar?: 'shown' | 'hidden';
  /**
   * Tactic columns the user opened or collapsed (by tactic shortname). A tactic not named here follows the data:
   * collapsed when all its techniques are not applicable (see src/webview/model/collapse.ts).
   */
  readonly columns?: Readonly<Record<string, ColumnChoice>>;
}

/** A tactic column the user opened or collapsed. */
export type ColumnChoice = 'open' | 'collapsed';
/** At most this many column choices are kept (ATT&CK has 14 Enterprise, 14 mobile and 12 ICS tactics). */
const MAX_COLUMN_CHOICES = 100;

/** A component or adversary of the model, for the filter lists. */
export interface NamedEntry {
  readonly id: string;
  readonly label: string;
}

// ---- host → webview ----

/** A fresh analysis of the model: the engine's result as it is, plus names for the filters. */
export interface ResultMessage {
  readonly type: 'result';
  readonly modelUri: string;
  readonly modelName: string;
  readonly components: readonly NamedEntry[];
  /** Adversaries by their index in the engine input (the `adversary` field of AdversaryEvidence). */
  readonly adversaries: readonly NamedEntry[];
  readonly result: CoverageResult;
}

/** No result to show (yet): ATT&CK data missing, a model that does not parse, … */
export interface StatusMessage {
  readonly type: 'status';
  readonly modelUri: string;
  readonly state: 'loading' | 'missing-data' | 'invalid-model';
  readonly message: string;
}

/** Asks the webview to export the current view (the host's "Export" commands). */
export interface ExportRequestMessage {
  readonly type: 'exportRequest';
  readonly format: 'svg' | 'png';
}

export type ToWebviewMessage = ResultMessage | StatusMessage | ExportRequestMessage;

// ---- webview → host ----

export interface ReadyMessage {
  readonly type: 'ready';
}

/** Open a model file at a line (only files that belong to the model are honoured). */
export interface RevealMessage {
  readonly type: 'reveal';
  readonly file: string;
  readonly line: number;
  readonly character: number;
}

/** "Exclude with reason…": the host asks for the reason and edits `techniques.exclude`. */
export interface ExcludeMessage {
  readonly type: 'exclude';
  readonly techniqueId: string;
}

/** "Open in ATT&CK": only https://attack.mitre.org/ pages. */
export interface OpenAttackMessage {
  readonly type: 'openAttack';
  readonly url: string;
}

/** An exported picture of the current view: SVG text, or a PNG as a base64 data URL. */
export interface SaveExportMessage {
  readonly type: 'saveExport';
  readonly format: 'svg' | 'png';
  readonly data: string;
}

export interface ExportLayerMessage {
  readonly type: 'exportLayer';
}

/** The view state changed (kept by the host for the serializer and for tests). */
export interface ViewStateMessage {
  readonly type: 'viewState';
  readonly state: HeatmapViewState;
}

/**
 * What the webview drew for the last result: counts per state and how long it took. `cells` are the cell elements
 * drawn; `techniques` and `states` count the distinct techniques the view shows, those a collapsed tactic column
 * holds included (its header counts them: the cells it would draw when opened); `collapsed` is how many tactic
 * columns are collapsed.
 */
export interface RenderedMessage {
  readonly type: 'rendered';
  readonly version: number;
  readonly cells: number;
  readonly techniques: number;
  readonly states: Readonly<Record<TechniqueState, number>>;
  /** The same techniques: gaps by triage outcome, and accepted ones. */
  readonly outcomes: Readonly<Record<OutcomeFilter, number>>;
  readonly collapsed: number;
  readonly renderMs: number;
}

export type FromWebviewMessage =
  | ReadyMessage
  | RevealMessage
  | ExcludeMessage
  | OpenAttackMessage
  | SaveExportMessage
  | ExportLayerMessage
  | ViewStateMessage
  | RenderedMessage;

// ---- validators ----

/** ATT&CK technique IDs: T1234 or T1234.001. */
export const TECHNIQUE_ID = /^T\d{4}(\.\d{3})?$/;
/** Data URLs of PNGs (base64), at most about 40 MB. */
const PNG_DATA_URL = /^data:image\/png;base64,[A-Za-z0-9+/]+=*$/;
const MAX_EXPORT_CHARS = 40_000_000;

export function isHeatmapFilters(v: unknown): v is HeatmapFilters {
  return (
    isRec(v) &&
    isStr(v.component, 200) &&
    isStr(v.platform, 200) &&
    isStr(v.adversary, 20) &&
    isStr(v.tactic, 200) &&
    Array.isArray(v.states) &&
    v.states.every((s) => oneOf(s, STATE_KEYS)) &&
    isStr(v.search, 200) &&
    (v.region === '' || oneOf(v.region, REGIONS)) &&
    (v.outcomes === undefined || (Array.isArray(v.outcomes) && v.outcomes.length <= OUTCOME_FILTERS.length && v.outcomes.every((o) => oneOf(o, OUTCOME_FILTERS)))) &&
    (v.assurance === undefined || (Array.isArray(v.assurance) && v.assurance.length <= ASSURANCE_FILTERS.length && v.assurance.every((o) => oneOf(o, ASSURANCE_FILTERS))))
  );
}

export function isHeatmapViewState(v: unknown): v is HeatmapViewState {
  return (
    isRec(v) &&
    isStr(v.modelUri) &&
    oneOf(v.labels, ['id', 'name', 'both'] as const) &&
    oneOf(v.sort, ['priority', 'name', 'id'] as const) &&
    oneOf(v.view, ['matrix', 'table'] as const) &&
    isStrArray(v.expanded, 5000) &&
    typeof v.allExpanded === 'boolean' &&
    isHeatmapFilters(v.filters) &&
    isStr(v.selected, 20) &&
    isNum(v.zoom) &&
    v.zoom >= 0.25 &&
    v.zoom <= 4 &&
    isNum(v.scrollLeft) &&
    isNum(v.scrollTop) &&
    (v.tableSort === undefined || (isRec(v.tableSort) && oneOf(v.tableSort.column, TABLE_COLUMNS) && typeof v.tableSort.descending === 'boolean')) &&
    (v.sidebar === undefined || oneOf(v.sidebar, ['shown', 'hidden'] as const)) &&
    (v.columns === undefined || isColumnChoices(v.columns))
  );
}

function isColumnChoices(v: unknown): v is Record<string, ColumnChoice> {
  if (!isRec(v)) return false;
  const entries = Object.entries(v);
  return entries.length <= MAX_COLUMN_CHOICES && entries.every(([tactic, choice]) => tactic.length <= 200 && oneOf(choice, ['open', 'collapsed'] as const));
}


function isTechniqueResult(v: unknown): boolean {
  if (!isRec(v)) return false;
  return (
    isStr(v.id, 20) &&
    isStr(v.name) &&
    isStr(v.url) &&
    isStrArray(v.tactics) &&
    typeof v.isSubtechnique === 'boolean' &&
    (v.parentId === undefined || isStr(v.parentId, 20)) &&
    isStrArray(v.platforms) &&
    typeof v.adversary === 'boolean' &&
    typeof v.applicable === 'boolean' &&
    oneOf(v.coverage, LEVEL_VALUES) &&
    oneOf(v.state, STATE_KEYS) &&
    Array.isArray(v.adversaries) &&
    v.adversaries.every((a) => isRec(a) && isNat(a.adversary) && isStr(a.label) && oneOf(a.via, ['direct', 'software', 'listed'] as const) && isSource(a.source)) &&
    Array.isArray(v.components) &&
    v.components.every(
      (c) =>
        isRec(c) &&
        isStr(c.component) &&
        oneOf(c.coverage, LEVEL_VALUES) &&
        Array.isArray(c.controls) &&
        c.controls.every((k) => isRec(k) && isStr(k.control) && oneOf(k.level, LEVEL_VALUES) && isStr(k.from) && isSource(k.source) && isRuleEvidence(k.rules) && (k.ruleCount === undefined || isNat(k.ruleCount)) && isClaimValidation(k)) &&
        (c.moreControls === undefined || isNat(c.moreControls)),
    ) &&
    (v.exclusion === undefined || (isRec(v.exclusion) && isStr(v.exclusion.reason) && isSource(v.exclusion.source))) &&
    (v.priority === undefined || (isRec(v.priority) && isNum(v.priority.score) && isNat(v.priority.rank) && isStrArray(v.priority.reasons))) &&
    isTechniqueTriage(v) &&
    isTechniqueAssurance(v)
  );
}

/** A rule-backed control's rules (optional): at most 10, each with a title, file, line and level. */
function isRuleEvidence(v: unknown): boolean {
  return v === undefined || (Array.isArray(v) && v.length <= 10 && v.every((r) => isRec(r) && oneOf(r.format, ['sigma', 'elastic'] as const) && isStr(r.title) && isStr(r.file) && isNat(r.line) && oneOf(r.level, LEVEL_VALUES) && (r.status === undefined || isStr(r.status))));
}

/** Structural check of an engine result, deep enough that rendering it cannot throw. */
export function isCoverageResult(v: unknown): v is CoverageResult {
  return (
    isRec(v) &&
    isStr(v.domain, 100) &&
    isStr(v.version, 100) &&
    Array.isArray(v.tactics) &&
    v.tactics.every((t) => isRec(t) && isStr(t.id) && isStr(t.shortname) && isStr(t.name)) &&
    oneOf(v.minCoverage, LEVEL_VALUES) &&
    isRec(v.summary) &&
    Array.isArray(v.techniques) &&
    v.techniques.length <= 20_000 &&
    v.techniques.every(isTechniqueResult) &&
    isStrArray(v.prioritizedGaps, 20_000) &&
    isCoverageTriage(v)
  );
}

const isNamedList = (v: unknown) => Array.isArray(v) && v.length <= 10_000 && v.every((e) => isRec(e) && isStr(e.id) && isStr(e.label));

/** Validates a message from the host (run by the webview before it renders anything). */
export function isToWebviewMessage(v: unknown): v is ToWebviewMessage {
  if (!isRec(v)) return false;
  switch (v.type) {
    case 'result':
      return isStr(v.modelUri) && isStr(v.modelName) && isNamedList(v.components) && isNamedList(v.adversaries) && isCoverageResult(v.result);
    case 'status':
      return isStr(v.modelUri) && oneOf(v.state, ['loading', 'missing-data', 'invalid-model'] as const) && isStr(v.message);
    case 'exportRequest':
      return oneOf(v.format, ['svg', 'png'] as const);
    default:
      return false;
  }
}

/** Validates a message from the webview (run by the host on everything it receives; anything else is dropped). */
export function isFromWebviewMessage(v: unknown): v is FromWebviewMessage {
  if (!isRec(v)) return false;
  switch (v.type) {
    case 'ready':
    case 'exportLayer':
      return true;
    case 'reveal':
      return isStr(v.file, 2048) && isNat(v.line) && isNat(v.character, 100_000);
    case 'exclude':
      return isStr(v.techniqueId, 20) && TECHNIQUE_ID.test(v.techniqueId);
    case 'openAttack':
      return isStr(v.url, 300) && isAttackUrl(v.url);
    case 'saveExport':
      return v.format === 'svg'
        ? isStr(v.data, MAX_EXPORT_CHARS) && v.data.startsWith('<svg')
        : v.format === 'png' && isStr(v.data, MAX_EXPORT_CHARS) && PNG_DATA_URL.test(v.data);
    case 'viewState':
      return isHeatmapViewState(v.state);
    case 'rendered':
      return (
        isNat(v.version) &&
        isNat(v.cells) &&
        isNat(v.techniques) &&
        isRec(v.states) &&
        STATE_KEYS.every((s) => isNat((v.states as Rec)[s])) &&
        isRec(v.outcomes) &&
        OUTCOME_FILTERS.every((o) => isNat((v.outcomes as Rec)[o])) &&
        isNat(v.collapsed, 1000) &&
        isNum(v.renderMs)
      );
    default:
      return false;
  }
}

/** True only for https://attack.mitre.org/ pages (no credentials, no other port). */
export function isAttackUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === 'https:' && parsed.hostname === 'attack.mitre.org' && parsed.port === '' && parsed.username === '' && parsed.password === '';
}

const TECHNIQUES_PLACEHOLDER = '\u0000techniques\u0000';

/** The wire form of a host → webview message: its JSON text (see HeatmapPanel.send). */
export function encodeToWebview(message: ToWebviewMessage): string {
  return JSON.stringify(message);
}

/**
 * `encodeToWebview`, in slices: a big model's result is megabytes of JSON, so its techniques are written `slice`
 * at a time with `pause()` between slices (the extension host yields to other work there). The same text.
 */
export async function encodeToWebviewInSlices(message: ToWebviewMessage, pause: () => Promise<void>, slice = 64): Promise<string> {
  if (message.type !== 'result' || message.result.techniques.length <= slice) return encodeToWebview(message);
  const techniques = message.result.techniques;
  const parts: string[] = [];
  for (let i = 0; i < techniques.length; i += slice) {
    if (i > 0) await pause();
    parts.push(JSON.stringify(techniques.slice(i, i + slice)).slice(1, -1));
  }
  // The message with a placeholder for the list (a string no JSON text of ours can hold: NULs are escaped), then
  // the list spliced in where the placeholder's JSON stands.
  const shell = JSON.stringify({ ...message, result: { ...message.result, techniques: TECHNIQUES_PLACEHOLDER } });
  const placeholder = JSON.stringify(TECHNIQUES_PLACEHOLDER);
  const at = shell.indexOf(placeholder);
  return `${shell.slice(0, at)}[${parts.join(',')}]${shell.slice(at + placeholder.length)}`;
}

/**
 * A host → webview message from what arrived: JSON text is parsed first (an object is taken as it is), then
 * validated; undefined when it is not a valid message.
 */
export function decodeToWebview(data: unknown): ToWebviewMessage | undefined {
  let value = data;
  if (typeof data === 'string') {
    try {
      value = JSON.parse(data);
    } catch {
      return undefined;
    }
  }
  return isToWebviewMessage(value) ? value : undefined;
}

/** The state a new panel starts with. */
export function defaultViewState(modelUri: string): HeatmapViewState {
  return {
    modelUri,
    labels: 'both',
    sort: 'priority',
    view: 'matrix',
    expanded: [],
    allExpanded: false,
    filters: { component: '', platform: '', adversary: '', tactic: '', states: [], search: '', region: '', outcomes: [] },
    selected: '',
    zoom: 1,
    scrollLeft: 0,
    scrollTop: 0,
  };
}
