/** `threat-overlap index`: builds (or loads from the cache) the compact ATT&CK index and reports what it holds. */
import type { AttackDomain } from '../../core/attack/index';
import { ATTACK_DOMAINS, defaultCacheDir, loadAttackIndex, resolveAttackDataPath } from '../../core/attack/index';
import { jsonText } from '../../core/text/json-text';
import { terminalText } from '../../core/text/safe-text';
import type { ParsedArgs } from '../args';
import { isAttackVersion } from '../../core/data/pin';
import { ATTACK_DATA_ENV } from '../attack-data';
import { UsageError } from '../args';
import type { CliIo } from '../io';
import { EXIT } from '../io';
import type { Command } from '../run';
import { indexReport, indexText } from './index-report';


export const indexCommand: Command = {
  spec: {
    name: 'index',
    summary: 'Build the compact ATT&CK index of a STIX bundle (or load it from the cache) and print its counts and timings.',
    usage: 'index --attack-data FILE|DIR [--domain DOMAIN] [--attack-version VERSION] [--json] [--no-cache] [--cache-dir DIR]',
    options: [
      { name: 'attack-data', type: 'string', value: 'FILE|DIR', help: `ATT&CK STIX bundle, or a directory of <domain>-<version>.json bundles (default: $${ATTACK_DATA_ENV}).` },
      { name: 'domain', type: 'string', value: 'DOMAIN', help: `Expected domain, and the bundle to pick from a directory: ${ATTACK_DOMAINS.join(', ')} (directory default: enterprise-attack).` },
      { name: 'attack-version', type: 'string', value: 'VERSION', help: 'Expected ATT&CK release, e.g. 18.1 (from a directory: <domain>-<VERSION>.json, else <domain>.json).' },
      { name: 'json', type: 'boolean', help: 'Print one JSON object instead of text.' },
      { name: 'no-cache', type: 'boolean', help: 'Build from the bundle; do not read or write the index cache.' },
      { name: 'cache-dir', type: 'string', value: 'DIR', help: 'Index cache directory (default: $THREAT_OVERLAP_CACHE_DIR, else the per-user cache directory).' },
    ],
    notes: 'From a directory without --attack-version, <domain>.json is used, else the newest <domain>-<version>.json.',
  },

  async run(args: ParsedArgs, io: CliIo): Promise<number> {
    const o = args.options;
    const data = (o['attack-data'] as string | undefined) ?? (io.env[ATTACK_DATA_ENV] || undefined);
    if (data === undefined) throw new UsageError(`missing --attack-data (or $${ATTACK_DATA_ENV})`);
    const domain = o.domain as string | undefined;
    if (domain !== undefined && !(ATTACK_DOMAINS as readonly string[]).includes(domain)) {
      throw new UsageError(`--domain must be one of ${ATTACK_DOMAINS.join(', ')}, not ${domain}`);
    }
    const version = o['attack-version'] as string | undefined;
    // It names a file in a directory: a release only (major.minor), never a path.
    if (version !== undefined && !isAttackVersion(version)) throw new UsageError('--attack-version must be an ATT&CK release such as 18.1 (major.minor)');
    const file = resolveAttackDataPath(data, { domain: (domain ?? 'enterprise-attack') as AttackDomain, version });
    const noCache = o['no-cache'] === true;
    const loaded = await loadAttackIndex(file, {
      noCache,
      cacheDir: (o['cache-dir'] as string | undefined) ?? defaultCacheDir(io.env),
      expect: domain !== undefined || version !== undefined ? { domain, version } : undefined,
    });
    const report = indexReport(loaded, noCache);
    if (o.json === true) {
      io.out(jsonText(report));
    } else {
      io.out(terminalText(indexText(report)));
      for (const w of loaded.warnings) io.err(`threat-overlap: warning: ${w}\n`);
    }
    return EXIT.ok;
  },
};
