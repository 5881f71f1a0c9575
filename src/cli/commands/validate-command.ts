/**
 * `threat-overlap validate FILE…`: syntax, schema and ATT&CK diagnostics of threat models and control
 * inventories, as `file:line:col severity code message`, and the triage.* ones it can give (triage-checks.ts). A
 * model brings the inventories it lists. Exit 2 when any diagnostic is an error, else 0.
 */
import * as path from 'node:path';
import type { AttackIndex } from '../../core/attack/index';
import { AttackDataError } from '../../core/attack/index';
import type { AttackPinRequest } from '../../core/check/check-model';
import { countSeverities } from '../../core/check/check-model';
import type { Diagnostic } from '../../core/diagnostics';
import { commandLineConfinement } from '../../core/files/confinement';
import type { Refusal } from '../../core/files/read-file';
import { readConfinedText } from '../../core/files/read-file';
import { refusalDiagnostic } from '../../core/files/refusal';
import type { FileSource } from '../../core/files/source';
import { confinedSource, limitsFor } from '../../core/files/source';
import { capDiagnosticsPerFile } from '../../core/diagnostic-cap';
import type { ControlInventoryParse } from '../../core/model/control-inventory';
import { resolveImports } from '../../core/import/index';
import { detectFileKind } from '../../core/model/file-kind';
import { parseModelFile } from '../../core/model/parse-file';
import type { ThreatModelParse } from '../../core/model/threat-model';
import { parseControlInventory } from '../../core/model/control-inventory';
import { controlFilesOf, normalizeFile, validateWorkspace } from '../../core/validation/index';
import { isDate, todayUtc } from '../../core/triage/dates';
import type { ParsedArgs } from '../args';
import { UsageError } from '../args';
import { ATTACK_DATA_ENV, ATTACK_DATA_OPTIONS, FILE_OPTIONS, allowOutsideFrom, attackDataOptionsFrom, attackIndexLoader } from '../attack-data';
import { printDiagnostics } from '../diagnostics-output';
import type { CliIo } from '../io';
import { EXIT } from '../io';
import type { Command } from '../run';
import { triageChecks } from '../triage-checks';
import { assuranceDiagnostics, assurancePolicyOf } from '../../core/assurance/diagnostics';

