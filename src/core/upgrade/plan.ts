/** "Upgrade Model to ATT&CK vX": the plan between the model's pinned release and a target, and its edits. */
import type { AttackIndex } from '../attack/types';
import type { ControlInventoryParse } from '../model/control-inventory';
import { scalarEdit } from '../model/range-edits';
import type { ThreatModelParse } from '../model/threat-model';
import type { TextEdit } from '../model/yaml-edits';
import { newSubtechniqueChanges } from './additions';
import { objectChanges } from './objects';
import { platformChanges } from './platforms';
import { fileSites, inFile } from './sites';
import type { PinChange, UpgradePlan } from './types';

/**
 * Everything that changes for `model` (and the `inventories` it lists, when given) from release `from` to
 * release `to` of its domain: the pin, revoked objects (→ their replacement), deprecated and removed ones,
 * renamed objects (names and comments that gave the old name), renamed platforms, and new sub-techniques of
 * the techniques used. Pure: nothing is read or written; `editsByFile` gives the edits to apply.
 * Throws when the two indexes are of different domains.
 */
export function planUpgrade(model: ThreatModelParse, from: AttackIndex, to: AttackIndex, inventories: readonly ControlInventoryParse[] = []): UpgradePlan {
  if (from.domain !== to.domain) throw new Error(`cannot upgrade ${from.domain} ${from.version} to ${to.domain} ${to.version}: different domains`);
  const sites = fileSites(model, inventories);
  const objects = objectChanges(sites, from, to);
  const order = ['revoked', 'deprecated', 'removed', 'renamed'];
  objects.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  return {
    domain: to.domain,
    from: from.version,
    to: to.version,
    changes: [...pinChange(model, to), ...objects, ...platformChanges(model, from, to), ...newSubtechniqueChanges(sites, from, to)],
  };
}

function pinChange(parse: ThreatModelParse, to: AttackIndex): PinChange[] {
  const version = parse.model?.attack.version;
  if (!version || version.value === to.version) return [];
  const file = parse.file ?? '';
  // Written unquoted (`15.1`, a number to YAML), it becomes a quoted string as the schema wants.
  const quoted = /^["']/.test(parse.yaml.text.split('\n')[version.range.start.line]?.slice(version.range.start.character) ?? '');
  const edit: TextEdit = quoted ? scalarEdit(parse.yaml, version.range, to.version) : { range: version.range, newText: JSON.stringify(to.version) };
  return [{ kind: 'pin', from: version.value, to: to.version, locations: [{ file, range: version.range }], edits: inFile(file, edit),
    message: `attack.version: "${version.value}" → "${to.version}"` }];
}

/** The plan's edits per file ('' for a parse without a file), in document order, for one WorkspaceEdit. */
export function editsByFile(plan: UpgradePlan): Map<string, TextEdit[]> {
  const out = new Map<string, TextEdit[]>();
  for (const change of plan.changes) {
    for (const { file, edit } of change.edits) {
      const list = out.get(file) ?? [];
      list.push(edit);
      out.set(file, list);
    }
  }
  for (const list of out.values()) list.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return out;
}
