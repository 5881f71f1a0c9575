/**
 * The typed model of the two YAML formats. Plain readonly data: no yaml nodes leak out. Every entry
 * carries 0-based source ranges (the whole entry, its id and name values) so diagnostics, quick fixes,
 * CodeLens and coverage evidence can point at the exact place the user wrote something.
 *
 * The model is built tolerantly: entries the schema rejects outright (an ATT&CK reference that is not
 * ID-shaped, an entry without an id) are left out so later checks do not report them twice; invalid
 * enum values fall back to the default with `explicit: false`.
 */
import type { AttackDomain } from '../attack/types';
import type { Range } from '../diagnostics';

export const COVERAGE_LEVELS = ['none', 'minimal', 'partial', 'significant'] as const;
export type CoverageLevel = (typeof COVERAGE_LEVELS)[number];
export const CONTROL_STATUSES = ['implemented', 'partial', 'planned', 'retired'] as const;
export type ControlStatus = (typeof CONTROL_STATUSES)[number];
export const CONTROL_FUNCTIONS = ['protect', 'detect', 'respond'] as const;
export type ControlFunction = (typeof CONTROL_FUNCTIONS)[number];
export const MOTIVATIONS = ['financial', 'espionage', 'destruction', 'influence', 'hacktivism'] as const;
export type Motivation = (typeof MOTIVATIONS)[number];
export const EXPOSURES = ['internet-facing', 'partner-facing', 'internal', 'isolated'] as const;
export type Exposure = (typeof EXPOSURES)[number];
export const INTEL_SOURCE_KINDS = ['OSINT', 'commercial', 'ISAC', 'government', 'internal', 'incident'] as const;
export type IntelSourceKind = (typeof INTEL_SOURCE_KINDS)[number];
export const CONFIDENCES = ['low', 'medium', 'high'] as const;
export const IMPACTS = ['low', 'medium', 'high'] as const;
export type Impact = (typeof IMPACTS)[number];
export type Confidence = (typeof CONFIDENCES)[number];
/** How a coverage claim was tested (`validated:` entries, docs/assurance.md). */
export const VALIDATION_METHODS = ['atomic', 'purple-team', 'pentest', 'incident'] as const;
export type ValidationMethod = (typeof VALIDATION_METHODS)[number];
/** What the test saw: the control detected or blocked the technique, or missed it. */
export const VALIDATION_RESULTS = ['detected', 'blocked', 'missed'] as const;
export type ValidationResult = (typeof VALIDATION_RESULTS)[number];

/** Shape of any ATT&CK ID (technique, sub-technique, group, …); the kind is checked against the data later. */
export const ATTACK_ID_PATTERN = /^[A-Z]{1,3}\d{4}(\.\d{3})?$/;
/** Shape of an ATT&CK object ID without a sub-technique part (groups, campaigns, software). */
export const ATTACK_OBJECT_ID_PATTERN = /^[A-Z]{1,3}\d{4}$/;

/** A value the user wrote, with the range of the value. */
export interface Located<T> {
  readonly value: T;
  readonly range: Range;
}

/** A value with a default. `explicit` is true only when the user wrote a valid value (then `range` is set). */
export interface Defaulted<T> {
  readonly value: T;
  readonly explicit: boolean;
  readonly range?: Range;
}

/** Source ranges every model entry carries. */
export interface EntryRanges {
  /** The whole entry (a sequence item, a mapping, or the whole document), without trailing comments. */
  readonly range: Range;
  /** The id value (for an ATT&CK reference written as a bare ID, the same as `range`). */
  readonly idRange?: Range;
  /** The name value, when written. */
  readonly nameRange?: Range;
}

/** A technique entry: `T1059` or `{ id: T1059, name: … }`. */
export interface TechniqueRef extends EntryRanges {
  readonly id: string;
  readonly idRange: Range;
  readonly name?: string;
}

/** A component of the tech stack. */
export interface Component extends EntryRanges {
  readonly id: string;
  readonly idRange: Range;
  readonly name?: string;
  readonly description?: string;
  /** ATT&CK platform names as written (checked against the data later). */
  readonly platforms: readonly Located<string>[];
  /** ICS asset IDs or names as written. */
  readonly assets: readonly Located<string>[];
  readonly exposure?: Located<Exposure>;
  readonly crownJewel: Defaulted<boolean>;
  /** The missionImpact decision point of gap triage (a crown jewel counts as high). */
  readonly impact?: Located<Impact>;
}

