/**
 * The details pane's assurance part (docs/assurance.md): claimed vs validated for the technique, every tested
 * claim with its tests (newest first, each with a Reveal of its `validated:` line), and the Atomic Red Team tests
 * that would validate it on its components. Text through d3 `.text()` only.
 */
import type { Selection } from 'd3';
import type { SourceRef, TechniqueResult } from '../core/coverage/types';
import { ASSURANCE_HELP, ASSURANCE_MARK, assuranceOf, assuranceText, CLAIM_WORDS } from './model/assurance';

type Parent = Selection<HTMLElement, unknown, null, undefined>;
type Reveal = (parent: Selection<HTMLLIElement, unknown, null, undefined>, text: string, source: SourceRef | undefined, label?: string) => void;

export function renderAssurance(root: Parent, t: TechniqueResult, componentName: (id: string) => string, reveal: Reveal): void {
  const section = root.append('section').attr('class', 'assurance').attr('aria-label', 'Claimed vs validated');
  const state = assuranceOf(t);
  section.append('h3').text('Claimed vs validated');
  const badge = section.append('p').attr('class', `badge assurance-${state}`);
  badge.append('span').attr('class', 'glyph').attr('aria-hidden', 'true').text(ASSURANCE_MARK[state] || '·');
  badge.append('span').text(` ${assuranceText(t)}: ${ASSURANCE_HELP[state]}`);
  const tested = section.append('ul').attr('class', 'evidence tests');
  let any = false;
  for (const c of t.components) {
    for (const k of c.controls) {
      const v = k.validation;
      if (!v) continue;
      any = true;
      const li = tested.append('li');
      li.append('strong').text(`${k.control} on ${componentName(c.component)}`);
      li.append('span').text(` — ${CLAIM_WORDS[v.state]}${k.claimed ? ` (claimed ${k.claimed})` : ''}${v.ageDays !== undefined ? `, latest ${v.ageDays} days old` : ''}${v.future ? `; ${v.future} later test(s) not counted yet` : ''}`);
      const list = li.append('ul');
      for (const test of v.tests) {
        const item = list.append('li');
        item.append('span').text(`${test.date} ${test.method ?? 'test'}${test.ref !== undefined ? ` ${test.ref}` : ''}: ${test.result}${test.technique !== t.id ? ` (recorded for ${test.technique})` : ''}`);
        reveal(item, 'Reveal', test.source, `Reveal the test of ${test.date} in the inventory`);
      }
      if (v.moreTests) list.append('li').attr('class', 'muted').text(`and ${v.moreTests} older test(s)`);
    }
  }
  if (!any) tested.append('li').attr('class', 'muted').text(t.assurance ? 'No test recorded for any claim (validated: in the inventory)' : 'No counting control claims this technique');
  const atomics = t.atomics;
  if (!atomics) return;
  section.append('h3').text(`Atomic Red Team tests (${atomics.options.length + (atomics.more ?? 0)} for these components, ${atomics.total} in all)`);
  const list = section.append('ul').attr('class', 'evidence atomics');
  if (atomics.options.length === 0) list.append('li').attr('class', 'muted').text("None runs on this technique's components");
  for (const o of atomics.options) {
    const li = list.append('li');
    li.append('span').text(`${o.name} — ${o.platforms.join(', ')} on ${o.components.map(componentName).join(', ')}${o.guid ? ` (${o.guid})` : ''}`);
  }
  if (atomics.more) list.append('li').attr('class', 'muted').text(`and ${atomics.more} more`);
}
