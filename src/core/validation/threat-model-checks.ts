/** Semantic checks of one threat model against the index of its pinned domain and release. */
import type { AttackIndex } from '../attack/types';
import type { Diagnostic } from '../diagnostics';
import { SuggestBudget } from '../model/suggest';
import type { ThreatModelParse } from '../model/threat-model';
import { checkComponents } from './component-checks';
import { checkReference } from './reference-check';
import { threatModelSites, withComments } from './sites';
import { checkVersionBehind } from './version-check';

export interface ThreatModelCheckOptions {
  /** Newest ATT&CK release available for the model's domain, for model.version-behind. */
  readonly availableVersion?: string;
  /** What "did you mean" may spend on this file (default: a new SuggestBudget); tests pass one to count the work. */
  readonly suggestions?: SuggestBudget;
}

/**
 * ATT&CK references, platforms and assets against `index` (skipped when no data is at hand), the pin
 * against the newest data, and entries the tool does not read yet. Cross-file checks (control files)
 * are the workspace's.
 */
export function checkThreatModel(parse: ThreatModelParse, index: AttackIndex | undefined, options: ThreatModelCheckOptions = {}): Diagnostic[] {
  const model = parse.model;
  if (!model) return [];
  const out: Diagnostic[] = [...checkVersionBehind(model, options.availableVersion)];
  if (!index) return out;
  // One budget for every "did you mean" of the file: past it, diagnostics come without suggestions.
  const budget = options.suggestions ?? new SuggestBudget();
  for (const site of withComments(threatModelSites(model), parse.yaml)) out.push(...checkReference(index, site, budget));
  for (const d of checkComponents(index, model.techStack, budget)) out.push(d);
  return out;
}
