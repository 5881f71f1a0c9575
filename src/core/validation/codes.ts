/**
 * Every diagnostic code the core produces, with its default severity and meaning: the reference for the
 * README, for `threat-overlap validate`, and for the extension's code-action provider.
 */
import type { Diagnostic, Severity } from '../diagnostics';
import { FILE_CODES } from '../files/refusal';
import { TRIAGE_CODES } from '../triage/diagnostics';
import { TELEMETRY_CODES } from '../telemetry/checks';
import { ASSURANCE_CODES } from '../assurance/diagnostics';

export interface CodeInfo {
  readonly severity: Severity;
  readonly description: string;
}

export const DIAGNOSTIC_CODES: Readonly<Record<string, CodeInfo>> = {
  'yaml.syntax': { severity: 'error', description: 'The file is not valid YAML here.' },
  'yaml.warning': { severity: 'warning', description: 'Valid YAML, but probably not what was meant (e.g. an unknown tag).' },
  'yaml.version': { severity: 'warning', description: 'A `%YAML 1.1` (or 1.0) directive: files are read as YAML 1.2, where `yes`/`no`/`on`/`off` are strings.' },
  'yaml.duplicate-key': { severity: 'error', description: 'A key appears twice in one mapping; only the last one would count.' },
  'yaml.multiple-documents': { severity: 'error', description: 'A second YAML document (`---`) in the file; one document per file.' },
  'yaml.alias': { severity: 'error', description: 'An alias without an anchor, inside its own anchor, or expanding beyond the limit.' },
  'yaml.too-large': { severity: 'error', description: 'The file is over the 256 KB size cap for models and inventories; it is not read.' },
  'yaml.too-deep': { severity: 'error', description: 'Mappings and lists nest deeper than the limit (100 levels read as data; a file that could nest past 400 levels, or with 1,000 open flow brackets, is not read at all).' },
  'schema.*': { severity: 'error', description: 'The document does not match the JSON Schema (schema.required, schema.enum, schema.additional-property, …).' },
  'attack.unknown-id': { severity: 'error', description: 'The ID is not in the pinned ATT&CK release; suggests IDs by a near ID and by the name written next to it.' },
  'attack.revoked': { severity: 'warning', description: 'The object was revoked; names its replacement (revoked-by).' },
  'attack.deprecated': { severity: 'warning', description: 'The object is deprecated and no longer counts.' },
  'attack.wrong-type': { severity: 'error', description: 'The ID is another kind of object than the place expects (a group where a technique belongs, …).' },
  'attack.name-mismatch': { severity: 'warning', description: 'A `name:` or a trailing comment names another object than the ID.' },
  'attack.platform-unknown': { severity: 'warning', description: 'The platform does not exist in the pinned release (renamed ones get the new name as a fix).' },
  'attack.asset-unknown': { severity: 'error', description: 'The ICS asset is not in the pinned release, or the domain has no assets.' },
  'model.stack-unknown-component': { severity: 'warning', description: "`appliesTo` names a component no referencing threat model's techStack has." },
  'model.control-file-missing': { severity: 'error', description: 'A `controls:` path names no file.' },
  'model.duplicate-id': { severity: 'error', description: 'A component, control (also across the inventories of one model) or adversary is listed twice.' },
  'model.version-behind': { severity: 'information', description: 'The model pins an older ATT&CK release than the data available.' },
  'control.not-applicable': { severity: 'warning', description: "A control covers a technique (or mitigation) none of its components' platforms or assets can run." },
  // The confined reader's refusals, on the entry that named the file (src/core/files).
  ...FILE_CODES,
  // Gap triage's findings on the model's own decisions (src/core/triage).
  ...TRIAGE_CODES,
  // Telemetry declared in control inventories (src/core/telemetry, docs/hunting.md).
  ...TELEMETRY_CODES,
  // Assurance: tests of coverage claims (src/core/assurance, docs/assurance.md).
  ...ASSURANCE_CODES,
  'diagnostics.too-many': { severity: 'error', description: 'More than 200 diagnostics in one file: the 200 most severe are listed (in document order within a severity), this one counts the rest; its severity is that of the most severe left out.' },
};

/**
 * Syntax and schema problems: what a generic YAML + JSON Schema tool (Red Hat's YAML extension, fed our
 * schemas through `yamlValidation`) reports too. The extension drops these when that tool validates the
 * file, so nothing is reported twice; everything else only this tool can know.
 */
export function isSchemaLayer(diagnostic: Pick<Diagnostic, 'code'>): boolean {
  if (OUR_YAML_RULES.has(diagnostic.code)) return false;
  return diagnostic.code.startsWith('yaml.') || diagnostic.code.startsWith('schema.');
}

/** `yaml.*` codes of our own reading rules (limits, the YAML version), which a generic YAML tool does not report. */
const OUR_YAML_RULES = new Set(['yaml.version', 'yaml.too-large', 'yaml.too-deep']);