export const validateCommand: Command = {
  spec: {
    name: 'validate',
    summary: 'Check threat models and control inventories: YAML, schema and ATT&CK references.',
    usage: 'validate FILE… [--attack-data FILE|DIR] [--as-of DATE] [--allow-outside PATH]…',
    operands: { name: 'FILE (a *.threatmodel.yaml or *.controls.yaml file)', min: 1, max: 1000 },
    options: [
      ...ATTACK_DATA_OPTIONS,
      ...FILE_OPTIONS,
      { name: 'as-of', type: 'string', value: 'DATE', help: "Judge acceptance end dates at DATE (YYYY-MM-DD) instead of the model's policy.asOf or today." },
    ],
    notes: [
      'Exit status: 0 no errors (warnings allowed), 2 errors. Without ATT&CK data the ATT&CK checks are skipped, with a warning.',
      "A model's own decision table (policy.decisionTable) is always checked; its acceptances and assessments (triage.acceptance-*,",
      'triage.assessment-orphaned) need the gap analysis, so they are checked when the ATT&CK data is there and nothing is in error.',
    ].join('\n'),
  },

  async run(args: ParsedArgs, io: CliIo): Promise<number> {
    const asOf = args.options['as-of'] as string | undefined;
    if (asOf !== undefined && !isDate(asOf)) throw new UsageError('--as-of must be a date, YYYY-MM-DD (e.g. 2026-12-01)');
    const cwd = io.cwd ?? process.cwd();
    const models: ThreatModelParse[] = [];
    const inventories = new Map<string, ControlInventoryParse>();
    const unread: Diagnostic[] = [];
    for (const operand of args.operands) {
      const file = normalizeFile(path.resolve(cwd, operand));
      // Files named on the command line are the user's choice: not confined, but still regular files under the cap.
      const read = await readConfinedText(file, limitsFor('yaml'));
      if (read.kind === 'missing') throw new UsageError(`${operand} does not exist`);
      if (read.kind === 'refused') {
        const kind = detectFileKind(file);
        const what = kind === 'threat-model' ? 'threat model' : kind === 'control-inventory' ? 'control inventory' : 'file';
        unread.push(refusalDiagnostic({ file, written: operand, resolved: file, what }, read.refusal));
        continue;
      }
      const parse = parseModelFile(file, read.text);
      if (!parse) throw new UsageError(`${operand} is neither a threat model nor a control inventory (name it *.threatmodel.yaml or *.controls.yaml)`);
      if (parse.kind === 'threat-model') models.push(parse);
      else inventories.set(file, parse);
    }
    // A model's inventories take part: duplicate ids and control.not-applicable need them. Each is read confined
    // to its model's git work tree (else folder); a refusal is reported on the `controls:` entry.
    const sources = new Map<ThreatModelParse, FileSource>();
    const refused = new Map<string, Refusal>();
    for (const m of models) {
      if (!m.model || m.file === undefined) continue;
      const source = confinedSource(await commandLineConfinement(m.file, allowOutsideFrom(args.options), cwd));
      sources.set(m, source);
      for (const ref of controlFilesOf(m.model)) {
        if (inventories.has(ref.file) || refused.has(ref.file)) continue;
        const read = await source(ref.file, { role: 'yaml', confined: true });
        if (read.kind === 'text') inventories.set(ref.file, parseControlInventory(read.text, ref.file));
        else if (read.kind === 'refused') refused.set(ref.file, read.refusal);
      }
    }
    const indexes = await loadIndexes(models, args, io);
    const byFile = validateWorkspace({
      models,
      inventories: [...inventories.values()],
      indexFor: (domain, version) => indexes.get(`${domain}@${version ?? ''}`) ?? [...indexes.values()].find((i) => i?.domain === domain),
      fileExists: () => false,
      refusal: (f) => refused.get(f),
    });
    const found = [...unread, ...[...byFile.values()].flat()];
    // Files the models import (layers, CTID mappings, DeTT&CT) are checked against each model's data too; then the
    // triage.* findings (triage-checks.ts): the model's decision table, and with the data its acceptances.
    for (const m of models) {
      const model = m.model;
      const index = model ? indexes.get(`${model.attack.domain.value}@${model.attack.version?.value ?? ''}`) : undefined;
      const source = sources.get(m);
      if (!model || !source) continue;
      const files = [m.file, ...controlFilesOf(model).map((r) => r.file)];
      const own = controlFilesOf(model).flatMap((r) => inventories.get(r.file)?.model ?? []);
      const imports = index ? await resolveImports(model, own, { readFile: (f) => source(f, { role: 'import', confined: true }), index }) : undefined;
      for (const d of imports?.diagnostics ?? []) found.push(d);
      const ofModel = [...files.flatMap((f) => (f === undefined ? [] : byFile.get(f) ?? [])), ...(imports?.diagnostics ?? [])];
      found.push(...await triageChecks({
        model, source, inventories: own, ...(index ? { index } : {}), ...(imports ? { imports } : {}), found: ofModel,
        ...(asOf !== undefined ? { asOf } : {}), today: todayUtc(),
      }));
    }
    // Assurance (untested, stale, failed claims) on each inventory, judged on the as-of date of the first model that
    // lists it (--as-of, else its policy.asOf, else today); an inventory no model lists: today, the default max age.
    const judged = new Set<string>();
    for (const m of models) {
      if (!m.model) continue;
      const policy = assurancePolicyOf(m.model, asOf ?? m.model.policy.asOf?.value ?? todayUtc());
      for (const r of controlFilesOf(m.model)) {
        const inv = inventories.get(r.file)?.model;
        if (!inv || judged.has(r.file)) continue;
        judged.add(r.file);
        found.push(...assuranceDiagnostics(inv, policy));
      }
    }
    for (const [file, inv] of inventories) if (!judged.has(file) && inv.model) found.push(...assuranceDiagnostics(inv.model, { asOf: asOf ?? todayUtc(), maxAgeDays: 180 }));
    // Imports add to the files' diagnostics: the per-file cap is applied again over all of them.
    const diagnostics = capDiagnosticsPerFile(found);
    printDiagnostics(diagnostics, cwd, io);
    const c = countSeverities(diagnostics);
    io.err(`threat-overlap: ${byFile.size + unread.length} file(s): ${c.error} error(s), ${c.warning} warning(s), ${c.information} note(s)\n`);
    return c.error > 0 ? EXIT.invalid : EXIT.ok;
  },
};

/** One index per pin the models use (and Enterprise for lone inventories); missing data skips ATT&CK checks. */
async function loadIndexes(models: readonly ThreatModelParse[], args: ParsedArgs, io: CliIo): Promise<Map<string, AttackIndex | undefined>> {
  const o = args.options;
  const load = attackIndexLoader(attackDataOptionsFrom(o), io);
  const pins = new Map<string, AttackPinRequest>([['enterprise-attack@', { domain: 'enterprise-attack' }]]);
  for (const m of models) {
    if (!m.model) continue;
    const { domain, version } = m.model.attack;
    pins.set(`${domain.value}@${version?.value ?? ''}`, { domain: domain.value, ...(version ? { version: version.value } : {}) });
  }
  const explicit = o['attack-data'] !== undefined || Boolean(io.env[ATTACK_DATA_ENV]);
  const out = new Map<string, AttackIndex | undefined>();
  for (const [key, pin] of pins) {
    try {
      out.set(key, await load(pin));
    } catch (e) {
      // Explicit data that does not load is an error; no data at all only skips the ATT&CK checks.
      if (!(e instanceof AttackDataError) || (explicit && e.code !== 'not-found')) throw e;
      io.err(`threat-overlap: warning: ATT&CK checks skipped for ${pin.domain}${pin.version ? ` ${pin.version}` : ''}: ${e.message}\n`);
      out.set(key, undefined);
    }
  }
  return out;
}
