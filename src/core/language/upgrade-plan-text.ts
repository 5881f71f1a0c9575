/** The upgrade plan as the user reads it before applying it: one line per change, with where it is. */
import type { ThreatModelParse } from '../model/threat-model';
import type { UpgradePlan } from '../upgrade/types';
import { baseName } from '../validation/paths';

/** Markdown: a title naming the model and both releases, then each change with its files and lines. */
export function planMarkdown(plan: UpgradePlan, model: ThreatModelParse): string {
  const lines = [`# Upgrade ${model.model?.name ?? baseName(model.file ?? '')} from ATT&CK ${plan.from} to ${plan.to}`, ''];
  for (const change of plan.changes) {
    const where = change.locations.map((l) => `${baseName(l.file)}:${l.range.start.line + 1}`).join(', ');
    const action = change.edits.length > 0 ? '' : ' _(review: not changed automatically)_';
    lines.push(`- **${change.kind}** ${change.message}${where ? ` — ${where}` : ''}${action}`);
  }
  return `${lines.join('\n')}\n`;
}
