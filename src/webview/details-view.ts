/**
 * The details pane: the engine's evidence for one technique (who uses it and how, which components it applies to,
 * which controls give which level where, why it is excluded, its priority; for gaps and accepted risks their triage,
 * see triage-details.ts) and the actions, which are messages
 * to the host: Reveal in model, Exclude with reason…, Open in ATT&CK. Escape closes it.
 */
import { select } from 'd3';
import type { Selection } from 'd3';
import type { SourceRef, TechniqueResult } from '../core/coverage/types';
import type { FromWebviewMessage, NamedEntry } from '../protocol';
import { adversaryCount } from './model/filters';
import { coveragePips, STATE_GLYPH, STATE_HELP, STATE_NAME } from './model/words';
import { renderTriage } from './triage-details';
import { renderAssurance } from './assurance-details';

export interface DetailsContext {
  readonly components: readonly NamedEntry[];
  readonly pinned: boolean;
}

export class DetailsView {
  readonly root: Selection<HTMLElement, unknown, null, undefined>;

  constructor(container: HTMLElement, private readonly post: (m: FromWebviewMessage) => void, private readonly close: () => void) {
    this.root = select(container).append('aside').attr('class', 'details').attr('aria-label', 'Technique details').attr('tabindex', -1);
    this.root.on('keydown', (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      this.close();
    });
  }

