/**
 * The text helpers every message and output goes through (src/core/text): excerpts, visible escapes, lines a
 * terminal or CI log cannot act on, Markdown that renders as exactly its string, https-only links, JSON without
 * raw control characters. Properties over arbitrary strings (fast-check), plus the cases that matter.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { jsonErrorPlace, jsonText } from '../../../src/core/text/json-text';
import { httpsUrl } from '../../../src/core/text/links';
import { mdCode, mdLink, mdText } from '../../../src/core/text/markdown';
import { escapeControls, excerpt, excerptPath, quote, terminalLine, terminalText } from '../../../src/core/text/safe-text';

// eslint-disable-next-line no-control-regex -- the test looks for exactly these characters
const RAW = new RegExp('[\\u0000-\\u001f\\u007f-\\u009f\\u061c\\u200b\\u200e\\u200f\\u2028-\\u202e\\u2060-\\u2069\\ufeff\\ufff9-\\ufffb]|[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]');
/** Strings with every kind of character that matters: controls, bidi, surrogates, Markdown punctuation. */
const nasty = fc.string({ unit: fc.oneof(fc.constantFrom('\u001b', '\n', '\r', '\t', '\u0000', '\u007f', '\u009b', '\u202e', '\u2066', '\u2028', '\ufeff', '\ud83d', '\ude00', '`', '<', '>', '[', ']', '(', ')', '\\', '|', '*', '_', '&', ':', '#', '$', '.', '-', '!', '~', '@', ' '), fc.constantFrom('a', 'Z', '0', 'é', '中', '😀', 'ש')), maxLength: 200 });

/** Undoes escapeControls (for strings without a backslash of their own). */
const unescape = (s: string) => s.replace(/\\(n|r|t|x([0-9a-f]{2})|u([0-9a-f]{4}))/g, (_, c: string, x?: string, u?: string) =>
  c === 'n' ? '\n' : c === 'r' ? '\r' : c === 't' ? '\t' : String.fromCharCode(parseInt(x ?? u ?? '0', 16)));
