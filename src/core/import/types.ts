/**
 * What resolveImports hands to coverageInputFrom: the adversaries each `layer:` entry stands for, the technique
 * entries each control's `framework:` gives, the diagnostics, and a summary per reference for reports and tests.
 */
import type { AttackIndex } from '../attack/types';
import type { AdversaryInput, ControlInput } from '../coverage/types';
import type { Diagnostic, Range } from '../diagnostics';
import type { TextRead } from '../files/read-file';
import type { Adversary, Control } from '../model/types';
import type { RuleFileCache } from '../rules/cache';
import type { RuleImports } from '../rules/resolve';
import type { ImportFormat } from './load';
import type { RevokedId } from './retired';

export type ImportedControlTechnique = ControlInput['techniques'][number];

export interface ImportOptions {
  /**
   * Reads an imported file through the confined reader (a FileSource with role `import`): missing gives
   * `import.file-missing`, refused a `file.*` diagnostic on the referencing entry.
   */
  readFile(file: string): Promise<TextRead>;
  /** The index of the model's pinned release: IDs are resolved against it. */
  readonly index: AttackIndex;
  /** Parsed rule files kept between analyses (`rules:` entries, docs/rules.md). */
  readonly ruleCache?: RuleFileCache;
  /** A stamp for a rule file open with unsaved edits (its text is not the disk's). */
  readonly openStamp?: (file: string) => string | undefined;
}

/** One `layer:` or `framework:` reference, resolved. */
export interface ImportSummary {
  /** The imported file, resolved against the YAML file. */
  readonly file: string;
  /** The YAML file and entry that referenced it. */
  readonly from: { readonly file?: string; readonly range: Range };
  readonly use: 'adversary' | 'control';
  /** Undefined when the file could not be read. */
  readonly format?: ImportFormat;
  /** Distinct live techniques the reference contributes (after thresholds, capability choice, revoked-by mapping). */
  readonly techniques: number;
  readonly revoked: readonly RevokedId[];
  readonly deprecated: readonly string[];
  readonly unknown: readonly string[];
}

export interface ResolvedImports {
  /** Per `layer:` adversary entry of the model: the adversaries it stands for (a DeTT&CT group file gives several). */
  readonly adversaries: ReadonlyMap<Adversary, readonly AdversaryInput[]>;
  /** Per control with a `framework:`: the technique entries the imported file gives it. */
  readonly controls: ReadonlyMap<Control, readonly ImportedControlTechnique[]>;
  /** `import.*` diagnostics, each with the YAML file it belongs to. */
  readonly diagnostics: readonly Diagnostic[];
  readonly summaries: readonly ImportSummary[];
  /** The controls' `rules:` entries: their summaries and the rule files matched (their entries are in `controls`). */
  readonly rules?: Pick<RuleImports, 'summaries' | 'files'>;
}
