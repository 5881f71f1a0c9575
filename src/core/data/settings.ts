/** Workspace Trust for data settings: in Restricted Mode only the user's own (global) value counts. */
import { parseJsonc } from './jsonc';

/** The parts of a configuration `inspect()` result that matter here (same shape as VS Code's). */
export interface InspectedSetting<T> {
  readonly defaultValue?: T;
  readonly globalValue?: T;
  readonly workspaceValue?: T;
  readonly workspaceFolderValue?: T;
}

/** The value to use, and whether a workspace value was set aside because the workspace is not trusted. */
export interface EffectiveSetting<T> {
  readonly value: T | undefined;
  readonly scope: 'workspaceFolder' | 'workspace' | 'global' | 'default' | 'none';
  readonly ignoredWorkspaceValue: boolean;
}

/**
 * Most specific value first (folder, workspace, user, default). When `trusted` is false, folder and workspace values
 * are skipped: a cloned repository must not point the extension at files or URLs of its choosing.
 */
export function effectiveSetting<T>(inspected: InspectedSetting<T> | undefined, trusted: boolean): EffectiveSetting<T> {
  const i = inspected ?? {};
  const hasWorkspaceValue = isSet(i.workspaceFolderValue) || isSet(i.workspaceValue);
  if (trusted) {
    if (isSet(i.workspaceFolderValue)) return { value: i.workspaceFolderValue, scope: 'workspaceFolder', ignoredWorkspaceValue: false };
    if (isSet(i.workspaceValue)) return { value: i.workspaceValue, scope: 'workspace', ignoredWorkspaceValue: false };
  }
  const ignoredWorkspaceValue = !trusted && hasWorkspaceValue;
  if (isSet(i.globalValue)) return { value: i.globalValue, scope: 'global', ignoredWorkspaceValue };
  if (isSet(i.defaultValue)) return { value: i.defaultValue, scope: 'default', ignoredWorkspaceValue };
  return { value: undefined, scope: 'none', ignoredWorkspaceValue };
}

function isSet<T>(value: T | undefined): value is T {
  return value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');
}

/** Full names of the data settings Workspace Trust restricts (package.json `restrictedConfigurations`). */
export const RESTRICTED_DATA_SETTINGS = ['threatOverlap.attackData.path', 'threatOverlap.attackData.url'] as const;

/** The path and URL settings as they apply, and the full names of workspace values set aside in Restricted Mode. */
export interface DataSourceSettings {
  readonly path: EffectiveSetting<string>;
  readonly url: EffectiveSetting<string>;
  readonly ignored: readonly string[];
}

/** Applies `effectiveSetting` to the path and URL settings together. */
export function dataSourceSettings(
  inspected: { path?: InspectedSetting<string>; url?: InspectedSetting<string> },
  trusted: boolean,
): DataSourceSettings {
  const path = effectiveSetting(inspected.path, trusted);
  const url = effectiveSetting(inspected.url, trusted);
  const ignored = [path.ignoredWorkspaceValue ? RESTRICTED_DATA_SETTINGS[0] : '', url.ignoredWorkspaceValue ? RESTRICTED_DATA_SETTINGS[1] : ''];
  return { path, url, ignored: ignored.filter((s) => s !== '') };
}

/** What to tell the user when workspace values were ignored; undefined when there is nothing to tell. */
export function restrictedModeNotice(ignored: readonly string[]): string | undefined {
  if (ignored.length === 0) return undefined;
  const these = ignored.length === 1 ? `this workspace's ${ignored[0]} setting` : `this workspace's ${ignored.join(' and ')} settings`;
  return (
    `Restricted Mode: Threat Overlap ignores ${these} until you trust the folder, so that a repository cannot point it ` +
    'at files or URLs of its choosing. Your user settings, the download cache and MITRE\'s URL still apply.'
  );
}

/**
 * Why no path setting applies in a remote window (SSH, containers, WSL, code-server), when none does: the path is
 * machine-overridable, and VS Code reads such settings there from the remote machine's settings, never from the
 * local User settings. Undefined in a local window or when a path applies.
 */
export function remotePathHint(remoteName: string | undefined, pathApplies: boolean): string | undefined {
  if (!remoteName || pathApplies) return undefined;
  return (
    `In this remote window (${remoteName}) ${RESTRICTED_DATA_SETTINGS[0]} is read from the Remote settings ` +
    '("Preferences: Open Remote Settings"); a path in your local User settings does not apply to the remote machine.'
  );
}

/**
 * The restricted data settings a workspace settings file sets (non-blank): `.vscode/settings.json` (the whole file is
 * the settings object) or a `.code-workspace` file (its `settings` property). In Restricted Mode VS Code does not hand
 * these values to the extension at all, so reading the files is the only way to tell the user they are ignored.
 * Text that is not valid JSONC sets nothing.
 */
export function restrictedSettingsInFile(text: string, kind: 'settings' | 'code-workspace'): string[] {
  let parsed: unknown;
  try {
    parsed = parseJsonc(text);
  } catch {
    return [];
  }
  const settings = kind === 'code-workspace' && isObject(parsed) ? parsed['settings'] : parsed;
  if (!isObject(settings)) return [];
  return RESTRICTED_DATA_SETTINGS.filter((key) => isSet(settings[key]));
}

/** The union of lists of setting names, in the order of RESTRICTED_DATA_SETTINGS, each once. */
export function mergeIgnoredSettings(...lists: readonly (readonly string[])[]): string[] {
  const all = new Set(lists.flat());
  return RESTRICTED_DATA_SETTINGS.filter((key) => all.has(key));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
