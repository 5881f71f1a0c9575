/** The confined reader and the safe writer: every file a model names is read here, every report written here. */
export type { Confinement, ConfinementRoot } from './confinement';
export { allowedPaths, commandLineConfinement, isInside, outsideRoots, projectRoot, resolveFinal } from './confinement';
export { MAX_BUNDLE_FILE_BYTES, MAX_IMPORT_FILE_BYTES, MAX_YAML_FILE_BYTES, sizeLabel } from './limits';
export type { BytesRead, ReadOptions, Refusal, RefusalReason, TextRead } from './read-file';
export { readConfinedBytes, readConfinedText, readSmallFileSync } from './read-file';
export type { RefusalSite } from './refusal';
export { FILE_CODES, refusalCode, refusalDiagnostic, refusalMessage } from './refusal';
export type { FileRole, FileSource, ReadRequest } from './source';
export { confinedSource, limitsFor } from './source';
export type { CheckInput } from './safe-write';
export { OutputFileError, writeReportFile } from './safe-write';
