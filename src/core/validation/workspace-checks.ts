/**
 * The two checks only the workspace can make: listed control files that do not exist, and control ids
 * defined in two inventories of one model (coverage evidence names controls by id).
 */
import type { Diagnostic, Range } from '../diagnostics';
import type { Refusal } from '../files/read-file';
import { refusalDiagnostic } from '../files/refusal';
import type { ControlInventoryParse } from '../model/control-inventory';
import { SuggestBudget, closestMatch } from '../model/suggest';
import type { ThreatModel } from '../model/types';
import { excerpt, excerptPath, quote, quotePath } from '../text/safe-text';
import { baseName, normalizeFile, referenceTo } from './paths';
import type { ControlFileRef } from './workspace';

/**
 * model.control-file-missing for each `controls:` entry naming no file (suggesting a known inventory by name), and
 * file.* for each entry whose file the confined reader refused.
 */
export function missingControlFiles(
  modelFile: string,
  refs: readonly ControlFileRef[],
  exists: (file: string) => boolean,
  known: Iterable<string>,
  refusal: (file: string) => Refusal | undefined = () => undefined,
): Diagnostic[] {
  const listed = new Set(refs.map((r) => r.ref.value));
  const candidates = [...known].flatMap((file) => {
    const ref = referenceTo(modelFile, file);
    return ref !== undefined && !listed.has(ref) ? [ref] : [];
  });
  const budget = new SuggestBudget();
  return refs.flatMap(({ ref, file }): Diagnostic[] => {
    const refused = refusal(file);
    if (refused) return [refusalDiagnostic({ range: ref.range, written: ref.value, resolved: file, what: 'control inventory' }, refused)];
    if (exists(file)) return [];
    const suggestion = closestMatch(ref.value, candidates, budget);
    const hint = suggestion !== undefined ? ` (did you mean ${quotePath(suggestion)}?)` : '';
    return [{
      code: 'model.control-file-missing',
      severity: 'error',
      message: `control inventory ${quotePath(ref.value)} not found${hint}`,
      range: ref.range,
      data: { path: ref.value, resolved: file, ...(suggestion !== undefined ? { replacement: suggestion } : {}) },
    }];
  });
}

/**
 * model.duplicate-id on a control whose id an earlier inventory of the same model already defines,
 * keyed by the (normalised) inventory file it belongs to.
 */
export function crossFileDuplicates(models: readonly { model: ThreatModel; files: readonly string[] }[], inventories: readonly ControlInventoryParse[]): Map<string, Diagnostic[]> {
  const byFile = new Map<string, ControlInventoryParse>();
  for (const p of inventories) if (p.file !== undefined) byFile.set(normalizeFile(p.file), p);
  const out = new Map<string, Diagnostic[]>();
  const reported = new Set<string>();
  for (const { model, files } of models) {
    const first = new Map<string, { file: string; range: Range }>();
    for (const file of new Set(files)) {
      for (const control of byFile.get(file)?.model?.controls ?? []) {
        const earlier = first.get(control.id);
        if (!earlier) {
          first.set(control.id, { file, range: control.idRange });
          continue;
        }
        // Within one file the parser already reported it; across files, once per place even if several models agree.
        const key = `${file}|${control.idRange.start.line}:${control.idRange.start.character}`;
        if (earlier.file === file || reported.has(key)) continue;
        reported.add(key);
        const list = out.get(file) ?? [];
        list.push({
          code: 'model.duplicate-id',
          severity: 'error',
          message: `control ${quote(control.id)} is also defined in ${excerptPath(baseName(earlier.file))}, and ${excerpt(model.name ?? baseName(model.file ?? ''))} lists both inventories`,
          range: control.idRange,
          data: { id: control.id, firstFile: earlier.file, firstRange: earlier.range },
        });
        out.set(file, list);
      }
    }
  }
  return out;
}
