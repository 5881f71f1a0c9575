/**
 * The tech stack against the pinned data: platform names the release does not have (renamed ones get the
 * new name as a fix), and ICS assets that are not assets of the release.
 */
import type { AttackIndex } from '../attack/types';
import { assetKeys } from '../coverage/applicability';
import type { Diagnostic } from '../diagnostics';
import { KNOWN_PLATFORMS } from '../model/schema-validation';
import { SuggestBudget, closestMatch } from '../model/suggest';
import type { Component, Located } from '../model/types';
import { excerpt, listSome, quote } from '../text/safe-text';
import { ATTACK_NAME_LENGTH, releaseLabel } from './names';
import { renamedPlatform } from './platform-renames';
import { checkReference } from './reference-check';

const ASSET_ID = /^A\d{4}$/;

/** Platform and asset diagnostics for every component. */
export function checkComponents(index: AttackIndex, components: readonly Component[], budget: SuggestBudget = new SuggestBudget()): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const c of components) {
    const written = new Set(c.platforms.map((p) => p.value));
    // Old names met so far on this component, by what they are called now (for "like 'Office 365', …").
    const earlierByNewName = new Map<string, string>();
    for (const p of c.platforms) out.push(...checkPlatform(index, p, written, earlierByNewName));
    for (const a of c.assets) out.push(...checkAsset(index, a, budget));
  }
  return out;
}

function checkPlatform(index: AttackIndex, platform: Located<string>, written: ReadonlySet<string>, earlierByNewName: Map<string, string>): Diagnostic[] {
  const name = platform.value;
  if (index.platforms.includes(name)) return [];
  const release = releaseLabel(index);
  const base = { code: 'attack.platform-unknown', severity: 'warning', range: platform.range } as const;
  if (index.domain === 'ics-attack') {
    return [{ ...base, message: `${release} techniques are scoped by assets, not platforms: ${quote(name)} matches nothing here; list the component's assets (e.g. A0002 or HMI)`,
      data: { platform: name, domain: index.domain } }];
  }
  // A name outside the schema's list is a typo the schema already reported, with its own suggestion.
  if (!KNOWN_PLATFORMS.includes(name)) return [];
  const renamed = renamedPlatform(name, index);
  // An earlier old name that becomes the same new one (Office 365 and Google Workspace → Office Suite):
  // fixing both by renaming would list it twice, so this one is removed instead.
  const earlier = renamed.length > 0 ? earlierByNewName.get(renamed[0]) : undefined;
  if (renamed.length > 0 && earlier === undefined) earlierByNewName.set(renamed[0], name);
  if (renamed.length > 0) {
    const options = renamed.map((r) => `'${r}'`).join(' or ');
    const listed = renamed.find((r) => written.has(r)) ?? (earlier !== undefined ? renamed[0] : undefined);
    const message = written.has(listed ?? '')
      ? `'${name}' is not a platform in ${release}; it is called '${listed}' there, which this component already lists: remove '${name}'`
      : listed !== undefined
        ? `'${name}' is not a platform in ${release}; like '${earlier}', it is called '${listed}' there: remove '${name}' and rename '${earlier}'`
        : `'${name}' is not a platform in ${release}; it is called ${options} there`;
    return [{ ...base, message, data: { platform: name, replacement: renamed[0], alternatives: renamed, ...(listed !== undefined ? { alreadyListed: listed } : {}) } }];
  }
  return [{ ...base, message: `'${name}' is not a platform in ${release} (its platforms: ${listSome(index.platforms.map((p) => excerpt(p)), 40)})`,
    data: { platform: name, available: index.platforms } }];
}

function checkAsset(index: AttackIndex, asset: Located<string>, budget: SuggestBudget): Diagnostic[] {
  const written = asset.value.trim();
  if (index.list('asset').length === 0) {
    return [{ code: 'attack.asset-unknown', severity: 'warning', range: asset.range,
      message: `${releaseLabel(index)} has no assets: assets only scope ATT&CK for ICS techniques; use platforms here`,
      data: { asset: written, domain: index.domain } }];
  }
  // Written as an ID: the full reference check (unknown, revoked, deprecated, wrong type).
  if (ASSET_ID.test(written)) return checkReference(index, { id: written, idRange: asset.range, expected: 'asset' }, budget);
  const keys = assetKeys(index);
  if (keys.has(written.toLowerCase())) return [];
  const names = index.list('asset').flatMap((a) => [a.name, /\(([^()]+)\)\s*$/.exec(a.name)?.[1] ?? []].flat());
  const suggestion = closestMatch(written, names, budget);
  const hint = suggestion !== undefined ? ` (did you mean ${quote(suggestion, ATTACK_NAME_LENGTH)}?)` : '';
  return [{ code: 'attack.asset-unknown', severity: 'error', range: asset.range,
    message: `${quote(written)} is not an asset in ${releaseLabel(index)}: use an asset ID (A0002), its name or the abbreviation in parentheses${hint}`,
    data: { asset: written, ...(suggestion !== undefined ? { replacement: suggestion } : {}) } }];
}
