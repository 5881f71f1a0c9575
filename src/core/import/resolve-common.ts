/** Pieces both resolvers share: the domain check and the summary of a reference's ID resolution. */
import type { AttackIndex } from '../attack/types';
import type { Diagnostic } from '../diagnostics';
import { quote } from '../text/safe-text';
import type { ImportSite } from './report';
import { fileLabel, importDiagnostic } from './report';
import type { IdResolution } from './retired';
import type { ImportSummary } from './types';

/** import.domain-mismatch when the file names another domain than the index's. */
export function domainDiagnostic(site: ImportSite, domain: string | undefined, index: AttackIndex): Diagnostic[] {
  if (domain === undefined || domain === index.domain) return [];
  return [importDiagnostic(site, 'import.domain-mismatch', `${fileLabel(site)} is for ${quote(domain)}, the model for ${index.domain}`, { domain, expected: index.domain })];
}

export function summaryOf(r: IdResolution, techniques: number): Partial<ImportSummary> {
  return { techniques, revoked: r.revoked, deprecated: r.deprecated, unknown: r.unknown };
}
