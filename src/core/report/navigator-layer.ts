/**
 * ATT&CK Navigator layer 4.5 export, made to read well in the Navigator itself: explicit colours per state
 * (Okabe–Ito, colour-blind safe) with a legend, gaps scored by priority and sorted first, sub-techniques
 * expanded where they are annotated, evidence in comments and metadata, not-applicable techniques disabled.
 */
import type { TechniqueResult, TechniqueState } from '../coverage/types';
import { httpsUrl } from '../text/links';
import type { ReportContext } from './context';
import { adversaryWords, componentWords } from './context';

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

export interface LayerMetadata {
  name: string;
  value: string;
}

export function navigatorLayer(ctx: ReportContext): unknown {
  const { result } = ctx;
  const annotatedParents = new Set(
    result.techniques.filter((t) => t.isSubtechnique && (t.state === 'gap' || t.state === 'covered') && t.parentId).map((t) => t.parentId as string),
  );
  const platforms = [...new Set(result.techniques.flatMap((t) => t.components.flatMap((c) => c.platforms)))];
  return {
    name: `Threat Overlap: ${ctx.modelName}`.slice(0, 200),
    versions: { attack: result.version.split('.')[0], navigator: NAVIGATOR_VERSION, layer: LAYER_FORMAT_VERSION },
    domain: result.domain,
    description:
      `Overlap of adversary techniques, tech stack and controls for ${ctx.modelName} (ATT&CK ${result.version}, policy ${result.minCoverage}). ` +
      `${result.summary.gaps} gaps, ${result.summary.covered} covered of ${result.summary.relevant} relevant.`,
    ...(platforms.length > 0 ? { filters: { platforms } } : {}),
    sorting: 3,
    layout: { layout: 'side', showID: true, showName: true, showAggregateScores: false, countUnscored: false, aggregateFunction: 'max', expandedSubtechniques: 'annotated' },
    hideDisabled: false,
    techniques: result.techniques.map((t) => techniqueEntry(t, annotatedParents.has(t.id))),
    gradient: { colors: ['#fce0cc', '#d55e00'], minValue: 0, maxValue: Math.max(1, ...result.techniques.map((t) => t.priority?.score ?? 0)) },
    legendItems: (['gap', 'covered', 'applicable', 'excluded', 'not-applicable'] as const).map((s) => ({ label: STATE_LABELS[s], color: STATE_COLOURS[s] })),
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
  return {
    techniqueID: t.id,
    ...(t.adversary ? { score: t.priority?.score ?? 0 } : {}),
    color: STATE_COLOURS[t.state],
    comment: comment(t),
    enabled: t.state !== 'not-applicable',
    metadata,
    ...(httpsUrl(t.url) !== undefined ? { links: [{ label: `${t.id} on attack.mitre.org`, url: httpsUrl(t.url) }] } : {}),
    ...(showSubtechniques ? { showSubtechniques: true } : {}),
  };
}

function comment(t: TechniqueResult): string {
  switch (t.state) {
    case 'gap':
      return `GAP #${t.priority?.rank ?? ''}: used by ${adversaryWords(t)}; coverage ${componentWords(t)}`;
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
