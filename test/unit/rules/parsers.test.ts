import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parseElasticRule, parseRuleFile, parseSigmaRules } from '../../../src/core/rules/index';
import { ruleText } from './helpers';

describe('parseSigmaRules', () => {
  test('technique tags (any case) become upper-case IDs with their lines; tactic, group and software tags are not techniques', () => {
    const { rules, problems } = parseSigmaRules(ruleText('sigma', 'windows', 'proc_encoded_powershell.yml'), 'p.yml');
    assert.deepEqual(problems, []);
    assert.equal(rules.length, 1);
    const rule = rules[0];
    assert.deepEqual(rule, {
      format: 'sigma',
      file: 'p.yml',
      line: 1,
      id: '0d0c1a2b-0000-4000-8000-000000000001',
      title: 'Encoded PowerShell Command Line',
      status: 'stable',
      severity: 'high',
      techniques: [{ id: 'T1059.001', line: 9 }, { id: 'T1059', line: 10 }, { id: 'T1027', line: 13 }],
      logsource: { product: 'windows', category: 'process_creation' },
    });
  });
  test('a rule collection: global defaults apply to the documents after it; a document without its own title takes the global one and its line', () => {
    const { rules, problems } = parseSigmaRules(ruleText('sigma', 'windows', 'collection.yml'), 'c.yml');
    assert.deepEqual(problems, []);
    assert.deepEqual(rules.map((r) => [r.title, r.line, r.id, r.status, r.techniques.map((t) => `${t.id}@${t.line}`), r.logsource?.product]), [
      ['Archive Collected Data', 2, '0d0c1a2b-0000-4000-8000-000000000002', 'test', ['T1560.001@6'], 'windows'],
      ['Archive Collected Data (Linux)', 19, '0d0c1a2b-0000-4000-8000-000000000003', 'test', ['T1560.001@6', 'T1560@22'], 'linux'],
    ]);
  });
  test('a malformed technique tag is a problem on its line and is left out', () => {
    const { rules, problems } = parseSigmaRules(ruleText('sigma', 'windows', 'deprecated_rule.yml'), 'd.yml');
    assert.equal(rules[0]?.status, 'deprecated');
    assert.deepEqual(rules[0]?.techniques, [{ id: 'T1543.003', line: 6 }]);
    assert.deepEqual(problems.map((p) => [p.code, p.line]), [['malformed-tag', 7]]);
    assert.match(problems[0]?.message ?? '', /"attack\.t1543\.03" is not an ATT&CK technique ID/);
  });
  test('broken YAML is a parse-error with its line, never a throw, and the message does not quote the file', () => {
    const { rules, problems } = parseSigmaRules(ruleText('sigma', 'windows', 'broken.yml'), 'b.yml');
    assert.deepEqual(rules, []);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.code, 'parse-error');
    assert.equal(problems[0]?.line, 5);
    assert.doesNotMatch(problems[0]?.message ?? '', /unclosed|detection/);
  });
  test('YAML that is not a rule: not-a-rule; an empty file gives nothing; a list document is not a rule', () => {
    assert.deepEqual(parseSigmaRules(ruleText('sigma', 'windows', 'not_a_rule.yml'), 'n.yml').problems.map((p) => [p.code, p.line]), [['not-a-rule', 1]]);
    assert.deepEqual(parseSigmaRules('', 'e.yml'), { rules: [], problems: [] });
    assert.deepEqual(parseSigmaRules('- a\n- b\n', 'l.yml').problems.map((p) => p.code), ['not-a-rule']);
  });
  test('hostile input: deep nesting and alias bombs are problems, not hangs or throws', () => {
    assert.equal(parseSigmaRules('['.repeat(5000), 'x.yml').problems[0]?.code, 'too-large');
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 12 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`), 'title: bomb'].join('\n');
    const parsed = parseSigmaRules(bomb, 'bomb.yml');
    assert.deepEqual(parsed.rules, []);
    assert.equal(parsed.problems[0]?.code, 'too-large');
  });
  test('a numeric id and a long title are read as text; the title is cut to 200 characters', () => {
    const { rules } = parseSigmaRules(`title: ${'x'.repeat(300)}\nid: 1234\ntags: [attack.t1003]\n`, 'n.yml');
    assert.equal(rules[0]?.title.length, 200);
    assert.equal(rules[0]?.id, '1234');
    assert.deepEqual(rules[0]?.techniques, [{ id: 'T1003', line: 3 }]);
  });
});

describe('parseElasticRule', () => {
  test('[[rule.threat]] technique and subtechnique ids of the MITRE ATT&CK framework only, with the lines of their ids', () => {
    const { rules, problems } = parseElasticRule(ruleText('elastic', 'execution_encoded_powershell.toml'), 'e.toml');
    assert.deepEqual(problems, []);
    assert.deepEqual(rules, [{
      format: 'elastic',
      file: 'e.toml',
      line: 6,
      id: '8c1f0000-0000-4000-8000-000000000001',
      title: 'Encoded PowerShell Execution',
      status: 'production',
      severity: 'medium',
      techniques: [{ id: 'T1059', line: 26 }, { id: 'T1059.001', line: 30 }, { id: 'T1027', line: 41 }],
      indices: ['logs-endpoint.events.process-*', 'winlogbeat-*'],
    }]);
  });
  test('a rule with tactics only has no techniques; maturity is its status', () => {
    const { rules } = parseElasticRule(ruleText('elastic', 'deprecated_rule.toml'), 'd.toml');
    assert.equal(rules[0]?.status, 'deprecated');
    assert.deepEqual(rules[0]?.techniques, []);
  });
  test('broken TOML: a parse-error with line and column that does not quote the file; TOML without [rule]: not-a-rule', () => {
    const broken = parseElasticRule(ruleText('elastic', 'broken.toml'), 'b.toml');
    assert.deepEqual(broken.rules, []);
    assert.deepEqual(broken.problems.map((p) => [p.code, p.line]), [['parse-error', 5]]);
    assert.doesNotMatch(broken.problems[0]?.message ?? '', /Broken/);
    assert.deepEqual(parseElasticRule(ruleText('elastic', 'not_a_rule.toml'), 'n.toml').problems.map((p) => p.code), ['not-a-rule']);
  });
  test('a malformed technique id is a problem and left out', () => {
    const text = '[rule]\nname = "x"\n[[rule.threat]]\nframework = "MITRE ATT&CK"\n[[rule.threat.technique]]\nid = "T10"\n';
    const { rules, problems } = parseElasticRule(text, 'm.toml');
    assert.deepEqual(rules[0]?.techniques, []);
    assert.deepEqual(problems.map((p) => [p.code, p.line]), [['malformed-tag', 6]]);
  });
});

test('parseRuleFile dispatches on the format', () => {
  assert.equal(parseRuleFile('sigma', 'title: a\ntags: [attack.t1003]\n', 'a.yml').rules[0]?.format, 'sigma');
  assert.equal(parseRuleFile('elastic', '[rule]\nname = "a"\n', 'a.toml').rules[0]?.format, 'elastic');
});
