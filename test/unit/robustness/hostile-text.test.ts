/**
 * Issue 15, "terminal-safe text, safe links": the same hostile strings — ESC sequences that clear the screen and
 * plant OSC 8 hyperlinks, a newline followed by a forged `::error` CI log command, C1 CSI, bidi overrides and
 * isolates, a line separator, backticks, `<img onerror>`, Markdown links to `javascript:`, bare URLs, `$math$` —
 * in a model's names, an exclusion reason, a model file name, and a small STIX bundle of our own whose
 * techniques carry such names and `javascript:` / `http:` / broken URLs. The text report and stderr show them
 * as visible escapes, one line each; Markdown escapes every one (code spans included); only https URLs become
 * links; JSON, SARIF and the Navigator layer keep the exact strings, encoded without raw control characters.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { miniBundle } from '../coverage/fixture';
import { Scratch } from './hostile-files';

const ESC = '\u001b';
const HOSTILE = [
  `${ESC}[2J${ESC}]8;;http://evil.example/${ESC}\\click me${ESC}]8;;${ESC}\\`,
  'line one\n::error file=payments.threatmodel.yaml,line=1::forged\r\n##[error]forged too',
  '\u009b2J C1 CSI',
  'abc\u202Eevil\u2066iso\u2069\u200F\u2028sep',
  'tick`s ``here`` <img src=x onerror=alert(1)>',
  '[click](javascript:alert(1)) https://evil.example/x www.evil.example a@b.example $x^2$ | pipe *em* _u_ ~s~ # h',
].join(' · ');

const SID = (type: string, n: number) => `${type}--00000000-0000-4000-8000-9999${String(n).padStart(8, '0')}`;
/** The mini world plus techniques whose names are hostile and whose URLs are not https. */
const bundle = miniBundle((add, ids) => {
  const technique = (n: number, id: string, url: string) => {
    const o = add({
      type: 'attack-pattern', id: SID('attack-pattern', n), name: `${id} ${HOSTILE}`, description: HOSTILE,
      kill_chain_phases: [{ kill_chain_name: 'mitre-attack', phase_name: 'execution' }], x_mitre_platforms: ['Windows'],
      external_references: [{ source_name: 'mitre-attack', external_id: id, url }],
    });
    ids.set(id, o.id);
  };
  technique(1, 'T1006', 'javascript:alert(document.domain)');
  technique(2, 'T1007', 'http://attack.mitre.org/techniques/T1007');
  technique(3, 'T1008', 'https://attack.mitre.org/techniques/T1008) [evil](javascript:alert(1)');
  technique(4, 'T1009', ' data:text/html,<script>alert(1)</script>');
});

const yamlString = (s: string) => JSON.stringify(s); // a JSON string is a YAML double-quoted scalar
const MODEL_FILE = 'm`<img src=x onerror=alert(1)>`.threatmodel.yaml';
const model = `threatModel: 1
name: ${yamlString(HOSTILE)}
attack: { domain: enterprise-attack, version: "1.0" }
techStack:
  - { id: win, platforms: [Windows] }
adversaries:
  - name: ${yamlString(HOSTILE)}
    techniques: [T1000, T1006, T1007, T1008, T1009, T1003]
techniques:
  exclude: [{ id: T1003, reason: ${yamlString(HOSTILE)} }]
controls: [./c.controls.yaml]
`;
// A name that disagrees with the technique it names: a warning on stderr that quotes it.
const controls = `controlInventory: 1
controls:
  - id: EDR
    name: Endpoint detection
    techniques: [{ id: T1000.001, name: ${yamlString(HOSTILE)} }]
`;

