/**
 * Issue 15, "nothing from a file's content in a message unless it is ours to show": a marker string in files of
 * every kind a model can name. No diagnostic — from the core, or in the CLI's output of any format — quotes more
 * than a 40-character excerpt of it, and none quotes any of it when the file is not in the expected format (a
 * YAML scalar or a mapping without the format key where an inventory belongs, broken YAML or JSON, a JSON file
 * that is not a layer, a YAML file that is not a DeTT&CT file, a model that is not one).
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { checkModel } from '../../../src/core/check/check-model';
import { miniIndex } from '../coverage/fixture';
import { FORMATS, MARKER, Scratch, hasMarker, longestMarkerRun, miniModel, reportMessages } from './hostile-files';

const M = MARKER;
// Paths use a part of it: longer file names are refused by the file system (ENAMETOOLONG) before any message.
/** Where the hostile file is referenced from. */
type Use = 'controls' | 'layer' | 'framework' | 'model';

interface Case {
  readonly name: string;
  readonly use: Use;
  readonly text: string;
  /** Not in the expected format: nothing of it may be quoted. */
  readonly notOurs: boolean;
}

const passwdLines = [0, 1, 2].map((i) => `${M}${i}:x:0:0:${M}:/root:/bin/bash`).join('\n');
const CASES: readonly Case[] = [
  { name: 'a YAML scalar (an /etc/passwd-like file) as an inventory', use: 'controls', text: `${passwdLines}\n`, notOurs: true },
  { name: 'a YAML mapping with the marker as keys and values, no controlInventory key', use: 'controls', text: `${M}: ${M}\n${M}x: [${M}, { ${M}: 1 }]\n`, notOurs: true },
  { name: 'a YAML list as an inventory', use: 'controls', text: `- ${M}\n- { id: ${M} }\n`, notOurs: true },
  { name: 'broken YAML without the format key', use: 'controls', text: `${M}: "${M}\n  ${M}: [${M}\n`, notOurs: true },
  { name: 'tags, directives, anchors and a duplicate key without the format key', use: 'controls', text: `%${M} x\n---\n${M}: !${M} &${M} ${M}\n${M}: *${M}x\n`, notOurs: true },
  {
    name: 'an inventory that quotes the marker in every place a message can', use: 'controls', notOurs: false,
    text: [
      'controlInventory: 1',
      `${M}: 1`,
      'controls:',
      `  - id: ${M}`,
      `    status: ${M}`,
      `    appliesTo: [${M}]`,
      `    mitigations: [${M}, { id: M0001, coverage: ${M} }]`,
      `    techniques: [{ id: T1000, function: ${M} }, !${M} T1001]`,
      `  - id: ${M}`,
      `    framework: { file: ./${M.slice(0, 120)}.json, capabilities: [${M}] }`,
      `    ${M}: *${M}`,
      '',
    ].join('\n'),
  },
  { name: 'an inventory with a YAML syntax error', use: 'controls', text: `controlInventory: 1\ncontrols:\n  - id: "${M}\n    name: ${M}\n`, notOurs: false },
  {
    name: 'a JSON layer with the marker as name, technique IDs and tactic', use: 'layer', notOurs: false,
    text: JSON.stringify({ name: M, versions: { layer: '4.5' }, domain: 'enterprise-attack', techniques: [{ techniqueID: M, score: 1 }, { techniqueID: 'T1000', tactic: M, score: 1 }] }),
  },
  { name: 'a JSON layer with the marker as format version', use: 'layer', text: JSON.stringify({ versions: { layer: `9${M}` }, domain: 'enterprise-attack', techniques: [] }), notOurs: false },
  { name: 'a JSON layer with the marker as domain', use: 'layer', text: JSON.stringify({ versions: { layer: `4.5${M}` }, domain: M, techniques: [] }), notOurs: false },
  { name: 'JSON that is neither a layer nor a mapping', use: 'layer', text: JSON.stringify({ [M]: M, name: M }), notOurs: true },
  { name: 'broken JSON', use: 'layer', text: `{ "name": "${M}", "techniques": [ { "techniqueID": "${M}" `, notOurs: true },
  { name: 'JSON with a stray word', use: 'layer', text: `{ "name": "${M}" } ${M}`, notOurs: true },
  { name: 'text that starts like JSON and is not', use: 'layer', text: `{${M}: ${M}}`, notOurs: true },
  { name: 'a DeTT&CT-looking file that is not one', use: 'layer', text: `file_type: ${M}\nname: ${M}\ngroups:\n  - group_name: ${M}\n`, notOurs: true },
  { name: 'a YAML mapping without file_type as a layer', use: 'layer', text: `${M}: ${M}\n`, notOurs: true },
  { name: 'broken DeTT&CT YAML', use: 'layer', text: `file_type: group-administration\ngroups: [ { group_name: "${M}\n`, notOurs: true },
  { name: 'a DeTT&CT file with bad tags', use: 'layer', text: `file_type: group-administration\n!${M} groups: [ !<${M}> x ]\n`, notOurs: true },
  { name: 'a deeply nested DeTT&CT file', use: 'layer', text: `${'- '.repeat(3000)}${M}\n`, notOurs: true },
  {
    name: 'a DeTT&CT group file with the marker as names, domain and technique IDs', use: 'layer', notOurs: false,
    text: `file_type: group-administration\nname: ${M}\ndomain: ${M}\nplatform: [${M}]\ngroups:\n  - group_name: ${M}\n    campaign: ${M}\n    technique_id: [${M}, T1000]\n    software_id: [${M}]\n`,
  },
  {
    name: 'a CTID mapping with the marker as framework, versions, capabilities and technique IDs', use: 'framework', notOurs: false,
    text: JSON.stringify({
      metadata: { attack_version: M, mapping_framework: M, mapping_framework_version: M, technology_domain: M, capability_groups: { [M]: M } },
      mapping_objects: [{ capability_id: M, capability_group: M, capability_description: M, attack_object_id: M, mapping_type: M, score_category: 'protect', score_value: 'significant' },
        { capability_id: `${M}y`, attack_object_id: 'T1000', mapping_type: 'technique_scores', score_category: 'protect', score_value: 'significant' }],
    }),
  },
  { name: 'a threat model that is not one (passwd lines)', use: 'model', text: `${passwdLines}\n`, notOurs: true },
  { name: 'a threat model mapping without the threatModel key', use: 'model', text: `name: ${M}\n${M}: [${M}]\nadversaries: [{ group: ${M} }]\n`, notOurs: true },
  {
    name: 'a threat model that quotes the marker wherever it can', use: 'model', notOurs: false,
    text: [
      'threatModel: 1',
      `name: ${M}`,
      'attack: { domain: enterprise-attack, version: "1.0" }',
      'techStack:',
      `  - { id: ${M}, platforms: [${M}], exposure: ${M} }`,
      `  - { id: ${M}, platforms: [Windows] }`,
      'adversaries:',
      `  - { group: ${M}, name: ${M} }`,
      `  - { group: G0001, name: ${M} }`,
      `  - { name: ${M}, techniques: [T1000, ${M}], source: { kind: ${M}, date: ${M} } }`,
      `techniques: { exclude: [{ id: ${M}, reason: ${M} }, { id: T1000, reason: ${M} }] }`,
      `controls: [./${M.slice(0, 120)}.controls.yaml]`,
      `policy: { minCoverage: ${M} }`,
      `${M}: "${M}\\u001b[2J"`,
      '',
    ].join('\n'),
  },
];

