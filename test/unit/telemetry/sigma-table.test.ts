/**
 * data/sigma-logsources.json: valid against its schema, one mapping per logsource, every data component and log
 * source it names exists in ATT&CK Enterprise 18.1, and how much of the real SigmaHQ folder it maps (printed, with
 * the logsources it does not map).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import tableData from '../../../data/sigma-logsources.json';
import schema from '../../../schemas/sigma-logsources.schema.json';
import type { DataComponent } from '../../../src/core/attack/types';
import { parseSigmaRules } from '../../../src/core/rules/index';
import { SIGMA_TABLE, sigmaKey, sigmaLabel, sigmaTable } from '../../../src/core/telemetry/sigma-table';
import { realIndex, skipUnless } from '../../fixtures/model/real-data';

const SIGMA_DIR = process.env.THREAT_OVERLAP_SIGMA_RULES ?? join('..', 'shared', 'detection-rules', 'sigma', 'rules');

describe('the Sigma logsource table', () => {
  test('valid against schemas/sigma-logsources.schema.json', () => {
    const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
    assert.ok(validate(tableData), JSON.stringify(validate.errors));
  });

  test('one mapping per logsource; lookups are exact on all three fields and case-insensitive', () => {
    const keys = SIGMA_TABLE.mappings.map((m) => sigmaKey(m.logsource));
    assert.equal(new Set(keys).size, keys.length, 'no logsource is mapped twice');
    assert.deepEqual(SIGMA_TABLE.lookup({ product: 'Windows', category: 'PROCESS_CREATION' })?.dataComponents, ['DC0032']);
    assert.equal(SIGMA_TABLE.lookup({ category: 'process_creation' }), undefined, 'no product is another logsource');
    const t = sigmaTable('1.0', [{ logsource: { product: 'x' }, dataComponents: ['DC0001'], logSources: [] }, { logsource: { product: 'x' }, dataComponents: ['DC0002'], logSources: [] }]);
    assert.deepEqual(t.lookup({ product: 'x' })?.dataComponents, ['DC0001'], 'the first of two equal keys wins');
    assert.equal(sigmaLabel({ product: 'windows', service: 'security' }), 'product: windows, service: security');
  });

  test('every data component and log source (name, and channel where given) exists in Enterprise 18.1', { skip: skipUnless('enterprise-attack-18.1.json') }, () => {
    const index = realIndex('enterprise-attack-18.1.json');
    assert.equal(tableData.attack.version, index.version);
    const pairs = new Set<string>();
    const names = new Set<string>();
    for (const d of index.list('data-component') as DataComponent[]) for (const l of d.logSources) {
      names.add(l.name);
      pairs.add(`${l.name}|${l.channel}`);
    }
    let dcs = 0, sources = 0;
    for (const m of SIGMA_TABLE.mappings) {
      for (const dc of m.dataComponents) {
        dcs++;
        assert.ok(index.get(dc, 'data-component'), `${sigmaLabel(m.logsource)}: ${dc} is a live data component of 18.1`);
      }
      for (const l of m.logSources) {
        sources++;
        assert.ok(names.has(l.name), `${sigmaLabel(m.logsource)}: ${l.name} is an 18.1 log source name`);
        if (l.channel !== undefined) assert.ok(pairs.has(`${l.name}|${l.channel}`), `${sigmaLabel(m.logsource)}: ${l.name} ${l.channel} is an 18.1 log source channel`);
      }
    }
    console.log(`sigma-logsources.json: ${SIGMA_TABLE.mappings.length} mappings, ${dcs} data component and ${sources} log source references, all in ATT&CK 18.1`);
  });

  test('maps the logsources of nearly every rule of the real SigmaHQ folder; prints those it does not map', { skip: existsSync(SIGMA_DIR) || process.env.CI === 'true' ? false : `no Sigma rules in ${SIGMA_DIR}` }, () => {
    const counts = new Map<string, { label: string; rules: number }>();
    let rules = 0;
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const f = join(dir, e.name);
        if (e.isDirectory()) walk(f);
        else if (e.name.endsWith('.yml')) {
          for (const r of parseSigmaRules(readFileSync(f, 'utf8'), f).rules) {
            rules++;
            const ls = r.logsource ?? {};
            const c = counts.get(sigmaKey(ls)) ?? { label: sigmaLabel(ls), rules: 0 };
            c.rules++;
            counts.set(sigmaKey(ls), c);
          }
        }
      }
    };
    walk(SIGMA_DIR);
    const unmapped = [...counts].filter(([k]) => !SIGMA_TABLE.lookup(Object.fromEntries(['product', 'category', 'service'].map((f, i) => [f, k.split('|')[i] || undefined]))));
    const unmappedRules = unmapped.reduce((n, [, c]) => n + c.rules, 0);
    console.log(`SigmaHQ: ${rules} rules, ${counts.size} distinct logsources; the table maps ${counts.size - unmapped.length} of them (${rules - unmappedRules} rules, ${((100 * (rules - unmappedRules)) / rules).toFixed(1)}%)`);
    console.log(`not mapped (${unmapped.length} logsources, ${unmappedRules} rules): ${unmapped.sort((a, b) => b[1].rules - a[1].rules).map(([, c]) => `${c.label} (${c.rules})`).join('; ')}`);
    assert.ok(rules > 3000, `${rules} rules read`);
    assert.ok(unmappedRules / rules < 0.02, `${unmappedRules} of ${rules} rules have a logsource the table does not map`);
  });
});
