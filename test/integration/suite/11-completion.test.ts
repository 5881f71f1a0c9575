/** Completion of ATT&CK IDs by ID or by name, of platforms, levels, statuses and techStack ids, in a real editor. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api } from '../helpers/api';
import { openLang, openScratch, positionOf, removeScratchFiles, revertAndCloseAll, useRealAttackData } from '../helpers/lang';

const labelOf = (item: vscode.CompletionItem): string => (typeof item.label === 'string' ? item.label : item.label.label);

async function complete(editor: vscode.TextEditor, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, position);
  return list.items.filter((i) => i.sortText !== undefined && /^\d{4}$/.test(i.sortText));
}

/** Completion at the end of `needle` in a new file (an inventory, or a model when the content says so). */
async function completeAfter(content: string, needle: string): Promise<vscode.CompletionItem[]> {
  const editor = await openScratch(content.startsWith('threatModel') ? 'threatmodel' : 'controls', content);
  return complete(editor, positionOf(editor.document, needle, needle.length));
}

const INVENTORY = 'controlInventory: 1\ncontrols:\n  - id: X-01\n';

describe('language: completion', () => {
  let restore: () => Promise<void>;
  before(async () => {
    restore = await useRealAttackData();
  });
  afterEach(async () => {
    await revertAndCloseAll();
    await removeScratchFiles();
  });
  after(() => restore());

  it('"powersh" in a control\'s techniques offers T1059.001 PowerShell first, inserting the ID', async () => {
    const items = await completeAfter(`${INVENTORY}    techniques: [ powersh ]\n`, 'powersh');
    const first = items[0];
    assert.ok(first, 'some items');
    assert.equal(labelOf(first), 'T1059.001');
    assert.equal(first.insertText, 'T1059.001');
    assert.equal(first.detail, 'Command and Scripting Interpreter: PowerShell');
    assert.ok(items.every((i) => /^T\d{4}/.test(labelOf(i))), 'only techniques');
    const range = first.range as vscode.Range;
    assert.equal(range.end.character - range.start.character, 'powersh'.length, 'replaces the typed word');
  });

  it('an ID prefix lists the family: T1059 and its sub-techniques, in ID order', async () => {
    const items = await completeAfter(`${INVENTORY}    techniques:\n      - { id: T1059., coverage: partial }\n`, 'T1059.');
    const labels = items.map(labelOf);
    assert.ok(labels.length >= 8, labels.join(', '));
    assert.ok(labels.every((l) => l.startsWith('T1059.')), labels.join(', '));
    assert.deepEqual(labels.slice(0, 3), ['T1059.001', 'T1059.002', 'T1059.003']);
  });

  it('groups by name ("fin" → FIN7) and mitigations by name, each only where they belong', async () => {
    const groups = await completeAfter('threatModel: 1\nname: x\nadversaries:\n  - { group: fin }\n', 'fin');
    assert.ok(groups.some((i) => labelOf(i) === 'G0046'), groups.map(labelOf).join(', '));
    assert.ok(groups.every((i) => /^G\d{4}$/.test(labelOf(i))), 'only groups');
    const byWord = await completeAfter(`${INVENTORY}    mitigations: [ M1038, behavior ]\n`, 'behavior');
    assert.deepEqual(byWord.map(labelOf).slice(0, 1), ['M1040'], 'Behavior Prevention on Endpoint');
  });

  it('platforms come from the pinned data (Identity Provider, not the pre-v14 Azure AD)', async () => {
    const items = await completeAfter('threatModel: 1\nname: x\nattack: { domain: enterprise-attack, version: "18.1" }\ntechStack:\n  - { id: a, platforms: [ ] }\n', 'platforms: [');
    const index = await (await api()).attackData.getIndex({ domain: 'enterprise-attack', version: '18.1' });
    assert.deepEqual(items.map(labelOf), [...(index?.platforms ?? [])]);
    assert.ok(items.some((i) => labelOf(i) === 'Identity Provider'));
    assert.ok(!items.some((i) => labelOf(i) === 'Azure AD'));
  });

  it('levels, statuses and functions', async () => {
    assert.deepEqual((await completeAfter(`${INVENTORY}    status: \n`, 'status: ')).map(labelOf), ['implemented', 'partial', 'planned', 'retired']);
    assert.deepEqual((await completeAfter(`${INVENTORY}    techniques: [ { id: T1059, coverage: } ]\n`, 'coverage:')).map(labelOf), ['none', 'minimal', 'partial', 'significant']);
    assert.deepEqual((await completeAfter('threatModel: 1\nname: x\npolicy:\n  minCoverage: \n', 'minCoverage: ')).map(labelOf), ['none', 'minimal', 'partial', 'significant']);
  });

  it('appliesTo offers the techStack ids of the models that list the inventory', async () => {
    const editor = await openLang('shop.controls.yaml');
    const at = positionOf(editor.document, 'appliesTo: [laptops', 'appliesTo: [laptops'.length);
    await editor.edit((e) => e.insert(at, ', '));
    const items = await complete(editor, at.translate(0, 2));
    assert.deepEqual(items.map(labelOf), ['laptops', 'k8s']);
    assert.match(items[1]?.detail ?? '', /Shop cluster · Linux, Containers, IaaS/);
  });

  it('nothing is offered outside values we know (a name, a comment)', async () => {
    assert.deepEqual(await completeAfter('threatModel: 1\nname: powersh\n', 'powersh'), []);
    assert.deepEqual(await completeAfter(`${INVENTORY}    techniques: [ T1059 ] # powersh\n`, '# powersh'), []);
  });
});