/** Raw characters no output may carry: C0 except LF, DEL, C1, bidi controls, line and paragraph separators. */
// eslint-disable-next-line no-control-regex -- the test looks for exactly these characters
const RAW_CONTROL = new RegExp('[\\u0000-\\u0009\\u000b-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069\\u2028\\u2029]');
/** A line a CI system would run as a command (GitHub Actions, Azure Pipelines). */
const LOG_COMMAND = /^\s*(::|##(vso)?\[)/m;

describe('hostile strings in every output', () => {
  const scratch = new Scratch(bundle);
  const out: Record<string, { status: number; out: string; err: string }> = {};
  before(async () => {
    scratch.write(MODEL_FILE, model);
    scratch.write('c.controls.yaml', controls);
    for (const format of ['text', 'json', 'markdown', 'sarif', 'navigator']) out[format] = await scratch.check(MODEL_FILE, format);
    out.validate = await scratch.cli('validate', MODEL_FILE, 'c.controls.yaml', '--attack-data', scratch.dir);
  });
  after(() => scratch.remove());

  test('the check runs: the hostile strings are data, not errors', () => {
    for (const [name, run] of Object.entries(out)) assert.ok(run.status === 0, `${name}: exit ${run.status}\n${run.err}${run.out.slice(0, 2000)}`);
    assert.match(out.validate.err, /warning attack\.name-mismatch/);
  });

  test('text report: every hostile character is a visible escape, no forged line', () => {
    const text = out.text.out;
    assert.doesNotMatch(text, RAW_CONTROL);
    assert.doesNotMatch(text, LOG_COMMAND);
    assert.ok(text.includes('\\x1b[2J\\x1b]8;;http://evil.example/\\x1b\\click me'), 'ESC shows as \\x1b');
    assert.ok(text.includes('line one\\n::error file='), 'the newline shows as \\n, inline');
    assert.ok(text.includes('\\x9b2J C1 CSI'));
    assert.ok(text.includes('abc\\u202eevil\\u2066iso\\u2069\\u200f\\u2028sep'));
    assert.equal(text.split('\n')[0]?.startsWith('\\x1b[2J'), true, 'the model name heads the report, escaped');
  });

  test('stderr: one line per diagnostic, escaped, no forged command', () => {
    for (const run of Object.values(out)) {
      assert.doesNotMatch(run.err, RAW_CONTROL);
      assert.doesNotMatch(run.err, LOG_COMMAND);
      for (const line of run.err.split('\n').filter(Boolean)) assert.match(line, /^(\S+:\d+:\d+ (error|warning|information|hint) [a-z]+\.[a-z-]+ |threat-overlap: )/, line);
    }
  });

  test('markdown: every user string escaped, code spans included; only https links', () => {
    const md = out.markdown.out;
    assert.doesNotMatch(md, RAW_CONTROL);
    // No HTML of ours but <sub>: every other `<` is escaped or opens an https link destination.
    for (const m of md.matchAll(/</g)) {
      const at = m.index;
      const ok = md[at - 1] === '\\' || md.startsWith('<sub>', at) || md.startsWith('</sub>', at) || md.startsWith('<https://', at) && md.slice(at - 2, at) === '](';
      assert.ok(ok, `raw < at ${at}: ${md.slice(Math.max(0, at - 40), at + 40)}`);
    }
    // No backtick opens a code span: the model's file name holds backticks, so it is escaped text.
    for (const m of md.matchAll(/`/g)) assert.equal(md[m.index - 1], '\\', `raw backtick at ${m.index}: ${md.slice(Math.max(0, m.index - 40), m.index + 40)}`);
    assert.ok(md.includes('Model m\\`\\<img src=x onerror=alert\\(1\\)\\>\\`\\.threatmodel\\.yaml'), 'the file name, escaped');
    // Link destinations as CommonMark reads them: `<…>` runs to the first `>`, else to the first `)` or space.
    const destinations = [...md.matchAll(/\]\((<[^>\n]*>|[^)\s]*)\)/g)].map((m) => m[1] ?? '');
    assert.ok(destinations.length > 0);
    for (const d of destinations) assert.match(d, /^<https:\/\/attack\.mitre\.org\/techniques\/T10\d\d[^<>\s]*>$/, d);
    assert.ok(!md.replace(/\]\(<[^>\n]*>\)/g, '](…)').includes('javascript:'), 'no javascript: outside an https destination (the colon is escaped in text)');
    assert.ok(!/\[T1006\]|\[T1007\]|\[T1009\]/.test(md), 'no link for javascript:, http: or data: URLs');
    assert.ok(md.includes('[T1008](<https://attack.mitre.org/techniques/T1008)%20[evil](javascript:alert(1)>)'), 'an https URL stays one link destination');
    assert.ok(md.includes('&#x1B;\\[2J'), 'controls are character references');
    assert.ok(md.includes('line one&#xA;\\:\\:error'), 'a newline cannot end a table row');
  });

  test('JSON: exact strings, no raw control characters, only https URLs', () => {
    assert.doesNotMatch(out.json.out, RAW_CONTROL);
    const r = JSON.parse(out.json.out) as { model: { name: string; file: string }; techniques: { id: string; name: string; url: string; exclusion?: { reason: string }; evidence: { adversaries: { label: string }[] } }[] };
    assert.equal(r.model.name, HOSTILE);
    assert.equal(r.model.file, MODEL_FILE);
    const t = (id: string) => r.techniques.find((x) => x.id === id);
    assert.equal(t('T1006')?.name, `T1006 ${HOSTILE}`);
    assert.equal(t('T1006')?.evidence.adversaries[0]?.label, HOSTILE);
    assert.equal(t('T1003')?.exclusion?.reason, HOSTILE);
    assert.equal(t('T1006')?.url, '', 'javascript: is no URL');
    assert.equal(t('T1007')?.url, '', 'http: is no URL');
    assert.equal(t('T1009')?.url, '', 'data: is no URL');
    assert.equal(t('T1008')?.url, 'https://attack.mitre.org/techniques/T1008)%20[evil](javascript:alert(1)');
    assert.ok(out.json.out.includes('\\u202e') && out.json.out.includes('\\u009b') && out.json.out.includes('\\u2028'), 'encoded as \\u escapes');
  });

  test('SARIF: exact messages, helpUri only for https', () => {
    assert.doesNotMatch(out.sarif.out, RAW_CONTROL);
    const s = JSON.parse(out.sarif.out) as { runs: { tool: { driver: { rules: { id: string; helpUri?: string; shortDescription: { text: string } }[] } }; results: { ruleId: string; message: { text: string } }[] }[] };
    const run = s.runs[0]!;
    const rule = (id: string) => run.tool.driver.rules.find((r) => r.id === id);
    for (const id of ['T1006', 'T1007', 'T1009']) assert.equal(rule(id)?.helpUri, undefined, id);
    assert.equal(rule('T1008')?.helpUri, 'https://attack.mitre.org/techniques/T1008)%20[evil](javascript:alert(1)');
    assert.equal(rule('T1006')?.shortDescription.text, `ATT&CK T1006 T1006 ${HOSTILE}: relevant and not covered`);
    assert.ok(run.results.find((r) => r.ruleId === 'T1006')?.message.text.includes(`is used by ${HOSTILE} and coverage`));
  });

  test('Navigator layer: exact strings, links only to https', () => {
    assert.doesNotMatch(out.navigator.out, RAW_CONTROL);
    const layer = JSON.parse(out.navigator.out) as { name: string; techniques: { techniqueID: string; comment: string; links?: { url: string }[] }[] };
    assert.equal(layer.name, `Threat Overlap: ${HOSTILE}`.slice(0, 200));
    const t = (id: string) => layer.techniques.find((x) => x.techniqueID === id);
    for (const id of ['T1006', 'T1007', 'T1009']) assert.equal(t(id)?.links, undefined, id);
    assert.equal(t('T1008')?.links?.[0]?.url, 'https://attack.mitre.org/techniques/T1008)%20[evil](javascript:alert(1)');
    assert.equal(t('T1003')?.comment, `Excluded: ${HOSTILE}`);
  });
});
