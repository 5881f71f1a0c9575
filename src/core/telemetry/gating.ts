/**
 * Telemetry gating of rule-backed controls (issue 17): where telemetry is declared for a component, a Sigma rule
 * counts on it only when the logsource it needs is collected there (sigmaNeed); where none is declared, it counts,
 * and its evidence says which logsource it needs is not declared. Elastic rules and Sigma rules without a logsource
 * are not gated. A rule-backed control is split into one control per group of components on which the same rules
 * count (same id, disjoint appliesTo), so the engine's per-control semantics stay as they are.
 */
import type { AttackIndex } from '../attack/types';
import type { ComponentInput, ControlInput, RuleEvidence } from '../coverage/types';
import type { TelemetryEntry } from '../model/types';
import { excerpt } from '../text/safe-text';
import type { ComponentTelemetry } from './resolve';
import { sigmaNeed, telemetryOfEntries } from './resolve';
import { sigmaKey, sigmaLabel } from './sigma-table';

type State = NonNullable<RuleEvidence['telemetry']>['state'] | 'missing';
type Entry = ControlInput['techniques'][number];

export function gateRuleControls(index: AttackIndex, controls: readonly ControlInput[], components: readonly ComponentInput[], telemetry: readonly TelemetryEntry[]): readonly ControlInput[] {
  if (!controls.some((c) => c.techniques.some((t) => t.rule))) return controls;
  const ids = components.length > 0 ? components.map((c) => c.id) : ['*'];
  const views = telemetryOfEntries(index, telemetry, ids);
  const names = new Map(components.map((c) => [c.id, c.name ?? c.id]));
  const memo = new Map<string, State>();
  const stateOf = (component: string, view: ComponentTelemetry | undefined, rule: RuleEvidence): State => {
    if (rule.format !== 'sigma' || !rule.logsource) return 'not-gated';
    if (!view || !view.declared) return 'undeclared';
    const key = `${component}\u0000${sigmaKey(rule.logsource)}`;
    let s = memo.get(key);
    if (s === undefined) memo.set(key, (s = sigmaNeed(view, rule.logsource).collected ? 'collected' : 'missing'));
    return s;
  };
  const out: ControlInput[] = [];
  for (const control of controls) {
    if (!control.techniques.some((t) => t.rule)) {
      out.push(control);
      continue;
    }
    const targets = control.appliesTo ?? ids;
    // Components with the same states for every rule entry share one control.
    const groups = new Map<string, { components: string[]; states: State[] }>();
    for (const component of targets) {
      const view = views.get(component);
      const states = control.techniques.map((t) => (t.rule ? stateOf(component, view, t.rule) : 'not-gated'));
      const key = states.join(',');
      const g = groups.get(key);
      if (g) g.components.push(component);
      else groups.set(key, { components: [component], states });
    }
    const whole = groups.size === 1 && control.appliesTo === undefined;
    for (const { components: group, states } of groups.values()) {
      const where = group.map((c) => excerpt(names.get(c) ?? c)).join(', ');
      const techniques = control.techniques.flatMap((t, i): Entry[] => {
        const state = states[i];
        if (!t.rule) return [t];
        if (state === 'missing') return [];
        const note = state === 'undeclared' && t.rule.logsource
          ? `needs Sigma logsource ${sigmaLabel(t.rule.logsource)}, and no telemetry is declared for ${where}`
          : undefined;
        return [{ ...t, rule: { ...t.rule, telemetry: { state, ...(note ? { note } : {}) } } }];
      });
      out.push({ ...control, ...(whole ? {} : { appliesTo: group }), techniques });
    }
  }
  return out;
}
