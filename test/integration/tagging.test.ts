// Front-matter tagging in the real editor: completion, live diagnostics, quick fixes, and edits
// that go through the editor so unsaved text and undo survive.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { CommonsApi } from '../../src/extension';
import { eventually } from './helpers';

const root = () => vscode.workspace.workspaceFolders![0].uri.fsPath;


/** Files this suite creates, removed after each test so the other suites see the fixture as it is. */
const created: string[] = [];

async function openEntry(name: string, text: string): Promise<vscode.TextEditor> {
  const file = path.join(root(), 'docs', name);
  fs.writeFileSync(file, text);
  created.push(file);
  const editor = await vscode.window.showTextDocument(vscode.Uri.file(file));
  return editor;
}

function commonsDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'commons');
}

describe('tagging in the editor', () => {
  let api: CommonsApi;
  before(async () => {
    api = await vscode.extensions.getExtension<CommonsApi>('commons-kb.commons')!.activate();
    await api.service.whenReady();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    for (const file of created.splice(0)) fs.rmSync(file, { force: true });
    const index = api.service.sessions[0].kb.index;
    await eventually(() => assert.ok(![...index.paths()].some((p) => /completion|wiki|diagnostics|required|dirty|clean/.test(p))));
  });

  it('completes tags from the vocabulary and in use, with aliases resolved', async () => {
    const editor = await openEntry('completion.md', '---\ntitle: Completion\ntags: [ku]\n\n---\n');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, new vscode.Position(2, 9));
    const labels = list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
    for (const expected of ['kubernetes', 'testing', 'deploy', 'k8s']) assert.ok(labels.includes(expected), `${expected} in ${labels.join(', ')}`);
    const alias = list.items.find((item) => (typeof item.label === 'string' ? item.label : item.label.label) === 'k8s')!;
    assert.strictEqual(alias.insertText, 'kubernetes');
    const fields = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, new vscode.Position(3, 0));
    const fieldLabels = fields.items.filter((item) => item.kind === vscode.CompletionItemKind.Property).map((item) => item.label);
    assert.ok(fieldLabels.includes('type') && fieldLabels.includes('summary'), fieldLabels.join(', '));
    assert.ok(!fieldLabels.includes('title'), 'fields already present are not offered again');
  });

  it('completes entry titles inside [[', async () => {
    const editor = await openEntry('wiki.md', '---\ntitle: Wiki\n---\nSee [[Code\n');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, new vscode.Position(3, 10));
    const labels = list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
    assert.ok(labels.includes('Code review'), labels.join(', '));
  });

  it('completes a wikilink with a name that leads to the chosen entry alone, found by its title or its file name', async () => {
    const twin = path.join(root(), 'docs', 'wiki-twin.md');
    fs.writeFileSync(twin, '---\ntitle: Code review\n---\nAn older page of the same name.\n');
    created.push(twin);
    const index = api.service.sessions[0].kb.index;
    await eventually(() => assert.ok(index.get('docs/wiki-twin.md')));
    const editor = await openEntry('wiki-names.md', '---\ntitle: Wiki names\n---\nSee [[Code\nAnd [[flaky-te\n');
    const complete = async (line: number, character: number) => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, new vscode.Position(line, character));
      return list.items.filter((item) => item.kind === vscode.CompletionItemKind.File).map((item) => [typeof item.label === 'string' ? item.label : item.label.label, item.insertText]);
    };
    const twins = (await complete(3, 10)).filter(([label]) => label === 'Code review');
    assert.deepStrictEqual(twins.map(([, insert]) => insert).sort(), ['code-review', 'wiki-twin'], 'two entries share the title: each is written by its file name');
    assert.deepStrictEqual(await complete(4, 14), [['How do we quarantine a flaky test?', 'How do we quarantine a flaky test?']]);
  });

  it('shows diagnostics as you type, clears them, and offers quick fixes', async () => {
    const editor = await openEntry('diagnostics.md', '---\ntitle: Diagnostics\ntype: how-to\ntags: [kubernets]\n---\n');
    const uri = editor.document.uri;
    const unknown = await eventually(() => {
      const found = commonsDiagnostics(uri).find((d) => d.code === 'unknown-tag');
      assert.ok(found, 'unknown-tag diagnostic');
      return found!;
    });
    assert.deepStrictEqual([unknown.range.start.line, unknown.range.start.character, unknown.range.end.character], [3, 7, 16]);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, unknown.range);
    const replace = actions.find((a) => a.title === 'Replace "kubernets" with "kubernetes"');
    assert.ok(replace?.edit, actions.map((a) => a.title).join(', '));
    assert.ok(actions.some((a) => a.title.startsWith('Add "kubernets" to the vocabulary')));
    await vscode.workspace.applyEdit(replace!.edit!);
    assert.match(editor.document.getText(), /tags: \[kubernetes\]/);
    await eventually(() => assert.strictEqual(commonsDiagnostics(uri).filter((d) => d.code === 'unknown-tag').length, 0));
  });

  it('adds a missing required field with a quick fix', async () => {
    const editor = await openEntry('required.md', '---\ntitle: Needs tags\ntype: how-to\n---\n# Needs tags\n');
    const uri = editor.document.uri;
    const missing = await eventually(() => {
      const found = commonsDiagnostics(uri).find((d) => d.code === 'required-field');
      assert.ok(found);
      return found!;
    });
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, missing.range);
    const add = actions.find((a) => a.title === 'Add "tags"');
    assert.ok(add?.edit);
    await vscode.workspace.applyEdit(add!.edit!);
    assert.strictEqual(editor.document.getText(), '---\ntitle: Needs tags\ntype: how-to\ntags: []\n---\n# Needs tags\n');
  });

  it('adds a tag to a dirty document keeping the unsaved text, and one undo restores it', async () => {
    const editor = await openEntry('dirty.md', '---\ntitle: Dirty\ntags: [deploy]\n---\nBody\n');
    await editor.edit((builder) => builder.insert(new vscode.Position(4, 4), ' not saved yet'));
    assert.ok(editor.document.isDirty);
    await vscode.commands.executeCommand('commons.addTag', undefined, undefined, ['testing']);
    assert.strictEqual(editor.document.getText(), '---\ntitle: Dirty\ntags: [deploy, testing]\n---\nBody not saved yet\n');
    assert.ok(editor.document.isDirty, 'a document with unsaved changes is not saved behind the user\'s back');
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(editor.document.getText(), '---\ntitle: Dirty\ntags: [deploy]\n---\nBody not saved yet\n');
  });

  it('saves a clean document after adding a tag, and marks it reviewed', async () => {
    const editor = await openEntry('clean.md', '---\ntitle: Clean\ntags:\n  - deploy\n---\n');
    await vscode.commands.executeCommand('commons.addTag', undefined, undefined, ['kubernetes']);
    assert.ok(!editor.document.isDirty);
    assert.strictEqual(fs.readFileSync(editor.document.uri.fsPath, 'utf8'), '---\ntitle: Clean\ntags:\n  - deploy\n  - kubernetes\n---\n');
    await vscode.commands.executeCommand('commons.markReviewed');
    const today = new Date().toISOString().slice(0, 10);
    assert.match(fs.readFileSync(editor.document.uri.fsPath, 'utf8'), new RegExp(`reviewed: ${today}\\n---`));
  });

  it('drops a document\'s problems when its tab closes, and keeps them dropped as the index changes', async () => {
    const editor = await openEntry('diagnostics-closed.md', '---\ntitle: Closed\ntags: [not-in-the-vocabulary]\n---\n');
    const uri = editor.document.uri;
    await eventually(() => assert.ok(commonsDiagnostics(uri).length > 0));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await eventually(() => assert.strictEqual(commonsDiagnostics(uri).length, 0));
    // Another file changes: the views and problems refresh, and the closed document stays without problems.
    const other = path.join(root(), 'docs', 'diagnostics-other.md');
    fs.writeFileSync(other, '---\ntitle: Other diagnostics\n---\n');
    created.push(other);
    await eventually(() => assert.ok(api.service.sessions[0].kb.index.get('docs/diagnostics-other.md')));
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.strictEqual(commonsDiagnostics(uri).length, 0);
    await vscode.window.showTextDocument(uri);
  });

  it('fixes a broken wikilink with the likeliest entry, written as its file name', async () => {
    const editor = await openEntry('wiki-fix.md', '---\ntitle: Wiki fix\n---\nSee [[flaky-testz]].\n');
    await eventually(() => assert.ok(api.service.sessions[0].kb.index.get('docs/wiki-fix.md')));
    // The quick pick it opens is answered as a person would: Enter on the first (likeliest) entry.
    const fixed = vscode.commands.executeCommand('commons.fixBrokenLink', editor.document.uri, 3, 'flaky-testz');
    await new Promise((resolve) => setTimeout(resolve, 500));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await fixed;
    await eventually(() => assert.strictEqual(editor.document.lineAt(3).text, 'See [[flaky-tests]].'));
  });

  it('renames a tag across the knowledge base in one edit', async () => {
    await eventually(() => assert.ok(api.service.sessions[0].kb.index.withTag('testing').size >= 2));
    const index = api.service.sessions[0].kb.index;
    const codeReview = path.join(root(), 'docs', 'code-review.md');
    const before = fs.readFileSync(codeReview, 'utf8');
    const config = path.join(root(), 'commons.yml');
    const configBefore = fs.readFileSync(config, 'utf8');
    await vscode.commands.executeCommand('commons.renameTag', 'testing', 'quality', { preview: false });
    await eventually(() => {
      assert.strictEqual(fs.readFileSync(codeReview, 'utf8'), before.replace('tags: [testing, review]', 'tags: [quality, review]'));
      assert.match(fs.readFileSync(path.join(root(), 'docs', 'flaky-tests.md'), 'utf8'), /tags: \[quality\]/);
      // The vocabulary's declaration goes with it, description and all.
      assert.strictEqual(fs.readFileSync(config, 'utf8'), configBefore.replace('  testing: {', '  quality: {'));
    });
    await eventually(() => assert.strictEqual(index.withTag('quality').size, 2));
    await vscode.commands.executeCommand('commons.renameTag', 'quality', 'testing', { preview: false });
    await eventually(() => assert.strictEqual(fs.readFileSync(codeReview, 'utf8'), before));
    await eventually(() => assert.strictEqual(fs.readFileSync(config, 'utf8'), configBefore));
    await eventually(() => assert.strictEqual(index.withTag('testing').size, 2));
  });

  it('renames a tag in an open document with unsaved text, leaving that text unsaved', async () => {
    // Not an entry of the learning path: opening it would mark it read for the views suite.
    const flaky = path.join(root(), 'docs', 'flaky-tests.md');
    const before = fs.readFileSync(flaky, 'utf8');
    const editor = await vscode.window.showTextDocument(vscode.Uri.file(flaky));
    await editor.edit((builder) => builder.insert(new vscode.Position(editor.document.lineCount, 0), 'UNSAVED WORK\n'));
    assert.ok(editor.document.isDirty);
    await vscode.commands.executeCommand('commons.renameTag', 'testing', 'quality', { preview: false });
    const codeReview = path.join(root(), 'docs', 'code-review.md');
    try {
      // A file that was not open is saved.
      await eventually(() => assert.match(fs.readFileSync(codeReview, 'utf8'), /tags: \[quality, review\]/));
      assert.ok(editor.document.isDirty, 'the document with unsaved text stays unsaved');
      assert.match(editor.document.getText(), /tags: \[quality\][\s\S]*UNSAVED WORK/);
      assert.strictEqual(fs.readFileSync(flaky, 'utf8'), before, 'nothing of it is written to disk');
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
      // The rename back finds the entries by the index: it must have read the saved file first.
      const index = api.service.sessions[0].kb.index;
      await eventually(() => assert.strictEqual(index.withTag('quality').size, 1));
      await vscode.commands.executeCommand('commons.renameTag', 'quality', 'testing', { preview: false });
      await eventually(() => assert.match(fs.readFileSync(codeReview, 'utf8'), /tags: \[testing, review\]/));
    }
  });

  it('shows a broken commons.yml in Problems, at its line, without workspace-wide diagnostics', async () => {
    const config = vscode.Uri.file(path.join(root(), 'commons.yml'));
    const before = fs.readFileSync(config.fsPath, 'utf8');
    fs.writeFileSync(config.fsPath, `${before}vocabulary: [open\n`);
    try {
      await eventually(() => {
        const errors = commonsDiagnostics(config).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
        assert.ok(errors.length > 0, 'an error on commons.yml');
        assert.match(errors[0].message, /commons\.yml is not valid YAML/);
      });
    } finally {
      fs.writeFileSync(config.fsPath, before);
    }
    await eventually(() => assert.strictEqual(commonsDiagnostics(config).length, 0));
  });
});

