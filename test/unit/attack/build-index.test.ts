import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildIndexFromText } from '../../../src/core/attack/index';
import type { AttackIndex, Software, Technique } from '../../../src/core/attack/index';
import { icsBundle, stix20Bundle, stix21Bundle, text, urlOf } from '../../fixtures/attack/bundles';
import { EXPECTED, MATRIX_ORDER } from '../../fixtures/attack/world';

const versions: readonly [string, () => AttackIndex][] = [
  ['STIX 2.0 (mitre/cti)', () => buildIndexFromText(text(stix20Bundle()), 'enterprise-attack-99.0.json')],
  ['STIX 2.1 (attack-stix-data)', () => buildIndexFromText(text(stix21Bundle()), 'enterprise-attack.json')],
];

for (const [label, build] of versions) {
  describe(`index of the fixture world, ${label}`, () => {
    const index = build();
    const t = (id: string): Technique => {
      const found = index.technique(id);
      assert.ok(found, `${id} is a live technique`);
      return found;
    };

    test('counts live objects per kind, and retired ones aside', () => {
      const { relationshipsByType, ...counts } = index.counts();
      assert.deepEqual(counts, EXPECTED.counts);
      assert.equal(relationshipsByType['revoked-by'], 1);
      assert.equal(relationshipsByType.uses, 7, 'revoked, deprecated and duplicate uses are dropped');
    });

    test('tactics follow the matrix tactic_refs, not the bundle or ID order', () => {
      assert.deepEqual(index.tactics.map((x) => x.id), MATRIX_ORDER);
      assert.deepEqual(index.tactics.map((x) => x.shortname), ['reconnaissance', 'initial-access', 'execution', 'impact']);
    });

    test('techniques: live only, in ID order, with tactics (matrix order, de-duplicated), platforms and URL', () => {
      assert.deepEqual(index.techniques.map((x) => x.id), EXPECTED.liveTechniques);
      assert.deepEqual(t('T1078').tactics, ['initial-access', 'impact'], 'other kill chains are ignored');
      assert.deepEqual(t('T1059.004').platforms, ['Linux', 'macOS']);
      assert.equal(t('T1059.001').url, urlOf('attack-pattern', 'T1059.001'));
      assert.equal(t('T1566').name, 'Phishing', 'the newest copy of a STIX object wins');
      assert.equal(t('T1059').description, 'Command and Scripting Interpreter: what it is.');
      assert.deepEqual(index.platforms, ['Windows', 'Linux', 'macOS', 'PRE']);
    });

    test('sub-techniques know their parent, parents their live sub-techniques', () => {
      assert.equal(t('T1059.001').isSubtechnique, true);
      assert.equal(t('T1059.001').parentId, 'T1059');
      assert.equal(t('T1059').isSubtechnique, false);
      assert.equal(t('T1059').parentId, undefined);
      assert.deepEqual(t('T1059').subtechniqueIds, ['T1059.001', 'T1059.004']);
    });

    test('lookups by ATT&CK ID (any case) and by name or alias (case-insensitive), per kind', () => {
      assert.equal(index.get('g0001')?.name, 'Alpha');
      assert.equal(index.get('T1059', 'group'), undefined);
      assert.equal(index.get('T9999'), undefined);
      assert.deepEqual(index.byName('powershell').map((o) => o.id), ['T1059.001'], 'the revoked T1086 shares the name but is not live');
      assert.deepEqual(index.byName('alpha-team').map((o) => o.id), ['G0001']);
      assert.deepEqual(index.byName('бета group').map((o) => o.id), ['G0002']);
      assert.deepEqual(index.byName('ARAT', 'software').map((o) => o.id), ['S0001']);
      assert.deepEqual(index.byName('ARAT', 'group'), []);
      assert.deepEqual(index.get('G0001')?.aliases, ['ALPHA-TEAM'], 'aliases leave out the name itself');
      assert.equal(index.get('G0002')?.description, 'Beta — a naïve café crew ✓');
    });

    test('every kind is listed: groups, campaign, malware and tool, mitigations, data, detection', () => {
      const ids = (kind: Parameters<AttackIndex['list']>[0]) => index.list(kind).map((o) => o.id);
      assert.deepEqual(ids('group'), ['G0001', 'G0002']);
      assert.deepEqual(ids('campaign'), ['C0001']);
      assert.deepEqual(index.list('software').map((o) => [o.id, (o as Software).softwareType, (o as Software).platforms]), [
        ['S0001', 'malware', ['Windows']],
        ['S0002', 'tool', ['Linux']],
      ]);
      assert.deepEqual(ids('mitigation'), ['M1038', 'M1040']);
      assert.deepEqual([ids('data-source'), ids('data-component'), ids('detection-strategy'), ids('analytic')], [['DS0017'], ['DC0064'], ['DET0001'], ['AN0001']]);
    });

    test('revoked and deprecated objects are kept aside and resolvable', () => {
      assert.equal(index.get('T1086'), undefined);
      assert.equal(index.technique('T1064'), undefined);
      assert.deepEqual(index.retired('T1086').map((o) => [o.id, o.revoked, o.deprecated]), [['T1086', true, false]]);
      assert.deepEqual(index.retired('T1064').map((o) => [o.id, o.revoked, o.deprecated]), [['T1064', false, true]]);
      assert.equal(index.replacementOf('T1086')?.id, 'T1059.001', 'revoked, use T1059.001');
      assert.equal(index.replacementOf('T1064'), undefined, 'deprecated has no replacement');
      assert.deepEqual(index.related('T1086', 'revoked-by'), ['T1059.001']);
      assert.deepEqual(index.retired('T1059'), []);
    });

    test('relationships between live objects, both directions; retired ends and unknown types are dropped', () => {
      assert.deepEqual(index.related('G0001', 'uses'), ['S0001', 'T1566']);
      assert.deepEqual(index.related('G0002', 'uses'), ['S0002', 'T1078']);
      assert.deepEqual(index.related('S0001', 'uses'), ['T1059.001']);
      assert.deepEqual(index.related('C0001', 'uses'), ['T1486']);
      assert.deepEqual(index.related('C0001', 'attributed-to'), ['G0001']);
      assert.deepEqual(index.relatedFrom('T1059.001', 'mitigates'), ['M1040']);
      assert.deepEqual(index.related('M1038', 'mitigates'), ['T1059']);
      assert.deepEqual(index.relatedFrom('T1059.001', 'detects'), ['DET0001']);
      assert.deepEqual(index.relatedFrom('T1059', 'detects'), ['DC0064']);
      assert.deepEqual(index.relatedFrom('T1059', 'subtechnique-of'), ['T1059.001', 'T1059.004']);
      assert.deepEqual(index.related('T1059', 'uses'), []);
      assert.deepEqual(index.related('NOPE', 'uses'), []);
    });

    test('the index is immutable in fact', () => {
      const technique = t('T1059');
      assert.ok(Object.isFrozen(index) && Object.isFrozen(technique) && Object.isFrozen(technique.tactics) && Object.isFrozen(index.techniques));
      assert.throws(() => (technique.platforms as string[]).push('Plan 9'), TypeError);
    });
  });
}

