/**
 * Editor-neutral helpers behind the extension's language features: the cursor's place in a half-typed document,
 * the values that belong there, ATT&CK objects matching what was typed, and the texts of CodeLens and hover cards.
 */
export { valueContextAt } from './yaml-context';
export type { ValueContext } from './yaml-context';
export { valueKindAt } from './value-kinds';
export type { EnumName, ValueKind } from './value-kinds';
export { attackCandidates, fullNameOf } from './attack-candidates';
export type { AttackCandidate } from './attack-candidates';
export { adversaryLensTitle, adversaryNames, coveringControls, techniqueById, techniqueLensTitle, weakComponents } from './coverage-views';
export { hoverCard, shortDescription } from './hover-card';
export type { HoverCoverage } from './hover-card';
export { enumValues } from './enums';
export { planMarkdown } from './upgrade-plan-text';
