import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { KNOWN_PLATFORMS, SCHEMAS } from '../../../src/core/model/index';
import { compileValidators, standaloneValidatorsSource } from '../../../src/core/model/schema-compile';
import { REAL_BUNDLES, realIndex, skipUnless } from '../../fixtures/model/real-data';

const GENERATED = 'src/core/model/schema-validators.generated.js';

describe('the schemas and their generated validators', () => {
  test('schema-validators.generated.js is the standalone code of the current schemas', () => {
    const fresh = standaloneValidatorsSource();
    if (process.env.THREAT_OVERLAP_UPDATE_GENERATED === '1') writeFileSync(GENERATED, fresh);
    assert.ok(readFileSync(GENERATED, 'utf8') === fresh,
      `${GENERATED} is stale: run THREAT_OVERLAP_UPDATE_GENERATED=1 node scripts/run-unit-tests.mjs model/schema-generated`);
  });

  test('the schemas compile in ajv strict mode as JSON Schema 2020-12', () => {
    const validators = compileValidators();
    assert.equal(typeof validators['threat-model'], 'function');
    for (const schema of Object.values(SCHEMAS)) assert.equal((schema as { $schema?: string }).$schema, 'https://json-schema.org/draft/2020-12/schema');
  });

  test('every example in the schemas is valid against its own subschema', () => {
    // Examples are shown by editors; a wrong one teaches users a wrong format.
    const validators = compileValidators();
    assert.ok(validators['threat-model']({ threatModel: 1, name: 'x', techStack: [{ id: 'k8s', platforms: ['Linux', 'Containers', 'IaaS'], exposure: 'internet-facing', crownJewel: true }] }));
    assert.ok(validators['control-inventory']({ controlInventory: 1, controls: [{ id: 'EDR-01', name: 'EDR', mitigations: ['M1040', { id: 'M1032', coverage: 'significant' }], techniques: [{ id: 'T1059', coverage: 'significant', function: 'detect' }, 'T1486'] }] }));
  });

  const present = REAL_BUNDLES.filter((f) => skipUnless(f) === false);
  test('the platform enum is exactly the platforms of live techniques in ATT&CK 15.1 and 18.1 (ICS "None" aside)',
    { skip: skipUnless('enterprise-attack-15.1.json', 'enterprise-attack-18.1.json', 'mobile-attack-18.1.json') }, () => {
      const fromData = new Set(present.flatMap((f) => realIndex(f).platforms).filter((p) => p !== 'None'));
      assert.deepEqual([...KNOWN_PLATFORMS].sort(), [...fromData].sort());
    });
});
