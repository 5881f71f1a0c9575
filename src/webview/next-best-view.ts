/**
 * The next best mitigations (the few ATT&CK mitigations that together close the most gaps, weighted by outcome): a
 * list in the sidebar and its table equivalent under the table view. Each pick says how many Act / Attend / Track* /
 * Track gaps it closes that no earlier pick closes, what our inventories already do with it, and what remains after
 * it. All text through d3's .text().
 */
import { select } from 'd3';
import type { Selection } from 'd3';
import type { CoverageResult } from '../core/coverage/types';
import { OUTCOME_LABELS, type Outcome } from '../core/triage/decision-table';
import { OUTCOMES_DOWN } from '../core/report/triage-words';
import { nextBestItems, nextBestRemaining, type NextBestItem } from './model/triage';

const HELP = 'The few mitigations that together close the most gaps, an Act gap counting as two Attend, four Track*, eight Track.';

export class NextBestList {
  private readonly list: Selection<HTMLOListElement, unknown, null, undefined>;
  private readonly remaining: Selection<HTMLParagraphElement, unknown, null, undefined>;
  private signature = '';

  constructor(container: HTMLElement) {
    const root = select(container).append('section').attr('class', 'next-best').attr('aria-label', 'Next best mitigations');
    root.append('h2').text('Next best mitigations');
    root.append('p').attr('class', 'muted').text(HELP);
    this.list = root.append('ol');
    this.remaining = root.append('p').attr('class', 'remaining');
  }

  render(result: CoverageResult): void {
    const items = nextBestItems(result);
    const signature = JSON.stringify([items, result.nextBest.remaining, result.nextBest.unmitigable]);
    if (signature === this.signature) return;
    this.signature = signature;
    this.list
      .selectAll<HTMLLIElement, NextBestItem>('li')
      .data(items, (d) => d.id)
      .join((enter) => {
        const li = enter.append('li');
        li.append('strong');
        li.append('span').attr('class', 'closes');
        li.append('span').attr('class', 'muted uses');
        li.append('span').attr('class', 'muted after');
        return li;
      })
      .order()
      .attr('data-mitigation', (d) => d.id)
      .call((li) => li.select('strong').text((d) => `${d.id} ${d.name}`))
      .call((li) => li.select('.closes').text((d) => `: closes ${d.closesTotal} (${d.closes})`))
      .call((li) => li.select('.uses').text((d) => `In our inventories: ${d.uses}`))
      .call((li) => li.select('.after').text((d) => `Then remaining: ${d.remaining}`));
    this.remaining.text(items.length > 0 ? nextBestRemaining(result) : 'No mitigation closes any gap: none to suggest.');
  }
}

const COLUMNS = ['#', 'Mitigation', ...OUTCOMES_DOWN.map((o) => OUTCOME_LABELS[o]), 'Closes', 'In our inventories', 'Remaining after'] as const;

/** The same picks as a table (under the techniques table of the table view). */
export class NextBestTable {
  private readonly caption: Selection<HTMLTableCaptionElement, unknown, null, undefined>;
  private readonly body: Selection<HTMLTableSectionElement, unknown, null, undefined>;

  constructor(container: HTMLElement) {
    const table = select(container).append('table').attr('class', 'next-best-table');
    this.caption = table.append('caption');
    table.append('thead').append('tr').selectAll('th').data(COLUMNS).join('th').attr('scope', 'col').text((d) => d);
    this.body = table.append('tbody');
  }

  render(result: CoverageResult): void {
    const items = nextBestItems(result);
    this.caption.text(`Next best mitigations: ${HELP} ${nextBestRemaining(result)}`);
    this.body
      .selectAll<HTMLTableRowElement, NextBestItem>('tr')
      .data(items, (d) => d.id)
      .join((enter) => {
        const tr = enter.append('tr');
        for (let i = 0; i < COLUMNS.length; i++) tr.append(i === 1 ? 'th' : 'td').attr('scope', i === 1 ? 'row' : null).attr('class', i === 1 || i >= COLUMNS.length - 2 ? null : 'num');
        return tr;
      })
      .order()
      .attr('data-mitigation', (d) => d.id)
      .each(function (d) {
        const values = [String(d.rank), `${d.id} ${d.name}`, ...OUTCOMES_DOWN.map((o: Outcome) => String(d.byOutcome[o])), String(d.closesTotal), d.uses, d.remaining];
        select(this)
          .selectAll<HTMLTableCellElement, unknown>('th, td')
          .text((_x, i) => values[i] ?? '');
      });
  }
}
