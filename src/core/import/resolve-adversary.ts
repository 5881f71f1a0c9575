/**
 * A `layer:` adversary entry, resolved: a Navigator layer becomes one own-intelligence adversary (its label the
 * entry's `name`, else the layer's name); a DeTT&CT group-administration file one per enabled group, plus one
 * software adversary per `software_id`. `minScore` keeps techniques scored at least that much. Techniques written
 * on the entry itself join the first adversary. Every technique points at the `layer:` line.
 */
import type { AttackIndex } from '../attack/types';
import type { AdversaryInput, SourceRef } from '../coverage/types';
import type { Diagnostic } from '../diagnostics';
import type { LayerAdversary } from '../model/types';
import { baseName } from '../validation/paths';
import { layerAdversaryTechniques } from './layer-use';
import type { ImportedFile } from './load';
import { cutTexts, describeImport } from './load';
import type { ImportSite } from './report';
import { cutTextDiagnostic, fileLabel, importDiagnostic, resolutionDiagnostics } from './report';
import { quotePath } from '../text/safe-text';
import { mergeResolutions, resolveIds } from './retired';
import type { IdResolution } from './retired';
import type { ImportSummary } from './types';
import { domainDiagnostic, summaryOf } from './resolve-common';

/**
 * Most adversaries one imported file stands for (groups, and software via them): each is named in the evidence of
 * every technique it uses, so without a bound a file of many groups makes reports grow by megabytes per technique.
 * Real DeTT&CT group files hold a few groups.
 */
export const MAX_IMPORTED_ADVERSARIES = 100;

export interface AdversaryImport {
  readonly adversaries: AdversaryInput[];
  readonly diagnostics: Diagnostic[];
  readonly summary: Partial<ImportSummary>;
}

export function resolveAdversaryImport(a: LayerAdversary, file: ImportedFile, site: ImportSite, index: AttackIndex): AdversaryImport {
  const diagnostics: Diagnostic[] = [];
  const minScore = a.minScore?.value;
  const source: SourceRef | undefined = site.yamlFile !== undefined ? { file: site.yamlFile, range: site.range } : undefined;
  const ref = (id: string) => ({ id, ...(source ? { source } : {}) });
  const common = {
    includeSoftware: false,
    ...(a.motivation ? { motivation: a.motivation.value } : {}),
    ...(site.yamlFile !== undefined ? { source: { file: site.yamlFile, range: a.range } } : {}),
  };
  const own = a.techniques.map((t) => ({ id: t.id, ...(site.yamlFile !== undefined ? { source: { file: site.yamlFile, range: t.range } } : {}) }));
  const adversaries: AdversaryInput[] = [];
  const resolutions: IdResolution[] = [];
  const live = (r: IdResolution) => [...new Set(r.live.values())];

  diagnostics.push(...cutTextDiagnostic(site, cutTexts(file)));
  if (file.format === 'navigator-layer') {
    const { layer } = file;
    if (layer.upgrades.length > 0) diagnostics.push(importDiagnostic(site, 'import.layer-upgraded', `${fileLabel(site)}: ${layer.upgrades.join('; ')}`, { upgrades: layer.upgrades }));
    diagnostics.push(...domainDiagnostic(site, layer.domain, index));
    const r = resolveIds(index, layerAdversaryTechniques(layer, minScore).keys());
    resolutions.push(r);
    adversaries.push({ kind: 'intel', label: a.name ?? (layer.name || baseName(site.file)), techniques: [...live(r).map(ref), ...own], ...common });
  } else if (file.format === 'dettect' && file.dettect.kind === 'group-administration') {
    diagnostics.push(...domainDiagnostic(site, file.dettect.domain, index));
    const enabled = file.dettect.groups.filter((x) => x.enabled);
    let leftOut = 0;
    for (const [i, g] of enabled.entries()) {
      if (adversaries.length >= MAX_IMPORTED_ADVERSARIES) {
        leftOut += enabled.length - i;
        break;
      }
      const label = `${a.name ? `${a.name}: ` : ''}${g.name}${g.campaign ? ` (${g.campaign})` : ''}`;
      const ids = [...g.techniques].filter(([, score]) => minScore === undefined || (score !== undefined && score >= minScore)).map(([id]) => id);
      const r = resolveIds(index, ids);
      const software = resolveIds(index, g.software, 'software');
      resolutions.push(r, software);
      adversaries.push({ kind: 'intel', label, techniques: [...live(r).map(ref), ...(adversaries.length === 0 ? own : [])], ...common });
      for (const s of live(software)) {
        if (adversaries.length >= MAX_IMPORTED_ADVERSARIES) leftOut++;
        else adversaries.push({ kind: 'software', ref: s, label: `${label} via ${index.get(s)?.name ?? s}`, ...common, techniques: [] });
      }
    }
    if (leftOut > 0) {
      diagnostics.push(importDiagnostic(site, 'import.too-many-adversaries',
        `${fileLabel(site)}: only the first ${MAX_IMPORTED_ADVERSARIES} adversaries (enabled groups and their software) are used; ${leftOut} more left out`,
        { limit: MAX_IMPORTED_ADVERSARIES, leftOut }));
    }
  } else {
    const hint = file.format === 'ctid-mapping' || file.format === 'dettect' ? ": reference it from a control's `framework: { file }` in a control inventory" : '';
    diagnostics.push(importDiagnostic(site, 'import.unsupported-kind', `${describeImport(file)} ${quotePath(site.written)} lists no adversary techniques${hint}`, { format: file.format }));
    return { adversaries, diagnostics, summary: {} };
  }
  const resolution = mergeResolutions(resolutions);
  diagnostics.push(...resolutionDiagnostics(site, file.format === 'dettect' ? 'dettect' : 'layer', resolution, index.version));
  const techniques = new Set(adversaries.flatMap((x) => x.techniques.map((t) => t.id)));
  const viaSoftware = adversaries.some((x) => x.kind === 'software');
  if (techniques.size === 0 && !viaSoftware) {
    const why = minScore !== undefined ? ` with a score of at least ${minScore}` : adversaries.length === 0 ? ' (no enabled group)' : '';
    diagnostics.push(importDiagnostic(site, 'import.no-techniques', `${fileLabel(site)} gives no technique${why}`, minScore !== undefined ? { minScore } : {}));
  }
  return { adversaries, diagnostics, summary: summaryOf(resolution, techniques.size) };
}
