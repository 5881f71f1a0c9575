/**
 * Which Atomic Red Team tests can validate a technique on the model's components. Atomic names its platforms in its
 * own words (`supported_platforms`: windows, linux, macos, iaas:aws, azure-ad, office-365, …); each maps to the
 * ATT&CK platform names that stand for it, and only the names the pinned release has are used (Office 365 became
 * Office Suite and Azure AD became Identity Provider in ATT&CK 16; both spellings are listed so a model pinned to an
 * older release maps too). The real-data test checks every name in the atomics folder maps to a platform of 18.1.
 */
import type { AttackIndex } from '../attack/types';
import type { ComponentEvidence, ComponentInput } from '../coverage/types';
import type { AtomicCatalogue, AtomicOption, TechniqueAtomics } from './types';

/** Atomic platform name (lower case) → the ATT&CK platform names it stands for, newest first. */
export const ATOMIC_PLATFORMS: Readonly<Record<string, readonly string[]>> = {
  windows: ['Windows'],
  linux: ['Linux'],
  macos: ['macOS'],
  containers: ['Containers'],
  'iaas:aws': ['IaaS', 'AWS'],
  'iaas:azure': ['IaaS', 'Azure'],
  'iaas:gcp': ['IaaS', 'GCP'],
  iaas: ['IaaS'],
  'azure-ad': ['Identity Provider', 'Azure AD'],
  'office-365': ['Office Suite', 'Office 365'],
  'google-workspace': ['Office Suite', 'Google Workspace'],
  saas: ['SaaS'],
  esxi: ['ESXi'],
  'network-devices': ['Network Devices', 'Network'],
};

/** Options listed per technique; the rest are counted. */
export const MAX_ATOMIC_OPTIONS = 25;

/** The ATT&CK platforms of the release an Atomic platform name stands for ([] when it names none of them). */
export function attackPlatformsOf(atomicPlatform: string, releasePlatforms: ReadonlySet<string>): string[] {
  const names = ATOMIC_PLATFORMS[atomicPlatform.trim().toLowerCase()] ?? [];
  return names.filter((n) => releasePlatforms.has(n));
}

const platformSets = new WeakMap<AttackIndex, ReadonlySet<string>>();
function releasePlatforms(index: AttackIndex): ReadonlySet<string> {
  let set = platformSets.get(index);
  if (!set) platformSets.set(index, (set = new Set(index.platforms)));
  return set;
}

/**
 * The atomic tests of `techniqueId` that run on a component it applies to (`evidence`: its component evidence),
 * with those components. Undefined when the folder has no file for the technique. With no techStack (the implicit
 * component), every test is listed.
 */
export function atomicsFor(index: AttackIndex, catalogue: AtomicCatalogue, techniqueId: string, evidence: readonly ComponentEvidence[], components: readonly ComponentInput[]): TechniqueAtomics | undefined {
  const tests = catalogue.tests.get(techniqueId);
  if (!tests) return undefined;
  const release = releasePlatforms(index);
  const byId = new Map(components.map((c) => [c.id, c]));
  const options: AtomicOption[] = [];
  for (const test of tests) {
    const platforms = [...new Set(test.platforms.flatMap((p) => attackPlatformsOf(p, release)))];
    const on = evidence.filter((e) => e.component === '*' || (byId.get(e.component)?.platforms ?? []).some((p) => platforms.includes(p))).map((e) => e.component);
    if (on.length > 0) options.push({ name: test.name, ...(test.guid !== undefined ? { guid: test.guid } : {}), platforms, components: on });
  }
  return {
    options: options.slice(0, MAX_ATOMIC_OPTIONS),
    ...(options.length > MAX_ATOMIC_OPTIONS ? { more: options.length - MAX_ATOMIC_OPTIONS } : {}),
    total: tests.length,
  };
}
