/**
 * The triage part of the details pane: for a gap its decision path, each decision point's value with the evidence
 * that set it (and a `techniques.assess` override's reason), the Top Techniques scores when given, and what closes
 * it (the mitigations, what our inventories already do with each, the change that would close the gap); for an
 * accepted technique the acceptance (owner, until, reason, ref). All text through d3's .text().
 */
import type { Selection } from 'd3';
import type { SourceRef, TechniqueResult } from '../core/coverage/types';
import { acceptanceFacts, mitigationRows, OUTCOME_FILTER_GLYPH, OUTCOME_FILTER_NAME, OUTCOME_HELP, outcomeFilterOf, pointRows, topScoreWords } from './model/triage';

type Parent = Selection<HTMLElement, unknown, null, undefined>;
export type RevealButton = (parent: Parent, text: string, source: SourceRef | undefined, label?: string) => void;

/** Appends the triage sections of `t` to `root` (nothing for a technique that is neither a gap nor accepted). */
export function renderTriage(root: Parent, t: TechniqueResult, reveal: RevealButton): void {
  const o = outcomeFilterOf(t);
  if (o === undefined) return;
  const section = root.append('section').attr('class', 'triage').attr('aria-label', o === 'accepted' ? 'Accepted risk' : 'Triage');
  const badge = section.append('p').attr('class', `badge outcome-badge ${o === 'accepted' ? 'state-accepted' : `state-gap outcome-${o === 'track*' ? 'track-star' : o}`}`);
  badge.append('span').attr('class', 'glyph').attr('aria-hidden', 'true').text(OUTCOME_FILTER_GLYPH[o]);
  badge.append('span').text(` ${o === 'accepted' ? 'Accepted' : `Gap · ${OUTCOME_FILTER_NAME[o]}`}: ${OUTCOME_HELP[o]}`);
  if (o === 'accepted') {
    section.append('h3').text('Accepted risk');
    const dl = section.append('dl').attr('class', 'acceptance');
    for (const [term, value] of acceptanceFacts(t)) {
      dl.append('dt').text(term);
      dl.append('dd').text(value);
    }
    reveal(section, 'Reveal acceptance', t.acceptance?.source, 'Reveal the acceptance in the model');
  }
  if (t.triage) {
    section.append('h3').text(o === 'accepted' ? 'Decision (were it a gap)' : 'Decision');
    section.append('p').attr('class', 'path').text(t.triage.path);
    const points = section.append('dl').attr('class', 'points');
    for (const row of pointRows(t)) {
      points.append('dt').text(row.point);
      const dd = points.append('dd').attr('data-point', row.point);
      dd.append('strong').text(row.value);
      const list = dd.append('ul');
      for (const e of row.evidence) list.append('li').text(e);
      if (row.assessed) list.append('li').attr('class', 'assessed').text(row.assessed);
      const source = t.triage[row.point].assessed?.source;
      if (source) reveal(dd, 'Reveal assessment', source, `Reveal the ${row.point} assessment in the model`);
    }
    const top = topScoreWords(t);
    if (top) {
      points.append('dt').text('Top Techniques');
      points.append('dd').attr('data-point', 'top').text(top);
    }
  }
  const rows = mitigationRows(t);
  section.append('h3').text(rows.length > 0 ? 'What closes it' : 'What closes it: no ATT&CK mitigation mitigates this technique');
  const list = section.append('ul').attr('class', 'mitigations');
  for (const m of rows) {
    const li = list.append('li').attr('data-mitigation', m.id);
    li.append('strong').text(m.words);
    li.append('ul').append('li').attr('class', 'muted').text(`In our inventories: ${m.uses}`);
  }
}
