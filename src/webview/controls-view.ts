/**
 * The toolbar (labels, sort, view, expand, zoom, export) and the filters (component, platform, adversary, tactic,
 * state, outcome, search). Built once; `render` syncs values and option lists with the view state and the latest result.
 * Changes are reported as partial view states.
 */
import { select } from 'd3';
import type { Selection } from 'd3';
import type { TechniqueState } from '../core/coverage/types';
import type { HeatmapFilters, HeatmapViewState, OutcomeFilter, ResultMessage } from '../protocol';
import { OUTCOME_FILTERS, STATE_KEYS } from '../protocol';
import { platformsOf } from './model/filters';
import { headlineCounts, OUTCOME_FILTER_GLYPH, OUTCOME_FILTER_NAME, OUTCOME_HELP, triageDateWords } from './model/triage';
import { STATE_GLYPH, STATE_NAME } from './model/words';
import { ASSURANCE_FILTERS, ASSURANCE_HELP, ASSURANCE_MARK, ASSURANCE_NAME, type AssuranceFilter } from './model/assurance';

export interface ControlHandlers {
  change(patch: Partial<HeatmapViewState>): void;
  /** Shows or hides the sidebar (filters, overlap, legend). */
  toggleSidebar(): void;
  filter(patch: Partial<HeatmapFilters>): void;
  expandAll(expand: boolean): void;
  exportAs(format: 'svg' | 'png' | 'layer'): void;
}

type SelectEl = Selection<HTMLSelectElement, unknown, null, undefined>;
interface Option {
  readonly value: string;
  readonly label: string;
}

export class ControlsView {
  private readonly title: Selection<HTMLHeadingElement, unknown, null, undefined>;
  private readonly summary: Selection<HTMLParagraphElement, unknown, null, undefined>;
  private readonly counts: Selection<HTMLElement, unknown, null, undefined>;
  private readonly rest: Selection<HTMLSpanElement, unknown, null, undefined>;
  private readonly outcomes: Selection<HTMLInputElement, OutcomeFilter, HTMLElement, unknown>;
  private readonly outcomeNames: Selection<HTMLSpanElement, OutcomeFilter, HTMLElement, unknown>;
  private readonly assurance: Selection<HTMLInputElement, AssuranceFilter, HTMLElement, unknown>;
  private readonly assuranceNames: Selection<HTMLSpanElement, AssuranceFilter, HTMLElement, unknown>;
  private readonly selects = new Map<string, SelectEl>();
  private readonly viewButtons: Selection<HTMLButtonElement, string, HTMLDivElement, unknown>;
  private readonly states: Selection<HTMLInputElement, TechniqueState, HTMLElement, unknown>;
  private readonly search: Selection<HTMLInputElement, unknown, null, undefined>;
  private readonly zoomLabel: Selection<HTMLSpanElement, unknown, null, undefined>;
  private readonly clear: Selection<HTMLButtonElement, unknown, null, undefined>;
  private readonly sidebarButton: Selection<HTMLButtonElement, unknown, null, undefined>;
  private zoom = 1;