describe('domain, version and STIX version come from the data', () => {
  test('STIX 2.0: version from the <domain>-<version>.json file name', () => {
    const index = buildIndexFromText(text(stix20Bundle()), '/data/enterprise-attack-99.0.json');
    assert.deepEqual([index.domain, index.version, index.versionSource, index.specVersion], ['enterprise-attack', '99.0', 'file-name', '2.0']);
    assert.equal(buildIndexFromText(text(stix20Bundle()), 'attack.json').version, 'unknown');
  });
  test('STIX 2.1: version from the x-mitre-collection, which beats the file name', () => {
    const index = buildIndexFromText(text(stix21Bundle('99.1')), 'enterprise-attack-98.0.json');
    assert.deepEqual([index.domain, index.version, index.versionSource, index.specVersion], ['enterprise-attack', '99.1', 'collection', '2.1']);
  });
  test('a byte-order mark is tolerated', () => {
    assert.equal(buildIndexFromText(`\ufeff${text(stix21Bundle())}`).techniques.length, EXPECTED.liveTechniques.length);
  });
});

describe('ICS-like bundle (STIX 2.1)', () => {
  const index = buildIndexFromText(text(icsBundle()));
  test('domain from the live matrix; a deprecated matrix neither defines the domain nor the tactic order', () => {
    assert.deepEqual([index.domain, index.version, index.specVersion], ['ics-attack', '99.2', '2.1']);
    assert.deepEqual(index.tactics.map((x) => x.id), ['TA0108', 'TA0104']);
  });
  test('techniques carry the platform "None" and their ICS tactics; assets are targeted', () => {
    assert.deepEqual(index.technique('T0871')?.platforms, ['None']);
    assert.deepEqual(index.technique('T0871')?.tactics, ['execution-ics']);
    assert.deepEqual(index.related('T0871', 'targets'), ['A0002', 'A0008']);
    assert.deepEqual(index.relatedFrom('A0008', 'targets'), ['T0817', 'T0871']);
    assert.deepEqual(index.byName('Human-Machine Interface (HMI)', 'asset').map((o) => o.id), ['A0002']);
    assert.equal(index.counts().assets, 2);
  });
});
