/**
 * Semantic validation of threat models and control inventories against the ATT&CK index of their pin,
 * across files, with quick fixes driven by each diagnostic's `data`.
 */
export { DIAGNOSTIC_CODES, isSchemaLayer } from './codes';
export type { CodeInfo } from './codes';
export { checkThreatModel } from './threat-model-checks';
export type { ThreatModelCheckOptions } from './threat-model-checks';
export { checkControlInventory } from './control-checks';
export type { InventoryContext } from './control-checks';
export { controlFilesOf, filesAffectedBy, validateWorkspace } from './workspace';
export type { ControlFileRef, WorkspaceInput } from './workspace';
export { checkReference } from './reference-check';
export type { ReferenceSite } from './reference-check';
export { suggestIds } from './suggest-ids';
export type { IdSuggestion } from './suggest-ids';
export { PLATFORM_RENAMES, derivePlatformRenames, renamedPlatform } from './platform-renames';
export type { DerivedRename, PlatformRename } from './platform-renames';
export { addControlFileEdit, excludeTechniqueEdit, fixesFor } from './quick-fixes';
export type { CodeFix } from './quick-fixes';
export { baseName, normalizeFile, referenceTo, resolveReference } from './paths';
export { isNameOf, releaseLabel } from './names';