/** What CommonMark makes of escaped text: backslash escapes and numeric character references resolved. */
const renderInline = (s: string) => s.replace(/\\([!-/:-@[-`{-~])|&#x([0-9A-F]+);/g, (_, p?: string, hex?: string) => p ?? String.fromCharCode(parseInt(hex ?? '0', 16)));

describe('escapes and excerpts', () => {
  test('escapeControls leaves no control, bidi or lone surrogate, and undoes exactly', () => {
    fc.assert(fc.property(nasty.filter((s) => !s.includes('\\')), (s) => {
      const e = escapeControls(s);
      assert.doesNotMatch(e, RAW);
      assert.equal(unescape(e), s.replace(/\ufffd/g, '\ufffd'));
    }));
    assert.equal(escapeControls('a\u001b[2J\nb\u202e'), 'a\\x1b[2J\\nb\\u202e');
  });

  test('excerpt: at most 40 characters of the value, an ellipsis when cut, never half a surrogate pair', () => {
    fc.assert(fc.property(nasty, (s) => {
      const e = excerpt(s);
      const cut = e.endsWith('…') && Array.from(s).length > 40;
      const kept = cut ? e.slice(0, -1) : e;
      assert.doesNotMatch(e, RAW);
      if (!s.includes('\\')) assert.ok(Array.from(unescape(kept)).length <= 40);
      if (!cut) assert.equal(Array.from(s).length <= 40, true);
    }));
    assert.equal(excerpt('x'.repeat(41)), `${'x'.repeat(40)}…`);
    assert.equal(excerpt('😀'.repeat(50)), `${'😀'.repeat(40)}…`);
    assert.equal(quote('it\'s\n'), "'it's\\n'");
    assert.equal(excerptPath(`${'d/'.repeat(40)}file.yaml`), `…${`${'d/'.repeat(40)}file.yaml`.slice(-40)}`);
  });

  test('terminalLine: one line, and never a CI log command', () => {
    fc.assert(fc.property(nasty, fc.constantFrom('', '::', ' ::', '##[', '##vso['), (s, prefix) => {
      const line = terminalLine(prefix + s);
      assert.ok(!line.includes('\n'));
      assert.doesNotMatch(line, RAW);
      assert.doesNotMatch(line, /^\s*(::|##(vso)?\[)/);
    }));
    assert.equal(terminalLine('::error file=a::x'), '\\x3a:error file=a::x');
    assert.equal(terminalLine('  ##vso[task.setvariable]x'), '  \\x23#vso[task.setvariable]x');
    assert.equal(terminalText('a\n::warning::b\n'), 'a\n\\x3a:warning::b\n');
  });
});

describe('Markdown', () => {
  test('mdText renders as exactly its string and opens no markup', () => {
    fc.assert(fc.property(nasty, (s) => {
      const md = mdText(s);
      assert.doesNotMatch(md, RAW);
      // Every Markdown-significant ASCII punctuation is escaped: strip the escapes, none is left.
      assert.doesNotMatch(md.replace(/\\[!-/:-@[-`{-~]|&#x[0-9A-F]+;/g, ''), /[\\`*_{}[\]()#+\-.!|<>~&:@$]/);
      assert.equal(renderInline(md), s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'));
    }));
  });

  test('mdCode: a code span only when it can hold the string exactly', () => {
    assert.equal(mdCode('payments.threatmodel.yaml'), '`payments.threatmodel.yaml`');
    assert.equal(mdCode('m`<img src=x onerror=alert(1)>`.yaml'), mdText('m`<img src=x onerror=alert(1)>`.yaml'));
    assert.equal(mdCode('a\nb'), 'a&#xA;b');
    assert.equal(mdCode(' lead'), mdText(' lead'));
  });

  test('mdLink: https only, destination in angle brackets', () => {
    assert.equal(mdLink('T1059', 'https://attack.mitre.org/techniques/T1059/'), '[T1059](<https://attack.mitre.org/techniques/T1059/>)');
    for (const bad of ['javascript:alert(1)', 'http://attack.mitre.org/', 'data:text/html,x', '//evil.example/', 'https://u:p@evil.example/', ' javascript:x', 'JAVASCRIPT:x']) {
      assert.equal(mdLink('T1059', bad), 'T1059', bad);
    }
    assert.equal(mdLink('x', 'https://a.example/p>q<r s"t\\u`v'), '[x](<https://a.example/p%3Eq%3Cr%20s%22t/u%60v>)');
  });
});

describe('links and JSON', () => {
  test('httpsUrl', () => {
    assert.equal(httpsUrl('https://attack.mitre.org/techniques/T1059'), 'https://attack.mitre.org/techniques/T1059');
    assert.equal(httpsUrl(' https://attack.mitre.org/x'), 'https://attack.mitre.org/x');
    assert.equal(httpsUrl('https://attack.mitre.org/x\n'), 'https://attack.mitre.org/x');
    for (const bad of ['', 'javascript:alert(1)', 'vbscript:x', 'http://a.example/', 'file:///etc/passwd', 'https://:443', 'https://user@a.example/', `https://a.example/${'x'.repeat(3000)}`]) {
      assert.equal(httpsUrl(bad), undefined, bad);
    }
    fc.assert(fc.property(fc.string(), (s) => {
      const u = httpsUrl(s);
      if (u !== undefined) assert.match(u, /^https:\/\/[^\s<>"'`\\]+$/);
    }));
  });

  test('jsonText keeps exact strings and writes no raw control character', () => {
    fc.assert(fc.property(fc.jsonValue(), nasty, (v, s) => {
      const value = { v, s, [s]: s };
      const text = jsonText(value);
      assert.doesNotMatch(text.replace(/\n/g, ''), RAW, 'only the line breaks of the layout');
      assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(value)));
    }));
  });

  test('jsonErrorPlace: where JSON.parse stopped, never its message', () => {
    const place = (text: string) => {
      try {
        JSON.parse(text);
      } catch (e) {
        return jsonErrorPlace(text, e);
      }
      return 'parsed';
    };
    assert.equal(place('{\n  "a": 1\n  "b": 2\n}'), ' (line 3, column 3)');
    assert.equal(place('{"a":1'), ' (line 1, column 7)');
    assert.equal(place('{"a":1} root:x:0:0'), ' (line 1, column 9)');
    assert.ok(!place('root:x:0:0:root:/root').includes('root'));
  });
});
