/**
 * The whole SigmaHQ and Elastic rule folders of ../shared/detection-rules imported as two controls against the real
 * ATT&CK 18.1: every file is used or reported, the counts are printed, and the detect coverage's technique set is
 * the union of the counted rules' tags, computed here from the raw files with `yaml` and `smol-toml` directly.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parse as parseToml } from 'smol-toml';
import type { AttackIndex } from '../../../src/core/attack/types';
import { analyseCoverage } from '../../../src/core/coverage/engine';
import { coverageInputFrom } from '../../../src/core/coverage/model-input';
import { resolveImports } from '../../../src/core/import/index';
import { parseControlInventory } from '../../../src/core/model/control-inventory';
import { parseThreatModel } from '../../../src/core/model/threat-model';
import type { ControlInventory, ThreatModel } from '../../../src/core/model/types';
import type { RuleSetSummary } from '../../../src/core/rules/report';
import { realIndex, skipUnless } from '../../fixtures/model/real-data';
import { ELASTIC_RULES, SIGMA_RULES, skipUnlessRules } from '../../fixtures/rules/real-rules';
import { readFromDisk } from '../import/helpers';

const E18 = 'enterprise-attack-18.1.json';
const skip = skipUnless(E18) || skipUnlessRules();
if (skip) console.log(`# real detection rules skipped: ${skip}`);

function filesUnder(dir: string, ext: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.')) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...filesUnder(full, ext));
    else if (name.endsWith(ext)) out.push(full);
  }
  return out;
}

/** The live technique a tag counts as in `index` (itself, or its revoked-by replacement), else undefined. */
function live(index: AttackIndex, raw: string): string | undefined {
  const id = raw.toUpperCase();
  if (index.technique(id)) return id;
  const revoked = index.retired(id).some((o) => o.kind === 'technique' && o.revoked);
  const replacement = revoked ? index.replacementOf(id) : undefined;
  return replacement?.kind === 'technique' ? replacement.id : undefined;
}

/** Independently of src/core/rules: each file's status and tagged technique IDs, straight from the parsers. */
function rawSigma(file: string): { status?: string; ids: string[] } {
  const doc = parseYaml(readFileSync(file, 'utf8')) as { status?: string; tags?: unknown[] };
  const ids = (doc.tags ?? []).flatMap((t) => (typeof t === 'string' && /^attack\.t\d{4}(\.\d{3})?$/i.test(t) ? [t.slice(7)] : []));
  return { ...(doc.status ? { status: doc.status } : {}), ids };
}
function rawElastic(file: string): { status?: string; ids: string[] } {
  const doc = parseToml(readFileSync(file, 'utf8')) as { metadata?: { maturity?: string }; rule?: { threat?: { framework?: string; technique?: { id: string; subtechnique?: { id: string }[] }[] }[] } };
  const ids = (doc.rule?.threat ?? []).filter((t) => t.framework === 'MITRE ATT&CK').flatMap((t) => (t.technique ?? []).flatMap((x) => [x.id, ...(x.subtechnique ?? []).map((s) => s.id)]));
  return { ...(doc.metadata?.maturity ? { status: doc.metadata.maturity } : {}), ids };
}