  constructor(toolbarHost: HTMLElement, filtersHost: HTMLElement, private readonly on: ControlHandlers) {
    const bar = select(toolbarHost).append('div').attr('class', 'toolbar').attr('role', 'toolbar').attr('aria-label', 'Heatmap view');
    const heading = bar.append('div').attr('class', 'heading');
    this.title = heading.append('h1');
    this.summary = heading.append('p').attr('class', 'summary').attr('aria-live', 'polite');
    this.counts = this.summary.append('strong').attr('class', 'outcome-counts');
    this.rest = this.summary.append('span');
    const group = (label: string) => bar.append('div').attr('class', 'group').attr('role', 'group').attr('aria-label', label);
    const view = group('View');
    this.viewButtons = view
      .selectAll<HTMLButtonElement, string>('button')
      .data(['matrix', 'table'])
      .join('button')
      .attr('type', 'button')
      .text((d) => (d === 'matrix' ? 'Matrix' : 'Table'))
      .on('click', (_e, d) => this.on.change({ view: d as HeatmapViewState['view'] }));
    this.sidebarButton = button(view, 'Filters', () => this.on.toggleSidebar()).attr('class', 'sidebar-toggle').attr('aria-controls', 'sidebar');
    this.addSelect(group('Labels'), 'labels', 'Labels', [
      { value: 'both', label: 'ID + name' },
      { value: 'id', label: 'ID' },
      { value: 'name', label: 'Name' },
    ]).on('change', (e: Event) => this.on.change({ labels: valueOf(e) as HeatmapViewState['labels'] }));
    this.addSelect(group('Sort'), 'sort', 'Sort', [
      { value: 'priority', label: 'Priority (gaps first)' },
      { value: 'name', label: 'Name' },
      { value: 'id', label: 'ID' },
    ]).on('change', (e: Event) => this.on.change({ sort: valueOf(e) as HeatmapViewState['sort'] }));
    const subs = group('Sub-techniques');
    button(subs, 'Expand all', () => this.on.expandAll(true));
    button(subs, 'Collapse all', () => this.on.expandAll(false));
    const zoom = group('Zoom');
    button(zoom, '−', () => this.on.change({ zoom: clampZoom(this.zoom / 1.25) })).attr('aria-label', 'Zoom out');
    this.zoomLabel = zoom.append('span').attr('class', 'zoom-label').attr('aria-live', 'polite');
    button(zoom, '+', () => this.on.change({ zoom: clampZoom(this.zoom * 1.25) })).attr('aria-label', 'Zoom in');
    const exp = group('Export');
    button(exp, 'SVG', () => this.on.exportAs('svg')).attr('aria-label', 'Export the current view as SVG');
    button(exp, 'PNG', () => this.on.exportAs('png')).attr('aria-label', 'Export the current view as PNG');
    button(exp, 'Navigator layer', () => this.on.exportAs('layer')).attr('aria-label', 'Export an ATT&CK Navigator layer');

    const filters = select(filtersHost).append('section').attr('class', 'filters').attr('aria-label', 'Filters');
    filters.append('h2').text('Filters');
    this.search = filters
      .append('label')
      .text('Search')
      .append('input')
      .attr('type', 'search')
      .attr('placeholder', 'ID or name')
      .on('input', (e: Event) => this.on.filter({ search: (e.target as HTMLInputElement).value }));
    for (const [key, label] of [['component', 'Component'], ['platform', 'Platform'], ['adversary', 'Adversary'], ['tactic', 'Tactic']] as const) {
      this.addSelect(filters, key, label, []).on('change', (e: Event) => this.on.filter({ [key]: valueOf(e) }));
    }
    const fieldset = filters.append('fieldset').attr('class', 'states');
    fieldset.append('legend').text('State');
    const items = fieldset.selectAll('label').data(STATE_KEYS).join('label').attr('class', (d) => `state-${d}`);
    this.states = items.append('input').attr('type', 'checkbox').on('change', () => this.on.filter({ states: this.checkedStates() }));
    items.append('span').attr('class', 'glyph').attr('aria-hidden', 'true').text((d) => STATE_GLYPH[d]);
    items.append('span').text((d) => STATE_NAME[d]);
    const outcomeSet = filters.append('fieldset').attr('class', 'outcomes');
    outcomeSet.append('legend').text('Outcome');
    const outcomeItems = outcomeSet
      .selectAll('label')
      .data(OUTCOME_FILTERS)
      .join('label')
      .attr('class', (d) => `outcome-${d === 'track*' ? 'track-star' : d}`)
      .attr('title', (d) => OUTCOME_HELP[d]);
    this.outcomes = outcomeItems
      .append('input')
      .attr('type', 'checkbox')
      .attr('data-outcome', (d) => d)
      .attr('aria-label', (d) => `${OUTCOME_FILTER_NAME[d]}: ${OUTCOME_HELP[d]}`)
      .on('change', () => this.on.filter({ outcomes: this.checkedOutcomes() }));
    outcomeItems.append('span').attr('class', 'glyph').attr('aria-hidden', 'true').text((d) => OUTCOME_FILTER_GLYPH[d]);
    this.outcomeNames = outcomeItems.append('span').attr('class', 'outcome-name').attr('aria-hidden', 'true');
    // Claimed vs validated (docs/assurance.md): the state of the claims that set each technique's coverage.
    const assuranceSet = filters.append('fieldset').attr('class', 'assurance');
    assuranceSet.append('legend').text('Validated');
    const assuranceItems = assuranceSet.selectAll('label').data(ASSURANCE_FILTERS).join('label').attr('class', (d) => `assurance-${d}`).attr('title', (d) => ASSURANCE_HELP[d]);
    this.assurance = assuranceItems
      .append('input')
      .attr('type', 'checkbox')
      .attr('data-assurance', (d) => d)
      .on('change', () => this.on.filter({ assurance: this.checkedAssurance() }));
    assuranceItems.append('span').attr('class', 'glyph').attr('aria-hidden', 'true').text((d) => ASSURANCE_MARK[d] || '·');
    this.assuranceNames = assuranceItems.append('span').attr('class', 'assurance-name').attr('aria-hidden', 'true');
    this.clear = button(filters, 'Clear filters', () =>
      this.on.filter({ component: '', platform: '', adversary: '', tactic: '', states: [], search: '', region: '', outcomes: [], assurance: [] }),
    ).attr('class', 'link');
  }

