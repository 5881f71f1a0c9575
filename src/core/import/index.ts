/**
 * Imports from the ATT&CK exchange formats: Navigator layers (adversaries or controls), CTID Mappings Explorer
 * files (controls via `framework:`), DeTT&CT administration files (controls, adversaries). See docs/imports.md.
 */
export { resolveImports } from './resolve';
export type { ImportOptions, ImportSummary, ImportedControlTechnique, ResolvedImports } from './types';
export { IMPORT_CODES, ImportError, MAX_IMPORT_CHARS } from './errors';
export type { ImportErrorCode } from './errors';
export { readImportFile, describeImport } from './load';
export type { ImportFormat, ImportedFile } from './load';
export { parseNavigatorLayer, readNavigatorLayer } from './navigator-layer';
export type { LayerTechnique, NavigatorLayer } from './navigator-layer';
export { layerAdversaryTechniques, layerControlLevels, scoreLevel } from './layer-use';
export { parseMappingFile, readMappingFile } from './ctid-mapping';
export type { MappingCapability, MappingFile, MappingRow } from './ctid-mapping';
export { MITIGATES_LEVEL, mappedTechniques, matchCapability } from './mapping-use';
export { parseDettect } from './dettect';
export type { DettectFile, DettectGroup, DettectTechnique } from './dettect';
export { detectionLevel, dettectControlLevels, visibilityLevel } from './dettect-use';
export { resolveIds } from './retired';
export type { IdResolution, RevokedId } from './retired';
