/**
 * Detection rule files in the editor: one parsed-file cache shared by hovers, the heatmap and gap checks (a file is
 * read again only when its stamp changes), and the stamp of a rule file open with unsaved edits (its document
 * version), since the confined source reads open documents before the disk.
 */
import * as vscode from 'vscode';
import type { AttackIndex } from '../core/attack/types';
import type { FileSource } from '../core/files/source';
import type { ResolvedImports } from '../core/import/types';
import type { ControlInventory } from '../core/model/types';
import { RuleFileCache } from '../core/rules/cache';
import { resolveRuleSets } from '../core/rules/resolve';

export const EDITOR_RULE_CACHE = new RuleFileCache();

/** `open:<version>` for a file open in an editor with unsaved changes; undefined otherwise (the disk's stamp counts). */
export function openRuleStamp(file: string): string | undefined {
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === file);
  return doc?.isDirty ? `open:${doc.uri.toString()}:${doc.version}` : undefined;
}

/** What the inventories' `rules:` entries give, as imports for coverageInputFrom (no other import is resolved here). */
export async function ruleImports(inventories: readonly ControlInventory[], source: FileSource, index: AttackIndex): Promise<{ imports: ResolvedImports; files: readonly string[]; version: string }> {
  const before = EDITOR_RULE_CACHE.reads;
  const rules = await resolveRuleSets(inventories, {
    readFile: (f) => source(f, { role: 'import', confined: true }), index, cache: EDITOR_RULE_CACHE, openStamp: openRuleStamp,
  });
  // Same files and nothing re-read: the same rules (lets a memo keep its coverage).
  const version = `${EDITOR_RULE_CACHE.reads === before ? 'same' : EDITOR_RULE_CACHE.reads}:${rules.files.length}`;
  return { imports: { adversaries: new Map(), controls: rules.controls, diagnostics: rules.diagnostics, summaries: [], rules }, files: rules.files, version };
}
