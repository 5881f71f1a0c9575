// Workspace Trust, end to end. The mocha suite runs with Workspace Trust disabled (as extension test runs usually are:
// its tests also change workspace settings), and a test cannot revoke trust through the API, so Restricted Mode is
// checked here instead. This scenario opens a workbench the way a user would: Workspace Trust on, no tests, the
// extension under development loaded, in a folder whose
// .vscode/settings.json points the ATT&CK data path and URL elsewhere. It checks what the user sees, then trusts the
// folder through the Workspace Trust editor and checks that the workspace path is used from then on.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startCodeServer, workbenchUrl } from './code-server.mjs';
import { captureWorkbench } from './workbench.mjs';

export const RESTRICTED_MODE_TITLE = 'Workspace Trust: in Restricted Mode the workspace data path and URL are ignored and the user is told why';
export const TRUSTED_TITLE = 'Workspace Trust: once the folder is trusted, the workspace data path is used';
export const FILES_RESTRICTED_TITLE = 'Workspace Trust: in Restricted Mode no file outside the workspace folders is read, even one the user setting allows';
export const FILES_TRUSTED_TITLE = 'Workspace Trust: once the folder is trusted, the user setting threatOverlap.files.allowOutside applies';

/** A model in the workspace that names an inventory outside it, in a folder the user settings allow. */
const OUTSIDE_MODEL = 'outside-ref.threatmodel.yaml';
const RESTRICTED_REFUSAL = 'this workspace is in Restricted Mode, which reads no file outside its folders';

const TIMEOUT_MS = 60_000;
const ITEM = '[id="threat-overlap.threat-overlap.threatOverlap.attackData"]';

/** Writes the settings of the scenario: trust prompts off for the user, data path/URL in the workspace. */
export function prepareRestrictedWorkspace(dirs, stix) {
  const user = join(dirs.userData, 'User');
  mkdirSync(user, { recursive: true });
  // No modal trust prompt at start-up: the folder simply opens in Restricted Mode, as after "Don't Trust".
  // Beside the workspace, inside the run directory (removed with it).
  const outside = join(dirs.root, 'outside');
  mkdirSync(outside, { recursive: true });
  writeFileSync(join(outside, 'valid.controls.yaml'), 'controlInventory: 1\ncontrols:\n  - { id: OUT1, name: Outside, techniques: [T1059] }\n');
  writeFileSync(join(dirs.workspace, OUTSIDE_MODEL), `threatModel: 1\nname: Outside reference\nattack: { domain: enterprise-attack, version: "18.1" }\ncontrols: [${JSON.stringify(join(outside, 'valid.controls.yaml'))}]\n`);
  writeFileSync(join(user, 'settings.json'), JSON.stringify({
    'security.workspace.trust.startupPrompt': 'never',
    'workbench.startupEditor': 'none',
    // The user allows the folder: it must still not be read while the workspace is not trusted.
    'threatOverlap.files.allowOutside': [outside],
  }, null, 2));
  mkdirSync(join(dirs.workspace, '.vscode'), { recursive: true });
  const workspaceSettings = {
    'threatOverlap.attackData.path': join(stix, 'enterprise-attack-18.1.json'),
    'threatOverlap.attackData.url': 'http://127.0.0.1:9/repository-chosen/{domain}-{version}.json',
  };
  writeFileSync(join(dirs.workspace, '.vscode', 'settings.json'), JSON.stringify(workspaceSettings, null, 2));
}

/**
 * Runs the scenario in `browser`; `report(title, error?)` is called once per check, in order. `grep` (a RegExp or
 * undefined) selects the checks as mocha's --grep does. Resolves when done; never throws for a failed check.
 */
export async function runRestrictedModeScenario({ browser, dirs, extensionDevelopmentPath, env, logFile, resultsDir, grep, report }) {
  const titles = [RESTRICTED_MODE_TITLE, FILES_RESTRICTED_TITLE, TRUSTED_TITLE, FILES_TRUSTED_TITLE].filter((t) => !grep || grep.test(t));
  if (titles.length === 0) return;
  const server = await startCodeServer({ dirs, env, logFile, workspaceTrust: true });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  try {
    await page.goto(workbenchUrl(server, { folder: dirs.workspace, extensionDevelopmentPath }));
    const failed = (name) => captureWorkbench(page, resultsDir, name);
    const restricted = await check(report, RESTRICTED_MODE_TITLE, titles, () => expectRestricted(page, resultsDir), () => failed('restricted-mode-failed'));
    const files = await check(report, FILES_RESTRICTED_TITLE, titles, () => expectFilesRestricted(page, resultsDir), () => failed('restricted-files-failed'));
    let trusted;
    if (titles.includes(TRUSTED_TITLE)) {
      if (restricted === false) report(TRUSTED_TITLE, new Error('not run: the Restricted Mode check failed first'));
      else trusted = await check(report, TRUSTED_TITLE, titles, () => expectTrusted(page, resultsDir), () => failed('trusted-failed'));
    }
    if (titles.includes(FILES_TRUSTED_TITLE)) {
      if (files !== true || trusted !== true) report(FILES_TRUSTED_TITLE, new Error('not run: the Restricted Mode file check or the trust step did not pass first'));
      else await check(report, FILES_TRUSTED_TITLE, titles, () => expectFilesTrusted(page, resultsDir), () => failed('trusted-files-failed'));
    }
  } finally {
    await page.close().catch(() => undefined);
    await server.stop();
  }
}

