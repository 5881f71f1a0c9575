/**
 * Checks one ATT&CK reference against the index of the pinned release: does the ID exist, is it the kind
 * of object the place expects, is it current, and does the name written next to it agree.
 */
import type { AttackIndex, AttackObject, ObjectKind } from '../attack/types';
import type { Diagnostic, Range } from '../diagnostics';
import type { Located } from '../model/types';
import { excerpt, quote } from '../text/safe-text';
import { ATTACK_NAME_LENGTH, describe, isNameOf, isParentNameOf, kindNoun, nameCandidates, objectsNamed, releaseLabel } from './names';
import { SuggestBudget } from '../model/suggest';
import { suggestIds } from './suggest-ids';

/** Where an ATT&CK ID was written, and what the place expects. */
export interface ReferenceSite {
  readonly id: string;
  readonly idRange: Range;
  readonly expected: ObjectKind;
  /** A `name:` that is documented as the object's name: any disagreement is reported. */
  readonly name?: Located<string>;
  /** An adversary's `name:`, a free label: reported only when it names a different ATT&CK object. */
  readonly label?: Located<string>;
  /** The trailing comment of the ID's line (when the ID is alone on it): checked like a label. */
  readonly comment?: Located<string>;
  /** The whole list item the ID belongs to (`T1059` or `{ id: T1059, … }`), for "remove" fixes. */
  readonly entryRange?: Range;
}

/** The kinds an adversary slot accepts; an ID of one of them in another slot is fixed by renaming the key. */
const ADVERSARY_KINDS: readonly ObjectKind[] = ['group', 'campaign', 'software'];

/**
 * Diagnostics for one reference (none when it is fine). Results depend only on the index and what is written,
 * so they are memoised per index with placeholder ranges, then placed at the site's ranges: re-validating a
 * large model after an edit re-checks only what changed. "Did you mean" searches are paid from `budget` (one per
 * file's check); a result the budget cut short is not memoised, so a later check with budget left completes it.
 */
export function checkReference(index: AttackIndex, site: ReferenceSite, budget: SuggestBudget = new SuggestBudget()): Diagnostic[] {
  let memo = memos.get(index);
  if (!memo || memo.size > MAX_MEMO) {
    memo = new Map();
    memos.set(index, memo);
  }
  const key = [site.id, site.expected, site.name?.value, site.label?.value, site.comment?.value, site.entryRange ? 1 : 0].join('\u0000');
  let template = memo.get(key);
  if (!template) {
    template = uncheckedReference(index, placeholderSite(site), budget);
    if (!budget.exhausted && key.length <= MAX_MEMO_KEY) memo.set(key, template);
  }
  return template.length === 0 ? [] : template.map((d) => placeAt(d, site) as Diagnostic);
}

const memos = new WeakMap<AttackIndex, Map<string, readonly Diagnostic[]>>();
const MAX_MEMO = 50_000;
/** Sites with longer names or comments are checked each time: the memo's size stays bounded by entries × this. */
const MAX_MEMO_KEY = 512;
/** Placeholder ranges by negative line: which of the site's ranges a template range stands for. */
const SLOTS = ['idRange', 'name', 'label', 'comment', 'entryRange'] as const;
const slotRange = (slot: number): Range => ({ start: { line: -1 - slot, character: 0 }, end: { line: -1 - slot, character: 0 } });

function placeholderSite(site: ReferenceSite): ReferenceSite {
  const at = (value: Located<string> | undefined, slot: number) => (value ? { value: value.value, range: slotRange(slot) } : undefined);
  const name = at(site.name, 1);
  const label = at(site.label, 2);
  const comment = at(site.comment, 3);
  return { id: site.id, expected: site.expected, idRange: slotRange(0), ...(name ? { name } : {}), ...(label ? { label } : {}),
    ...(comment ? { comment } : {}), ...(site.entryRange ? { entryRange: slotRange(4) } : {}) };
}

function siteRange(site: ReferenceSite, slot: number): Range | undefined {
  const which = SLOTS[slot];
  if (which === 'idRange' || which === 'entryRange') return site[which];
  return which !== undefined ? site[which]?.range : undefined;
}

/** A copy of a template value with every placeholder range replaced by the site's. */
function placeAt(value: unknown, site: ReferenceSite): unknown {
  if (Array.isArray(value)) return value.map((v) => placeAt(v, site));
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  const start = record.start as Range['start'] | undefined;
  if (start && typeof start.line === 'number' && start.line < 0 && 'end' in record) return siteRange(site, -1 - start.line) ?? value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) out[k] = placeAt(v, site);
  return out;
}

function uncheckedReference(index: AttackIndex, site: ReferenceSite, budget: SuggestBudget): Diagnostic[] {
  const live = index.get(site.id, site.expected);
  if (live) return checkNames(index, site, live);
  const retired = index.retired(site.id);
  const retiredOfKind = retired.find((o) => o.kind === site.expected);
  if (retiredOfKind) return [retiredDiagnostic(index, site, retiredOfKind)];
  const other = index.get(site.id) ?? retired[0];
  if (other) return [wrongType(site, other)];
  return [unknownId(index, site, budget)];
}

