/** Pieces both resolvers share: the domain check and the summary of a reference's ID resolution. */
import type { AttackIndex } from '../attack/types';
import type { Diagnostic } from '../diagnostics';
import { baseName } from '../validation/paths';
import type { ImportSite } from './report';
import { importDiagnostic } from './report';
import type { IdResolution } from './retired';
import type { ImportSummary } from './types';

/** import.domain-mismatch when the file names another domain than the index's. */
export function domainDiagnostic(site: ImportSite, domain: string | undefined, index: AttackIndex): Diagnostic[] {
  if (domain === undefined || domain === index.domain) return [];
  return [importDiagnostic(site, 'import.domain-mismatch', `${baseName(site.file)} is for ${domain}, the model for ${index.domain}`, { domain, expected: index.domain })];
}

export function summaryOf(r: IdResolution, techniques: number): Partial<ImportSummary> {
  return { techniques, revoked: r.revoked, deprecated: r.deprecated, unknown: r.unknown };
}
