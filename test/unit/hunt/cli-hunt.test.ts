/** `threat-overlap hunt`: formats, --out, --rule-library, exit statuses. */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli } from '../../../src/cli/run';
import { text } from '../../fixtures/attack/bundles';
import { detectionBundle } from '../../fixtures/attack/detection';
import { huntWorkspace, type Workspace } from '../../fixtures/hunt/workspace';

describe('threat-overlap hunt', () => {
  let ws: Workspace;
  const cli = async (...argv: string[]) => {
    let out = '', err = '';
    const status = await runCli(argv, { out: (t) => void (out += t), err: (t) => void (err += t), env: { THREAT_OVERLAP_CACHE_DIR: join(ws.dir, 'cache') }, cwd: ws.dir });
    return { status, out, err };
  };
  before(() => {
    ws = huntWorkspace();
    writeFileSync(join(ws.dir, 'enterprise-attack-18.1.json'), text(detectionBundle()));
  });
  after(() => ws.dispose());

  test('Markdown on standard output by default, exit 0', async () => {
    const r = await cli('hunt', 'hunt.threatmodel.yaml', '--attack-data', ws.dir, '--no-cache');
    assert.equal(r.status, 0, r.err);
    assert.match(r.out, /^# Hunt plan: Hunt fixture/);
    assert.match(r.out, /No rule library given/);
  });

  test('JSON to --out with a rule library', async () => {
    const r = await cli('hunt', 'hunt.threatmodel.yaml', '--attack-data', ws.dir, '--no-cache', '--format', 'json', '--out', 'plan.json', '--rule-library', 'library');
    assert.equal(r.status, 0, r.err);
    assert.match(r.err, /hunt plan for 3 gap\(s\), \d+ hypothesis\(es\); json written to plan\.json/);
    const plan = JSON.parse(readFileSync(join(ws.dir, 'plan.json'), 'utf8')) as { huntPlan: number; ruleLibrary: { rules: number } };
    assert.deepEqual([plan.huntPlan, plan.ruleLibrary.rules], [1, 3]);
  });

  test('usage errors and a missing library: exit 2', async () => {
    assert.equal((await cli('hunt', 'hunt.threatmodel.yaml', '--format', 'sarif')).status, 2);
    const r = await cli('hunt', 'hunt.threatmodel.yaml', '--attack-data', ws.dir, '--rule-library', 'nowhere');
    assert.equal(r.status, 2);
    assert.match(r.err, /--rule-library nowhere: no such folder/);
    assert.match((await cli('--help')).out, /hunt +Write a hunt plan/);
  });
});