  render(t: TechniqueResult | undefined, ctx: DetailsContext): void {
    this.root.selectAll('*').remove();
    const root = this.root.classed('empty', !t).classed('pinned', ctx.pinned);
    if (!t) {
      root.append('p').attr('class', 'hint').text('Hover or select a technique (arrow keys, Enter) to see why it is in its state.');
      return;
    }
    const head = root.append('header');
    head.append('h2').text(`${t.id} ${t.name}`);
    if (ctx.pinned) head.append('button').attr('class', 'icon close').attr('type', 'button').attr('aria-label', 'Close details (Escape)').text('✕').on('click', () => this.close());
    // A gap's or accepted technique's badge is its outcome's (renderTriage, below the actions).
    if (t.state !== 'gap' && t.state !== 'accepted') {
      const badge = root.append('p').attr('class', `badge state-${t.state}`);
      badge.append('span').attr('class', 'glyph').attr('aria-hidden', 'true').text(STATE_GLYPH[t.state]);
      badge.append('span').text(` ${STATE_NAME[t.state]}: ${STATE_HELP[t.state]}`);
    }
    const facts = root.append('dl');
    fact(facts, 'Coverage', `${coveragePips(t.coverage)} ${t.coverage} (weakest component)`);
    fact(facts, 'Adversaries', String(adversaryCount(t)));
    if (t.priority) fact(facts, 'Priority', `#${t.priority.rank} (score ${t.priority.score}): ${t.priority.reasons.join('; ')}`);
    fact(facts, 'Platforms', t.platforms.join(', ') || '—');
    if (t.exclusion) {
      fact(facts, 'Excluded', t.exclusion.reason || '(no reason given)');
      this.revealButton(root, 'Reveal exclusion', t.exclusion.source);
    }

    const actions = root.append('div').attr('class', 'actions');
    const origin = t.adversaries.find((a) => a.source)?.source ?? t.exclusion?.source;
    this.revealButton(actions, 'Reveal in model', origin);
    if (t.state !== 'excluded') {
      actions.append('button').attr('type', 'button').text('Exclude with reason…').on('click', () => this.post({ type: 'exclude', techniqueId: t.id }));
    }
    actions.append('button').attr('type', 'button').text('Open in ATT&CK').on('click', () => this.post({ type: 'openAttack', url: t.url }));

    renderTriage(root, t, (parent, text, source, label) => this.revealButton(parent, text, source, label));

    root.append('h3').text(t.adversaries.length > 0 ? 'Used by' : 'Used by no adversary of this model');
    const users = root.append('ul').attr('class', 'evidence');
    for (const a of t.adversaries) {
      const li = users.append('li');
      const via = a.via === 'software' ? ` via ${(a.software ?? []).map((id, i) => (a.softwareNames?.[i] ? `${a.softwareNames[i]} (${id})` : id)).join(', ')}` : a.via === 'listed' ? ' (listed in the model)' : ' (direct)';
      li.append('span').text(`${a.label}${via}`);
      this.revealButton(li, 'Reveal', a.source, `Reveal ${a.label} in the model`);
    }

    const names = new Map(ctx.components.map((c) => [c.id, c.label]));
    root.append('h3').text(t.components.length > 0 ? 'Applies to' : 'Applies to no component of the tech stack');
    const comps = root.append('ul').attr('class', 'evidence');
    for (const c of t.components) {
      const li = comps.append('li');
      const why = [...c.platforms, ...c.assets].join(', ');
      li.append('strong').text(c.component === '*' ? 'Every component (no techStack)' : names.get(c.component) ?? c.component);
      li.append('span').text(` ${coveragePips(c.coverage)} ${c.coverage}${why ? ` — ${why}` : ''}`);
      const controls = li.append('ul');
      if (c.controls.length === 0) controls.append('li').attr('class', 'muted').text('No counting control');
      for (const k of c.controls) {
        const item = controls.append('li');
        const how = k.via === 'mitigation' ? `mitigation ${k.from}` : k.via === 'parent' ? `entry on parent ${k.from}` : `technique entry ${k.from}`;
        const tested = k.validation ? ` · ${k.validation.state}${k.claimed ? ` (claimed ${k.claimed}, capped: its latest test missed)` : ''}` : '';
        item.append('span').text(`${k.control}: ${k.level} via ${how}${k.capped ? ' (capped: status partial)' : ''}${tested}`);
        this.revealButton(item, 'Reveal', k.source, `Reveal control ${k.control}`);
        if (k.rules && k.rules.length > 0) {
          // Rule-backed control: the rules behind the level, each revealing its rule file at the rule's line.
          const count = Math.max(k.ruleCount ?? k.rules.length, k.rules.length);
          const rules = item.append('ul').attr('class', 'rules').attr('aria-label', `Detection rules of ${k.control}`);
          for (const r of k.rules) {
            const rule = rules.append('li');
            rule.append('span').text(`${r.format === 'sigma' ? 'Sigma' : 'Elastic'} rule: ${r.title} (${r.status !== undefined ? `${r.status}, ` : ''}${r.level})`);
            this.revealButton(rule, 'Reveal', { file: r.file, range: { start: { line: r.line - 1, character: 0 }, end: { line: r.line - 1, character: 0 } } }, `Reveal rule ${r.title}`);
          }
          if (count > k.rules.length) rules.append('li').attr('class', 'muted').text(`and ${count - k.rules.length} more rule${count - k.rules.length === 1 ? '' : 's'}`);
        }
      }
      if (c.moreControls) controls.append('li').attr('class', 'muted').text(`and ${c.moreControls} more counting control${c.moreControls === 1 ? '' : 's'}`);
    }
    renderAssurance(root, t, (id) => (id === '*' ? 'every component' : names.get(id) ?? id), (parent, text, source, label) => this.revealButton(parent, text, source, label));
  }

  private revealButton<E extends HTMLElement>(parent: Selection<E, unknown, null, undefined>, text: string, source: SourceRef | undefined, label?: string): void {
    if (!source) return;
    parent
      .append('button')
      .attr('type', 'button')
      .attr('class', 'link')
      .attr('aria-label', label ?? text)
      .text(text)
      .on('click', () => this.post({ type: 'reveal', file: source.file, line: source.range.start.line, character: source.range.start.character }));
  }
}

function fact<E extends HTMLElement>(dl: Selection<E, unknown, null, undefined>, term: string, value: string): void {
  dl.append('dt').text(term);
  dl.append('dd').text(value);
}
