/**
 * Which ATT&CK releases are at hand, per domain: bundles named `<domain>-<version>.json` in the path setting's
 * folder and in the download cache, plus every index loaded so far. Feeds model.version-behind and the upgrade
 * command's choice of target.
 */
import { stat } from 'node:fs/promises';
import type { AttackDomain } from '../../core/attack/types';
import { compareVersions, listCachedBundles } from '../../core/data/source';
import type { AttackDataService } from '../attack-data/service';
import { Disposable } from '../dispose';

export class AvailableData extends Disposable {
  private readonly loaded = new Map<AttackDomain, Set<string>>();
  private listed: Promise<Map<AttackDomain, Set<string>>> | undefined;

  constructor(private readonly service: AttackDataService) {
    super();
    this.disposables.add(service.onDidLoadIndex(({ index }) => {
      if (index.versionSource !== 'unknown') add(this.loaded, index.domain, index.version);
      this.listed = undefined;
    }));
    this.disposables.add(service.onDidChange(() => (this.listed = undefined)));
  }

  /** Every release at hand for `domain`, newest first. */
  async versions(domain: AttackDomain): Promise<string[]> {
    this.listed ??= this.list();
    const all = new Set([...((await this.listed).get(domain) ?? []), ...(this.loaded.get(domain) ?? [])]);
    return [...all].sort((a, b) => compareVersions(b, a));
  }

  /** The newest release at hand for `domain`. */
  async newest(domain: AttackDomain): Promise<string | undefined> {
    return (await this.versions(domain))[0];
  }

  private async list(): Promise<Map<AttackDomain, Set<string>>> {
    const out = new Map<AttackDomain, Set<string>>();
    const dirs = [this.service.cacheDir];
    const configured = this.service.currentSettings().path;
    if (configured && (await stat(configured).catch(() => undefined))?.isDirectory()) dirs.push(configured);
    const env = process.env['THREAT_OVERLAP_ATTACK_DATA'];
    if (env && (await stat(env).catch(() => undefined))?.isDirectory()) dirs.push(env);
    for (const dir of dirs) for (const b of await listCachedBundles(dir)) add(out, b.domain, b.version);
    return out;
  }
}

function add(map: Map<AttackDomain, Set<string>>, domain: AttackDomain, version: string): void {
  const set = map.get(domain) ?? new Set<string>();
  set.add(version);
  map.set(domain, set);
}