describe('suggested tags in the editor', () => {
  it('offers suggested tags first in completion and as a quick fix, with reasons', async () => {
    const api = await vscode.extensions.getExtension<CommonsApi>('commons-kb.commons')!.activate();
    await api.service.whenReady();
    const file = path.join(root(), 'docs', 'suggest.md');
    fs.writeFileSync(file, '---\ntitle: Rolling out to the k8s cluster safely\ntags: []\n---\nWe deploy with a canary. See [review](code-review.md).\n');
    const editor = await vscode.window.showTextDocument(vscode.Uri.file(file));
    try {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, new vscode.Position(2, 7));
      const suggested = list.items.filter((item) => typeof item.label !== 'string' && item.label.description === 'suggested');
      const labels = suggested.map((item) => (item.label as vscode.CompletionItemLabel).label);
      assert.ok(labels.includes('kubernetes'), labels.join(', '));
      assert.match(String(suggested.find((i) => (i.label as vscode.CompletionItemLabel).label === 'kubernetes')!.detail), /"k8s" \(an alias\) appears/);
      assert.ok(labels.includes('testing'), 'the linked entry Code review is tagged testing');
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, new vscode.Range(1, 0, 1, 0));
      const add = actions.find((a) => a.title.startsWith('Add suggested tags: '));
      assert.ok(add?.edit, actions.map((a) => a.title).join(', '));
      await vscode.workspace.applyEdit(add!.edit!);
      assert.match(editor.document.getText(), /tags: \[kubernetes, /);
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      fs.rmSync(file, { force: true });
    }
  });
});
