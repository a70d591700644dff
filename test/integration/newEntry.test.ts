// New entries from the editor: safe names, the template filled in, opened where writing starts.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { CommonsApi } from '../../src/extension';

describe('new entries', () => {
  let api: CommonsApi;
  const created: string[] = [];
  before(async () => {
    api = await vscode.extensions.getExtension<CommonsApi>('commons-kb.commons')!.activate();
    await api.service.whenReady();
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const file of created) fs.rmSync(file, { force: true });
  });

  it('creates a how-to with a safe file name and opens it at the first prompt', async () => {
    const root = api.service.sessions[0].kb.root;
    const first = await vscode.commands.executeCommand<string>('commons.newEntry', { type: 'how-to', title: '../../Rotate the TLS certificates', tags: ['deploy'] });
    const second = await vscode.commands.executeCommand<string>('commons.newEntry', { type: 'how-to', title: '../../Rotate the TLS certificates', tags: [] });
    created.push(path.join(root, first), path.join(root, second));
    assert.strictEqual(first, 'docs/rotate-the-tls-certificates.md');
    assert.strictEqual(second, 'docs/rotate-the-tls-certificates-2.md');
    const text = fs.readFileSync(path.join(root, first), 'utf8');
    assert.match(text, /^---\ntitle: "\.\.\/\.\.\/Rotate the TLS certificates"\ntype: how-to\ntags: \[deploy\]\n/);
    const editor = vscode.window.activeTextEditor!;
    assert.strictEqual(path.basename(editor.document.uri.fsPath), 'rotate-the-tls-certificates-2.md');
    assert.match(editor.document.lineAt(editor.selection.active.line - 1).text, /^## /);
    await new Promise((resolve) => setTimeout(resolve, 600));
    assert.ok(api.service.sessions[0].kb.index.get(first), 'the new entry is indexed');
  });

  it('asks a question as an open question', async () => {
    const root = api.service.sessions[0].kb.root;
    const question = await vscode.commands.executeCommand<string>('commons.askQuestion', { title: 'Who owns the staging cluster?', tags: ['kubernetes'] });
    created.push(path.join(root, question));
    assert.match(fs.readFileSync(path.join(root, question), 'utf8'), /\nstatus: open\n/);
  });

  it('answers a question: the answer names it and the question shows as answered', async () => {
    const session = api.service.sessions[0];
    const answer = await vscode.commands.executeCommand<string>('commons.answerQuestion', 'docs/flaky-tests.md', { title: 'Quarantine flaky tests behind a tag' });
    created.push(path.join(session.kb.root, answer));
    assert.match(fs.readFileSync(path.join(session.kb.root, answer), 'utf8'), /\nanswers: docs\/flaky-tests\.md\n/);
    const deadline = Date.now() + 5000;
    for (;;) {
      const { listQuestions } = await import('../../src/core/questions');
      const question = listQuestions(session.kb.index).find((q) => q.entry.path === 'docs/flaky-tests.md');
      if (question?.answered) {
        assert.deepStrictEqual(question.answers, [answer]);
        break;
      }
      if (Date.now() > deadline) assert.fail('the question did not become answered');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
});
