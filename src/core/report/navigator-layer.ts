/**
 * ATT&CK Navigator layer 4.5 export, made to read well in the Navigator itself: explicit colours per state
 * (Okabe–Ito, colour-blind safe) with a legend, gaps coloured by triage outcome (Act keeps the gap colour, Attend
 * orange, Track* yellow, Track reddish purple: the remaining Okabe–Ito colours, warm to cool as urgency falls),
 * accepted risks in their own colour, gaps scored by priority and sorted first, sub-techniques expanded where they
 * are annotated, evidence (decision path and points, mitigations, acceptance) in comments and metadata,
 * not-applicable techniques disabled.
 */
import type { TechniqueResult, TechniqueState } from '../coverage/types';
import type { Outcome } from '../triage/decision-table';
import { OUTCOME_LABELS } from '../triage/decision-table';
import { httpsUrl } from '../text/links';
import type { ReportContext } from './context';
import { adversaryWords, componentWords } from './context';
import { mitigationsByEffort, outcomeCountWords, pointLines, topWords } from './triage-words';

export const LAYER_FORMAT_VERSION = '4.5';
/** The Navigator release whose layer format is 4.5 (5.x reads it). */
export const NAVIGATOR_VERSION = '5.1.0';

export const STATE_COLOURS: Readonly<Record<TechniqueState, string>> = {
  gap: '#d55e00',
  accepted: '#56b4e9',
  covered: '#009e73',
  applicable: '#e6e6e6',
  'not-applicable': '#ffffff',
  excluded: '#999999',
};

const STATE_LABELS: Readonly<Record<TechniqueState, string>> = {
  gap: 'Gap: used by an adversary, runs on our stack, not covered',
  accepted: 'Accepted risk: a gap whose risk is accepted until a date',
  covered: 'Covered at the policy level',
  applicable: 'Runs on our stack, no adversary of this model uses it',
  'not-applicable': 'Runs on none of our components (disabled)',
  excluded: 'Excluded from scope (reason in the comment)',
};

/** Gap colours by outcome (Okabe–Ito). Act is the state colour of a gap. */
export const OUTCOME_COLOURS: Readonly<Record<Outcome, string>> = {
  act: STATE_COLOURS.gap,
  attend: '#e69f00',
  'track*': '#f0e442',
  track: '#cc79a7',
};

const OUTCOME_LEGEND: Readonly<Record<Outcome, string>> = {
  act: 'Gap, Act: act now',
  attend: 'Gap, Attend: out of the normal cycle, soon',
  'track*': 'Gap, Track*: in the normal cycle, and watch',
  track: 'Gap, Track: in the normal cycle',
};

/** A technique's colour: its outcome's for a gap, else its state's. */
export function layerColour(t: Pick<TechniqueResult, 'state' | 'triage'>): string {
  return t.state === 'gap' ? OUTCOME_COLOURS[t.triage?.outcome ?? 'track'] : STATE_COLOURS[t.state];
}

export interface LayerMetadata {
  name: string;
  value: string;
}

export function navigatorLayer(ctx: ReportContext): unknown {
  const { result } = ctx;
  const annotatedParents = new Set(
    result.techniques.filter((t) => t.isSubtechnique && (t.state === 'gap' || t.state === 'accepted' || t.state === 'covered') && t.parentId).map((t) => t.parentId as string),
  );
  const platforms = [...new Set(result.techniques.flatMap((t) => t.components.flatMap((c) => c.platforms)))];
  return {
    name: `Threat Overlap: ${ctx.modelName}`.slice(0, 200),
    versions: { attack: result.version.split('.')[0], navigator: NAVIGATOR_VERSION, layer: LAYER_FORMAT_VERSION },
    domain: result.domain,
    description:
      `Overlap of adversary techniques, tech stack and controls for ${ctx.modelName} (ATT&CK ${result.version}, policy ${result.minCoverage}). ` +
      `${result.summary.gaps} gaps (${outcomeCountWords(result.summary.outcomes)}), ${result.summary.accepted} accepted, ${result.summary.covered} covered of ${result.summary.relevant} relevant; ` +
      `triage by ${result.triage.table}${result.triage.asOf !== undefined ? ` as of ${result.triage.asOf}` : ''}.`,
    ...(platforms.length > 0 ? { filters: { platforms } } : {}),
    sorting: 3,
    layout: { layout: 'side', showID: true, showName: true, showAggregateScores: false, countUnscored: false, aggregateFunction: 'max', expandedSubtechniques: 'annotated' },
    hideDisabled: false,
    techniques: result.techniques.map((t) => techniqueEntry(t, annotatedParents.has(t.id))),
    gradient: { colors: ['#fce0cc', '#d55e00'], minValue: 0, maxValue: Math.max(1, ...result.techniques.map((t) => t.priority?.score ?? 0)) },
    legendItems: [
      ...(['act', 'attend', 'track*', 'track'] as const).map((o) => ({ label: OUTCOME_LEGEND[o], color: OUTCOME_COLOURS[o] })),
      ...(['accepted', 'covered', 'applicable', 'excluded', 'not-applicable'] as const).map((s) => ({ label: STATE_LABELS[s], color: STATE_COLOURS[s] })),
    ],
    showTacticRowBackground: false,
    selectTechniquesAcrossTactics: true,
    selectSubtechniquesWithParent: false,
    selectVisibleTechniques: false,
    metadata: [
      { name: 'generator', value: `threat-overlap ${ctx.toolVersion}` },
      { name: 'model', value: ctx.modelName },
      { name: 'adversary techniques', value: String(result.summary.adversary) },
      { name: 'relevant', value: String(result.summary.relevant) },
      { name: 'covered', value: String(result.summary.covered) },
      { name: 'gaps', value: String(result.summary.gaps) },
      { name: 'outcomes', value: outcomeCountWords(result.summary.outcomes) },
      { name: 'accepted', value: String(result.summary.accepted) },
      { name: 'decision table', value: result.triage.table },
      ...(result.triage.asOf !== undefined ? [{ name: 'triage date', value: result.triage.asOf }] : []),
    ],
  };
}

