/** Completion of ICS assets in `techStack[].assets` of an ics-attack model pinned to 18.1, checked against the real bundle. */
import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { stixDir } from '../helpers/api';
import { openLang, positionOf, revertAndCloseAll, useRealAttackData } from '../helpers/lang';

interface StixObject {
  readonly type: string;
  readonly name?: string;
  readonly revoked?: boolean;
  readonly x_mitre_deprecated?: boolean;
  readonly external_references?: readonly { readonly source_name: string; readonly external_id?: string }[];
}

interface Asset {
  readonly id: string;
  readonly name: string;
}

/** The live assets of the real ICS 18.1 bundle, in ID order. */
async function assetsOf18(): Promise<Asset[]> {
  const bundle = JSON.parse(await readFile(path.join(stixDir(), 'ics-attack-18.1.json'), 'utf8')) as { objects: StixObject[] };
  return bundle.objects
    .filter((o) => o.type === 'x-mitre-asset' && !o.revoked && !o.x_mitre_deprecated)
    .map((o) => ({ id: o.external_references?.find((r) => r.source_name === 'mitre-attack')?.external_id ?? '', name: o.name ?? '' }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

const labelOf = (item: vscode.CompletionItem): string => (typeof item.label === 'string' ? item.label : item.label.label);

/** Our items (numbered sortText) at `position`. */
async function complete(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position);
  return list.items.filter((i) => i.sortText !== undefined && /^\d{4}$/.test(i.sortText));
}

describe('language: ICS asset completion', () => {
  let restore: () => Promise<void>;
  let assets: Asset[];
  before(async () => {
    restore = await useRealAttackData();
    assets = await assetsOf18();
    assert.ok(assets.length >= 10 && assets.every((a) => /^A\d{4}$/.test(a.id) && a.name), `assets in the bundle: ${assets.length}`);
  });
  afterEach(() => revertAndCloseAll());
  after(() => restore());

  it('an empty flow list offers every asset of the pinned release, ID and name', async () => {
    const editor = await openLang('plant.threatmodel.yaml');
    const items = await complete(editor.document, positionOf(editor.document, 'assets: [ ', 'assets: [ '.length));
    assert.deepEqual(items.map(labelOf), assets.map((a) => a.id));
    for (const item of items) {
      const asset = assets.find((a) => a.id === labelOf(item));
      assert.equal(item.detail, asset?.name);
      assert.equal(item.insertText, asset?.id);
    }
  });

  it('a block list entry filters by name: the start of each asset\'s name offers its ID', async () => {
    const editor = await openLang('plant.threatmodel.yaml');
    const entry = positionOf(editor.document, '      - ', '      - '.length);
    for (const asset of assets) {
      const typed = asset.name.slice(0, 5).toLowerCase();
      await editor.edit((e) => e.replace(new vscode.Range(entry, editor.document.lineAt(entry.line).range.end), typed));
      const items = await complete(editor.document, entry.translate(0, typed.length));
      assert.ok(items.some((i) => labelOf(i) === asset.id), `"${typed}" offers ${asset.id} ${asset.name}: ${items.map(labelOf).join(', ')}`);
      assert.ok(items.every((i) => /^A\d{4}$/.test(labelOf(i))), 'only assets');
    }
  });

  it('an asset ID prefix offers the assets with that prefix', async () => {
    const editor = await openLang('plant.threatmodel.yaml');
    const at = positionOf(editor.document, 'assets: [ ', 'assets: [ '.length);
    await editor.edit((e) => e.insert(at, 'A001'));
    const items = await complete(editor.document, at.translate(0, 4));
    assert.deepEqual(items.map(labelOf), assets.filter((a) => a.id.startsWith('A001')).map((a) => a.id));
  });
});
