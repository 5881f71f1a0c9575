import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PLATFORM_RENAMES, derivePlatformRenames } from '../../../src/core/validation/index';
import { applyEdits, brief, rangeOf } from '../../fixtures/model/text';
import { ENTERPRISE, ENTERPRISE_OLD, ICS, applied, fixes, model, semantic } from '../../fixtures/model/validation';

const stack = (platforms: string, version = '2.0') => model(`techStack:\n  - { id: a, platforms: [${platforms}] }\n`, version);

describe('attack.platform-unknown', () => {
  test('"Azure AD" in a model pinned to a release that renamed it: warning at the name, the new name as the fix', () => {
    const text = stack('Windows, Azure AD');
    const [d] = semantic(text);
    assert.equal(brief(d), 'attack.platform-unknown@5:35-5:43');
    assert.deepEqual(d.range, rangeOf(text, 'Azure AD'));
    assert.equal(d.severity, 'warning');
    assert.equal(d.message, "'Azure AD' is not a platform in ATT&CK Enterprise 2.0; it is called 'Identity Provider' there");
    assert.deepEqual(d.data, { platform: 'Azure AD', replacement: 'Identity Provider', alternatives: ['Identity Provider'] });
    const [fix] = fixes(text, d);
    assert.equal(fix.title, "Change to 'Identity Provider'");
    const fixed = applied(text, fix);
    assert.equal(fixed, stack('Windows, Identity Provider'));
    assert.deepEqual(semantic(fixed), []);
  });

  test('"Office 365", "Google Workspace" and "Network" get today\'s names', () => {
    const ds = semantic(stack('Office 365, Network'));
    assert.deepEqual(ds.map((d) => d.data?.replacement), ['Office Suite', 'Network Devices']);
    assert.deepEqual(semantic(stack('Google Workspace')).map((d) => d.data?.replacement), ['Office Suite']);
  });

  test('the new name already listed: the fix removes the old one', () => {
    const text = stack('Office 365, Office Suite');
    const [d] = semantic(text);
    assert.equal(d.data?.alreadyListed, 'Office Suite');
    assert.match(d.message, /which this component already lists: remove 'Office 365'/);
    const [fix] = fixes(text, d);
    assert.equal(applied(text, fix), stack('Office Suite'));
  });

  test('two old names for one new platform: rename the first, remove the second, so "fix all" lists it once', () => {
    const text = stack('Office 365, Google Workspace');
    const [first, second] = semantic(text);
    assert.deepEqual([first.data?.replacement, first.data?.alreadyListed], ['Office Suite', undefined]);
    assert.deepEqual([second.data?.replacement, second.data?.alreadyListed], ['Office Suite', 'Office Suite']);
    assert.equal(second.message, "'Google Workspace' is not a platform in ATT&CK Enterprise 2.0; like 'Office 365', it is called 'Office Suite' there: remove 'Google Workspace' and rename 'Office 365'");
    const preferred = [first, second].map((d) => fixes(text, d).find((f) => f.preferred));
    const fixed = applyEdits(text, preferred.flatMap((f) => f?.edits ?? []));
    assert.equal(fixed, stack('Office Suite'));
    assert.deepEqual(semantic(fixed), []);
  });

  test('backwards: a model pinned to the older release written with the new name', () => {
    const text = stack('Identity Provider', '1.0');
    const [d] = semantic(text, ENTERPRISE_OLD);
    assert.deepEqual([d.code, d.data?.replacement], ['attack.platform-unknown', 'Azure AD']);
  });

  test('a platform of another domain or release with no rename: lists the release\'s platforms, no fix', () => {
    const text = stack('Android');
    const [d] = semantic(text);
    assert.match(d.message, /^'Android' is not a platform in ATT&CK Enterprise 2\.0 \(its platforms: Windows, Linux, /);
    assert.deepEqual(d.data?.available, ENTERPRISE.platforms);
    assert.deepEqual(fixes(text, d), []);
  });

  test('ICS: platforms match nothing, components list assets', () => {
    const [d] = semantic(model('techStack:\n  - { id: plc, platforms: [Windows] }\n', '2.0', 'ics-attack'), ICS);
    assert.equal(d.code, 'attack.platform-unknown');
    assert.match(d.message, /scoped by assets, not platforms/);
  });

  test('negative: the pinned release\'s own names, and a typo is left to the schema', () => {
    assert.deepEqual(semantic(stack('Windows, Identity Provider, Office Suite, Network Devices')), []);
    assert.deepEqual(semantic(stack('Azure AD, Office 365, Network', '1.0'), ENTERPRISE_OLD), []);
  });

  test('the rename table is what the data shows (mini releases 1.0 → 2.0)', () => {
    const derived = derivePlatformRenames(ENTERPRISE_OLD, ENTERPRISE).map((r) => `${r.from} → ${r.to}`).sort();
    assert.deepEqual(derived, ['Azure AD → Identity Provider', 'Google Workspace → Office Suite', 'Network → Network Devices', 'Office 365 → Office Suite']);
    assert.deepEqual(PLATFORM_RENAMES.map((r) => `${r.from} → ${r.to}`).sort(), derived);
  });
});

describe('attack.asset-unknown (ICS components)', () => {
  const assets = (list: string) => model(`techStack:\n  - { id: plc, assets: [${list}] }\n`, '2.0', 'ics-attack');

  test('negative: ID, full name and abbreviation', () => {
    assert.deepEqual(semantic(assets('A0001, Programmable Logic Controller (PLC), HMI'), ICS), []);
  });

  test('an unknown name suggests the closest; an unknown ID goes through the reference check', () => {
    const text = assets('PLX, A0009, A0003');
    const ds = semantic(text, ICS);
    assert.deepEqual(ds.map(brief), ['attack.asset-unknown@5:25-5:28', 'attack.unknown-id@5:30-5:35', 'attack.deprecated@5:37-5:42']);
    assert.equal(ds[0].data?.replacement, 'PLC');
    assert.equal(applied(text, fixes(text, ds[0])[0]), assets('PLC, A0009, A0003'));
  });

  test('assets in an Enterprise model', () => {
    const [d] = semantic(model('techStack:\n  - { id: plc, assets: [HMI] }\n'));
    assert.equal(d.code, 'attack.asset-unknown');
    assert.match(d.message, /has no assets/);
  });
});
