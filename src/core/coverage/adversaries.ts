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

  // Many groups share the same software (Mimikatz, Cobalt Strike): look each one's techniques up once.
  const bySoftware = new Map<string, readonly string[]>();
  const softwareTechniques = (software: string): readonly string[] => {
    let list = bySoftware.get(software);
    if (!list) {
      list = index.related(software, 'uses').filter((t) => index.technique(t) !== undefined);
      bySoftware.set(software, list);
    }
    return list;
  };

  const names = new Map<string, string>();
  const nameOf = (id: string): string => {
    let name = names.get(id);
    if (name === undefined) names.set(id, (name = index.get(id)?.name ?? id));
    return name;
  };
  // Evidence via one piece of software is the common case: its [id] and [name] lists are shared, not rebuilt per technique.
  const singles = new Map<string, { readonly ids: readonly string[]; readonly names: readonly string[] }>();
  const single = (id: string) => {
    let lists = singles.get(id);
    if (!lists) singles.set(id, (lists = { ids: Object.freeze([id]), names: Object.freeze([nameOf(id)]) }));
    return lists;
  };

  adversaries.forEach((adv, i) => {
    // An entry written as a bare ID is labelled with its ATT&CK name (G0046 → FIN7).
    const label = adv.ref !== undefined && adv.label === adv.ref ? (index.get(adv.ref)?.name ?? adv.label) : adv.label;
    // Plain literals, not spreads of a shared base: this runs once per (adversary, technique), thousands of times.
    const source = adv.source;
    const evidence = (via: AdversaryEvidence['via'], software?: readonly string[]): AdversaryEvidence => {
      const e: { -readonly [K in keyof AdversaryEvidence]: AdversaryEvidence[K] } = { adversary: i, label, via };
      if (software) {
        const one = software.length === 1 ? single(software[0]!) : undefined;
        e.software = one?.ids ?? software;
        e.softwareNames = one?.names ?? software.map(nameOf);
      }
      if (source) e.source = source;
      return e;
    };
    if (adv.ref && adv.kind !== 'intel' && index.get(adv.ref, adv.kind)) {
      const viaSoftware = new Map<string, string[]>();
      const direct = new Set<string>();
      for (const target of index.related(adv.ref, 'uses')) {
        if (index.technique(target)) direct.add(target);
        else if (adv.kind !== 'software' && adv.includeSoftware && index.get(target, 'software')) {
          for (const t of softwareTechniques(target)) {
            const list = viaSoftware.get(t);
            if (list) list.push(target);
            else viaSoftware.set(t, [target]);
          }
        }
      }
      for (const t of direct) add(t, evidence('direct'));
      for (const [t, software] of viaSoftware) {
        if (direct.has(t)) continue;
        const ids = software.length === 1 ? software : [...new Set(software)].sort();
        add(t, evidence('software', ids));
      }
    }
    const listed = new Set<string>();
    for (const entry of adv.techniques) {
      if (listed.has(entry.id)) continue;
      listed.add(entry.id);
      const already = set.get(entry.id)?.some((e) => e.adversary === i);
      if (!already) add(entry.id, entry.source ? { ...evidence('listed'), source: entry.source } : evidence('listed'));
    }
  });
  return set;
}
