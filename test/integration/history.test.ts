// Git history in a real extension host follows commits made outside the editor (a terminal, another
// git client), which change no file in the work tree and so reach no file watcher of the entries.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { CommonsApi } from '../../src/extension';
import { eventually } from './helpers';

const root = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
const git = (...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=Ana Lima', '-c', 'user.email=ana@example.com', ...args], { cwd: root(), encoding: 'utf8' }).trim();

describe('git history', () => {
  let api: CommonsApi;

  before(async () => {
    api = (await vscode.extensions.getExtension<CommonsApi>('commons-kb.commons')!.activate())!;
    await api.service.whenReady();
    await eventually(() => assert.ok(api.service.sessions[0]?.history.commits.length, 'git history read'));
  });

  it('reads a commit made in a terminal of changes saved long before', async () => {
    const session = api.service.sessions[0];
    // Saved (and staged) first: the history read that follows a change on disk passes meanwhile.
    fs.writeFileSync(path.join(root(), 'history-note.txt'), 'Not an entry: nothing in the views changes.\n');
    git('add', 'history-note.txt');
    await new Promise((resolve) => setTimeout(resolve, 4000));
    const before = session.history.commits.length;
    git('commit', '-q', '-m', 'Add a note');
    const head = git('rev-parse', 'HEAD');
    await eventually(() => assert.strictEqual(session.history.head, head), 10_000);
    assert.strictEqual(session.history.commits.length, before + 1);
  });

  it('names people as a .mailmap saved in the editor says, before it is committed', async () => {
    const session = api.service.sessions[0];
    const people = () => [...session.history.people.values()].map((activity) => activity.person.name).sort();
    assert.ok(people().includes('Ben Okafor'), people().join(', '));
    const mailmap = path.join(root(), '.mailmap');
    try {
      // Made first, and the history read its creation leads to let pass: only the saved edit is left to follow.
      fs.writeFileSync(mailmap, '');
      await new Promise((resolve) => setTimeout(resolve, 4000));
      const document = await vscode.workspace.openTextDocument(mailmap);
      const edit = new vscode.WorkspaceEdit();
      edit.insert(document.uri, new vscode.Position(0, 0), 'Benedict Okafor <ben@example.com>\n');
      await vscode.workspace.applyEdit(edit);
      await document.save();
      await eventually(() => assert.ok(people().includes('Benedict Okafor'), people().join(', ')), 10_000);
    } finally {
      fs.rmSync(mailmap, { force: true });
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });
});
