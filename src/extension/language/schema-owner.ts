/**
 * Who reports YAML syntax and JSON Schema errors. Red Hat's YAML extension reads our schemas through the
 * `yamlValidation` contribution and reports them itself; when it validates, we report only what it cannot know
 * (ATT&CK and cross-file checks), so nothing appears twice. Without it, we report everything.
 */
import * as vscode from 'vscode';

export const YAML_EXTENSION_ID = 'redhat.vscode-yaml';
export const SCHEMA_DIAGNOSTICS_SETTING = 'threatOverlap.validation.schemaDiagnostics';

export type SchemaDiagnosticsMode = 'auto' | 'always' | 'never';

/** True when Red Hat's YAML extension is installed, enabled and validating (`yaml.validate` not turned off). */
export function yamlExtensionValidates(uri: vscode.Uri): boolean {
  if (!vscode.extensions.getExtension(YAML_EXTENSION_ID)) return false;
  return vscode.workspace.getConfiguration('yaml', uri).get<boolean>('validate', true) !== false;
}

/** Whether this extension shows syntax and schema diagnostics (codes `yaml.*`, `schema.*`) for a document. */
export function reportsSchemaDiagnostics(uri: vscode.Uri): boolean {
  const mode = vscode.workspace.getConfiguration(undefined, uri).get<SchemaDiagnosticsMode>(SCHEMA_DIAGNOSTICS_SETTING, 'auto');
  if (mode === 'always') return true;
  if (mode === 'never') return false;
  return !yamlExtensionValidates(uri);
}

/** Fires when the answer of `reportsSchemaDiagnostics` may have changed. */
export function onDidChangeSchemaOwner(listener: () => void): vscode.Disposable {
  const config = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(SCHEMA_DIAGNOSTICS_SETTING) || e.affectsConfiguration('yaml.validate')) listener();
  });
  const extensions = vscode.extensions.onDidChange(listener);
  return vscode.Disposable.from(config, extensions);
}