function diagnostic(code: string, severity: Diagnostic['severity'], message: string, range: Range, data: Record<string, unknown>): Diagnostic {
  return { code, severity, message, range, data };
}

function retiredDiagnostic(index: AttackIndex, site: ReferenceSite, object: AttackObject): Diagnostic {
  const release = releaseLabel(index);
  if (!object.revoked) {
    return diagnostic('attack.deprecated', 'warning',
      `${describe(object)} is deprecated in ${release} and no longer counts: remove it or pick a current ${site.expected}`,
      site.idRange, { id: object.id, name: object.name, ...(site.entryRange ? { entryRange: site.entryRange } : {}) });
  }
  const replacement = index.replacementOf(object.id);
  if (!replacement) {
    return diagnostic('attack.revoked', 'warning', `${describe(object)} is revoked in ${release}, with no replacement: remove it`,
      site.idRange, { id: object.id, name: object.name, ...(site.entryRange ? { entryRange: site.entryRange } : {}) });
  }
  // A `name:` that gives the revoked object's name is replaced along with the ID.
  const nameRange = site.name && isNameOf(index, object, site.name.value) ? { nameRange: site.name.range } : {};
  return diagnostic('attack.revoked', 'warning', `${describe(object)} is revoked in ${release}: replaced by ${describe(replacement)}`,
    site.idRange, { id: object.id, name: object.name, replacement: replacement.id, replacementName: replacement.name, ...nameRange });
}

function wrongType(site: ReferenceSite, object: AttackObject): Diagnostic {
  const status = object.revoked ? ' (revoked)' : object.deprecated ? ' (deprecated)' : '';
  const key = ADVERSARY_KINDS.includes(site.expected) && ADVERSARY_KINDS.includes(object.kind) ? object.kind : undefined;
  const hint = key !== undefined ? `: write \`${key}: ${object.id}\`` : '';
  return diagnostic('attack.wrong-type', 'error',
    `${describe(object)} is ${kindNoun(object.kind, object)}${status}, not ${kindNoun(site.expected)}${hint}`,
    site.idRange, { id: object.id, expected: site.expected, actual: object.kind, actualName: object.name, ...(key !== undefined ? { key } : {}) });
}

function unknownId(index: AttackIndex, site: ReferenceSite, budget: SuggestBudget): Diagnostic {
  const written = [site.name, site.label, site.comment].flatMap((l) => (l ? nameCandidates(l.value) : []));
  const suggestions = suggestIds(index, site.id, [site.expected], written, budget);
  const hint = suggestions.length > 0 ? `; did you mean ${suggestions.slice(0, 3).map((s) => `${s.id} (${excerpt(s.name, ATTACK_NAME_LENGTH)})`).join(', ')}?` : '';
  return diagnostic('attack.unknown-id', 'error', `${excerpt(site.id)} is not ${kindNoun(site.expected)} in ${releaseLabel(index)}${hint}`,
    site.idRange, { id: site.id, expected: site.expected, suggestions, ...(suggestions[0] ? { replacement: suggestions[0].id } : {}) });
}

function checkNames(index: AttackIndex, site: ReferenceSite, object: AttackObject): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (site.name && site.name.value.trim() !== '' && !isNameOf(index, object, site.name.value)) {
    const named = objectsNamed(index, site.name.value, [site.expected]).filter((o) => o.id !== object.id);
    const also = named[0] ? ` (that is ${named[0].id})` : '';
    out.push(diagnostic('attack.name-mismatch', 'warning', `${object.id} is ${quote(object.name, ATTACK_NAME_LENGTH)}, not ${quote(site.name.value)}${also}`,
      site.name.range, { id: object.id, idRange: site.idRange, expected: object.name, actual: site.name.value, replacement: object.name, source: 'name',
        ...(named[0] ? { idReplacement: named[0].id } : {}) }));
  }
  for (const [source, label] of [['label', site.label], ['comment', site.comment]] as const) {
    const mismatch = label ? labelMismatch(index, site, object, label.value) : undefined;
    if (!label || !mismatch) continue;
    out.push(diagnostic('attack.name-mismatch', 'warning', `${object.id} is ${quote(object.name, ATTACK_NAME_LENGTH)}, but ${source === 'comment' ? 'the comment' : 'the name'} ${quote(label.value)} names ${describe(mismatch)}`,
      label.range, { id: object.id, idRange: site.idRange, expected: object.name, actual: label.value, source, idReplacement: mismatch.id,
        replacement: source === 'comment' ? `# ${object.name}` : object.name }));
  }
  return out;
}

/** The other object a label names, when it names one and not this one (or, for a sub-technique, its parent). */
function labelMismatch(index: AttackIndex, site: ReferenceSite, object: AttackObject, label: string): AttackObject | undefined {
  const candidates = nameCandidates(label);
  if (candidates.some((c) => isNameOf(index, object, c) || isParentNameOf(index, object, c))) return undefined;
  const kinds = ADVERSARY_KINDS.includes(site.expected) ? ADVERSARY_KINDS : [site.expected];
  for (const candidate of candidates) {
    const other = objectsNamed(index, candidate, kinds).find((o) => o.id !== object.id);
    if (other) return other;
  }
  return undefined;
}
