/**
 * The engine on the real Enterprise 18.1 data and the example workspace, checked against a second, deliberately
 * naive reading of the SPEC rules straight from the raw STIX JSON (no index, no shared code).
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyseCoverage } from '../../../src/core/coverage/engine';
import { coverageInputFrom } from '../../../src/core/coverage/model-input';
import { parseControlInventory } from '../../../src/core/model/control-inventory';
import { parseThreatModel } from '../../../src/core/model/threat-model';
import { STIX_DIR, realIndex, skipUnless } from '../../fixtures/model/real-data';

const FILE = 'enterprise-attack-18.1.json';
const LEVELS = ['none', 'minimal', 'partial', 'significant'];

interface Raw { id: string; type: string; revoked?: boolean; x_mitre_deprecated?: boolean; relationship_type?: string; source_ref?: string; target_ref?: string; x_mitre_platforms?: string[]; external_references?: { source_name: string; external_id?: string }[] }

/** The SPEC rules, read naively from the bundle: expected state and coverage per live technique ID. */
function oracle(): Map<string, { state: string; coverage: string }> {
  const objects = (JSON.parse(readFileSync(join(STIX_DIR, FILE), 'utf8')) as { objects: Raw[] }).objects;
  const live = (o: Raw) => !o.revoked && !o.x_mitre_deprecated;
  const attackId = new Map<string, string>();
  for (const o of objects) {
    const ext = o.external_references?.find((r) => r.source_name === 'mitre-attack')?.external_id;
    if (ext && live(o)) attackId.set(o.id, ext);
  }
  const techniques = objects.filter((o) => o.type === 'attack-pattern' && live(o));
  const techniqueIds = new Set(techniques.map((t) => attackId.get(t.id)!));
  const uses = new Map<string, string[]>();
  const mitigates = new Map<string, string[]>();
  for (const r of objects) {
    if (r.type !== 'relationship' || !live(r)) continue;
    const from = attackId.get(r.source_ref!);
    const to = attackId.get(r.target_ref!);
    if (!from || !to) continue;
    const map = r.relationship_type === 'uses' ? uses : r.relationship_type === 'mitigates' ? mitigates : undefined;
    map?.set(from, [...(map.get(from) ?? []), to]);
  }
  // The example model, as written in data/examples (kept in step with the YAML by the assertions below).
  const A = new Set<string>();
  const group = (id: string, software: boolean) => {
    for (const t of uses.get(id) ?? []) {
      if (techniqueIds.has(t)) A.add(t);
      else if (software && t.startsWith('S')) for (const u of uses.get(t) ?? []) if (techniqueIds.has(u)) A.add(u);
    }
  };
  group('G0046', true);
  group('G1015', true);
  group('G0016', false);
  for (const t of ['T1486', 'T1490', 'T1133']) A.add(t);
  A.delete('T1200');
  const components: Record<string, string[]> = {
    laptops: ['Windows', 'macOS'], k8s: ['Linux', 'Containers', 'IaaS'], idp: ['Identity Provider', 'SaaS'], office: ['Office Suite'],
  };
  // [component list or all, level cap, mitigations with levels, technique entries with levels]
  type C = { on?: string[]; cap?: string; m: [string, string][]; t: [string, string][] };
  const controls: C[] = [
    { on: ['laptops'], m: [['M1040', 'partial'], ['M1049', 'significant']], t: [['T1059', 'significant'], ['T1003.001', 'significant'], ['T1055', 'partial']] },
    { on: ['laptops'], cap: 'partial', m: [['M1038', 'significant']], t: [] },
    { m: [['M1017', 'partial']], t: [['T1566', 'minimal']] },
    { on: ['idp', 'office', 'laptops'], m: [['M1032', 'significant']], t: [['T1621', 'significant']] },
    { on: ['k8s', 'idp'], m: [['M1026', 'partial'], ['M1018', 'partial']], t: [] },
    { on: ['k8s'], m: [], t: [['T1610', 'significant'], ['T1611', 'partial'], ['T1525', 'partial']] },
    { on: ['k8s'], m: [], t: [['T1190', 'partial']] },
    { on: ['k8s'], m: [['M1030', 'partial']], t: [] },
  ];
  const lvl = (l: string) => LEVELS.indexOf(l);
  const out = new Map<string, { state: string; coverage: string }>();
  for (const tech of techniques) {
    const id = attackId.get(tech.id)!;
    const applies = Object.keys(components).filter((c) => components[c]!.some((p) => tech.x_mitre_platforms?.includes(p)));
    let weakest = applies.length === 0 ? 0 : 3;
    for (const c of applies) {
      let best = 0;
      for (const ctl of controls) {
        if (ctl.on && !ctl.on.includes(c)) continue;
        let give = 0;
        for (const [m, l] of ctl.m) if ((mitigates.get(m) ?? []).includes(id)) give = Math.max(give, lvl(l));
        const own = ctl.t.find(([t]) => t === id);
        const parent = id.includes('.') ? ctl.t.find(([t]) => t === id.split('.')[0]) : undefined;
        if (own) give = Math.max(give, lvl(own[1]));
        else if (parent) give = Math.max(give, lvl(parent[1]));
        if (ctl.cap) give = Math.min(give, lvl(ctl.cap));
        best = Math.max(best, give);
      }
      weakest = Math.min(weakest, best);
    }
    const coverage = LEVELS[weakest]!;
    const state = id === 'T1200' ? 'excluded' : applies.length === 0 ? 'not-applicable' : !A.has(id) ? 'applicable' : weakest >= lvl('partial') ? 'covered' : 'gap';
    out.set(id, { state, coverage });
  }
  return out;
}

describe('coverage on the real Enterprise 18.1 data and the example workspace', { skip: skipUnless(FILE) }, () => {
  test('every live technique gets the state and coverage the SPEC rules give', () => {
    const index = realIndex(FILE);
    const read = (f: string) => readFileSync(join('data', 'examples', f), 'utf8');
    const model = parseThreatModel(read('payments.threatmodel.yaml'), 'payments.threatmodel.yaml').model!;
    const inventories = ['endpoint.controls.yaml', 'cloud.controls.yaml'].map((f) => parseControlInventory(read(f), f).model!);
    const result = analyseCoverage(index, coverageInputFrom(model, inventories));
    const expected = oracle();
    assert.equal(result.techniques.length, expected.size);
    const wrong = result.techniques.filter((t) => {
      const e = expected.get(t.id);
      return !e || e.state !== t.state || e.coverage !== t.coverage;
    }).map((t) => `${t.id}: engine ${t.state}/${t.coverage}, rules ${expected.get(t.id)?.state}/${expected.get(t.id)?.coverage}`);
    assert.deepEqual(wrong, []);
    const gaps = result.techniques.filter((t) => t.state === 'gap').length;
    assert.equal(result.summary.gaps, gaps);
    assert.ok(gaps > 0 && result.summary.covered > 0, 'the example shows both gaps and covered techniques');
  });
});
