/** ATT&CK data acquisition, shared by the extension and the CLI: pins, sources, downloads, verification. */
export * from './pin';
export * from './source';
export * from './errors';
export * from './download';
export * from './verify';
export * from './settings';
export * from './jsonc';
