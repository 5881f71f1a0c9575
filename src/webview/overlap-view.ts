/**
 * The three-circle overlap diagram: adversary techniques (A), techniques applicable to the tech stack (S) and
 * techniques covered by controls at the policy level (C), with the count of every region. Every region is a
 * clickable, focusable shape (circles clipped by the others, drawn so the innermost region is on top); clicking
 * one filters the matrix to it. The headline is A∩S without C: relevant but uncovered, the gaps.
 */
import { select } from 'd3';
import type { Selection } from 'd3';
import type { RegionKey } from '../protocol';
import { regionLabel, setSize } from './model/overlap';

type Circle = 'A' | 'S' | 'C';
const R = 58;
const CENTRE: Readonly<Record<Circle, [number, number]>> = { A: [92, 92], S: [154, 92], C: [123, 146] };
const SET_NAME: Readonly<Record<Circle, string>> = { A: 'Adversaries', S: 'Tech stack', C: 'Controls' };
const SET_HELP: Readonly<Record<Circle, string>> = {
  A: 'techniques used by the adversaries of the model',
  S: 'techniques that run on a component of the tech stack',
  C: 'techniques covered by controls at the policy level',
};
const LABEL_AT: Readonly<Record<Exclude<RegionKey, 'none'>, [number, number]>> = {
  A: [64, 78],
  S: [182, 78],
  C: [123, 184],
  AS: [123, 68],
  AC: [88, 138],
  SC: [158, 138],
  ASC: [123, 112],
};
/** Bottom layer first: whole circles, then pairwise intersections, then the centre. */
const LAYERS: readonly { region: Exclude<RegionKey, 'none'>; circle: Circle; clips: readonly Circle[] }[] = [
  { region: 'A', circle: 'A', clips: [] },
  { region: 'S', circle: 'S', clips: [] },
  { region: 'C', circle: 'C', clips: [] },
  { region: 'AS', circle: 'A', clips: ['S'] },
  { region: 'AC', circle: 'A', clips: ['C'] },
  { region: 'SC', circle: 'S', clips: ['C'] },
  { region: 'ASC', circle: 'A', clips: ['S', 'C'] },
];

export class OverlapView {
  private readonly headline: Selection<HTMLButtonElement, unknown, null, undefined>;
  private readonly svg: Selection<SVGSVGElement, unknown, null, undefined>;
  private readonly outside: Selection<HTMLButtonElement, unknown, null, undefined>;

  constructor(container: HTMLElement, private readonly pick: (region: RegionKey) => void) {
    const root = select(container).append('section').attr('class', 'overlap').attr('aria-label', 'Overlap of the three sets');
    root.append('h2').text('Overlap');
    this.headline = root.append('button').attr('class', 'headline').attr('type', 'button').on('click', () => this.pick('AS'));
    this.svg = root.append('svg').attr('class', 'venn').attr('viewBox', '0 0 246 236').attr('role', 'group').attr('aria-label', 'Three-set overlap diagram');
    this.svg.append('desc').text((['A', 'S', 'C'] as const).map((c) => `${SET_NAME[c]}: ${SET_HELP[c]}.`).join(' '));
    const defs = this.svg.append('defs');
    for (const c of ['A', 'S', 'C'] as const) {
      defs.append('clipPath').attr('id', `venn-clip-${c}`).append('circle').attr('cx', CENTRE[c][0]).attr('cy', CENTRE[c][1]).attr('r', R);
    }
    const regions = this.svg.append('g').attr('class', 'regions');
    for (const layer of LAYERS) {
      let parent: Selection<SVGGElement, unknown, null, undefined> = regions.append('g');
      for (const clip of layer.clips.slice(1)) parent = parent.attr('clip-path', `url(#venn-clip-${clip})`).append('g');
      const shape = parent
        .append('circle')
        .attr('class', `region region-${layer.region}`)
        .attr('data-region', layer.region)
        .attr('cx', CENTRE[layer.circle][0])
        .attr('cy', CENTRE[layer.circle][1])
        .attr('r', R)
        .attr('tabindex', 0)
        .attr('role', 'button');
      if (layer.clips[0]) shape.attr('clip-path', `url(#venn-clip-${layer.clips[0]})`);
      shape.on('click', () => this.pick(layer.region)).on('keydown', (event: KeyboardEvent) => {
        if (event.key !== 'Enter' && event.key !== ' ') return;
        event.preventDefault();
        this.pick(layer.region);
      });
    }
    const outlines = this.svg.append('g').attr('class', 'outlines').attr('aria-hidden', 'true');
    for (const c of ['A', 'S', 'C'] as const) {
      outlines.append('circle').attr('class', `outline outline-${c}`).attr('cx', CENTRE[c][0]).attr('cy', CENTRE[c][1]).attr('r', R);
    }
    const labels = this.svg.append('g').attr('class', 'counts').attr('aria-hidden', 'true');
    for (const [region, [x, y]] of Object.entries(LABEL_AT)) labels.append('text').attr('data-region', region).attr('x', x).attr('y', y).attr('text-anchor', 'middle');
    labels.append('text').attr('class', 'set-name').attr('data-set', 'A').attr('x', 4).attr('y', 22);
    labels.append('text').attr('class', 'set-name').attr('data-set', 'S').attr('x', 242).attr('y', 22).attr('text-anchor', 'end');
    labels.append('text').attr('class', 'set-name').attr('data-set', 'C').attr('x', 123).attr('y', 232).attr('text-anchor', 'middle');
    this.outside = root.append('button').attr('class', 'link outside').attr('type', 'button').on('click', () => this.pick('none'));
  }

  render(counts: Readonly<Record<RegionKey, number>>, active: RegionKey | ''): void {
    this.headline
      .attr('aria-pressed', String(active === 'AS'))
      .text(`${counts.AS} relevant but uncovered`)
      .attr('title', 'Adversary techniques that run on the tech stack without coverage at the policy level: the gaps. Click to show only them.');
    this.svg.selectAll<SVGCircleElement, unknown>('circle.region').each(function () {
      const region = this.getAttribute('data-region') as Exclude<RegionKey, 'none'>;
      select(this)
        .classed('active', region === active)
        .classed('empty', counts[region] === 0)
        .attr('aria-pressed', String(region === active))
        .attr('aria-label', `${counts[region]} techniques: ${regionLabel(region)}`);
    });
    this.svg.selectAll<SVGTextElement, unknown>('g.counts text[data-region]').each(function () {
      const region = this.getAttribute('data-region') as RegionKey;
      select(this).text(String(counts[region])).classed('active', region === active);
    });
    this.svg.selectAll<SVGTextElement, unknown>('text.set-name').each(function () {
      const set = this.getAttribute('data-set') as Circle;
      select(this).text(`${SET_NAME[set]} (${setSize(counts, set)})`);
    });
    this.outside.attr('aria-pressed', String(active === 'none')).text(`${counts.none} in none of the sets`);
  }
}