/** Where intelligence comes from. */
export interface IntelSource {
  readonly range: Range;
  readonly kind?: Located<IntelSourceKind>;
  readonly ref?: Located<string>;
  /** YYYY-MM-DD as written. */
  readonly date?: Located<string>;
  readonly confidence?: Located<Confidence>;
}

interface AdversaryCommon extends EntryRanges {
  readonly name?: string;
  readonly motivation?: Located<Motivation>;
  readonly notes?: string;
  /** Techniques written on the entry: own intelligence, or additions to an ATT&CK object's techniques. */
  readonly techniques: readonly TechniqueRef[];
  readonly source?: IntelSource;
  /** Own intelligence: the techniques are run automatically (the automatable decision point). */
  readonly automated?: Located<boolean>;
}

/** An ATT&CK group, campaign or software; `id`/`idRange` are its ATT&CK ID. */
export interface AttackAdversary extends AdversaryCommon {
  readonly kind: 'group' | 'campaign' | 'software';
  readonly id: string;
  readonly idRange: Range;
  /** Groups and campaigns: add the techniques of their software (default true). Not meaningful for software. */
  readonly includeSoftware: Defaulted<boolean>;
}

/** The user's own intelligence: `name` + `techniques`. */
export interface IntelAdversary extends AdversaryCommon {
  readonly kind: 'intel';
}

/** Reserved: an ATT&CK Navigator layer file, relative to the model. */
export interface LayerAdversary extends AdversaryCommon {
  readonly kind: 'layer';
  readonly layer: Located<string>;
  readonly minScore?: Located<number>;
}

export type Adversary = AttackAdversary | IntelAdversary | LayerAdversary;
export type AdversaryKind = Adversary['kind'];

/** A technique out of scope. */
export interface Exclusion extends EntryRanges {
  readonly id: string;
  readonly idRange: Range;
  readonly name?: string;
  /** Required by the schema; absent here only while the document is invalid. */
  readonly reason?: Located<string>;
}

/** A model's own value for decision points of one technique's triage (`techniques.assess`). */
export interface Assessment extends EntryRanges {
  readonly id: string;
  readonly idRange: Range;
  readonly activity?: Located<'reported' | 'active'>;
  readonly automatable?: Located<'no' | 'yes'>;
  readonly exposure?: Located<'small' | 'controlled' | 'open'>;
  readonly missionImpact?: Located<'low' | 'medium' | 'high'>;
  readonly reason?: Located<string>;
}

/** An accepted risk (`techniques.accept`). */
export interface Acceptance extends EntryRanges {
  readonly id: string;
  readonly idRange: Range;
  readonly name?: string;
  readonly reason?: Located<string>;
  readonly owner?: Located<string>;
  /** YYYY-MM-DD as written. */
  readonly until?: Located<string>;
  readonly ref?: Located<string>;
}

/** The ATT&CK domain and release the model pins. */
export interface AttackPin {
  /** The `attack` mapping, when written. */
  readonly range?: Range;
  /** Default enterprise-attack. */
  readonly domain: Defaulted<AttackDomain>;
  /** Omitted: the newest data available. */
  readonly version?: Located<string>;
}

/** A parsed `*.threatmodel.yaml`. `range` is the whole document. */
export interface ThreatModel extends EntryRanges {
  readonly kind: 'threat-model';
  readonly file?: string;
  readonly formatVersion?: Located<number>;
  readonly name?: string;
  readonly description?: string;
  readonly owner?: string;
  readonly attack: AttackPin;
  readonly techStack: readonly Component[];
  /** The `techStack` sequence, when written. */
  readonly techStackRange?: Range;
  readonly adversaries: readonly Adversary[];
  readonly techniques: {
    /** Techniques added to the adversary set whatever the adversaries. */
    readonly include: readonly TechniqueRef[];
    readonly exclude: readonly Exclusion[];
    readonly assess: readonly Assessment[];
    readonly accept: readonly Acceptance[];
  };
  /** Control inventory paths as written (relative to the model file). */
  readonly controlFiles: readonly Located<string>[];
  readonly policy: {
    readonly minCoverage: Defaulted<CoverageLevel>;
    /** The triage date (YYYY-MM-DD as written); omitted: today. */
    readonly asOf?: Located<string>;
    /** Days; default 365. */
    readonly intelMaxAge: Defaulted<number>;
    /** Days; default 365. */
    readonly maxAcceptance: Defaulted<number>;
    /** A decision table file, relative to the model. */
    readonly decisionTable?: Located<string>;
    /** Days within which a coverage claim's latest test counts as current (docs/assurance.md); default 180. */
    readonly validationMaxAge: Defaulted<number>;
  };
}

