/** The legend: what the fills, glyphs, pips, counts and the sub-technique bar of a cell mean. Static. */
import { select } from 'd3';
import { STATE_KEYS } from '../protocol';
import { coveragePips, STATE_GLYPH, STATE_HELP, STATE_NAME } from './model/words';

export function renderLegend(container: HTMLElement): void {
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
}
