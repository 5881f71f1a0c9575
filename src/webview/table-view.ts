/**
 * The table equivalent of the matrix: the same techniques, filters and sort, one row per technique with every
 * value as text, for screen readers and for copying. Rows are selectable like cells.
 */
import { select } from 'd3';
import type { Selection } from 'd3';
import type { CoverageResult, TechniqueResult } from '../core/coverage/types';
import { adversaryCount } from './model/filters';
import { STATE_GLYPH, STATE_NAME } from './model/words';

const COLUMNS = ['ID', 'Technique', 'Tactics', 'State', 'Coverage', 'Adversaries', 'Priority'] as const;

export class TableView {
  readonly root: Selection<HTMLDivElement, unknown, null, undefined>;
  private readonly caption: Selection<HTMLTableCaptionElement, unknown, null, undefined>;
  private readonly body: Selection<HTMLTableSectionElement, unknown, null, undefined>;

  constructor(container: HTMLElement, private readonly onSelect: (t: TechniqueResult) => void) {
    this.root = select(container).append('div').attr('class', 'table-view');
    const table = this.root.append('table').attr('class', 'techniques');
    this.caption = table.append('caption');
    table.append('thead').append('tr').selectAll('th').data(COLUMNS).join('th').attr('scope', 'col').text((d) => d);
    this.body = table.append('tbody');
    this.body.on('click', (event: MouseEvent) => this.pick(event));
    this.body.on('keydown', (event: KeyboardEvent) => {
      if (event.key === 'Enter') this.pick(event);
    });
  }

  render(result: CoverageResult, rows: readonly TechniqueResult[], selected: string): void {
    const tacticNames = new Map(result.tactics.map((t) => [t.shortname, t.name]));
    this.caption.text(`${rows.length} techniques (ATT&CK ${result.domain} ${result.version}, policy ${result.minCoverage})`);
    this.body
      .selectAll<HTMLTableRowElement, TechniqueResult>('tr')
      .data(rows, (d) => d.id)
      .join((enter) => {
        const tr = enter.append('tr').attr('tabindex', 0);
        for (let i = 0; i < COLUMNS.length; i++) tr.append(i === 0 ? 'th' : 'td').attr('scope', i === 0 ? 'row' : null);
        return tr;
      })
      .order()
      .attr('class', (d) => `state-${d.state}${d.isSubtechnique ? ' sub' : ''}${d.id === selected ? ' selected' : ''}`)
      .attr('aria-selected', (d) => String(d.id === selected))
      .attr('data-id', (d) => d.id)
      .each(function (d) {
        const values = [
          d.id,
          d.name,
          d.tactics.map((s) => tacticNames.get(s) ?? s).join(', '),
          `${STATE_GLYPH[d.state]} ${STATE_NAME[d.state]}`,
          d.coverage,
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
