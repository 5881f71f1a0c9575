/**
 * The table equivalent of the matrix: the same techniques, filters and sort, one row per technique with every
 * value as text, for screen readers and for copying. Rows are selectable like cells; a header button sorts by its
 * column (ascending, descending, then back to the toolbar's sort), announced through aria-sort.
 */
import { select } from 'd3';
import type { Selection } from 'd3';
import type { CoverageResult, TechniqueResult } from '../core/coverage/types';
import { TABLE_COLUMNS, type TableColumn, type TableSort } from '../protocol';
import { adversaryCount } from './model/filters';
import { sortTableRows } from './model/table-sort';
import { outcomeFilterOf, outcomeText } from './model/triage';
import { STATE_GLYPH, STATE_NAME } from './model/words';
import { ASSURANCE_MARK, assuranceOf, assuranceText } from './model/assurance';

const HEADINGS: Record<TableColumn, string> = {
  id: 'ID',
  name: 'Technique',
  tactics: 'Tactics',
  state: 'State',
  outcome: 'Outcome',
  coverage: 'Coverage',
  assurance: 'Validated',
  adversaries: 'Adversaries',
  priority: 'Priority',
};

const outcomeClass = (t: TechniqueResult): string => {
  const o = t.state === 'gap' ? outcomeFilterOf(t) : undefined;
  return o ? ` outcome-${o === 'track*' ? 'track-star' : o}` : '';
};

export class TableView {
  readonly root: Selection<HTMLDivElement, unknown, null, undefined>;
  private readonly caption: Selection<HTMLTableCaptionElement, unknown, null, undefined>;
  private readonly body: Selection<HTMLTableSectionElement, unknown, null, undefined>;
  private readonly headers: Selection<HTMLTableCellElement, TableColumn, HTMLTableRowElement, unknown>;

  constructor(
    container: HTMLElement,
    private readonly onSelect: (t: TechniqueResult) => void,
    onSort: (column: TableColumn) => void,
  ) {
    this.root = select(container).append('div').attr('class', 'table-view');
    const table = this.root.append('table').attr('class', 'techniques');
    this.caption = table.append('caption');
    this.headers = table.append('thead').append('tr').selectAll<HTMLTableCellElement, TableColumn>('th').data(TABLE_COLUMNS).join('th').attr('scope', 'col');
    this.headers
      .append('button')
      .attr('type', 'button')
      .attr('class', 'sort')
      .attr('data-column', (d) => d)
      .on('click', (_e, d) => onSort(d))
      .call((b) => b.append('span').text((d) => HEADINGS[d]))
      .append('span')
      .attr('class', 'sort-mark')
      .attr('aria-hidden', 'true');
    this.body = table.append('tbody');
    this.body.on('click', (event: MouseEvent) => this.pick(event));
    this.body.on('keydown', (event: KeyboardEvent) => {
      if (event.key === 'Enter') this.pick(event);
    });
  }

  render(result: CoverageResult, toolbarOrder: readonly TechniqueResult[], selected: string, sort: TableSort | undefined): void {
    const tacticNames = new Map(result.tactics.map((t) => [t.shortname, t.name]));
    const tacticName = (s: string) => tacticNames.get(s) ?? s;
    const rows = sortTableRows(toolbarOrder, sort, tacticName);
    const by = sort ? `, by ${HEADINGS[sort.column].toLowerCase()} ${sort.descending ? 'descending' : 'ascending'}` : '';
    this.caption.text(`${rows.length} techniques (ATT&CK ${result.domain} ${result.version}, policy ${result.minCoverage})${by}`);
    this.headers.attr('aria-sort', (d) => (sort?.column === d ? (sort.descending ? 'descending' : 'ascending') : null));
    this.headers.select('.sort-mark').text((d) => (sort?.column === d ? (sort.descending ? ' ▼' : ' ▲') : ''));
    this.body
      .selectAll<HTMLTableRowElement, TechniqueResult>('tr')
      .data(rows, (d) => d.id)
      .join((enter) => {
        const tr = enter.append('tr').attr('tabindex', 0);
        for (let i = 0; i < TABLE_COLUMNS.length; i++) tr.append(i === 0 ? 'th' : 'td').attr('scope', i === 0 ? 'row' : null);
        return tr;
      })
      .order()
      .attr('class', (d) => `state-${d.state}${outcomeClass(d)}${d.isSubtechnique ? ' sub' : ''}${d.id === selected ? ' selected' : ''}`)
      .attr('aria-selected', (d) => String(d.id === selected))
      .attr('data-id', (d) => d.id)
      .each(function (d) {
        const values = [
          d.id,
          d.name,
          d.tactics.map(tacticName).join(', '),
          `${STATE_GLYPH[d.state]} ${STATE_NAME[d.state]}`,
          outcomeText(d),
          d.coverage,
          `${ASSURANCE_MARK[assuranceOf(d)]} ${assuranceText(d)}`.trim(),
          String(adversaryCount(d)),
          d.priority ? `#${d.priority.rank}` : '',
        ];
        select(this)
          .selectAll<HTMLTableCellElement, unknown>('th, td')
          .text((_x, i) => values[i] ?? '');
      });
  }

  private pick(event: Event): void {
    const row = event.target instanceof Element ? event.target.closest('tr') : null;
    if (!row) return;
    const datum = select(row).datum() as TechniqueResult | undefined;
    if (datum) this.onSelect(datum);
  }
}
