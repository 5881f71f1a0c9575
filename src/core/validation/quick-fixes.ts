/**
 * Quick fixes from a diagnostic's `code` and `data`, never from its message: the extension's code-action
 * provider maps these 1:1, the CLI could apply them with `--fix`. Every edit is computed on the parsed
 * document the diagnostic came from.
 */
import type { Diagnostic } from '../diagnostics';
import type { ParsedYaml } from '../model/parsed-yaml';
import { removeItemEdit, renameKeyEdit, scalarEdit } from '../model/range-edits';
import { appendToSequenceEdit } from '../model/yaml-edits';
import type { TextEdit } from '../model/yaml-edits';
import type { IdSuggestion } from './suggest-ids';

export interface CodeFix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** The one obvious fix (VS Code's "preferred" action, e.g. for auto-fix on save). */
  readonly preferred: boolean;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The fixes for one diagnostic; empty when there is nothing mechanical to do. */
export function fixesFor(diagnostic: Diagnostic, yaml: ParsedYaml): CodeFix[] {
  const data = diagnostic.data ?? {};
  const replacement = str(data.replacement);
  const change = (value: string, title: string, preferred = true): CodeFix => ({ title, edits: [scalarEdit(yaml, diagnostic.range, value)], preferred });
  switch (diagnostic.code) {
    case 'schema.additional-property':
      return replacement !== undefined ? [{ title: `Rename to '${replacement}'`, edits: [{ range: diagnostic.range, newText: replacement }], preferred: true }] : [];
    case 'schema.type':
      // The replacement is already the quoted source text (`"15.10"`).
      return replacement !== undefined ? [{ title: `Quote as ${replacement}`, edits: [{ range: diagnostic.range, newText: replacement }], preferred: true }] : [];
    case 'schema.enum':
    case 'schema.pattern':
    case 'attack.asset-unknown':
    case 'model.stack-unknown-component':
    case 'model.control-file-missing':
    case 'telemetry.unknown-data-component':
    case 'telemetry.unknown-log-source':
    case 'telemetry.unknown-component':
      return replacement !== undefined ? [change(replacement, `Change to '${replacement}'`)] : [];
    case 'attack.revoked':
      return replacement !== undefined ? [revokedFix(diagnostic, yaml, replacement)] : removeFix(diagnostic, yaml, 'Remove the revoked entry');
    case 'attack.deprecated':
      return removeFix(diagnostic, yaml, `Remove ${str(data.id) ?? 'the entry'}`);
    case 'control.not-applicable':
      return removeFix(diagnostic, yaml, `Remove ${str(data.id) ?? 'the entry'} from ${str(data.control) ?? 'the control'}`);
    case 'attack.unknown-id': {
      const suggestions = Array.isArray(data.suggestions) ? (data.suggestions as IdSuggestion[]) : [];
      // Preferred: the only suggestion, or the only one the written name points at.
      const byName = suggestions.filter((s) => s.by === 'name');
      const preferred = suggestions.length === 1 ? suggestions[0] : byName.length === 1 ? byName[0] : undefined;
      return suggestions.map((s) => change(s.id, `Change to ${s.id} (${s.name})`, s === preferred));
    }
    case 'attack.wrong-type': {
      const key = str(data.key);
      const edit = key !== undefined ? renameKeyEdit(yaml, diagnostic.range, key) : undefined;
      return edit ? [{ title: `Change to ${key}: ${str(data.id) ?? ''}`, edits: [edit], preferred: true }] : [];
    }
    case 'attack.name-mismatch':
      return nameFixes(diagnostic, yaml);
    case 'attack.platform-unknown': {
      const listed = str(data.alreadyListed);
      if (listed !== undefined) {
        const edit = removeItemEdit(yaml, diagnostic.range);
        return edit ? [{ title: `Remove '${str(data.platform) ?? ''}' ('${listed}' is listed)`, edits: [edit], preferred: true }] : [];
      }
      const options = Array.isArray(data.alternatives) ? (data.alternatives as string[]) : [];
      return options.map((p) => change(p, `Change to '${p}'`, options.length === 1));
    }
    default:
      return [];
  }
}

/** The replacement ID, and the replacement's name where a `name:` gave the revoked object's. */
function revokedFix(diagnostic: Diagnostic, yaml: ParsedYaml, replacement: string): CodeFix {
  const data = diagnostic.data ?? {};
  const name = str(data.replacementName);
  const nameRange = data.nameRange as Diagnostic['range'] | undefined;
  const edits = [scalarEdit(yaml, diagnostic.range, replacement), ...(nameRange && name !== undefined ? [scalarEdit(yaml, nameRange, name)] : [])];
  return { title: `Replace with ${replacement}${name !== undefined ? ` (${name})` : ''}`, edits, preferred: true };
}

/** Removes the list item at `data.entryRange` (not offered for the only item of a block list). */
function removeFix(diagnostic: Diagnostic, yaml: ParsedYaml, title: string): CodeFix[] {
  const entryRange = diagnostic.data?.entryRange as Diagnostic['range'] | undefined;
  const edit = entryRange ? removeItemEdit(yaml, entryRange) : undefined;
  return edit ? [{ title, edits: [edit], preferred: false }] : [];
}

function nameFixes(diagnostic: Diagnostic, yaml: ParsedYaml): CodeFix[] {
  const data = diagnostic.data ?? {};
  const replacement = str(data.replacement);
  const fixes: CodeFix[] = [];
  if (replacement !== undefined) {
    // A comment is free text: replace it whole, keeping the `#`; a name is a scalar in the file's quoting.
    const edit = data.source === 'comment' ? { range: diagnostic.range, newText: replacement } : scalarEdit(yaml, diagnostic.range, replacement);
    fixes.push({ title: data.source === 'comment' ? `Change comment to '${replacement}'` : `Change name to '${replacement}'`, edits: [edit], preferred: true });
  }
  const idReplacement = str(data.idReplacement);
  const idRange = data.idRange as Diagnostic['range'] | undefined;
  if (idReplacement !== undefined && idRange) {
    fixes.push({ title: `Change ID to ${idReplacement}`, edits: [scalarEdit(yaml, idRange, idReplacement)], preferred: false });
  }
  return fixes;
}

/** "Exclude from the model": appends `{ id, reason }` to `techniques.exclude`, creating keys as needed. */
export function excludeTechniqueEdit(yaml: ParsedYaml, id: string, reason = 'TODO: why is this out of scope?'): TextEdit | undefined {
  return appendToSequenceEdit(yaml, ['techniques', 'exclude'], `{ id: ${id}, reason: ${JSON.stringify(reason)} }`);
}

/** "Add to the model's controls": appends a `controls:` path (e.g. from referenceTo(model, inventory)). */
export function addControlFileEdit(yaml: ParsedYaml, path: string): TextEdit | undefined {
  return appendToSequenceEdit(yaml, ['controls'], /^[\w./-]+$/.test(path) ? path : JSON.stringify(path));
}
