/** Detection data in the index (ATT&CK ≥ 18): data components' log sources, analytics, detection strategies. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildIndexFromText, deserializeIndex, serializeIndex } from '../../../src/core/attack/index';
import type { Analytic, DataComponent, DetectionStrategy } from '../../../src/core/attack/types';
import { text } from '../../fixtures/attack/bundles';
import { detectionBundle } from '../../fixtures/attack/detection';
import { realIndex, skipUnless } from '../../fixtures/model/real-data';

describe('detection data in the index (fixture)', () => {
  const index = buildIndexFromText(text(detectionBundle()), 'enterprise-attack-18.1.json');

  test('data components keep their log sources; a deprecated one is retired', () => {
    const dc = index.get('DC0032', 'data-component') as DataComponent;
    assert.deepEqual(dc.logSources, [
      { name: 'WinEventLog:Security', channel: 'EventCode=4688' }, { name: 'WinEventLog:Sysmon', channel: 'EventCode=1' }, { name: 'auditd:SYSCALL', channel: 'execve' },
    ]);
    assert.equal(index.get('DC0099'), undefined);
    assert.equal(index.retired('DC0099')[0]?.kind, 'data-component');
  });

  test('analytics: platforms, references resolved to data component IDs (dangling ones dropped), mutable elements', () => {
    const a = index.get('AN0101', 'analytic') as Analytic;
    assert.deepEqual(a.platforms, ['Windows']);
    assert.deepEqual(a.logSourceRefs, [{ dataComponentId: 'DC0032', name: 'WinEventLog:Sysmon', channel: 'EventCode=1' }]);
    assert.deepEqual(a.mutableElements.map((m) => m.field), ['ParentProcessName', 'TimeWindow']);
    assert.ok(Object.isFrozen(a.logSourceRefs) && Object.isFrozen(a.logSourceRefs[0]) && Object.isFrozen(a.mutableElements));
  });

  test('detection strategies: analytic IDs in order (dangling dropped), detects → technique', () => {
    const s = index.get('DET0001', 'detection-strategy') as DetectionStrategy;
    assert.deepEqual(s.analyticIds, ['AN0101']);
    assert.deepEqual(index.relatedFrom('T1059.001', 'detects'), ['DET0001']);
    assert.deepEqual(index.related('DET0003', 'detects'), ['T1486']);
  });

  test('the compact form round-trips every detection field', () => {
    const back = deserializeIndex(serializeIndex(index));
    // The list fields are getters (decoded on first read): compare them explicitly, not only the own properties.
    const view = (o: unknown) => {
      const x = o as Record<string, unknown>;
      return { ...x, logSources: x.logSources, platforms: x.platforms, logSourceRefs: x.logSourceRefs, mutableElements: x.mutableElements, analyticIds: x.analyticIds };
    };
    for (const kind of ['data-component', 'analytic', 'detection-strategy'] as const) {
      assert.deepEqual(back.list(kind).map(view), index.list(kind).map(view), kind);
      assert.ok(back.list(kind).length > 0);
    }
    assert.deepEqual((back.get('AN0101') as Analytic).mutableElements.map((m) => m.field), ['ParentProcessName', 'TimeWindow']);
    assert.deepEqual(serializeIndex(back), serializeIndex(index), 'a warm index serializes to the same bytes');
    assert.deepEqual(back.retired('DC0099'), index.retired('DC0099'));
  });
});

describe('detection data of the real bundles', () => {
  test('Enterprise 18.1: 109 data components (106 live), 1,739 analytics, 691 strategies, each live technique detected', { skip: skipUnless('enterprise-attack-18.1.json') }, () => {
    const index = realIndex('enterprise-attack-18.1.json');
    assert.equal(index.list('data-component').length, 106, '109 in the bundle, 3 of them deprecated');
    assert.equal(index.list('analytic').length, 1739);
    assert.equal(index.list('detection-strategy').length, 691);
    let refs = 0;
    for (const a of index.list('analytic') as Analytic[]) {
      for (const r of a.logSourceRefs) {
        refs++;
        assert.ok(index.get(r.dataComponentId, 'data-component'), `${a.id} → ${r.dataComponentId} is a live data component`);
      }
    }
    assert.equal(refs, 4126, 'every log source reference of every analytic resolved');
    for (const s of index.list('detection-strategy') as DetectionStrategy[]) assert.ok(s.analyticIds.length > 0 && s.analyticIds.every((id) => index.get(id, 'analytic')), s.id);
    assert.ok(index.techniques.every((t) => index.relatedFrom(t.id, 'detects').some((id) => id.startsWith('DET'))));
    const ps = index.get('DC0032', 'data-component') as DataComponent;
    assert.equal(ps.name, 'Process Creation');
    assert.ok(ps.logSources.some((l) => l.name === 'WinEventLog:Security' && l.channel === 'EventCode=4688'));
  });

  test('Enterprise 15.1 has data components without log sources and no analytics or strategies', { skip: skipUnless('enterprise-attack-15.1.json') }, () => {
    const index = realIndex('enterprise-attack-15.1.json');
    assert.equal(index.list('analytic').length, 0);
    assert.equal(index.list('detection-strategy').length, 0);
    assert.ok(index.list('data-component').length > 0);
    assert.ok((index.list('data-component') as DataComponent[]).every((d) => d.logSources.length === 0));
  });
});
