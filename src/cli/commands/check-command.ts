/**
 * `threat-overlap check MODEL`: the gap check for CI. Exit 0 without gaps (or with `--fail-on never`), 1 with
 * gaps, 2 when the model, its inventories or the ATT&CK data are unusable — then the diagnostics are printed and
 * nothing is written. `--out` writes a new file or replaces a regular one atomically (never the model, an input,
 * a link, a directory or a device). Files the model names are read only inside its git work tree (else its
 * folder) and the `--allow-outside` paths.
 */
import * as path from 'node:path';
import { version as toolVersion } from '../../../package.json';
import { checkModel } from '../../core/check/check-model';
import type { Outcome } from '../../core/triage/decision-table';
import { isDate, todayUtc } from '../../core/triage/dates';
import { topTechniquesLoader } from '../top-techniques';
import { atomicsFromOption } from '../atomics';
import { OutputFileError, writeReportFile } from '../../core/files/safe-write';
import { REPORT_FORMATS, renderReport, type ReportFormat } from '../../core/report/index';
import { outcomeCountWords } from '../../core/report/triage-words';
import type { ParsedArgs } from '../args';
import { UsageError } from '../args';
import { ATTACK_DATA_OPTIONS, FILE_OPTIONS, allowOutsideFrom, attackDataOptionsFrom, attackIndexLoader } from '../attack-data';
import { printDiagnostics } from '../diagnostics-output';
import type { CliIo } from '../io';
import { EXIT } from '../io';
import type { Command } from '../run';

const FAIL_ON = ['act', 'attend', 'gap', 'never'] as const;
type FailOn = (typeof FAIL_ON)[number];

/** Whether the result's gaps fail the check at `failOn`: any gap, or one whose outcome is at least Attend / Act. */
export function failsAt(failOn: FailOn, outcomes: Readonly<Record<Outcome, number>>, gaps: number): boolean {
  if (failOn === 'never') return false;
  if (failOn === 'gap') return gaps > 0;
  return outcomes.act > 0 || (failOn === 'attend' && outcomes.attend > 0);
}

export const checkCommand: Command = {
  spec: {
    name: 'check',
    summary: 'Run the gap check of a threat model against its control inventories and ATT&CK; print or write a report.',
    usage: 'check MODEL [--attack-data FILE|DIR] [--format text|json|markdown|sarif|navigator] [--out FILE] [--fail-on act|attend|gap|never] [--as-of DATE] [--top-techniques FILE] [--atomics DIR] [--allow-outside PATH]…',
    operands: { name: 'MODEL (a *.threatmodel.yaml file)', min: 1, max: 1 },
    options: [
      ...ATTACK_DATA_OPTIONS,
      ...FILE_OPTIONS,
      { name: 'format', type: 'string', value: 'FORMAT', help: `Report format: ${REPORT_FORMATS.join(', ')} (default text). json is the stable machine interface.` },
      { name: 'out', type: 'string', value: 'FILE', help: 'Write the report to FILE (atomically, keeping its mode) instead of standard output. Never over the model or an input, a symbolic link, a directory or a device.' },
      { name: 'fail-on', type: 'string', value: 'act|attend|gap|never', help: 'Exit 1 when there is an Act gap (act), an Act or Attend gap (attend), any gap (gap, the default), or never.' },
      { name: 'as-of', type: 'string', value: 'DATE', help: "Judge triage at DATE (YYYY-MM-DD) instead of the model's policy.asOf or today, so a report can be reproduced." },
      { name: 'top-techniques', type: 'string', value: 'FILE', help: "CTID Top ATT&CK Techniques data (Techniques.json): each gap shows its prevalence, choke-point and actionability scores, which break ties inside an outcome." },
      { name: 'atomics', type: 'string', value: 'DIR', help: "An Atomic Red Team atomics folder (<Tnnnn>/<Tnnnn>.yaml): covered and gap techniques list the atomic tests for their components' platforms, the way to validate them." },
    ],
    notes: [
      'Exit status: 0 no gaps at the --fail-on level, 1 gaps at it, 2 invalid model, inventories or ATT&CK data (diagnostics on',
      'standard error, nothing written). Warnings are printed to standard error and do not change the status.',
      "Inventories, layers and mappings the model names are read only when they resolve (symbolic links followed) inside",
      "the model's git work tree, else its folder, or under an --allow-outside PATH; only regular files, within size caps.",
    ].join('\n'),
  },

  async run(args: ParsedArgs, io: CliIo): Promise<number> {
    const o = args.options;
    const format = (o.format as string | undefined) ?? 'text';
    if (!(REPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}, not ${format}`);
    const failOn = (o['fail-on'] as string | undefined) ?? 'gap';
    if (!(FAIL_ON as readonly string[]).includes(failOn)) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}, not ${failOn}`);
    const asOf = o['as-of'] as string | undefined;
    if (asOf !== undefined && !isDate(asOf)) throw new UsageError(`--as-of must be a date, YYYY-MM-DD (e.g. 2026-12-01)`);
    const cwd = io.cwd ?? process.cwd();
    const bundles: string[] = [];
    const outcome = await checkModel({
      modelFile: path.resolve(cwd, args.operands[0]!),
      baseDir: cwd,
      toolVersion,
      loadIndex: attackIndexLoader(attackDataOptionsFrom(o), io, bundles),
      allowOutside: allowOutsideFrom(o),
      triage: {
        ...(asOf !== undefined ? { asOf } : {}),
        today: todayUtc(),
        ...(o['top-techniques'] !== undefined ? { top: await topTechniquesLoader(path.resolve(cwd, o['top-techniques'] as string), io) } : {}),
        ...(o.atomics !== undefined ? { atomics: await atomicsFromOption(path.resolve(cwd, o.atomics as string), io) } : {}),
      },
    });
    printDiagnostics(outcome.diagnostics, cwd, io);
    if (outcome.kind === 'invalid') {
      io.err(`threat-overlap: the model or its control inventories have errors: no report written\n`);
      return EXIT.invalid;
    }
    const text = renderReport(format as ReportFormat, outcome.report);
    const out = o.out as string | undefined;
    const s = outcome.report.result.summary;
    if (out !== undefined) {
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
      io.err(`threat-overlap: ${s.gaps} gap(s) of ${s.relevant} relevant technique(s) (${outcomeCountWords(s.outcomes, ', ')}), ${s.accepted} accepted; ${format} report written to ${out}\n`);
    } else {
      io.out(text);
    }
    return failsAt(failOn as FailOn, s.outcomes, s.gaps) ? EXIT.findings : EXIT.ok;
  },
};
