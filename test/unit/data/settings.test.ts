import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dataSourceSettings, effectiveSetting, mergeIgnoredSettings, RESTRICTED_DATA_SETTINGS, remotePathHint, restrictedModeNotice, restrictedSettingsInFile } from '../../../src/core/data/settings';
import pkg from '../../../package.json';

const all = { defaultValue: '', globalValue: '/home/me/attack', workspaceValue: './attack', workspaceFolderValue: './folder-attack' };

describe('effectiveSetting (Workspace Trust)', () => {
  test('trusted: the most specific value wins (folder, workspace, user, default)', () => {
    assert.deepEqual(effectiveSetting(all, true), { value: './folder-attack', scope: 'workspaceFolder', ignoredWorkspaceValue: false });
    assert.deepEqual(effectiveSetting({ ...all, workspaceFolderValue: undefined }, true), { value: './attack', scope: 'workspace', ignoredWorkspaceValue: false });
    assert.deepEqual(effectiveSetting({ defaultValue: 'd' }, true), { value: 'd', scope: 'default', ignoredWorkspaceValue: false });
  });
  test('restricted: workspace and folder values are ignored, and that is reported', () => {
    assert.deepEqual(effectiveSetting(all, false), { value: '/home/me/attack', scope: 'global', ignoredWorkspaceValue: true });
    assert.deepEqual(effectiveSetting({ workspaceValue: 'http://evil/x' }, false), { value: undefined, scope: 'none', ignoredWorkspaceValue: true });
  });
  test('restricted with only user values: nothing is ignored', () => {
    assert.deepEqual(effectiveSetting({ globalValue: '/a' }, false), { value: '/a', scope: 'global', ignoredWorkspaceValue: false });
  });
  test('blank strings count as unset', () => {
    assert.deepEqual(effectiveSetting({ workspaceValue: '  ', globalValue: '/a' }, true), { value: '/a', scope: 'global', ignoredWorkspaceValue: false });
    assert.equal(effectiveSetting({ workspaceValue: '' }, false).ignoredWorkspaceValue, false);
    assert.deepEqual(effectiveSetting(undefined, true), { value: undefined, scope: 'none', ignoredWorkspaceValue: false });
  });
});

describe('dataSourceSettings and the Restricted Mode notice', () => {
  test('names exactly the ignored settings', () => {
    const r = dataSourceSettings({ path: { workspaceValue: './a.json' }, url: { workspaceValue: 'http://x/{domain}', globalValue: 'https://mirror/{domain}' } }, false);
    assert.equal(r.path.value, undefined);
    assert.equal(r.url.value, 'https://mirror/{domain}');
    assert.deepEqual(r.ignored, ['threatOverlap.attackData.path', 'threatOverlap.attackData.url']);
    assert.deepEqual(dataSourceSettings({ path: { workspaceValue: './a.json' } }, true).ignored, []);
  });
  test('the notice says what is ignored, why, and what still applies', () => {
    assert.equal(restrictedModeNotice([]), undefined);
    const one = restrictedModeNotice(['threatOverlap.attackData.url'])!;
    assert.match(one, /ignores this workspace's threatOverlap\.attackData\.url setting until you trust the folder/);
    assert.match(one, /cannot point it at files or URLs/);
    assert.match(restrictedModeNotice([...RESTRICTED_DATA_SETTINGS])!, /path and threatOverlap\.attackData\.url settings/);
  });
  test('package.json restricts exactly these settings in untrusted workspaces', () => {
    const trust = (pkg as { capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations: string[] } } }).capabilities.untrustedWorkspaces;
    assert.equal(trust.supported, 'limited');
    assert.deepEqual(trust.restrictedConfigurations, [...RESTRICTED_DATA_SETTINGS]);
  });
});

describe('workspace settings files in Restricted Mode (VS Code withholds their restricted values)', () => {
  test('finds the data settings a .vscode/settings.json sets, with comments and trailing commas', () => {
    const text = `{
      // where our mirror is
      "threatOverlap.attackData.url": "http://mirror.example/{domain}-{version}.json", /* trailing comma next */
      "editor.tabSize": 2,
    }`;
    assert.deepEqual(restrictedSettingsInFile(text, 'settings'), ['threatOverlap.attackData.url']);
    const both = '{"threatOverlap.attackData.url":"http://x","threatOverlap.attackData.path":"./attack",}';
    assert.deepEqual(restrictedSettingsInFile(both, 'settings'), ['threatOverlap.attackData.path', 'threatOverlap.attackData.url']);
  });
  test('a .code-workspace file sets them under "settings"; blank values and other files set nothing', () => {
    const ws = '{ "folders": [{ "path": "." }], "settings": { "threatOverlap.attackData.path": "/data/attack" } }';
    assert.deepEqual(restrictedSettingsInFile(ws, 'code-workspace'), ['threatOverlap.attackData.path']);
    assert.deepEqual(restrictedSettingsInFile(ws, 'settings'), [], 'a settings file has no "settings" wrapper');
    assert.deepEqual(restrictedSettingsInFile('{"threatOverlap.attackData.path": "  "}', 'settings'), []);
    assert.deepEqual(restrictedSettingsInFile('{ not json', 'settings'), []);
    assert.deepEqual(restrictedSettingsInFile('[]', 'settings'), []);
  });
  test('merged with what inspect() showed: each setting once, in a fixed order', () => {
    assert.deepEqual(mergeIgnoredSettings(['threatOverlap.attackData.url'], ['threatOverlap.attackData.path', 'threatOverlap.attackData.url']), [...RESTRICTED_DATA_SETTINGS]);
    assert.deepEqual(mergeIgnoredSettings([], []), []);
  });
});

describe('remotePathHint (machine-overridable path in a remote window)', () => {
  test('a remote window with no path that applies is told to use the Remote settings', () => {
    const hint = remotePathHint('ssh-remote', false);
    assert.ok(hint?.includes('remote window (ssh-remote)'), hint);
    assert.ok(hint?.includes('threatOverlap.attackData.path'), hint);
    assert.ok(hint?.includes('Remote Settings'), hint);
  });
  test('nothing to tell in a local window or when a path applies', () => {
    assert.equal(remotePathHint(undefined, false), undefined);
    assert.equal(remotePathHint('', false), undefined);
    assert.equal(remotePathHint('wsl', true), undefined);
  });
  test('the package declares the path machine-overridable, which is why the hint is true', () => {
    const props = (pkg as { contributes: { configuration: { properties: Record<string, { scope?: string }> } | { properties: Record<string, { scope?: string }> }[] } }).contributes.configuration;
    const all = Object.assign({}, ...(Array.isArray(props) ? props : [props]).map((c) => c.properties)) as Record<string, { scope?: string }>;
    assert.equal(all[RESTRICTED_DATA_SETTINGS[0]]?.scope, 'machine-overridable');
  });
});
