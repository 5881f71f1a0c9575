import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseJsonc, stripJsonc } from '../../../src/core/data/jsonc';

describe('parseJsonc', () => {
  test('line and block comments, and trailing commas in objects and arrays', () => {
    const text = '{\n  // a comment\n  "a": [1, 2,], /* block\n comment */ "b": { "c": true, },\n}';
    assert.deepEqual(parseJsonc(text), { a: [1, 2], b: { c: true } });
  });
  test('comment markers and commas inside strings are text', () => {
    assert.deepEqual(parseJsonc('{"url": "http://x//y/*z*/", "s": "a,}", "q": "say \\"hi\\" // not a comment"}'), {
      url: 'http://x//y/*z*/',
      s: 'a,}',
      q: 'say "hi" // not a comment',
    });
  });
  test('a trailing comma followed by a comment before the closing brace', () => {
    assert.deepEqual(parseJsonc('{"a": 1, // last\n}'), { a: 1 });
  });
  test('keeps offsets: comments become spaces, newlines stay', () => {
    const text = '{"a": 1 /* x\ny */}';
    assert.equal(stripJsonc(text).length, text.length);
    assert.equal(stripJsonc(text).split('\n').length, 2);
  });
  test('invalid JSON still throws', () => {
    assert.throws(() => parseJsonc('{"a": }'), SyntaxError);
    assert.throws(() => parseJsonc('{"a": 1,, }'), SyntaxError);
  });
});