describe('the real SigmaHQ and Elastic rule folders as controls (ATT&CK 18.1)', { skip }, async () => {
  if (skip) return;
  const index = realIndex(E18);
  const dir = mkdtempSync(join(tmpdir(), 'real-rules-'));
  const modelFile = join(dir, 'real.threatmodel.yaml');
  const controlsFile = join(dir, 'real.controls.yaml');
  writeFileSync(modelFile, 'threatModel: 1\nname: Real rules\nattack: { domain: enterprise-attack, version: "18.1" }\nadversaries: []\ncontrols: [./real.controls.yaml]\n');
  writeFileSync(controlsFile, [
    'controlInventory: 1', 'controls:',
    '  - id: SIGMA', '    name: SigmaHQ', `    rules: [{ path: ${JSON.stringify(`${relative(dir, SIGMA_RULES)}/**/*.yml`)}, format: sigma }]`,
    '  - id: ELASTIC', '    name: Elastic', `    rules: [{ path: ${JSON.stringify(`${relative(dir, ELASTIC_RULES)}/**/*.toml`)}, format: elastic }]`, '',
  ].join('\n'));
  const model = parseThreatModel(readFileSync(modelFile, 'utf8'), modelFile).model as ThreatModel;
  const inventory = parseControlInventory(readFileSync(controlsFile, 'utf8'), controlsFile).model as ControlInventory;
  const imports = await resolveImports(model, [inventory], { readFile: readFromDisk, index });
  rmSync(dir, { recursive: true, force: true });
  const result = analyseCoverage(index, coverageInputFrom(model, [inventory], imports));
  const summaries = imports.rules?.summaries ?? [];
  const cases = [
    { control: 'SIGMA', dir: SIGMA_RULES, ext: '.yml', raw: rawSigma, counts: new Set(['stable', 'test', 'experimental']), summary: summaries.find((s) => s.format === 'sigma') as RuleSetSummary },
    { control: 'ELASTIC', dir: ELASTIC_RULES, ext: '.toml', raw: rawElastic, counts: new Set(['production']), summary: summaries.find((s) => s.format === 'elastic') as RuleSetSummary },
  ];

  for (const c of cases) {
    test(`${c.control}: every rule file is read and either used or reported; counts`, () => {
      const files = filesUnder(c.dir, c.ext);
      const s = c.summary;
      const onFiles = new Set(imports.diagnostics.filter((d) => d.file !== controlsFile && d.file?.startsWith(c.dir)).map((d) => d.file));
      const byCode: Record<string, number> = {};
      for (const d of imports.diagnostics) if (d.file?.startsWith(c.dir)) byCode[d.code] = (byCode[d.code] ?? 0) + 1;
      console.log(`# ${c.control}: ${s.files} files, ${s.rules} rules, ${s.counted} counted, ${s.techniques} techniques, skipped by status ${JSON.stringify(s.skippedByStatus)}, `
        + `${s.noTechniques} without technique tags, ${s.noLiveTechniques} with only unknown/deprecated tags, ${s.broken} broken files, ${s.refused} refused; revoked/deprecated/unknown IDs ${s.revoked}/${s.deprecated}/${s.unknown}; diagnostics on rule files ${JSON.stringify(byCode)} (${onFiles.size} files)`);
      assert.equal(s.files, files.length);
      assert.equal(s.refused, 0);
      // Every rule is counted, skipped by status or without techniques; every file gave rules or is broken (and reported).
      assert.equal(s.rules, s.counted + Object.values(s.skippedByStatus).reduce((a, b) => a + b, 0) + s.noTechniques + s.noLiveTechniques);
      // Each rule whose tags are all retired or unknown has its tags reported on its file.
      if (s.noLiveTechniques > 0) assert.ok(onFiles.size > 0);
      const brokenReported = imports.diagnostics.filter((d) => d.file?.startsWith(c.dir) && (d.code === 'rules.parse-error' || d.code === 'rules.not-a-rule' || d.code === 'rules.too-large')).length;
      assert.ok(brokenReported >= s.broken);
      assert.ok(s.techniques > 100, `${s.techniques}`);
    });

    test(`${c.control}: the detect coverage's technique set is the union of the counted rules' live tags, computed from the raw files`, () => {
      const expected = new Set<string>();
      let counted = 0;
      let skippedByStatus = 0;
      for (const f of filesUnder(c.dir, c.ext)) {
        const raw = c.raw(f);
        if (!c.counts.has(raw.status ?? '')) {
          skippedByStatus++;
          continue;
        }
        const ids = raw.ids.flatMap((id) => live(index, id) ?? []);
        if (ids.length > 0) counted++;
        for (const id of ids) expected.add(id);
      }
      const got = new Set(result.techniques.filter((t) => t.components.some((x) => x.controls.some((e) => e.control === c.control && e.via === 'technique'))).map((t) => t.id));
      assert.equal(counted, c.summary.counted);
      assert.equal(skippedByStatus, Object.values(c.summary.skippedByStatus).reduce((a, b) => a + b, 0));
      assert.equal(got.size, expected.size);
      assert.deepEqual([...got].sort(), [...expected].sort());
      assert.equal(c.summary.techniques, expected.size);
      // Every listed rule is a real rule of the folder, with its line.
      const some = result.techniques.flatMap((t) => t.components.flatMap((x) => x.controls.filter((e) => e.control === c.control).flatMap((e) => e.rules ?? []))).slice(0, 50);
      for (const r of some) assert.ok(r.file.startsWith(c.dir) && r.line >= 1 && r.title.length > 0);
    });
  }
});
