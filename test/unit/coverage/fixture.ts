/**
 * A tiny hand-written ATT&CK world for the coverage rules: small enough to reason about every cell.
 * Built as a STIX 2.0 bundle and loaded through the real index builder.
 */
import { buildIndexFromText } from '../../../src/core/attack';
import type { AttackIndex } from '../../../src/core/attack/types';

let n = 0;
const sid = (type: string) => `${type}--00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
const ext = (id: string, path: string) => [{ source_name: 'mitre-attack', external_id: id, url: `https://attack.mitre.org/${path}/${id.replace('.', '/')}` }];

interface Obj { id: string; type: string; [k: string]: unknown }

export function miniBundle(extra: (add: (o: Obj) => Obj, ids: Map<string, string>) => void = () => {}): string {
  n = 0;
  const objects: Obj[] = [];
  const ids = new Map<string, string>();
  const add = (o: Obj) => (objects.push(o), o);
  const tactic = (id: string, name: string, shortname: string) => {
    const o = add({ type: 'x-mitre-tactic', id: sid('x-mitre-tactic'), name, x_mitre_shortname: shortname, external_references: ext(id, 'tactics') });
    ids.set(id, o.id);
    return o.id;
  };
  const tactics = [tactic('TA0001', 'Initial Access', 'initial-access'), tactic('TA0002', 'Execution', 'execution'), tactic('TA0040', 'Impact', 'impact')];
  add({ type: 'x-mitre-matrix', id: sid('x-mitre-matrix'), name: 'Enterprise ATT&CK', tactic_refs: tactics, external_references: [{ source_name: 'mitre-attack', external_id: 'enterprise-attack' }] });
  const technique = (id: string, name: string, phase: string, platforms: string[], more: Record<string, unknown> = {}) => {
    const o = add({
      type: 'attack-pattern', id: sid('attack-pattern'), name, description: `${name} description`,
      kill_chain_phases: [{ kill_chain_name: 'mitre-attack', phase_name: phase }],
      x_mitre_platforms: platforms, x_mitre_is_subtechnique: id.includes('.'), external_references: ext(id, 'techniques'), ...more,
    });
    ids.set(id, o.id);
  };
  technique('T1000', 'Parent Technique', 'execution', ['Windows', 'Linux']);
  technique('T1000.001', 'Windows Child', 'execution', ['Windows']);
  technique('T1000.002', 'Linux Child', 'execution', ['Linux']);
  technique('T1001', 'Linux Entry', 'initial-access', ['Linux']);
  technique('T1002', 'Mac Impact', 'impact', ['macOS']);
  technique('T1003', 'Windows Impact', 'impact', ['Windows']);
  technique('T1004', 'Old Name', 'execution', ['Windows'], { revoked: true });
  technique('T1005', 'Deprecated Thing', 'impact', ['Windows'], { x_mitre_deprecated: true });
  const obj = (type: string, id: string, name: string, path: string, more: Record<string, unknown> = {}) => {
    const o = add({ type, id: sid(type), name, description: name, external_references: ext(id, path), ...more });
    ids.set(id, o.id);
  };
  obj('intrusion-set', 'G0001', 'Alpha Group', 'groups', { aliases: ['Alpha Group', 'ALPHA'] });
  obj('intrusion-set', 'G0002', 'Beta Group', 'groups');
  obj('campaign', 'C0001', 'Operation Gamma', 'campaigns');
  obj('malware', 'S0001', 'AlphaRAT', 'software', { x_mitre_platforms: ['Windows'] });
  obj('tool', 'S0002', 'BetaTool', 'software', { x_mitre_platforms: ['Windows'] });
  obj('course-of-action', 'M0001', 'Harden Things', 'mitigations');
  obj('course-of-action', 'M0002', 'Back Up', 'mitigations');
  const rel = (type: string, from: string, to: string, more: Record<string, unknown> = {}) =>
    add({ type: 'relationship', id: sid('relationship'), relationship_type: type, source_ref: ids.get(from), target_ref: ids.get(to), ...more });
  rel('subtechnique-of', 'T1000.001', 'T1000');
  rel('subtechnique-of', 'T1000.002', 'T1000');
  rel('revoked-by', 'T1004', 'T1000.001');
  rel('uses', 'G0001', 'T1000');
  rel('uses', 'G0001', 'T1001');
  rel('uses', 'G0001', 'S0001');
  rel('uses', 'S0001', 'T1002');
  rel('uses', 'S0001', 'T1000.001');
  rel('uses', 'G0001', 'T1004'); // points at a revoked technique: ignored
  rel('uses', 'G0002', 'T1003');
  rel('uses', 'G0002', 'T1001', { x_mitre_deprecated: true }); // deprecated relationship: ignored
  rel('uses', 'G0002', 'S0002');
  rel('uses', 'S0002', 'T1000.002');
  rel('uses', 'C0001', 'T1002');
  rel('mitigates', 'M0001', 'T1000');
  rel('mitigates', 'M0001', 'T1001');
  rel('mitigates', 'M0002', 'T1003');
  extra(add, ids);
  return JSON.stringify({ type: 'bundle', id: 'bundle--00000000-0000-4000-8000-000000000000', spec_version: '2.0', objects });
}

export function miniIndex(): AttackIndex {
  return buildIndexFromText(miniBundle(), 'enterprise-attack-1.0.json');
}