/** A mitigation a control implements. */
export interface MitigationRef extends EntryRanges {
  readonly id: string;
  readonly idRange: Range;
  readonly name?: string;
  /** Default partial. */
  readonly coverage: Defaulted<CoverageLevel>;
}

/**
 * One test of a coverage claim (`validated:` on a control technique entry or a control). Only entries with a valid
 * `date` and `result` are kept (the schema reports the others).
 */
export interface ValidationRecord {
  readonly range: Range;
  /** YYYY-MM-DD as written (a valid calendar date). */
  readonly date: Located<string>;
  readonly method?: Located<ValidationMethod>;
  readonly ref?: Located<string>;
  readonly result: Located<ValidationResult>;
}

/** A control-level test: names the technique it tested (for claims from imports or rule files too). */
export interface ControlValidation extends ValidationRecord {
  readonly technique: Located<string>;
}

/** A technique a control covers directly. */
export interface ControlTechniqueRef extends TechniqueRef {
  /** Default partial. */
  readonly coverage: Defaulted<CoverageLevel>;
  readonly function?: Located<ControlFunction>;
  /** Tests of this claim (`validated:`), as written. */
  readonly validated: readonly ValidationRecord[];
}

/** Reserved: CTID Mappings Explorer capabilities a control implements. */
export interface FrameworkRef {
  readonly range: Range;
  readonly file?: Located<string>;
  readonly capabilities: readonly Located<string>[];
}

export const RULE_FILE_FORMATS = ['sigma', 'elastic'] as const;
export type RuleFileFormat = (typeof RULE_FILE_FORMATS)[number];

/** A rule status's level as an entry writes it (`levels: { test: significant }`). */
export interface RuleLevelRef {
  /** The status, lower case. */
  readonly status: string;
  readonly level: CoverageLevel;
  readonly range: Range;
}

/** Detection rule files a control takes techniques from: `rules: [ { path, format, levels } ]` (docs/rules.md). */
export interface RuleSetRef {
  readonly range: Range;
  /** A file or a glob (`./detections/**\/*.yml`), relative to the inventory. */
  readonly path?: Located<string>;
  readonly format?: Located<RuleFileFormat>;
  /** Overrides of the default level of each status. */
  readonly levels: readonly RuleLevelRef[];
}

/** A security control. */
export interface Control extends EntryRanges {
  readonly id: string;
  readonly idRange: Range;
  readonly name?: string;
  readonly description?: string;
  readonly owner?: string;
  /** Default implemented. */
  readonly status: Defaulted<ControlStatus>;
  /** techStack ids; undefined = every component (an invalid, non-list value gives [] so nothing is over-claimed). */
  readonly appliesTo?: readonly Located<string>[];
  readonly mitigations: readonly MitigationRef[];
  readonly techniques: readonly ControlTechniqueRef[];
  readonly framework?: FrameworkRef;
  /** Detection rule files whose techniques count for this control (function detect). */
  readonly rules?: readonly RuleSetRef[];
  readonly notes?: string;
  /** Control-level tests (`validated: [ { technique, date, method, ref, result } ]`), for any claim of the control. */
  readonly validated: readonly ControlValidation[];
}

/** A Sigma logsource as written in telemetry (`{ sigma: { product, category, service } }`), lower-cased. */
export interface SigmaLogsourceRef {
  readonly product?: string;
  readonly category?: string;
  readonly service?: string;
}

/** One `collects` item: a data component (ID or name) or ATT&CK log source name, or a Sigma logsource. */
export type CollectRef =
  | { readonly kind: 'name'; readonly value: string; readonly range: Range }
  | { readonly kind: 'sigma'; readonly logsource: SigmaLogsourceRef; readonly range: Range };

/** A `telemetry` entry: what is collected on some components (see docs/hunting.md). */
export interface TelemetryEntry {
  readonly range: Range;
  /** techStack ids; undefined = every component. */
  readonly appliesTo?: readonly Located<string>[];
  readonly collects: readonly CollectRef[];
}

/** A parsed `*.controls.yaml`. `range` is the whole document. */
export interface ControlInventory extends EntryRanges {
  readonly kind: 'control-inventory';
  readonly file?: string;
  readonly formatVersion?: Located<number>;
  readonly name?: string;
  readonly description?: string;
  readonly owner?: string;
  readonly controls: readonly Control[];
  /** `telemetry` entries (empty when none is written). */
  readonly telemetry: readonly TelemetryEntry[];
}
