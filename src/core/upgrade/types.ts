/**
 * What upgrading one threat model (and the control inventories it lists) from one ATT&CK release to another
 * changes: a list of findings, each with where it is and the text edits that apply it (none when the
 * finding is for the user to decide, e.g. a deprecated technique or new sub-techniques to consider).
 */
import type { AttackDomain, ObjectKind } from '../attack/types';
import type { Range } from '../diagnostics';
import type { TextEdit } from '../model/yaml-edits';

/** A place in a file: the model's or an inventory's `file` as its parse gave it ('' when it had none). */
export interface FileRange {
  readonly file: string;
  readonly range: Range;
}

/** One text edit in one file. */
export interface FileEdit {
  readonly file: string;
  readonly edit: TextEdit;
}

/** An ATT&CK object as one release has it. */
export interface ObjectRef {
  readonly id: string;
  readonly name: string;
}

interface ChangeBase {
  /** One line for the user, naming both releases' facts. */
  readonly message: string;
  /** Every place the change concerns, in file and document order. */
  readonly locations: readonly FileRange[];
  /** The edits that apply it; empty: informational. */
  readonly edits: readonly FileEdit[];
}

/** `attack.version` moves to the target release. */
export interface PinChange extends ChangeBase { readonly kind: 'pin'; readonly from: string; readonly to: string }
/** The object is revoked in the target; `replacement` from its revoked-by (absent: none to switch to). */
export interface RevokedChange extends ChangeBase {
  readonly kind: 'revoked';
  readonly object: ObjectRef & { readonly kind: ObjectKind };
  readonly replacement?: ObjectRef;
  /** Already revoked in the source release (the model was stale before the upgrade). */
  readonly alreadyRevoked: boolean;
}
/** Deprecated in the target: it no longer counts; the user decides whether to remove it. */
export interface DeprecatedChange extends ChangeBase { readonly kind: 'deprecated'; readonly object: ObjectRef & { readonly kind: ObjectKind } }
/** Live in the source, absent from the target altogether. */
export interface RemovedChange extends ChangeBase { readonly kind: 'removed'; readonly object: ObjectRef & { readonly kind: ObjectKind } }
/** Same ID, new name; names and comments that gave the old name are edited. */
export interface RenamedChange extends ChangeBase {
  readonly kind: 'renamed';
  readonly id: string;
  readonly objectKind: ObjectKind;
  readonly oldName: string;
  readonly newName: string;
}
/** Sub-techniques the target adds to a parent the files use (a parent never implies its sub-techniques). */
export interface NewSubtechniquesChange extends ChangeBase {
  readonly kind: 'new-subtechniques';
  readonly parent: ObjectRef;
  readonly added: readonly ObjectRef[];
}
/** A platform the target no longer has, renamed (derived from the data, else the documented table). */
export interface PlatformChange extends ChangeBase {
  readonly kind: 'platform';
  readonly from: string;
  /** Undefined: the platform is gone with no successor; the user decides. */
  readonly to?: string;
  readonly source: 'data' | 'table' | 'none';
  /** Other new platforms the old platform's techniques also moved to (e.g. Azure AD → Office Suite too). */
  readonly alsoTo: readonly string[];
}

export type UpgradeChange = PinChange | RevokedChange | DeprecatedChange | RemovedChange | RenamedChange | NewSubtechniquesChange | PlatformChange;
export type UpgradeChangeKind = UpgradeChange['kind'];

/** Everything that changes for one model between two releases of its domain. */
export interface UpgradePlan {
  readonly domain: AttackDomain;
  readonly from: string;
  readonly to: string;
  readonly changes: readonly UpgradeChange[];
}
