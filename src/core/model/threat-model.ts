/** `*.threatmodel.yaml` → typed ThreatModel with source ranges and diagnostics. */
import { ATTACK_DOMAINS } from '../attack/types';
import { duplicateIdDiagnostics, identity, mappingItems, readAttackRefs, techniqueRef } from './entry-readers';
import { optional, withDefault } from './node-reader';
import type { MapReader } from './node-reader';
import { nodeRange } from './positions';
import { ATTACK_ID_PATTERN, ATTACK_OBJECT_ID_PATTERN, CONFIDENCES, COVERAGE_LEVELS, EXPOSURES, IMPACTS, INTEL_SOURCE_KINDS, MOTIVATIONS } from './types';
import type { Acceptance, Adversary, Assessment, AttackAdversary, AttackPin, Component, Exclusion, IntelSource, ThreatModel } from './types';
import { finishDiagnostics, validateDocument } from './validate-document';
import type { ParseResult } from './validate-document';

/** Result of parsing a threat model. */
export type ThreatModelParse = ParseResult<ThreatModel>;

/** Parses a threat model: YAML syntax, schema, then a tolerant typed model with exact ranges. */
export function parseThreatModel(text: string, file?: string): ThreatModelParse {
  const { yaml, source, root, diagnostics } = validateDocument('threat-model', text);
  const at = file !== undefined ? { file } : {};
  if (!root) return { ...at, diagnostics: finishDiagnostics(diagnostics, file), yaml };
  const techStack = mappingItems(root, 'techStack').flatMap((entry) => readComponent(entry) ?? []);
  for (const d of duplicateIdDiagnostics(techStack, 'component', 'error')) diagnostics.push(d);
  const adversaries = mappingItems(root, 'adversaries').flatMap((entry) => readAdversary(entry) ?? []);
  // Listing an adversary twice changes nothing, but one of the two entries is probably meant to be another.
  for (const d of duplicateIdDiagnostics(adversaries.filter(isAttackAdversary), 'adversary', 'warning')) diagnostics.push(d);
  const techniques = root.map('techniques');
  const name = root.string('name');
  const techStackRange = nodeRange(source, root.value('techStack'));
  const model: ThreatModel = {
    kind: 'threat-model',
    ...(file !== undefined ? { file } : {}),
    range: root.range,
    ...optional('formatVersion', root.number('threatModel')),
    ...(name ? { name: name.value, nameRange: name.range } : {}),
    ...optional('description', root.string('description')?.value),
    ...optional('owner', root.string('owner')?.value),
    attack: readAttackPin(root.map('attack')),
    techStack,
    ...optional('techStackRange', techStackRange),
    adversaries,
    techniques: {
      include: techniques ? readAttackRefs(techniques, 'include').map(techniqueRef) : [],
      exclude: techniques ? mappingItems(techniques, 'exclude').flatMap((entry) => readExclusion(entry) ?? []) : [],
      assess: techniques ? mappingItems(techniques, 'assess').flatMap((entry) => readAssessment(entry) ?? []) : [],
      accept: techniques ? mappingItems(techniques, 'accept').flatMap((entry) => readAcceptance(entry) ?? []) : [],
    },
    controlFiles: root.strings('controls') ?? [],
    policy: readPolicy(root.map('policy')),
  };
  return { ...at, model, diagnostics: finishDiagnostics(diagnostics, file), yaml };
}

function readAttackPin(attack: MapReader | undefined): AttackPin {
  return {
    ...optional('range', attack?.range),
    domain: withDefault(attack?.oneOf('domain', ATTACK_DOMAINS), 'enterprise-attack'),
    ...optional('version', attack?.sourceText('version')),
  };
}

