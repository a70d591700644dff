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
});
