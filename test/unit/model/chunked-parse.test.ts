import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Document } from 'yaml';
import { parseChunked, parseWhole } from '../../../src/core/model/chunked-parse';
import type { ParsedText } from '../../../src/core/model/chunked-parse';
import { parseThreatModel } from '../../../src/core/model/index';
import { checkThreatModel, fixesFor } from '../../../src/core/validation/index';
import { applyEdits, rangeOf } from '../../fixtures/model/text';
import { ENTERPRISE } from '../../fixtures/model/validation';

const OPTIONS = { version: '1.2', schema: 'core', merge: false, resolveKnownTags: false, uniqueKeys: true, prettyErrors: false, strict: true } as const;

/**
 * Every node as `kind@start-end value`, depth first: two parses are the same when their lists are. The third
 * range offset (end including trailing comments and the next line's indentation) may differ at a chunk's
 * end; nothing reads it (positions.ts derives ends from content).
 */
function shape(doc: Document.Parsed): string[] {
  const out: string[] = [];
  const walk = (node: unknown, depth: number): void => {
    const pad = ' '.repeat(depth);
    if (isPair(node)) {
      walk(node.key, depth);
      walk(node.value, depth + 1);
    } else if (isMap(node) || isSeq(node)) {
      out.push(`${pad}${isMap(node) ? 'map' : 'seq'}${node.flow ? '(flow)' : ''}@${node.range?.slice(0, 2).join('-')}`);
      for (const item of node.items) walk(item, depth + 1);
    } else if (isScalar(node)) {
      out.push(`${pad}${node.type}@${node.range?.slice(0, 2).join('-')} ${JSON.stringify(node.value)}`);
    } else {
      out.push(`${pad}${String(node)}`);
    }
  };
  walk(doc.contents, 0);
  return out;
}

function assertSame(chunked: ParsedText | undefined, whole: ParsedText): void {
  assert.ok(chunked, 'took the chunked path');
  assert.deepEqual(shape(chunked.doc), shape(whole.doc));
  assert.deepEqual(chunked.lineCounter.lineStarts, whole.lineCounter.lineStarts);
  assert.deepEqual(chunked.comments, whole.comments);
  assert.deepEqual([chunked.doc.errors.length, chunked.doc.warnings.length], [0, 0]);
}

/** A large model with every construct the chunker meets: comments, flow and block collections, quotes, block scalars. */
function bigModel(items = 120): string {
  const lines = [
    '# A large model.', '', 'threatModel: 1', 'name: "Big # not a comment"', 'description: |', '  Several lines', '  of text.',
    "attack: { domain: enterprise-attack, version: '18.1' }   # pinned", 'techStack:',
  ];
  for (let i = 0; i < 30; i++) lines.push(`  - id: c${i}   # component ${i}`, `    platforms: [Windows, Linux]`, i % 2 ? '    crownJewel: true' : '    exposure: internal');
  lines.push('# adversaries follow', 'adversaries:', '  # a comment before the first item');
  for (let i = 0; i < items; i++) {
    if (i % 3 === 0) lines.push(`  - { group: G${String(1000 + i)}, motivation: financial }   # Group ${i}`);
    else lines.push(`  - name: 'Intel ''${i}'''`, '    techniques:', `      - T${1000 + i}   # Technique ${i}`, `      - { id: T${1000 + i}.001, name: "Sub: ${i}" }`, '', '    # between items');
  }
  lines.push('techniques:', '  exclude:', '    - { id: T1200, reason: No physical access }', 'controls: [./a.controls.yaml]', 'policy:', '  minCoverage: partial');
  return `${lines.join('\n')}\n`;
}

describe('chunked parsing of large documents', () => {
  test('gives exactly the whole parse: every node and range, line starts, comments', () => {
    const text = bigModel();
    assertSame(parseChunked(text, OPTIONS), parseWhole(text, OPTIONS));
  });

  test('after edits, reused chunks are placed at their new offsets', () => {
    const text = bigModel();
    parseChunked(text, OPTIONS);
    for (const edited of [
      text.replace('- id: c3 ', '- id: c3-longer-name '),
      text.replace("name: 'Intel ''4'''", "name: 'Intel 4'"),
      text.replace('policy:\n  minCoverage: partial', 'policy:\n  minCoverage: significant'),
      text.replace('# A large model.\n', ''),
    ]) {
      assert.notEqual(edited, text);
      assertSame(parseChunked(edited, OPTIONS), parseWhole(edited, OPTIONS));
    }
  });

  test('a later parse never changes the nodes of an earlier one (chunks are shared, never mutated)', () => {
    const text = bigModel();
    const before = parseChunked(text, OPTIONS);
    assert.ok(before);
    const snapshot = shape(before.doc);
    parseChunked(`# one more line\n${text}`, OPTIONS);
    parseChunked(text.replace('- id: c3 ', '- id: c3-renamed '), OPTIONS);
    assert.deepEqual(shape(before.doc), snapshot);
  });

  test('the typed model and diagnostics of a big model are those of its parts', () => {
    const parse = parseThreatModel(bigModel());
    assert.deepEqual(parse.diagnostics, []);
    assert.equal(parse.model?.techStack.length, 30);
    assert.equal(parse.model?.adversaries.length, 120);
    assert.equal(parse.model?.name, 'Big # not a comment');
  });

  test('quick fixes edit a chunked document at the right place', () => {
    const text = bigModel().replace('      - T1004   # Technique 4\n', '      - T1005   # Dusty Technique\n');
    const parse = parseThreatModel(text);
    const [deprecated] = checkThreatModel(parse, ENTERPRISE).filter((d) => d.code === 'attack.deprecated');
    assert.deepEqual(deprecated.range, rangeOf(text, 'T1005'));
    const [remove] = fixesFor(deprecated, parse.yaml);
    assert.equal(applyEdits(text, remove.edits), text.replace('      - T1005   # Dusty Technique\n', ''));
  });

  test('falls back to the whole parse for small or unusual documents', () => {
    const big = bigModel();
    const cases: Record<string, string> = {
      small: 'threatModel: 1\nname: X\n',
      anchors: big.replace('platforms: [Windows, Linux]', 'platforms: &p [Windows, Linux]'),
      'a syntax error in one item': big.replace('{ group: G1003, motivation: financial }', '{ group: G1003, motivation: financial'),
      'duplicate top-level keys': `${big}name: again\n`,
      'a second document': `${big}---\nfoo: 1\n`,
      tabs: big.replace('# between items', '\t# between items'),
      CRLF: big.replace(/\n/g, '\r\n'),
    };
    for (const [what, text] of Object.entries(cases)) assert.equal(parseChunked(text, OPTIONS), undefined, what);
  });

  test('syntax errors in a large document are reported as the whole parse reports them', () => {
    const text = bigModel().replace('{ group: G1003, motivation: financial }', '{ group: G1003, motivation: financial');
    const diagnostics = parseThreatModel(text).diagnostics;
    assert.ok(diagnostics.some((d) => d.code === 'yaml.syntax'));
    assert.deepEqual(diagnostics.map((d) => d.data?.yamlCode).filter(Boolean), parseWhole(text, OPTIONS).doc.errors.map((e) => e.code));
  });
});
