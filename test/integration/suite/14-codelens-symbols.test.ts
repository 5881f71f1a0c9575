/** CodeLens from the coverage engine, the outline, and go to definition across model and inventory. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { diagnosticsWhere, langUri, openLang, positionOf, useRealAttackData } from '../helpers/lang';

async function lenses(uri: vscode.Uri): Promise<{ line: number; title: string }[]> {
  const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
  return found.map((l) => ({ line: l.range.start.line, title: l.command?.title ?? '' }));
}

describe('language: CodeLens, outline, go to definition', () => {
  let restore: () => Promise<void>;
  before(async () => {
    restore = await useRealAttackData();
    await openLang('shop.controls.yaml');
    await openLang('shop.threatmodel.yaml');
    await diagnosticsWhere(langUri('shop.threatmodel.yaml'), (x) => x.length === 0, 'the model validated');
  });
  after(() => restore());

  it('a lens over each adversary counts its techniques and gaps per component', async () => {
    const all = await lenses(langUri('shop.threatmodel.yaml'));
    const fin7 = all.find((l) => l.line === 8);
    assert.match(fin7?.title ?? '', /^\d+ techniques · \d+ gaps \(laptops \d+, k8s \d+\) · \d+ covered$/, JSON.stringify(all));
    // T1486 is a gap on k8s only (M1040 of EDR-01 mitigates it on laptops); T1490 is covered by BACKUP-01 everywhere.
    assert.equal(all.find((l) => l.line === 10)?.title, '2 techniques · 1 gap (k8s 1) · 1 covered', 'the own-intelligence entry');
  });

  it('a lens over each technique entry: gap, where, and who uses it', async () => {
    const all = await lenses(langUri('shop.threatmodel.yaml'));
    const onLine11 = all.filter((l) => l.line === 11).map((l) => l.title);
    assert.deepEqual(onLine11, [
      'gap on k8s (none) · used by FIN7, Scattered Spider, Ransomware seen in our sector',
      'covered (partial) · used by FIN7, Scattered Spider, Ransomware seen in our sector',
    ]);
  });

  it('inventory lenses name the model and say who uses the technique', async () => {
    const all = await lenses(langUri('shop.controls.yaml'));
    assert.ok(all.some((l) => l.line === 7 && l.title === 'Web shop: covered (significant) · used by FIN7, Scattered Spider'), JSON.stringify(all));
  });

  it('the outline of a model: tech stack, adversaries by ATT&CK name, controls', async () => {
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', langUri('shop.threatmodel.yaml'));
    assert.deepEqual(symbols.map((s) => s.name), ['techStack', 'adversaries', 'controls']);
    assert.deepEqual(symbols[0]!.children.map((s) => s.name), ['laptops', 'k8s']);
    assert.deepEqual(symbols[1]!.children.map((s) => `${s.name} (${s.detail})`), ['FIN7 (group G0046)', 'Scattered Spider (group G1015)', 'Ransomware seen in our sector (own intelligence)']);
    assert.deepEqual(symbols[1]!.children[2]!.children.map((s) => s.name), ['T1486', 'T1490']);
  });

  it('the outline of an inventory: controls with their mitigations and techniques', async () => {
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', langUri('shop.controls.yaml'));
    assert.deepEqual(symbols.map((s) => s.name), ['controls']);
    const edr = symbols[0]!.children[0]!;
    assert.equal(`${edr.name} ${edr.detail}`, 'EDR-01 Endpoint detection and response · implemented');
    assert.deepEqual(edr.children.map((s) => `${s.name} ${s.detail}`), ['M1040 mitigation · partial', 'T1059.001 technique · significant · detect']);
  });

  it('go to definition: an appliesTo id to its component, a controls: path to the inventory', async () => {
    const inventory = await vscode.workspace.openTextDocument(langUri('shop.controls.yaml'));
    const fromId = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeDefinitionProvider', inventory.uri, positionOf(inventory, 'laptops', 2));
    assert.deepEqual(fromId.map((l) => `${path.basename(l.uri.fsPath)}:${l.range.start.line}:${l.range.start.character}`), ['shop.threatmodel.yaml:5:10']);
    const model = await vscode.workspace.openTextDocument(langUri('shop.threatmodel.yaml'));
    const fromPath = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeDefinitionProvider', model.uri, positionOf(model, './shop.controls', 3));
    assert.deepEqual(fromPath.map((l) => path.basename(l.uri.fsPath)), ['shop.controls.yaml']);
    const nowhere = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeDefinitionProvider', model.uri, positionOf(model, 'Web shop', 1));
    assert.deepEqual(nowhere, []);
  });
});
