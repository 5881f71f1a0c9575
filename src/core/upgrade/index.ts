/** Upgrading a model to a newer ATT&CK release: the plan of what changes, and the edits that apply it. */
export { editsByFile, planUpgrade } from './plan';
export { platformRenames } from './platforms';
export type * from './types';
