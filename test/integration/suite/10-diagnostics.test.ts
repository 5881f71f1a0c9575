/** Live diagnostics from the core in the Problems panel: schema, ATT&CK and cross-file, debounced, cleared on close. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { nextEvent } from '../helpers/wait';
import { codeOf, diagnosticsWhere, diagnosticWithCode, langUri, openLang, openUntitled, ours, positionOf, revertAndCloseAll, useRealAttackData } from '../helpers/lang';

const brief = (d: vscode.Diagnostic) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${codeOf(d)}`;

describe('language: diagnostics', () => {
  let restore: () => Promise<void>;
  before(async () => {
    restore = await useRealAttackData();
  });
  after(() => restore());

  it('a broken model shows schema, ATT&CK and cross-file problems at their exact ranges', async () => {
    const uri = langUri('broken.threatmodel.yaml');
    await openLang('broken.threatmodel.yaml');
    const ds = await diagnosticsWhere(uri, (x) => x.length >= 6, 'all six problems');
    assert.deepEqual(ds.map(brief).sort(), [
      '10:18 attack.revoked',
      '10:25 attack.unknown-id',
      '10:55 attack.name-mismatch',
      '11:13 model.control-file-missing',
      '6:30 attack.platform-unknown',
      '8:33 schema.enum',
    ]);
    const revoked = ds.find((d) => codeOf(d) === 'attack.revoked')!;
    assert.equal(revoked.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(revoked.message, /replaced by T1059\.001 \(PowerShell\)/);
    assert.deepEqual(revoked.tags, [vscode.DiagnosticTag.Deprecated]);
    assert.equal(ds.find((d) => codeOf(d) === 'schema.enum')!.severity, vscode.DiagnosticSeverity.Error);
  });

  it('a valid model and its inventory have no problems', async () => {
    await openLang('shop.controls.yaml');
    await openLang('shop.threatmodel.yaml');
    // The inventory is validated in the context of the model: wait until both were published once.
    await diagnosticsWhere(langUri('shop.threatmodel.yaml'), (x) => x.length === 0, 'no problems');
    // Its only notes: its two technique claims record no test (assurance.untested, information; docs/assurance.md).
    assert.deepEqual(ours(langUri('shop.controls.yaml')).map(brief), ['8:25 assurance.untested', '12:19 assurance.untested']);
  });

  it('a model pinned to an older release than the data at hand gets model.version-behind (information)', async () => {
    const uri = langUri('legacy-upgrade.threatmodel.yaml');
    await openLang('legacy-upgrade.threatmodel.yaml');
    const behind = await diagnosticWithCode(uri, 'model.version-behind');
    assert.equal(behind.severity, vscode.DiagnosticSeverity.Information);
    assert.match(behind.message, /18\.1/);
    assert.equal(behind.range.start.line, 3, 'on the attack pin');
  });

  it('an edit is re-validated (debounced): fixing the motivation removes schema.enum', async () => {
    const editor = await openLang('broken.threatmodel.yaml');
    const uri = editor.document.uri;
    await diagnosticWithCode(uri, 'schema.enum');
    const start = positionOf(editor.document, 'greed');
    await editor.edit((e) => e.replace(new vscode.Range(start, start.translate(0, 5)), 'financial'));
    const ds = await diagnosticsWhere(uri, (x) => !x.some((d) => codeOf(d) === 'schema.enum'), 'schema.enum gone');
    assert.ok(ds.some((d) => codeOf(d) === 'attack.revoked'), 'the other problems stay');
  });

  it('cross-file: renaming a techStack component in the model flags the inventory that applies a control to it', async () => {
    const inventory = langUri('shop.controls.yaml');
    await openLang('shop.controls.yaml');
    const model = await openLang('shop.threatmodel.yaml');
    await diagnosticsWhere(inventory, (x) => x.length === 2 && x.every((d) => codeOf(d) === 'assurance.untested'), 'a clean inventory (its untested claims only)');
    const at = positionOf(model.document, 'id: laptops', 4);
    await model.edit((e) => e.replace(new vscode.Range(at, at.translate(0, 7)), 'notebooks'));
    const unknown = await diagnosticWithCode(inventory, 'model.stack-unknown-component');
    assert.match(unknown.message, /no techStack component 'laptops' in Web shop/);
    assert.equal(unknown.range.start.line, 5, 'on the appliesTo entry');
    // And back: the inventory is clean again without being touched.
    const back = positionOf(model.document, 'id: notebooks', 4);
    await model.edit((e) => e.replace(new vscode.Range(back, back.translate(0, 9)), 'laptops'));
    await diagnosticsWhere(inventory, (x) => x.length === 2 && x.every((d) => codeOf(d) === 'assurance.untested'), 'the inventory clean again');
  });

  it('threatOverlap.validation.schemaDiagnostics "never" leaves schema errors to another tool; ATT&CK ones stay', async () => {
    await revertAndCloseAll();
    const uri = langUri('broken.threatmodel.yaml');
    await openLang('broken.threatmodel.yaml');
    await diagnosticWithCode(uri, 'schema.enum');
    const config = vscode.workspace.getConfiguration('threatOverlap.validation');
    await config.update('schemaDiagnostics', 'never', vscode.ConfigurationTarget.Global);
    try {
      const ds = await diagnosticsWhere(uri, (x) => !x.some((d) => codeOf(d).startsWith('schema.')), 'no schema diagnostics');
      assert.ok(ds.some((d) => codeOf(d) === 'attack.unknown-id'));
    } finally {
      await config.update('schemaDiagnostics', undefined, vscode.ConfigurationTarget.Global);
    }
    await diagnosticWithCode(uri, 'schema.enum');
  });

  it('closing a document clears its diagnostics', async () => {
    // An untitled document is disposed as soon as its editor is reverted and closed (a file may stay loaded a while).
    const editor = await openUntitled('threatModel: 1\nname: Scratch\nadversaries:\n  - { group: G9999 }\n');
    const uri = editor.document.uri;
    await diagnosticWithCode(uri, 'attack.unknown-id');
    const closed = nextEvent(vscode.workspace.onDidCloseTextDocument, (d) => d.uri.toString() === uri.toString(), 'the document to close');
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await closed;
    assert.deepEqual(ours(uri), []);
  });
});
