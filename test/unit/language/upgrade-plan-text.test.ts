import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planMarkdown } from '../../../src/core/language/index';
import { parseThreatModel } from '../../../src/core/model/index';
import { planUpgrade } from '../../../src/core/upgrade/index';
import { enterpriseIndex } from '../../fixtures/model/mini-attack';

test('the plan text names the model, both releases, each change with file:line, and what is left to review', () => {
  const text = 'threatModel: 1\nname: Old\nattack: { domain: enterprise-attack, version: "1.0" }\ntechStack:\n  - { id: idp, platforms: [Azure AD] }\n';
  const parse = parseThreatModel(text, '/w/old.threatmodel.yaml');
  const plan = planUpgrade(parse, enterpriseIndex(true), enterpriseIndex(false));
  const lines = planMarkdown(plan, parse).split('\n');
  assert.equal(lines[0], '# Upgrade Old from ATT&CK 1.0 to 2.0');
  assert.ok(lines.some((l) => /^- \*\*pin\*\* .*1\.0.*2\.0.* — old\.threatmodel\.yaml:3$/.test(l)), lines.join('\n'));
  assert.ok(lines.some((l) => /^- \*\*platform\*\* .*Azure AD.*Identity Provider.* — old\.threatmodel\.yaml:5$/.test(l)), lines.join('\n'));
  assert.ok(lines.every((l) => !l.includes('undefined')));
  const review = planMarkdown({ ...plan, changes: plan.changes.map((c) => ({ ...c, edits: [] })) }, parse);
  assert.match(review, /_\(review: not changed automatically\)_/);
});
