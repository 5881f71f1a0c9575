import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyseCoverage } from '../../../src/core/coverage/engine';
import { coverageInputFrom } from '../../../src/core/coverage/model-input';
import { adversaryLensTitle, hoverCard, shortDescription, techniqueLensTitle } from '../../../src/core/language/index';
import { parseControlInventory, parseThreatModel } from '../../../src/core/model/index';
import { enterpriseIndex } from '../../fixtures/model/mini-attack';

const index = enterpriseIndex();
const MODEL = `threatModel: 1
name: Mini
techStack:
  - { id: win, platforms: [Windows] }
  - { id: lin, platforms: [Linux] }
adversaries:
  - { group: G0001 }
  - name: Own
    techniques: [T1000.001, T1002]
techniques:
  exclude: [ { id: T1002, reason: No containers } ]
`;
const INVENTORY = `controlInventory: 1
controls:
  - { id: EDR, appliesTo: [win], techniques: [ { id: T1000, coverage: significant } ] }
`;

function coverage() {
  const model = parseThreatModel(MODEL, '/m.threatmodel.yaml').model!;
  const inventory = parseControlInventory(INVENTORY, '/c.controls.yaml').model!;
  const input = coverageInputFrom(model, [inventory]);
  return { input, result: analyseCoverage(index, input) };
}

const lensOf = (id: string) => {
  const { input, result } = coverage();
  return techniqueLensTitle(result.techniques.find((t) => t.id === id)!, result, input, index);
};

describe('CodeLens titles', () => {
  test('a gap names the components below the policy and the adversaries by their ATT&CK names', () => {
    assert.equal(lensOf('T1000'), 'gap on lin (none) · used by Alpha Group');
  });

  test('covered (the parent entry covers the sub-technique on its only platform), excluded, not in the adversary set', () => {
    assert.equal(lensOf('T1000.001'), 'covered (significant) · used by Own');
    assert.equal(lensOf('T1002'), 'excluded: No containers');
    assert.equal(lensOf('T1000.002'), "not used by this model's adversaries · coverage none");
    assert.equal(lensOf('T1003'), 'runs on no component of the tech stack (Identity Provider, SaaS)');
  });

  test('an adversary lens counts its techniques, gaps per component and covered ones', () => {
    const { result } = coverage();
    assert.equal(adversaryLensTitle(0, result), '1 technique · 1 gap (lin 1) · 0 covered');
    assert.equal(adversaryLensTitle(1, result), '2 techniques · 0 gaps · 1 covered', 'T1002 is excluded, neither gap nor covered');
  });
});

describe('hover cards', () => {
  test('a technique: title, facts, description, the model section and the link', () => {
    const { input, result } = coverage();
    const card = hoverCard(index, index.get('T1000')!, [{ model: 'Mini', result, input }]);
    assert.equal(card, [
      '**T1000 Command Interpreter** · technique',
      '',
      'Tactics: Execution · Platforms: Windows, Linux',
      '',
      'Command Interpreter\\.',
      '',
      '**In this model:** gap on lin, coverage none',
      '- Used by: Alpha Group',
      '- Covered by: EDR (significant on win)',
      '- Validated: **untested** (0 of 1 claim tested)',
      // The gap's triage (no triage date here, so nothing counts as current activity) and what closes it.
      '- Triage: **Track** (reported · not automatable · small · medium)',
      '  - activity: reported\\: no triage date\\: no intelligence counts as current; Alpha Group \\(G0001\\)\\: reported in ATT\\&CK',
      '  - automatable: no\\: no adversary brings it in through ATT\\&CK software, and no intelligence says automated',
      '  - exposure: small\\: lin\\: exposure not given',
      '  - missionImpact: medium\\: lin\\: impact not given \\(medium\\)',
      '- What closes it: M0001 Harden Things (M0001 is not in any inventory\\: add it to a control at partial or more)',
      '',
      '[attack\\.mitre\\.org/techniques/T1000](<https://attack.mitre.org/techniques/T1000>)',
    ].join('\n'));
  });

  test('a group shows its aliases; several models are named', () => {
    const card = hoverCard(index, index.get('G0001')!);
    assert.match(card, /^\*\*G0001 Alpha Group\*\* · group\n\nAlso known as: ALPHA\n/);
    const { input, result } = coverage();
    const two = hoverCard(index, index.get('T1000.001')!, [{ model: 'A', result, input }, { model: 'B', result, input }]);
    assert.match(two, /\*\*In A:\*\* covered, coverage significant/);
    assert.match(two, /\*\*In B:\*\* covered/);
  });

  test('descriptions lose citations and link targets and are cut at a sentence', () => {
    assert.equal(shortDescription('Uses [PowerShell](https://x/y) a lot.(Citation: Foo 2020) More.\n\nSecond paragraph.'), 'Uses PowerShell a lot. More.');
    const long = `${'Word '.repeat(40)}end. ${'More words here '.repeat(20)}`;
    assert.equal(shortDescription(long, 250), `${'Word '.repeat(40)}end.`);
    assert.ok(shortDescription('x'.repeat(400)).endsWith('…'));
  });
});