/** The model that names the hostile file `hostile.<ext>` (or is the hostile file). */
function modelFor(c: Case): { model: string; files: Record<string, string> } {
  switch (c.use) {
    case 'controls':
      return { model: miniModel('adversaries: [{ group: G0001 }]\ncontrols: [./hostile.controls.yaml]\n'), files: { 'hostile.controls.yaml': c.text } };
    case 'layer':
      return { model: miniModel('adversaries: [{ layer: ./hostile.json }]\n'), files: { 'hostile.json': c.text } };
    case 'framework':
      return {
        model: miniModel('adversaries: [{ group: G0001 }]\ncontrols: [./fw.controls.yaml]\n'),
        files: { 'hostile.json': c.text, 'fw.controls.yaml': `controlInventory: 1\ncontrols:\n  - id: FW\n    framework: { file: ./hostile.json, capabilities: [${M}x, ${M}] }\n` },
      };
    case 'model':
      return { model: c.text, files: {} };
  }
}

function assertQuotesAtMostAnExcerpt(c: Case, where: string, messages: readonly string[]): void {
  for (const message of messages) {
    if (c.notOurs) assert.ok(!hasMarker(message), `${c.name}, ${where}: a message quotes a file not in the expected format:\n${message}`);
    else assert.ok(longestMarkerRun(message) <= 40, `${c.name}, ${where}: a message quotes ${longestMarkerRun(message)} characters of the file:\n${message}`);
  }
}

describe('no diagnostic quotes more than an excerpt of a file, and nothing of a file not in its format', () => {
  const scratch = new Scratch();
  after(() => scratch.remove());
  let n = 0;

  for (const c of CASES) {
    test(c.name, async () => {
      const { model, files } = modelFor(c);
      const name = `case-${++n}.threatmodel.yaml`;
      scratch.write(name, model);
      for (const [file, text] of Object.entries(files)) scratch.write(file, text);

      const core = await checkModel({ modelFile: join(scratch.dir, name), baseDir: scratch.dir, toolVersion: 'test', loadIndex: async () => miniIndex() });
      assert.ok(core.diagnostics.length > 0, `${c.name}: the core reports something`);
      assertQuotesAtMostAnExcerpt(c, 'core', core.diagnostics.map((d) => d.message));

      const validate = await scratch.cli('validate', name, '--attack-data', scratch.dir);
      assert.ok([0, 2].includes(validate.status), validate.err);
      assertQuotesAtMostAnExcerpt(c, 'validate', validate.err.split('\n'));
      for (const format of FORMATS) {
        const run = await scratch.check(name, format);
        assert.ok([0, 2].includes(run.status), `${format}: exit ${run.status}\n${run.err}`);
        assertQuotesAtMostAnExcerpt(c, `check --format ${format} (stderr)`, run.err.split('\n'));
        assertQuotesAtMostAnExcerpt(c, `check --format ${format} (report)`, reportMessages(format, run.out));
        // Not in the format: the check stops, and nothing of the file is anywhere in the output.
        if (c.notOurs) assert.ok(!hasMarker(run.out + run.err), `${c.name}, ${format}: output quotes the file`);
      }
    });
  }
});