function techniqueEntry(t: TechniqueResult, showSubtechniques: boolean) {
  const metadata: LayerMetadata[] = [{ name: 'state', value: t.state }, { name: 'coverage', value: t.coverage }];
  if (t.adversaries.length > 0) metadata.push({ name: 'used by', value: adversaryWords(t) });
  if (t.components.length > 0) metadata.push({ name: 'coverage per component', value: componentWords(t) });
  const controls = [...new Set(t.components.flatMap((c) => c.controls.map((k) => `${k.control} (${k.level})`)))];
  if (controls.length > 0) metadata.push({ name: 'controls', value: controls.join(', ') });
  if (t.priority) metadata.push({ name: 'priority', value: `#${t.priority.rank}, score ${t.priority.score}: ${t.priority.reasons.join('; ')}` });
  if (t.triage) {
    metadata.push({ name: 'outcome', value: OUTCOME_LABELS[t.triage.outcome] }, { name: 'decision path', value: t.triage.path });
    for (const [name, words] of pointLines(t)) metadata.push({ name, value: words });
    const top = topWords(t.triage.top);
    if (top) metadata.push({ name: 'Top ATT&CK Techniques', value: top });
  }
  if (t.acceptance) {
    const a = t.acceptance;
    metadata.push({ name: 'accepted', value: `until ${a.until} by ${a.owner}${a.ref !== undefined ? ` (${a.ref})` : ''}: ${a.reason}` });
  }
  for (const m of mitigationsByEffort(t).slice(0, MITIGATIONS_IN_METADATA)) metadata.push({ name: `closes it: ${m.id}`, value: `${m.name}: ${m.action}` });
  return {
    techniqueID: t.id,
    ...(t.adversary ? { score: t.priority?.score ?? 0 } : {}),
    color: layerColour(t),
    comment: comment(t),
    enabled: t.state !== 'not-applicable',
    metadata,
    ...(httpsUrl(t.url) !== undefined ? { links: [{ label: `${t.id} on attack.mitre.org`, url: httpsUrl(t.url) }] } : {}),
    ...(showSubtechniques ? { showSubtechniques: true } : {}),
  };
}

/** Mitigations a technique's metadata names (the JSON report lists every one). */
const MITIGATIONS_IN_METADATA = 3;

function comment(t: TechniqueResult): string {
  switch (t.state) {
    case 'gap': {
      const next = mitigationsByEffort(t)[0];
      return `GAP #${t.priority?.rank ?? ''}, ${t.triage?.path ?? ''}: used by ${adversaryWords(t)}; coverage ${componentWords(t)}` +
        (next ? `; closes it: ${next.id} (${next.action})` : '');
    }
    case 'accepted':
      return `Accepted until ${t.acceptance?.until ?? ''} by ${t.acceptance?.owner ?? ''}: ${t.acceptance?.reason ?? ''}; used by ${adversaryWords(t)}`;
    case 'covered':
      return `Covered (${t.coverage}); used by ${adversaryWords(t)}`;
    case 'excluded':
      return `Excluded: ${t.exclusion?.reason ?? ''}`;
    case 'applicable':
      return `Applicable, not used by this model's adversaries; coverage ${componentWords(t)}`;
    case 'not-applicable':
      return 'Runs on none of the tech stack components';
  }
}
