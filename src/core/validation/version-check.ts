/** model.version-behind: the model pins an older ATT&CK release than the data at hand. */
import { compareVersions } from '../attack/version';
import type { Diagnostic } from '../diagnostics';
import type { ThreatModel } from '../model/types';
import { excerpt } from '../text/safe-text';

/**
 * Information, not a warning: pinning is deliberate (results stay stable), but the user should know a
 * newer release is there and that the upgrade command shows what would change.
 */
export function checkVersionBehind(model: ThreatModel, available: string | undefined): Diagnostic[] {
  const pinned = model.attack.version;
  if (!pinned || available === undefined || compareVersions(pinned.value, available) >= 0) return [];
  return [{
    code: 'model.version-behind',
    severity: 'information',
    message: `pinned to ATT&CK ${excerpt(pinned.value)}; ${excerpt(available)} is available: "Threat Overlap: Upgrade Model to ATT&CK v${excerpt(available)}" shows what would change`,
    range: pinned.range,
    data: { pinned: pinned.value, available, domain: model.attack.domain.value },
  }];
}
