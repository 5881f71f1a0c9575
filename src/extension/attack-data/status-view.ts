/** How the ATT&CK data state reads in the status bar: text, tooltip, colour. */
import * as vscode from 'vscode';
import { pinLabel } from '../../core/data/pin';
import type { AttackDataInUse, AttackDataOrigin, AttackDataState, AttackDataStatus } from '../api';
import type { AttackPin } from '../../core/data/pin';

const ORIGIN_TEXT: Record<AttackDataOrigin, string> = {
  setting: 'the threatOverlap.attackData.path setting',
  environment: 'THREAT_OVERLAP_ATTACK_DATA',
  cache: 'the download cache',
  download: 'a download (now cached)',
};

/** The inputs of a status snapshot, before presentation. */
export interface StatusInput {
  readonly state: AttackDataState;
  readonly pin: AttackPin;
  readonly data?: AttackDataInUse;
  readonly problems: readonly string[];
  readonly trusted: boolean;
  readonly ignoredSettings: readonly string[];
}

/** Adds the label, status bar text and tooltip. */
export function presentStatus(input: StatusInput): AttackDataStatus {
  const label = input.data ? pinLabel({ domain: input.pin.domain, version: input.data.version }) : pinLabel(input.pin);
  const icon = { idle: '', ready: '', loading: '$(sync~spin) ', missing: '$(warning) ' }[input.state];
  const text = `${icon}ATT&CK ${label}`;
  return { ...input, label, text, tooltip: tooltipOf(input, label) };
}

function tooltipOf(input: StatusInput, label: string): string {
  const lines: string[] = [];
  if (input.state === 'ready' && input.data) {
    const d = input.data;
    lines.push(`**ATT&CK ${label}** from ${ORIGIN_TEXT[d.origin]}`, '', `File: \`${d.file}\``, '', `SHA-256: \`${d.sha256.slice(0, 16)}…\``);
    lines.push('', `Index: ${d.fromCache ? 'compact index cache' : 'built from the bundle'}; release from the ${d.versionSource}`);
  } else if (input.state === 'loading') {
    lines.push(`Loading ATT&CK ${label}…`);
  } else if (input.state === 'idle') {
    lines.push('No threat model or control inventory in this window yet.');
  } else {
    lines.push(`**No ATT&CK data for ${label}.** Run "Threat Overlap: Select ATT&CK Data…" or download it.`);
  }
  for (const p of input.problems) lines.push('', `- ${p}`);
  if (input.ignoredSettings.length > 0) {
    lines.push('', `Restricted Mode: ignoring the workspace's ${input.ignoredSettings.join(' and ')} until you trust this folder.`);
  }
  lines.push('', 'Click for details.');
  return lines.join('\n');
}

/** One sentence on where the data in use comes from (the status bar click), or why there is none. */
export function describeSource(s: AttackDataStatus): string {
  const restricted = s.ignoredSettings.length > 0 ? ` Restricted Mode: the workspace's ${s.ignoredSettings.join(' and ')} is ignored.` : '';
  const d = s.data;
  if (!d) {
    const state = s.state === 'loading' ? 'still loading' : 'not found';
    return `ATT&CK ${s.label}: ${state}.${s.problems.length ? ' ' + s.problems.join(' ') : ''}${restricted}`;
  }
  const index = d.fromCache ? 'compact index from the index cache' : 'index built from the bundle';
  return `ATT&CK ${s.label} from ${ORIGIN_TEXT[d.origin]}: ${d.file} (SHA-256 ${d.sha256.slice(0, 12)}…, ${index}, release from the ${d.versionSource}).${restricted}`;
}

/** The status bar item: one per window, always showing the active pin. */
export class AttackStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('threatOverlap.attackData', vscode.StatusBarAlignment.Left, 10);

  constructor(command: string) {
    this.item.name = 'Threat Overlap: ATT&CK data';
    this.item.command = command;
  }

  update(status: AttackDataStatus): void {
    if (status.state === 'idle') {
      this.item.hide();
      return;
    }
    this.item.text = status.text;
    const tooltip = new vscode.MarkdownString(status.tooltip);
    tooltip.isTrusted = false;
    this.item.tooltip = tooltip;
    this.item.backgroundColor = status.state === 'missing' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.accessibilityInformation = { label: status.text.replace(/\$\([^)]*\)\s*/g, ''), role: 'button' };
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
