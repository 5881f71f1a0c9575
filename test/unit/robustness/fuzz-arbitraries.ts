/**
 * fast-check generators for the pipeline fuzzer: structurally plausible threat models and control inventories
 * with real-looking ATT&CK IDs (valid in the fixture world, revoked, deprecated, unknown, malformed), rendered
 * as YAML in block or flow style, then optionally mutated with YAML-significant tokens or replaced by garbage.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';

const pick = <T>(values: readonly T[]) => fc.constantFrom(...values);

const techniqueId = pick(['T1000', 'T1000.001', 'T1000.002', 'T1001', 'T1002', 'T1003', 'T1004', 'T1005', 'T1006', 'T1059', 'T1059.001', 'T9999', 't1001', 'T10', 'T1000.1', 'TA0001', 'G0001', '']);
const groupId = pick(['G0001', 'G0002', 'G0003', 'G9999', 'C0001', 'S0001', 'T1000', 'g0001', 'G1']);
const mitigationId = pick(['M0001', 'M0002', 'M0003', 'M9999', 'T1001', 'M1']);
const platform = pick(['Windows', 'Linux', 'macOS', 'Containers', 'IaaS', 'SaaS', 'Identity Provider', 'Office Suite', 'Network Devices', 'Azure AD', 'PRE', 'windows', 'None', '']);
const level = pick(['none', 'minimal', 'partial', 'significant', 'full', 3, null]);
/** Small strings, often hostile: YAML indicators, unicode, control characters, `__proto__`. */
const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  pick(['__proto__', 'constructor', 'prototype', '&a', '*a', '!!binary', '<<', '~', 'null', 'yes', '0x1F', '1e400', '.nan', '"', "'", ':', '- ', '#', '\t', '\r\n', '\u2028', '\ufeff', '😀', 'a'.repeat(300)]),
  fc.integer(),
  fc.boolean(),
);

const techniqueEntry = fc.oneof(techniqueId, fc.record({ id: techniqueId, name: text, coverage: level, function: pick(['protect', 'detect', 'respond', 'other']) }, { requiredKeys: ['id'] }));

const component = fc.record({
  id: fc.oneof(pick(['laptops', 'k8s', 'web', 'hmi', '__proto__']), text),
  name: text,
  platforms: fc.array(platform, { maxLength: 4 }),
  assets: fc.array(pick(['A0001', 'A0002', 'HMI', 'Old Asset', 'A9999']), { maxLength: 2 }),
  exposure: pick(['internet-facing', 'internal', 'isolated', 'nowhere']),
  crownJewel: fc.oneof(fc.boolean(), text),
}, { requiredKeys: ['id'] });

const adversary = fc.oneof(
  fc.record({ group: groupId, includeSoftware: fc.boolean(), motivation: pick(['financial', 'espionage', 'greed']) }, { requiredKeys: ['group'] }),
  fc.record({ campaign: groupId }),
  fc.record({ software: groupId }),
  fc.record({ name: text, techniques: fc.array(techniqueEntry, { maxLength: 5 }), source: fc.record({ kind: pick(['OSINT', 'ISAC', 'bogus']), ref: text, date: text, confidence: pick(['low', 'medium', 'high', 'x']) }, { requiredKeys: [] }) }, { requiredKeys: ['name'] }),
);

/** A threat model as data (mostly valid, fields sometimes missing or of the wrong kind). */
export const threatModelData = fc.record({
  threatModel: fc.oneof({ weight: 9, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: text }),
  name: text,
  attack: fc.record({ domain: pick(['enterprise-attack', 'mobile-attack', 'ics-attack', 'pre-attack']), version: pick(['2.0', '1.0', '18.1', 2, '']) }, { requiredKeys: ['domain'] }),
  techStack: fc.array(component, { maxLength: 5 }),
  adversaries: fc.array(adversary, { maxLength: 5 }),
  techniques: fc.record({ include: fc.array(techniqueId, { maxLength: 3 }), exclude: fc.array(fc.record({ id: techniqueId, reason: text }), { maxLength: 3 }) }, { requiredKeys: [] }),
  controls: fc.array(pick(['./robust.controls.yaml', '../x.controls.yaml', '/etc/passwd', 'missing.controls.yaml']), { maxLength: 2 }),
  policy: fc.record({ minCoverage: level }),
}, { requiredKeys: ['threatModel', 'name'] });