/**
 * Runs `body` when `title` is selected and reports the outcome; on failure `onFailure` captures the page first.
 * Returns whether it passed (undefined: not selected).
 */
async function check(report, title, titles, body, onFailure) {
  if (!titles.includes(title)) return undefined;
  try {
    await body();
    report(title);
    return true;
  } catch (err) {
    await onFailure().catch(() => undefined);
    report(title, err instanceof Error ? err : new Error(String(err)));
    return false;
  }
}

function toast(page, text) {
  return page.locator('.notification-toast', { hasText: text });
}

async function expectRestricted(page, resultsDir) {
  const notice = toast(page, 'Restricted Mode: Threat Overlap ignores');
  await notice.waitFor({ timeout: TIMEOUT_MS });
  const message = await notice.locator('.notification-list-item-message').innerText();
  expect(/threatOverlap\.attackData\.path and threatOverlap\.attackData\.url settings until you trust the folder/.test(message), `the notice names both settings: ${message}`);
  expect(/cannot point it at files or URLs of its choosing/.test(message), `the notice says why: ${message}`);
  const buttons = await notice.locator('.monaco-button').allInnerTexts();
  expect(buttons.includes('Manage Workspace Trust'), `the notice offers Manage Workspace Trust: ${buttons.join(', ')}`);
  // The workspace path is ignored, so no data: the prompt offers MITRE's URL, not the workspace's.
  const prompt = toast(page, 'needs ATT&CK enterprise 18.1');
  await prompt.waitFor({ timeout: TIMEOUT_MS });
  const promptText = await prompt.locator('.notification-list-item-message').innerText();
  expect(/Download release 18\.1 from raw\.githubusercontent\.com/.test(promptText) && !/from 127\.0\.0\.1/.test(promptText), `the download comes from MITRE, not the workspace URL: ${promptText}`);
  expect(!/Remote settings/.test(promptText), `Restricted Mode is the reason, not the remote window: ${promptText}`);
  const item = page.locator(ITEM);
  await item.waitFor({ timeout: TIMEOUT_MS });
  expect((await item.innerText()).includes('ATT&CK enterprise 18.1'), `status bar item text: ${await item.innerText()}`);
  expect(await item.evaluate((el) => el.classList.contains('warning-kind')), 'the status bar item warns: the workspace path was not used');
  await captureWorkbench(page, resultsDir, 'restricted-mode');
}

async function expectTrusted(page, resultsDir) {
  const notice = toast(page, 'Restricted Mode: Threat Overlap ignores');
  await notice.getByRole('button', { name: 'Manage Workspace Trust' }).click();
  const trust = page.locator('.workspace-trust-editor .workspace-trust-buttons-row .monaco-button', { hasText: /^Trust$/ });
  await trust.first().waitFor({ timeout: TIMEOUT_MS });
  await trust.first().click();
  // Ready: neither the warning colours (missing) nor the spinning icon (loading the bundle in the worker).
  const item = page.locator(`${ITEM}:not(.warning-kind):not(:has(.codicon-modifier-spin))`, { hasText: 'ATT&CK enterprise 18.1' });
  await item.waitFor({ timeout: TIMEOUT_MS });
  await item.locator('a.statusbar-item-label').click();
  const source = toast(page, 'ATT&CK enterprise 18.1 from the threatOverlap.attackData.path setting');
  await source.waitFor({ timeout: TIMEOUT_MS });
  const text = await source.locator('.notification-list-item-message').innerText();
  expect(text.includes('enterprise-attack-18.1.json') && !/Restricted Mode/.test(text), `the source is the workspace path: ${text}`);
  await captureWorkbench(page, resultsDir, 'trusted-after-restricted');
}

/** Opens the outside-referencing model through Quick Open and shows the Problems panel. */
async function openModelAndProblems(page) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: TIMEOUT_MS });
  await input.fill(OUTSIDE_MODEL);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: OUTSIDE_MODEL }).first().waitFor({ timeout: TIMEOUT_MS });
  await page.keyboard.press('Enter');
  await page.locator('.tab', { hasText: OUTSIDE_MODEL }).first().waitFor({ timeout: TIMEOUT_MS });
  await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel').first().waitFor({ timeout: TIMEOUT_MS });
}

async function expectFilesRestricted(page, resultsDir) {
  await openModelAndProblems(page);
  const problem = page.locator('.markers-panel .monaco-list-row', { hasText: RESTRICTED_REFUSAL });
  await problem.first().waitFor({ timeout: TIMEOUT_MS });
  const text = await problem.first().innerText();
  expect(/control inventory '.*valid\.controls\.yaml' resolves to .*outside the workspace folder/.test(text), `the Problems entry names the path and the workspace folder: ${text}`);
  await captureWorkbench(page, resultsDir, 'restricted-mode-files');
}

async function expectFilesTrusted(page, resultsDir) {
  // Trusted now: the user's allowOutside counts, the inventory is read and the refusal goes away.
  await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel').first().waitFor({ timeout: TIMEOUT_MS });
  await page.locator('.markers-panel .monaco-list-row', { hasText: 'file.outside-root' }).first().waitFor({ state: 'detached', timeout: TIMEOUT_MS });
  await captureWorkbench(page, resultsDir, 'trusted-files');
}

function expect(ok, message) {
  if (!ok) throw new Error(message);
}