function readComponent(entry: MapReader): Component | undefined {
  const base = identity(entry);
  if (!base) return undefined;
  return {
    ...base,
    ...optional('description', entry.string('description')?.value),
    platforms: entry.strings('platforms') ?? [],
    assets: entry.strings('assets') ?? [],
    ...optional('exposure', entry.oneOf('exposure', EXPOSURES)),
    crownJewel: withDefault(entry.boolean('crownJewel'), false),
    ...optional('impact', entry.oneOf('impact', IMPACTS)),
  };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A `YYYY-MM-DD` string value (the schema reports any other). */
const dateOf = (m: MapReader, key: string) => {
  const v = m.string(key);
  return v && DATE.test(v.value) ? v : undefined;
};
const positiveDays = (m: MapReader | undefined, key: string) => {
  const v = m?.number(key);
  return v && Number.isInteger(v.value) && v.value >= 1 && v.value <= 3650 ? v : undefined;
};

function readPolicy(policy: MapReader | undefined): ThreatModel['policy'] {
  const table = policy?.string('decisionTable');
  return {
    minCoverage: withDefault(policy?.oneOf('minCoverage', COVERAGE_LEVELS), 'partial'),
    ...optional('asOf', policy ? dateOf(policy, 'asOf') : undefined),
    intelMaxAge: withDefault(positiveDays(policy, 'intelMaxAge'), 365),
    maxAcceptance: withDefault(positiveDays(policy, 'maxAcceptance'), 365),
    ...optional('decisionTable', table && table.value !== '' ? table : undefined),
    validationMaxAge: withDefault(positiveDays(policy, 'validationMaxAge'), 180),
  };
}

function readAssessment(entry: MapReader): Assessment | undefined {
  const base = identity(entry, (id) => ATTACK_ID_PATTERN.test(id));
  if (!base) return undefined;
  return {
    id: base.id, idRange: base.idRange, range: base.range,
    ...optional('activity', entry.oneOf('activity', ['reported', 'active'] as const)),
    ...optional('automatable', entry.oneOf('automatable', ['no', 'yes'] as const)),
    ...optional('exposure', entry.oneOf('exposure', ['small', 'controlled', 'open'] as const)),
    ...optional('missionImpact', entry.oneOf('missionImpact', IMPACTS)),
    ...optional('reason', entry.string('reason')),
  };
}

function readAcceptance(entry: MapReader): Acceptance | undefined {
  const base = identity(entry, (id) => ATTACK_ID_PATTERN.test(id));
  if (!base) return undefined;
  return {
    ...base,
    ...optional('reason', entry.string('reason')),
    ...optional('owner', entry.string('owner')),
    ...optional('until', dateOf(entry, 'until')),
    ...optional('ref', entry.string('ref')),
  };
}

const ATTACK_ADVERSARY_KINDS = ['group', 'campaign', 'software'] as const;

/** A group, campaign or software entry (as opposed to own intelligence or a layer). */
export function isAttackAdversary(a: Adversary): a is AttackAdversary {
  return a.kind === 'group' || a.kind === 'campaign' || a.kind === 'software';
}

function readAdversary(entry: MapReader): Adversary | undefined {
  const name = entry.string('name');
  const common = {
    range: entry.range,
    ...(name ? { name: name.value, nameRange: name.range } : {}),
    ...optional('motivation', entry.oneOf('motivation', MOTIVATIONS)),
    ...optional('notes', entry.string('notes')?.value),
    techniques: readAttackRefs(entry, 'techniques').map(techniqueRef),
    ...optional('source', readIntelSource(entry.map('source'))),
    ...optional('automated', entry.boolean('automated')),
  };
  for (const kind of ATTACK_ADVERSARY_KINDS) {
    if (!entry.has(kind)) continue;
    const id = entry.string(kind);
    // A reference that is not ID-shaped was reported by the schema; it adds nothing until fixed.
    if (!id || !ATTACK_OBJECT_ID_PATTERN.test(id.value)) return undefined;
    return { ...common, kind, id: id.value, idRange: id.range, includeSoftware: withDefault(entry.boolean('includeSoftware'), true) };
  }
  const layer = entry.string('layer');
  if (layer) return { ...common, kind: 'layer', layer, ...optional('minScore', entry.number('minScore')) };
  if (entry.has('techniques') || name) return { ...common, kind: 'intel' };
  return undefined;
}

function readIntelSource(source: MapReader | undefined): IntelSource | undefined {
  if (!source) return undefined;
  return {
    range: source.range,
    ...optional('kind', source.oneOf('kind', INTEL_SOURCE_KINDS)),
    ...optional('ref', source.string('ref')),
    ...optional('date', source.string('date')),
    ...optional('confidence', source.oneOf('confidence', CONFIDENCES)),
  };
}

function readExclusion(entry: MapReader): Exclusion | undefined {
  const base = identity(entry, (id) => ATTACK_ID_PATTERN.test(id));
  return base && { ...base, ...optional('reason', entry.string('reason')) };
}