/** A control inventory as data. */
export const inventoryData = fc.record({
  controlInventory: fc.oneof({ weight: 9, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: text }),
  name: text,
  controls: fc.array(fc.record({
    id: fc.oneof(pick(['EDR-01', 'MFA', 'EDR-01', '__proto__']), text),
    name: text,
    status: pick(['implemented', 'partial', 'planned', 'retired', 'broken']),
    appliesTo: fc.array(fc.oneof(pick(['laptops', 'k8s', 'nope']), text), { maxLength: 3 }),
    mitigations: fc.array(fc.oneof(mitigationId, fc.record({ id: mitigationId, coverage: level })), { maxLength: 3 }),
    techniques: fc.array(techniqueEntry, { maxLength: 4 }),
  }, { requiredKeys: ['id'] }), { maxLength: 6 }),
}, { requiredKeys: ['controlInventory', 'controls'] });

const TOKENS = ['&a ', '*a', '*b', '!!binary ', '!!set ', '!!timestamp ', '!custom ', '<<: *a\n', '---\n', '...\n', '%YAML 1.1\n', '%TAG ! tag:x,2000:\n', '[', ']', '{', '}', '"', "'", '\t', '\r', '\ufeff', ': ', '- ', '? ', '#', '|', '>-', '\n  ', '\\', '\u0000', '\ud800', '__proto__: ', ' &x [*x]', '[[[[[[[[', '}}}}',
  // Issue 15: terminal escapes, forged CI log commands, bidi, markup, and nesting past the parse limit.
  '\u001b[2J', '\u001b]8;;http://evil.example/\u001b\\', '\u009b', '\u202e', '\u2066', '\u2028', '\n::error file=x::y\n', '`<img src=x onerror=alert(1)>`', 'javascript:alert(1)',
  '- '.repeat(450), '? '.repeat(450), '['.repeat(900), '[ a: '.repeat(450), '- ['.repeat(300)];

/** One edit of the text: insert a token or random string, delete a span, repeat a line, or cut the text. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), what: fc.oneof(pick(TOKENS), fc.string({ maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 4 })) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ kind: fc.constant('repeat-line' as const), at: fc.nat(), times: fc.integer({ min: 1, max: 10 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function applyMutation(source: string, m: Mutation): string {
  const at = source.length === 0 ? 0 : m.at % (source.length + 1);
  switch (m.kind) {
    case 'insert': return source.slice(0, at) + m.what + source.slice(at);
    case 'delete': return source.slice(0, at) + source.slice(at + m.length);
    case 'truncate': return source.slice(0, at);
    case 'repeat-line': {
      const lines = source.split('\n');
      const i = m.at % Math.max(lines.length, 1);
      lines.splice(i, 0, ...Array<string>(m.times).fill(lines[i] ?? ''));
      return lines.join('\n');
    }
  }
}

const render = (data: unknown, flow: boolean) => stringify(data, { flowCollectionPadding: true, ...(flow ? { collectionStyle: 'flow' as const } : {}) });

/** YAML text for one file: rendered data, unchanged (1 in 3) or mutated 1–4 times, or (1 in 10) plain garbage. */
export function yamlText(data: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  const edits = fc.oneof({ weight: 1, arbitrary: fc.constant([]) }, { weight: 2, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 4 }) });
  return fc.oneof(
    { weight: 9, arbitrary: fc.tuple(data, fc.boolean(), edits).map(([d, flow, ms]) => ms.reduce(applyMutation, render(d, flow))) },
    { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 100 }), fc.array(pick(TOKENS), { maxLength: 40 }).map((t) => t.join(''))) },
  );
}