  render(state: HeatmapViewState, data: ResultMessage | undefined, sidebarShown: boolean): void {
    this.zoom = state.zoom;
    this.title.text(data ? `Coverage heatmap: ${data.modelName}` : 'Coverage heatmap');
    const s = data?.result.summary;
    // The headline: what to do now (Act, Attend) first, then the rest of the picture.
    this.counts.text(s && data ? headlineCounts(data.result) : '');
    this.rest.text(
      s && data
        ? ` · ${s.covered} covered of ${s.relevant} relevant · ${s.assurance.validated} validated of ${s.assurance.validated + s.assurance.stale + s.assurance.untested + s.assurance.failed} claimed${s.assurance.failed > 0 ? ` (${s.assurance.failed} failed)` : ''} · ATT&CK ${data.result.domain} ${data.result.version} · policy ${data.result.minCoverage} · ${s.adversary} adversary techniques`
        : '',
    );
    this.summary.attr('title', data ? triageDateWords(data.result) : null);
    this.viewButtons.attr('aria-pressed', (d) => String(d === state.view));
    this.zoomLabel.text(`${Math.round(state.zoom * 100)}%`);
    this.setOptions('labels', undefined, state.labels);
    this.setOptions('sort', undefined, state.sort);
    const f = state.filters;
    if (data) {
      this.setOptions('component', [{ value: '', label: 'All components' }, ...data.components.map((c) => ({ value: c.id, label: c.label }))], f.component);
      this.setOptions('platform', [{ value: '', label: 'All platforms' }, ...platformsOf(data.result).map((p) => ({ value: p, label: p }))], f.platform);
      this.setOptions('adversary', [{ value: '', label: 'All adversaries' }, ...data.adversaries.map((a) => ({ value: a.id, label: a.label }))], f.adversary);
      this.setOptions('tactic', [{ value: '', label: 'All tactics' }, ...data.result.tactics.map((t) => ({ value: t.shortname, label: t.name }))], f.tactic);
    }
    this.states.property('checked', (d) => f.states.includes(d));
    const chosen = f.outcomes ?? [];
    this.outcomes.property('checked', (d) => chosen.includes(d));
    const byOutcome: Record<OutcomeFilter, number> | undefined = s && { ...s.outcomes, accepted: s.accepted };
    this.outcomeNames.text((d) => (byOutcome ? `${OUTCOME_FILTER_NAME[d]} (${byOutcome[d]})` : OUTCOME_FILTER_NAME[d]));
    this.outcomes.attr('aria-label', (d) => `${OUTCOME_FILTER_NAME[d]}${byOutcome ? `, ${byOutcome[d]} techniques` : ''}: ${OUTCOME_HELP[d]}`);
    const assured = f.assurance ?? [];
    this.assurance.property('checked', (d) => assured.includes(d));
    const a = s?.assurance;
    const byAssurance: Record<AssuranceFilter, number> | undefined = s && a && { ...a, unclaimed: s.total - a.failed - a.stale - a.untested - a.validated };
    this.assuranceNames.text((d) => (byAssurance ? `${ASSURANCE_NAME[d]} (${byAssurance[d]})` : ASSURANCE_NAME[d]));
    this.assurance.attr('aria-label', (d) => `${ASSURANCE_NAME[d]}${byAssurance ? `, ${byAssurance[d]} techniques` : ''}: ${ASSURANCE_HELP[d]}`);
    if (this.search.property('value') !== f.search) this.search.property('value', f.search);
    const active = [f.component, f.platform, f.adversary, f.tactic, f.search.trim(), f.region].filter((x) => x !== '').length + (f.states.length > 0 ? 1 : 0) + (chosen.length > 0 ? 1 : 0) + (assured.length > 0 ? 1 : 0);
    this.clear.property('disabled', active === 0);
    // While the sidebar is hidden the button is the only sign that filters narrow the matrix.
    this.sidebarButton
      .attr('aria-expanded', String(sidebarShown))
      .attr('aria-pressed', null)
      .text(active > 0 ? `Filters (${active})` : 'Filters')
      .attr('aria-label', `${sidebarShown ? 'Hide' : 'Show'} filters, overlap and legend${active > 0 ? ` (${active} filters active)` : ''}`);
  }

  private addSelect<E extends HTMLElement>(parent: Selection<E, unknown, null, undefined>, key: string, label: string, options: readonly Option[]): SelectEl {
    const sel = parent.append('label').text(label).append('select').attr('data-filter', key);
    this.selects.set(key, sel);
    this.setOptions(key, options, '');
    return sel;
  }

  private setOptions(key: string, options: readonly Option[] | undefined, value: string): void {
    const sel = this.selects.get(key);
    if (!sel) return;
    if (options) {
      sel
        .selectAll<HTMLOptionElement, Option>('option')
        .data(options, (d) => d.value)
        .join('option')
        .attr('value', (d) => d.value)
        .text((d) => d.label);
    }
    sel.property('value', value);
  }

  private checkedOutcomes(): OutcomeFilter[] {
    return OUTCOME_FILTERS.filter((_o, i) => this.outcomes.nodes()[i]?.checked === true);
  }

  private checkedAssurance(): AssuranceFilter[] {
    return ASSURANCE_FILTERS.filter((_o, i) => this.assurance.nodes()[i]?.checked === true);
  }

  private checkedStates(): TechniqueState[] {
    return STATE_KEYS.filter((_s, i) => this.states.nodes()[i]?.checked === true);
  }
}

const valueOf = (e: Event) => (e.target as HTMLSelectElement).value;
const clampZoom = (z: number) => Math.min(4, Math.max(0.25, Math.round(z * 100) / 100));

function button<E extends HTMLElement>(parent: Selection<E, unknown, null, undefined>, text: string, onClick: () => void) {
  return parent.append('button').attr('type', 'button').text(text).on('click', onClick);
}
