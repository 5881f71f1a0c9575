/**
 * A control's `framework: { file, capabilities }`, resolved into technique entries for that control:
 * - CTID mapping: the rows of the listed capabilities (IDs, else capability-group keys), see mapping-use.ts;
 *   each entry points at its capability's line.
 * - DeTT&CT technique administration: `capabilities` choose DeTT&CT systems (`applicable_to` names; `all`
 *   entries always count); see dettect-use.ts for the score → level mapping.
 * - Navigator layer: every enabled, annotated technique at the level its score gives (layer-use.ts).
 * Revoked IDs count as their replacements; the capability and score choices are reported when they match nothing.
 */
import type { AttackIndex } from '../attack/types';
import type { ControlFunction, Level, SourceRef } from '../coverage/types';
import type { Diagnostic, Range } from '../diagnostics';
import { SuggestBudget, closestMatch } from '../model/suggest';
import type { FrameworkRef, Located } from '../model/types';
import { excerpt, quote, quotePath } from '../text/safe-text';
import { ALL_SYSTEMS, dettectControlLevels } from './dettect-use';
import { layerControlLevels } from './layer-use';
import type { ImportedFile } from './load';
import { cutTexts, describeImport } from './load';
import { isControlMapping, mappedTechniques, matchCapability, suggestCapability } from './mapping-use';
import type { ImportFormatPrefix } from './errors';
import type { ImportSite } from './report';
import { cutTextDiagnostic, fileLabel, importDiagnostic, resolutionDiagnostics } from './report';
import { domainDiagnostic, summaryOf } from './resolve-common';
import { resolveIds } from './retired';
import type { ImportSummary, ImportedControlTechnique } from './types';

export interface ControlImport {
  readonly techniques: ImportedControlTechnique[];
  readonly diagnostics: Diagnostic[];
  readonly summary: Partial<ImportSummary>;
}

interface Pending {
  readonly id: string;
  readonly level: Level;
  readonly function?: ControlFunction;
  readonly range: Range;
}

export function resolveControlImport(framework: FrameworkRef, file: ImportedFile, site: ImportSite, index: AttackIndex): ControlImport {
  const diagnostics: Diagnostic[] = [];
  const pending: Pending[] = [];
  // One budget for every "did you mean" of this import.
  const budget = new SuggestBudget();
  const unknownCapability = (c: Located<string>, suggestion: string | undefined, what: string) =>
    diagnostics.push(importDiagnostic(site, 'import.unknown-capability',
      `${what} ${quote(c.value)} is not in ${fileLabel(site)}${suggestion !== undefined ? ` (did you mean ${quote(suggestion)}?)` : ''}`,
      { capability: c.value, ...(suggestion !== undefined ? { replacement: suggestion } : {}) }, c.range));
  let prefix: ImportFormatPrefix;
  let since = '';
  diagnostics.push(...cutTextDiagnostic(site, cutTexts(file)));

  if (file.format === 'ctid-mapping' && isControlMapping(file.mapping)) {
    const { mapping } = file;
    prefix = 'mapping';
    since = `since the mapping's ATT&CK ${excerpt(mapping.attackVersion)}`;
    diagnostics.push(...domainDiagnostic(site, mapping.domain, index));
    for (const c of framework.capabilities) {
      const match = matchCapability(mapping, c.value);
      if (!match) unknownCapability(c, suggestCapability(mapping, c.value, budget), 'capability');
      else if (match.nonMappable) diagnostics.push(importDiagnostic(site, 'import.non-mappable', `${fileLabel(site)} marks ${quote(c.value)} non_mappable: it maps to no ATT&CK technique`, { capability: c.value }, c.range));
      else for (const m of mappedTechniques(mapping, new Set(match.ids))) pending.push({ id: m.techniqueId, level: m.level, function: m.function, range: c.range });
    }
  } else if (file.format === 'dettect' && file.dettect.kind === 'technique-administration') {
    const { dettect } = file;
    prefix = 'dettect';
    diagnostics.push(...domainDiagnostic(site, dettect.domain, index));
    const known = [ALL_SYSTEMS, ...dettect.systems.filter((s) => s.toLowerCase() !== ALL_SYSTEMS)];
    // Lower case → the first system so named (a map, not a search of every system per capability written).
    const byLower = new Map<string, string>();
    for (const s of known) if (!byLower.has(s.toLowerCase())) byLower.set(s.toLowerCase(), s);
    const chosen = new Set<string>();
    for (const c of framework.capabilities) {
      const match = byLower.get(c.value.toLowerCase());
      if (match) chosen.add(match);
      else unknownCapability(c, closestMatch(c.value, known, budget), 'DeTT&CT system');
    }
    const systems = framework.capabilities.length > 0 ? chosen : undefined;
    for (const [id, level] of dettectControlLevels(dettect, systems)) pending.push({ id, level, function: 'detect', range: site.range });
  } else if (file.format === 'navigator-layer') {
    prefix = 'layer';
    if (file.layer.upgrades.length > 0) diagnostics.push(importDiagnostic(site, 'import.layer-upgraded', `${fileLabel(site)}: ${file.layer.upgrades.join('; ')}`, { upgrades: file.layer.upgrades }));
    diagnostics.push(...domainDiagnostic(site, file.layer.domain, index));
    for (const [id, level] of layerControlLevels(file.layer)) pending.push({ id, level, range: site.range });
  } else {
    const why = file.format === 'ctid-mapping' ? 'maps vulnerabilities or other objects to techniques, not controls' : 'does not score techniques (use a technique-administration file)';
    diagnostics.push(importDiagnostic(site, 'import.unsupported-kind', `${describeImport(file)} ${quotePath(site.written)} ${why}: it gives no coverage`, { format: file.format }));
    return { techniques: [], diagnostics, summary: {} };
  }

  const resolution = resolveIds(index, pending.map((p) => p.id));
  diagnostics.push(...resolutionDiagnostics(site, prefix, resolution, index.version, since));
  const techniques: ImportedControlTechnique[] = [];
  const seen = new Set<string>();
  for (const p of pending) {
    const id = resolution.live.get(p.id);
    const key = `${id}|${p.level}|${p.function ?? ''}|${p.range.start.line}:${p.range.start.character}`;
    if (id === undefined || seen.has(key)) continue;
    seen.add(key);
    const source: SourceRef | undefined = site.yamlFile !== undefined ? { file: site.yamlFile, range: p.range } : undefined;
    techniques.push({ id, level: p.level, ...(p.function ? { function: p.function } : {}), ...(source ? { source } : {}) });
  }
  const distinct = new Set(techniques.map((t) => t.id)).size;
  // A mapping without capabilities is the schema's to report; a capability matching nothing is reported above.
  const explained = (prefix === 'mapping' && framework.capabilities.length === 0) || diagnostics.some((d) => d.code === 'import.unknown-capability' || d.code === 'import.non-mappable');
  if (distinct === 0 && !explained) {
    diagnostics.push(importDiagnostic(site, 'import.no-techniques', `${fileLabel(site)} gives this control no technique`));
  }
  return { techniques, diagnostics, summary: summaryOf(resolution, distinct) };
}
