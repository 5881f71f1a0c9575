/**
 * The most expensive inputs we know of within the 256 KB size cap, each generated at a chosen size `n`: the cases of
 * issue 15 (long ids, a wide wrong-typed list) and the other paths whose cost once grew faster than the file (see
 * docs/robustness.md, "Cost bounded by size"). The cost benchmark runs them at `maxN`; the scaling test runs each at
 * n and 4n and compares. `salt` changes names and ids without changing the cost, so no memo answers a second run.
 * They are written for ATT&CK Enterprise 18.1 (real IDs like T1059); against another index they still cost as much.
 */

/** A threat model and, when the case needs one, the inventory it lists (`./c.controls.yaml`, next to it). */
export interface WorstInput {
  readonly model: string;
  readonly inventory?: string;
}

export interface WorstCase {
  readonly name: string;
  /** What grows with `n`. */
  readonly grows: string;
  /** The largest `n` whose files both stay under the 256 KB cap. */
  readonly maxN: number;
  build(n: number, salt?: number): WorstInput;
}

const HEAD = 'threatModel: 1\nname: Cost case\nattack: { domain: enterprise-attack, version: "18.1" }\n';
const LISTS_INVENTORY = 'controls: [ ./c.controls.yaml ]\n';
const INVENTORY_HEAD = 'controlInventory: 1\nname: Cost inventory\ncontrols:\n';
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
/** The salt in three characters, so every salt gives files of the same size. */
const tag = (salt: number): string => salt.toString(36).padStart(3, '0').slice(-3);

/** Distinct strings of exactly `length` characters that start with a letter (as component ids must). */
function longId(i: number, length: number, fill: string, salt: number): string {
  const head = `${String.fromCharCode(97 + (i % 26))}${i}s${tag(salt)}`;
  return head + fill.repeat(Math.max(0, length - head.length));
}

/** Distinct ATT&CK-shaped IDs no release has: T9000–T9999, then sub-techniques of them. */
function unknownTechnique(i: number): string {
  const base = `T${9000 + (i % 1000)}`;
  return i < 1000 ? base : `${base}.${String(Math.floor(i / 1000)).padStart(3, '0')}`;
}

export const WORST_CASES: readonly WorstCase[] = [
  {
    name: 'long component ids',
    grows: 'length of 10 techStack ids and of 10 appliesTo values naming none of them',
    maxN: 24_000,
    build: (n, salt = 0) => ({
      model: `${HEAD}techStack:\n${range(10).map((i) => `  - { id: ${longId(i, n, 'x', salt)}, platforms: [Windows] }\n`).join('')}${LISTS_INVENTORY}`,
      inventory: `${INVENTORY_HEAD}  - id: C1\n    name: Control\n    appliesTo: [${range(10).map((i) => longId(i, n, 'y', salt)).join(', ')}]\n    techniques: [T1059]\n`,
    }),
  },
  {
    name: 'wide wrong-typed list',
    grows: 'entries of `techniques: [1, 1, …]`',
    maxN: 130_000,
    build: (n, salt = 0) => ({ model: `${HEAD}adversaries:\n  - name: Wide ${tag(salt)}\n    techniques: [${Array(n).fill('1').join(',')}]\n` }),
  },
  {
    name: 'many unknown references',
    grows: 'distinct unknown technique IDs, each with a misspelt name',
    maxN: 3_500,
    build: (n, salt = 0) => ({
      model: `${HEAD}adversaries:\n  - name: Intel\n    techniques:\n${range(n).map((i) => `      - { id: ${unknownTechnique(i)}, name: "Comand and Scriptng Interpretr ${tag(salt)}-${i}" }\n`).join('')}`,
    }),
  },
  {
    name: 'many unknown component ids',
    grows: 'techStack components, and appliesTo values each one typo away from one',
    maxN: 11_500,
    build: (n, salt = 0) => ({
      model: `${HEAD}techStack:\n${range(n).map((i) => `  - { id: c${tag(salt)}-${i} }\n`).join('')}${LISTS_INVENTORY}`,
      inventory: `${INVENTORY_HEAD}  - id: C1\n    name: Control\n    appliesTo: [${range(n).map((i) => `x${tag(salt)}-${i}`).join(', ')}]\n`,
    }),
  },
  {
    name: 'wide unknown appliesTo',
    grows: 'entries of `appliesTo: [a, a, …]` naming no component',
    maxN: 125_000,
    build: (n, salt = 0) => ({
      model: `${HEAD}techStack:\n  - { id: b${tag(salt)} }\n${LISTS_INVENTORY}`,
      inventory: `${INVENTORY_HEAD}  - id: C1\n    name: Control\n    appliesTo: [${Array(n).fill('a').join(',')}]\n`,
    }),
  },
  {
    name: 'long names and comments',
    grows: 'length of names and comments (runs of spaces and quotes) next to unknown and known IDs',
    maxN: 21_000,
    build: (n, salt = 0) => ({
      model: `${HEAD}adversaries:\n  - name: Long\n    techniques:\n${range(3).map((i) => [
        `      - { id: T9${String(i).padStart(3, '0')}, name: "${`Command and Scripting ${tag(salt)} `.repeat(Math.ceil(n / 24)).slice(0, n)}" }\n`,
        `      - { id: T1059, name: "x${' '.repeat(n)}y${"'".repeat(n)}z" }\n`,
        `      - T105${i}   # a${' '.repeat(n)}b\n`,
      ].join('')).join('')}`,
    }),
  },
  {
    name: 'many schema errors',
    grows: 'adversaries with a misspelt key and enum value',
    maxN: 5_800,
    build: (n, salt = 0) => ({ model: `${HEAD}adversaries:\n${range(n).map((i) => `  - { grop: G${String(i % 10000).padStart(4, '0')}, motivaton: finacial${tag(salt)} }\n`).join('')}` }),
  },
  {
    name: 'many duplicates',
    grows: 'repeated component ids, and control ids repeated in the inventory',
    maxN: 9_000,
    build: (n, salt = 0) => ({
      model: `${HEAD}techStack:\n${range(n).map((i) => `  - { id: c${tag(salt)}-${i % 50} }\n`).join('')}${LISTS_INVENTORY}`,
      inventory: `${INVENTORY_HEAD}${range(n).map((i) => `  - { id: K${i % 50}, name: K }\n`).join('')}`,
    }),
  },
  {
    name: 'renamed platforms repeated',
    grows: "`platforms: [Azure AD, Office 365, …]` on one component (names 18.1 renamed)",
    maxN: 20_000,
    build: (n, salt = 0) => ({
      model: `${HEAD}techStack:\n  - id: c${tag(salt)}\n    platforms: [${range(n).map((i) => (i % 2 === 0 ? 'Azure AD' : 'Office 365')).join(', ')}]\n`,
    }),
  },
  {
    name: 'controls against a wide tech stack',
    grows: 'components, and controls that apply to all of them (listed) with techniques none can run',
    maxN: 2_400,
    build: (n, salt = 0) => ({
      model: `${HEAD}techStack:\n${range(n).map((i) => `  - { id: c${tag(salt)}-${i}, platforms: [Linux] }\n`).join('')}${LISTS_INVENTORY}`,
      inventory: `${INVENTORY_HEAD}${range(10).map((k) => `  - id: K${k}\n    name: K\n    appliesTo: [${range(n).map((i) => `c${tag(salt)}-${i}`).join(', ')}]\n    techniques: [T1059, T1003.008, T1546.009]\n`).join('')}`,
    }),
  },
];
