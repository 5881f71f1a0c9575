/**
 * The hunt plan of an analysed model: for each gap (most urgent first: Act, Attend, then the rest), on each component
 * the technique applies to, the hypotheses of hypotheses.ts and the candidate public rules of the rule library that
 * would detect it, usable first (their logsource collected there). See docs/hunting.md.
 */
import type { AttackIndex } from '../attack/types';
import type { CoverageResult, TechniqueResult } from '../coverage/types';
import type { ControlInventory, ThreatModel } from '../model/types';
import type { DetectionRule } from '../rules/index';
import type { ComponentTelemetry } from '../telemetry/resolve';
import { NO_TELEMETRY, componentTelemetry, sigmaNeed } from '../telemetry/resolve';
import { sigmaLabel } from '../telemetry/sigma-table';
import { listSome } from '../text/safe-text';
import { hypothesesFor } from './hypotheses';
import type { RuleLibrary } from './rule-library';
import type { CandidateRule, ComponentHunt, GapHunt, HuntPlan } from './types';

/** Candidate rules listed per component and gap (the count of the rest is kept). */
export const MAX_CANDIDATES = 10;

/** Sigma products whose rules can only fire on some ATT&CK platforms; other products are kept everywhere. */
const PRODUCT_PLATFORMS: Readonly<Record<string, readonly string[]>> = {
  windows: ['Windows'], linux: ['Linux'], macos: ['macOS'],
  aws: ['IaaS'], azure: ['IaaS', 'Identity Provider', 'SaaS'], gcp: ['IaaS', 'SaaS', 'Identity Provider'],
  m365: ['Office Suite', 'SaaS', 'Identity Provider'], okta: ['Identity Provider'], onelogin: ['Identity Provider'],
  kubernetes: ['Containers'], github: ['SaaS'], bitbucket: ['SaaS'],
};

export interface HuntRequest {
  readonly index: AttackIndex;
  readonly result: CoverageResult;
  readonly model: ThreatModel;
  readonly inventories: readonly ControlInventory[];
  readonly modelName: string;
  readonly library?: RuleLibrary;
  /** Only these gaps (technique IDs), e.g. the heatmap's selected cell. */
  readonly only?: readonly string[];
}

export function buildHuntPlan(req: HuntRequest): HuntPlan {
  const { index, result, model } = req;
  const componentIds = model.techStack.length > 0 ? model.techStack.map((c) => c.id) : ['*'];
  const telemetry = componentTelemetry(index, req.inventories, componentIds);
  const names = new Map(model.techStack.map((c) => [c.id, c.name ?? c.id]));
  const notes: string[] = [];
  if (index.list('detection-strategy').length === 0) {
    notes.push(`ATT&CK ${index.version} has no detection strategies or analytics (they came with ATT&CK 18): pin the model to 18.1 or later for hypotheses; candidate rules are still listed.`);
  }
  if (!req.library) notes.push('No rule library given (setting threatOverlap.hunt.ruleLibrary, CLI --rule-library DIR): no candidate rules are listed.');
  if (componentIds.every((id) => !(telemetry.get(id) ?? NO_TELEMETRY).declared)) {
    notes.push('No inventory declares telemetry for any component: whether a hypothesis is testable is not known (see `telemetry:` in docs/hunting.md).');
  }
  const byId = new Map(result.techniques.map((t) => [t.id, t]));
  const wanted = req.only ? new Set(req.only) : undefined;
  const gaps: GapHunt[] = [];
  for (const id of result.prioritizedGaps) {
    const t = byId.get(id);
    if (!t || t.state !== 'gap' || (wanted && !wanted.has(id))) continue;
    gaps.push(gapHunt(req, t, telemetry, names));
  }
  return {
    modelName: req.modelName,
    attack: { domain: index.domain, version: index.version },
    notes,
    ...(req.library ? { ruleLibrary: req.library.summary } : {}),
    gaps,
  };
}

function gapHunt(req: HuntRequest, t: TechniqueResult, telemetry: ReadonlyMap<string, ComponentTelemetry>, names: ReadonlyMap<string, string>): GapHunt {
  const adversaries = [...new Set(t.adversaries.map((a) => a.label))];
  const adversary = adversaries.length === 0 ? 'an adversary' : listSome(adversaries, 3, ' or ');
  const components: ComponentHunt[] = t.components.map((c) => {
    const tel = telemetry.get(c.component) ?? NO_TELEMETRY;
    const componentName = c.component === '*' ? 'the estate' : names.get(c.component) ?? c.component;
    const hypotheses = hypothesesFor(req.index, { techniqueId: t.id, techniqueName: t.name, adversary, componentName, platforms: c.platforms }, tel);
    const all = req.library ? candidates(req.library, req.library.rulesFor(t.id), c.platforms, tel) : [];
    return {
      component: c.component, componentName, platforms: c.platforms, telemetryDeclared: tel.declared,
      hypotheses, candidates: all.slice(0, MAX_CANDIDATES), moreCandidates: Math.max(0, all.length - MAX_CANDIDATES),
    };
  });
  return {
    technique: t.id, name: t.name, url: t.url,
    ...(t.triage ? { outcome: t.triage.outcome } : {}),
    rank: t.priority?.rank ?? 0, adversaries, components,
  };
}

const USABLE_ORDER = { yes: 0, undeclared: 1, no: 2 } as const;
const STATUS_ORDER: Readonly<Record<string, number>> = { stable: 0, production: 0, test: 1, experimental: 2 };

/** The library's rules for a technique that can fire on these platforms, usable first, then by maturity and title. */
function candidates(library: RuleLibrary, rules: readonly DetectionRule[], platforms: readonly string[], tel: ComponentTelemetry): CandidateRule[] {
  const out: CandidateRule[] = [];
  for (const rule of rules) {
    if (rule.status === 'deprecated' || rule.status === 'unsupported') continue;
    const product = rule.logsource?.product?.toLowerCase();
    const runsOn = product !== undefined ? PRODUCT_PLATFORMS[product] : undefined;
    if (runsOn && platforms.length > 0 && !runsOn.some((p) => platforms.includes(p))) continue;
    let usable: CandidateRule['usable'] = 'undeclared';
    let needs: readonly string[] | undefined;
    if (tel.declared && rule.logsource) {
      const need = sigmaNeed(tel, rule.logsource);
      usable = need.collected ? 'yes' : 'no';
      if (!need.collected) needs = need.logSources.length > 0 ? need.logSources : need.dataComponents.length > 0 ? need.dataComponents : [`Sigma ${sigmaLabel(rule.logsource)}`];
    }
    out.push({
      format: rule.format, title: rule.title, ...(rule.id !== undefined ? { id: rule.id } : {}),
      file: library.relative(rule), line: rule.line, ...(rule.status !== undefined ? { status: rule.status } : {}),
      ...(rule.logsource ? { logsource: sigmaLabel(rule.logsource) } : {}), usable, ...(needs ? { needs } : {}),
    });
  }
  return out.sort((a, b) => USABLE_ORDER[a.usable] - USABLE_ORDER[b.usable]
    || (STATUS_ORDER[a.status ?? ''] ?? 3) - (STATUS_ORDER[b.status ?? ''] ?? 3)
    || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0));
}
