/** docs/triage.md prints the shipped decision table: its rows must be the data's, in the data's order. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { DEFAULT_DECISION_TABLE, OUTCOME_LABELS } from '../../../src/core/triage/decision-table';

test('docs/triage.md shows every row of data/decision-table.json', () => {
  const doc = readFileSync('docs/triage.md', 'utf8');
  const block = doc.slice(doc.indexOf('<!-- decision-table:start'), doc.indexOf('<!-- decision-table:end'));
  const rows = block.split('\n').filter((l) => /^\| (reported|active) \|/.test(l)).map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));
  assert.deepEqual(rows, DEFAULT_DECISION_TABLE.rows.map((r) => [r.activity, r.automatable, r.exposure, r.missionImpact, OUTCOME_LABELS[r.outcome]]));
});
