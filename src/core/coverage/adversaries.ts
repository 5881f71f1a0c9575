/**
 * Adversary set A (SPEC): group/campaign `uses` techniques, plus (unless includeSoftware: false) the techniques
 * of the software they use; software: its own `uses` only; plus every listed technique. No parent/sub implication.
 */
import type { AttackIndex } from '../attack/types';
import type { AdversaryEvidence, AdversaryInput } from './types';

/** Technique ID → why it is in A, one entry per adversary that brings it in. */
export function adversarySet(index: AttackIndex, adversaries: readonly AdversaryInput[]): Map<string, AdversaryEvidence[]> {
  const set = new Map<string, AdversaryEvidence[]>();
  const add = (techniqueId: string, evidence: AdversaryEvidence) => {
    if (!index.technique(techniqueId)) return; // only live techniques are in the universe
    const list = set.get(techniqueId);
    if (list) list.push(evidence);
    else set.set(techniqueId, [evidence]);
  };

  adversaries.forEach((adv, i) => {
    // An entry written as a bare ID is labelled with its ATT&CK name (G0046 → FIN7).
    const label = adv.ref !== undefined && adv.label === adv.ref ? (index.get(adv.ref)?.name ?? adv.label) : adv.label;
    const base = { adversary: i, label, ...(adv.source ? { source: adv.source } : {}) };
    if (adv.ref && adv.kind !== 'intel' && index.get(adv.ref, adv.kind)) {
      const viaSoftware = new Map<string, string[]>();
      const direct = new Set<string>();
      for (const target of index.related(adv.ref, 'uses')) {
        if (index.technique(target)) direct.add(target);
        else if (adv.kind !== 'software' && adv.includeSoftware && index.get(target, 'software')) {
          for (const t of index.related(target, 'uses')) {
            if (!index.technique(t)) continue;
            const list = viaSoftware.get(t);
            if (list) list.push(target);
            else viaSoftware.set(t, [target]);
          }
        }
      }
      for (const t of direct) add(t, { ...base, via: 'direct' });
      for (const [t, software] of viaSoftware) {
        if (direct.has(t)) continue;
        const ids = [...new Set(software)].sort();
        add(t, { ...base, via: 'software', software: ids, softwareNames: ids.map((s) => index.get(s)?.name ?? s) });
      }
    }
    const listed = new Set<string>();
    for (const entry of adv.techniques) {
      if (listed.has(entry.id)) continue;
      listed.add(entry.id);
      const already = set.get(entry.id)?.some((e) => e.adversary === i);
      if (!already) add(entry.id, { ...base, via: 'listed', ...(entry.source ? { source: entry.source } : {}) });
    }
  });
  return set;
}
