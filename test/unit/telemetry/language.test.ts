/** Completion and hover for telemetry: data components offered in `collects`, their log sources on hover. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildIndexFromText } from '../../../src/core/attack/index';
import { attackCandidates } from '../../../src/core/language/attack-candidates';
import { hoverCard } from '../../../src/core/language/hover-card';
import { valueKindAt } from '../../../src/core/language/value-kinds';
import { text } from '../../fixtures/attack/bundles';
import { detectionBundle } from '../../fixtures/attack/detection';

const index = buildIndexFromText(text(detectionBundle()), 'enterprise-attack-18.1.json');

test('telemetry.collects completes data components by ID or name; appliesTo completes components', () => {
  const kind = valueKindAt('control-inventory', ['telemetry', 'collects']);
  assert.deepEqual(kind, { type: 'attack', kinds: ['data-component'] });
  assert.deepEqual(valueKindAt('control-inventory', ['telemetry', 'appliesTo']), { type: 'component' });
  if (kind?.type !== 'attack') return;
  assert.deepEqual(attackCandidates(index, kind.kinds, 'process').map((c) => c.object.id), ['DC0032']);
  assert.deepEqual(attackCandidates(index, kind.kinds, 'DC00').map((c) => c.object.id), ['DC0032', 'DC0064', 'DC0078'], 'live ones only, in ID order');
});

test('the hover card of a data component lists its log sources', () => {
  const card = hoverCard(index, index.get('DC0032')!);
  assert.match(card, /^\*\*DC0032 Process Creation\*\* · data-component/);
  assert.match(card, /Log sources: WinEventLog\\:Security, WinEventLog\\:Sysmon, auditd\\:SYSCALL/);
});
