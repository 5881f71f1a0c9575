import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MAX_ALIAS_EXPANSION, parseThreatModel } from '../../../src/core/model/index';
import { brief, rangeOf, withCode } from '../../fixtures/model/text';

const HEAD = 'threatModel: 1\nname: Test\n';

describe('YAML syntax diagnostics', () => {
  test('a valid document has none', () => {
    assert.deepEqual(parseThreatModel(`${HEAD}techStack:\n  - { id: a, platforms: [Windows] }\n`).diagnostics, []);
  });

  test('yaml.syntax: an unterminated flow sequence, at the place yaml stops', () => {
    const { diagnostics } = parseThreatModel(`${HEAD}controls: [a.yaml, b.yaml\npolicy: { minCoverage: partial }\n`);
    const syntax = withCode(diagnostics, 'yaml.syntax');
    assert.ok(syntax.length > 0);
    assert.equal(syntax[0].severity, 'error');
    assert.equal(syntax[0].range.start.line, 3);
    assert.equal(typeof syntax[0].data?.yamlCode, 'string');
  });

  test('yaml.syntax: a missing closing quote points at the end of the scalar', () => {
    const text = `${HEAD}description: "open\n`;
    const [d] = withCode(parseThreatModel(text).diagnostics, 'yaml.syntax');
    assert.equal(brief(d), 'yaml.syntax@3:18-3:19', 'on the last character written, not past the end');
    assert.equal(d.data?.yamlCode, 'MISSING_CHAR');
  });

  test('yaml.syntax: tabs as indentation', () => {
    const [d] = withCode(parseThreatModel(`${HEAD}techStack:\n\t- id: a\n`).diagnostics, 'yaml.syntax');
    assert.equal(d.range.start.line, 3);
    assert.equal(d.range.start.character, 0);
  });

  test('yaml.duplicate-key covers the whole repeated key and names the first', () => {
    const text = `${HEAD}owner: a\nowner: b\n`;
    const diagnostics = parseThreatModel(text).diagnostics;
    assert.deepEqual(diagnostics.map(brief), ['yaml.duplicate-key@4:1-4:6']);
    assert.match(diagnostics[0].message, /duplicate key 'owner' \(first on line 3\)/);
    assert.deepEqual(diagnostics[0].data?.firstRange, rangeOf(text, 'owner'));
  });

  test('yaml.duplicate-key inside a nested flow mapping', () => {
    const text = `${HEAD}techStack:\n  - { id: a, id: b }\n`;
    assert.deepEqual(withCode(parseThreatModel(text).diagnostics, 'yaml.duplicate-key').map(brief), ['yaml.duplicate-key@4:14-4:16']);
  });

  test('yaml.warning: an unknown tag is a warning at the tag, and the value still validates as a string', () => {
    const text = `${HEAD}owner: !!binary aGVsbG8=\n`;
    const diagnostics = parseThreatModel(text).diagnostics;
    assert.deepEqual(diagnostics.map((d) => `${brief(d)} ${d.severity}`), ['yaml.warning@3:8-3:16 warning']);
  });

  test('yaml.multiple-documents: a second document', () => {
    const diagnostics = parseThreatModel(`${HEAD}---\nfoo: 1\n`).diagnostics;
    assert.deepEqual(diagnostics.map((d) => d.code), ['yaml.multiple-documents']);
    assert.equal(diagnostics[0].range.start.line, 2);
  });

  test('yaml.alias: an alias without anchor is reported at the alias; the rest is still schema-checked', () => {
    const text = `${HEAD}controls: *nope\npolicy: { minCoverage: high }\n`;
    const diagnostics = parseThreatModel(text).diagnostics;
    assert.deepEqual(diagnostics.map(brief), ['yaml.alias@3:11-3:16', 'schema.enum@4:24-4:28']);
    assert.equal(diagnostics[0].data?.reason, 'unresolved');
  });

  test('yaml.alias: aliases that resolve are fine (negative)', () => {
    const text = `${HEAD}techStack:\n  - { id: a, platforms: &p [Windows] }\n  - { id: b, platforms: *p }\n`;
    const { diagnostics, model } = parseThreatModel(text);
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(model?.techStack[1].platforms.map((p) => p.value), ['Windows']);
  });

  test('yaml.alias: an alias inside its own anchor', () => {
    const text = `${HEAD}techStack: &s [ { id: a }, *s ]\n`;
    const aliases = withCode(parseThreatModel(text).diagnostics, 'yaml.alias');
    assert.deepEqual(aliases.map(brief), ['yaml.alias@3:28-3:30']);
    assert.equal(aliases[0].data?.reason, 'recursive');
  });

  test(`yaml.alias: a billion-laughs document stops at ${MAX_ALIAS_EXPANSION} expanded nodes, reported once`, () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (const [name, prev] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e']]) {
      lines.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    }
    const aliases = withCode(parseThreatModel(`${HEAD}${lines.join('\n')}\n`).diagnostics, 'yaml.alias');
    assert.equal(aliases.length, 1);
    assert.equal(aliases[0].data?.reason, 'limit');
  });

  test('a document that is not a mapping yields no model, only diagnostics', () => {
    const result = parseThreatModel('- just\n- a list\n');
    assert.equal(result.model, undefined);
    assert.deepEqual(result.diagnostics.map((d) => d.code), ['schema.type']);
  });
});
