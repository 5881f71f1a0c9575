/**
 * Hunting hypotheses for one gap on one component, from ATT&CK 18's detection data: the technique's detection
 * strategies (`detects`), their analytics for the component's platforms, the log sources each analytic references
 * (collected there or not) and its tunable elements.
 */
import type { Analytic, AttackIndex, DataComponent, DetectionStrategy } from '../attack/types';
import type { ComponentTelemetry } from '../telemetry/resolve';
import { collectsReference } from '../telemetry/resolve';
import type { DataNeed, Hypothesis } from './types';

export interface HypothesisSubject {
  readonly techniqueId: string;
  readonly techniqueName: string;
  /** "FIN7", "FIN7 or Scattered Spider", "an adversary". */
  readonly adversary: string;
  readonly componentName: string;
  /** The component's platforms the technique runs on; empty: any (a model without techStack). */
  readonly platforms: readonly string[];
}

/** The live detection strategies that detect a technique, in ID order. */
export function strategiesFor(index: AttackIndex, techniqueId: string): DetectionStrategy[] {
  return index.relatedFrom(techniqueId, 'detects').flatMap((id) => {
    const s = index.get(id, 'detection-strategy');
    return s ? [s as DetectionStrategy] : [];
  });
}

const lowerFirst = (s: string): string => (/^[A-Z][a-z]/.test(s) ? s[0].toLowerCase() + s.slice(1) : s);
const withChannel = (n: { logSource: string; channel: string }): string => (n.channel && n.channel !== 'None' ? `${n.logSource} (${n.channel})` : n.logSource);

/** The hypotheses for a subject: one per analytic of a strategy whose platforms meet the subject's. */
export function hypothesesFor(index: AttackIndex, subject: HypothesisSubject, telemetry: ComponentTelemetry): Hypothesis[] {
  const out: Hypothesis[] = [];
  for (const strategy of strategiesFor(index, subject.techniqueId)) {
    for (const analyticId of strategy.analyticIds) {
      const analytic = index.get(analyticId, 'analytic') as Analytic | undefined;
      if (!analytic) continue;
      const platforms = subject.platforms.length === 0 ? analytic.platforms : analytic.platforms.filter((p) => subject.platforms.includes(p));
      if (platforms.length === 0) continue;
      const needs: DataNeed[] = analytic.logSourceRefs.map((ref) => ({
        dataComponent: ref.dataComponentId,
        dataComponentName: index.get(ref.dataComponentId, 'data-component')?.name ?? ref.dataComponentId,
        logSource: ref.name,
        channel: ref.channel,
        ...(telemetry.declared ? { collected: collectsReference(telemetry, ref) } : {}),
      }));
      const testable = !telemetry.declared ? 'undeclared' : needs.some((n) => n.collected) ? 'yes' : 'no';
      const shown = needs.slice(0, 3).map(withChannel);
      const where = shown.length === 0 ? 'its telemetry' : `${shown.join(needs.length > 2 ? ', ' : ' or ')}${needs.length > 3 ? ` (or ${needs.length - 3} more)` : ''}`;
      const what = analytic.description.trim().replace(/\s+/g, ' ');
      out.push({
        strategy: { id: strategy.id, name: strategy.name, url: strategy.url },
        analytic: { id: analytic.id, url: analytic.url, platforms },
        text: `If ${subject.adversary} used ${subject.techniqueName} (${subject.techniqueId}) on ${subject.componentName}, ${where} would show it: ${what ? lowerFirst(what) : 'the behaviour this analytic describes'}`,
        needs,
        testable,
        toCollect: testable === 'yes' ? [] : [...new Set(needs.map((n) => `${withChannel(n)} — ${n.dataComponent} ${n.dataComponentName}`))],
        tunable: analytic.mutableElements,
      });
    }
  }
  return out;
}

/** Data component names by ID, for reports that list needs. */
export function dataComponentName(index: AttackIndex, id: string): string {
  return (index.get(id, 'data-component') as DataComponent | undefined)?.name ?? id;
}
