/**
 * The legend: what the fills, glyphs, pips, counts and the sub-technique bar of a cell mean, and the mark and fill of
 * every gap outcome and of accepted risks. Static.
 */
import { select } from 'd3';
import type { CoverageResult } from '../core/coverage/types';
import { OUTCOME_FILTERS, STATE_KEYS } from '../protocol';
import { OUTCOME_FILTER_GLYPH, OUTCOME_FILTER_NAME, OUTCOME_HELP, triageDateWords } from './model/triage';
import { coveragePips, STATE_GLYPH, STATE_HELP, STATE_NAME } from './model/words';
import { ASSURANCE_FILTERS, ASSURANCE_HELP, ASSURANCE_MARK, ASSURANCE_NAME } from './model/assurance';

const outcomeClass = (o: string) => (o === 'accepted' ? 'state-accepted' : `state-gap outcome-${o === 'track*' ? 'track-star' : o}`);

export function renderLegend(container: HTMLElement): { render(result: CoverageResult): void } {
  const root = select(container).append('section').attr('class', 'legend').attr('aria-label', 'Legend');
  root.append('h2').text('Legend');
  const states = root.append('ul').attr('class', 'legend-states');
  for (const s of STATE_KEYS) {
    const li = states.append('li');
    const swatch = li.append('svg').attr('class', 'swatch').attr('width', 22).attr('height', 16).attr('aria-hidden', 'true');
    swatch.append('rect').attr('class', `legend-cell state-${s}`).attr('width', 22).attr('height', 16).attr('rx', 2);
    swatch.append('text').attr('class', `legend-glyph state-${s}`).attr('x', 11).attr('y', 12).attr('text-anchor', 'middle').text(STATE_GLYPH[s]);
    li.append('strong').text(STATE_NAME[s]);
    li.append('span').text(`: ${STATE_HELP[s]}`);
  }
  root.append('h3').text('Gap outcomes (triage)');
  root.append('p').attr('class', 'muted').text('A gap cell shows its outcome\'s mark in place of ✕, and its fill.');
  const table = root.append('p').attr('class', 'muted triage-table');
  const outcomes = root.append('ul').attr('class', 'legend-outcomes');
  for (const o of OUTCOME_FILTERS) {
    const li = outcomes.append('li').attr('data-outcome', o);
    const swatch = li.append('svg').attr('class', 'swatch').attr('width', 22).attr('height', 16).attr('aria-hidden', 'true');
    swatch.append('rect').attr('class', `legend-cell ${outcomeClass(o)}`).attr('width', 22).attr('height', 16).attr('rx', 2);
    swatch.append('text').attr('class', `legend-glyph ${outcomeClass(o)}`).attr('x', 11).attr('y', 12).attr('text-anchor', 'middle').text(OUTCOME_FILTER_GLYPH[o]);
    li.append('strong').text(OUTCOME_FILTER_NAME[o]);
    li.append('span').text(`: ${OUTCOME_HELP[o]}`);
  }
  const rest = root.append('ul').attr('class', 'legend-marks');
  const mark = (symbol: string, text: string) => {
    const li = rest.append('li');
    li.append('code').text(symbol);
    li.append('span').text(` ${text}`);
  };
  mark(`${coveragePips('none')} … ${coveragePips('significant')}`, 'coverage: none, minimal, partial, significant (weakest component)');
  mark('×3', "used by 3 of the model's adversaries");
  mark('#1', 'gap priority (1 = most urgent)');
  mark('▸ ▾', 'sub-techniques: expand or collapse (Space)');
  mark('▬', 'bar under a parent: its sub-techniques by state');
  mark('▸ 11', 'tactic collapsed (11 techniques, all not applicable): click or Enter opens it; ▾ folds one');
  // Claimed vs validated (docs/assurance.md): a mark before the pips; a failed test also dashes the cell's outline.
  for (const a of ASSURANCE_FILTERS) if (ASSURANCE_MARK[a]) mark(ASSURANCE_MARK[a], `${ASSURANCE_NAME[a].toLowerCase()}: ${ASSURANCE_HELP[a]}`);
  return { render: (result) => void table.text(`Outcomes: ${triageDateWords(result)}.`) };
}
