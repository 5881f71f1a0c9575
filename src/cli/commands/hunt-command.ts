/**
 * `threat-overlap hunt MODEL`: the hunt plan of a model's gaps — testable hunting hypotheses from ATT&CK's detection
 * strategies and analytics, and candidate public rules from `--rule-library DIR`. Exit 0 when a plan was written
 * (whatever it holds), 2 when the model, its inventories or the data are unusable (diagnostics printed, nothing written).
 */
import * as path from 'node:path';
import { version as toolVersion } from '../../../package.json';
import { checkModel } from '../../core/check/check-model';
import { OutputFileError, writeReportFile } from '../../core/files/safe-write';
import { buildHuntPlan } from '../../core/hunt/plan';
import { HUNT_FORMATS, renderHuntPlan, type HuntFormat } from '../../core/hunt/render';
import { loadRuleLibrary, type RuleLibrary } from '../../core/hunt/rule-library';
import { todayUtc } from '../../core/triage/dates';
import type { ParsedArgs } from '../args';
import { UsageError } from '../args';
import { ATTACK_DATA_OPTIONS, FILE_OPTIONS, allowOutsideFrom, attackDataOptionsFrom, attackIndexLoader } from '../attack-data';
import { printDiagnostics } from '../diagnostics-output';
import type { CliIo } from '../io';
import { EXIT } from '../io';
import type { Command } from '../run';

export const huntCommand: Command = {
  spec: {
    name: 'hunt',
    summary: "Write a hunt plan for a threat model's gaps: testable hypotheses from ATT&CK analytics, candidate public rules.",
    usage: 'hunt MODEL [--attack-data FILE|DIR] [--format markdown|json] [--out FILE] [--rule-library DIR] [--allow-outside PATH]…',
    operands: { name: 'MODEL (a *.threatmodel.yaml file)', min: 1, max: 1 },
    options: [
      ...ATTACK_DATA_OPTIONS,
      ...FILE_OPTIONS,
      { name: 'format', type: 'string', value: 'FORMAT', help: `Plan format: ${HUNT_FORMATS.join(', ')} (default markdown).` },
      { name: 'out', type: 'string', value: 'FILE', help: 'Write the plan to FILE (atomically) instead of standard output. Never over the model or an input.' },
      { name: 'rule-library', type: 'string', value: 'DIR', help: 'A folder of public Sigma (.yml) and Elastic (.toml) rules, e.g. a SigmaHQ rules/ checkout: rules tagged with a gap are listed as candidates.' },
    ],
    notes: [
      'Exit status: 0 plan written, 2 invalid model, inventories or ATT&CK data (diagnostics on standard error, nothing written).',
      'Hypotheses need ATT&CK 18 or later (detection strategies and analytics); with older data the plan says so.',
    ].join('\n'),
  },

  async run(args: ParsedArgs, io: CliIo): Promise<number> {
    const o = args.options;
    const format = (o.format as string | undefined) ?? 'markdown';
    if (!(HUNT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${HUNT_FORMATS.join(', ')}, not ${format}`);
    const cwd = io.cwd ?? process.cwd();
    let library: RuleLibrary | undefined;
    const dir = o['rule-library'] as string | undefined;
    if (dir !== undefined) {
      try {
        library = await loadRuleLibrary(path.resolve(cwd, dir));
      } catch (e) {
        io.err(`threat-overlap: --rule-library ${dir}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such folder' : 'not a readable folder'}\n`);
        return EXIT.invalid;
      }
    }
    const bundles: string[] = [];
    const outcome = await checkModel({
      modelFile: path.resolve(cwd, args.operands[0]!),
      baseDir: cwd,
      toolVersion,
      loadIndex: attackIndexLoader(attackDataOptionsFrom(o), io, bundles),
      allowOutside: allowOutsideFrom(o),
      triage: { today: todayUtc() },
    });
    printDiagnostics(outcome.diagnostics, cwd, io);
    if (outcome.kind === 'invalid') {
      io.err(`threat-overlap: the model or its control inventories have errors: no hunt plan written\n`);
      return EXIT.invalid;
    }
    const plan = buildHuntPlan({
      index: outcome.index, result: outcome.report.result, model: outcome.model, inventories: outcome.inventories,
      modelName: outcome.report.modelName, ...(library ? { library } : {}),
    });
    const text = renderHuntPlan(format as HuntFormat, plan);
    const out = o.out as string | undefined;
    const hypotheses = plan.gaps.reduce((n, g) => n + g.components.reduce((m, c) => m + c.hypotheses.length, 0), 0);
    if (out === undefined) {
      io.out(text);
      return EXIT.ok;
    }
    const inputs = [
      ...outcome.inputs.map((file, i) => ({ file, role: i === 0 ? 'the threat model' : 'an input' })),
      ...bundles.map((file) => ({ file, role: 'the ATT&CK data' })),
    ];
    try {
      await writeReportFile(out, text, inputs, cwd);
    } catch (e) {
      if (!(e instanceof OutputFileError)) throw e;
      io.err(`threat-overlap: --out ${e.message}\n`);
      return EXIT.invalid;
    }
    io.err(`threat-overlap: hunt plan for ${plan.gaps.length} gap(s), ${hypotheses} hypothesis(es); ${format} written to ${out}\n`);
    return EXIT.ok;
  },
};
