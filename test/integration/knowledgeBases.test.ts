// Which knowledge bases a workspace holds follows commons.yml files added or removed outside the
// editor (a pull, a checkout, a terminal): a fresh start would find them, so the open window does.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { CommonsApi } from '../../src/extension';
import { eventually } from './helpers';

const root = () => vscode.workspace.workspaceFolders![0].uri.fsPath;

describe('knowledge bases of the workspace', () => {
  let api: CommonsApi;

  before(async () => {
    api = (await vscode.extensions.getExtension<CommonsApi>('commons-kb.commons')!.activate())!;
    await api.service.whenReady();
  });

  it('opens a knowledge base whose commons.yml arrives in a subfolder, and closes it once the file goes', async () => {
    const roots = () => api.service.sessions.map((session) => path.relative(root(), session.kb.root)).sort();
    assert.deepStrictEqual(roots(), ['']);
    const team = path.join(root(), 'team-notes');
    fs.mkdirSync(team, { recursive: true });
    try {
      fs.writeFileSync(path.join(team, 'commons.yml'), 'name: Team notes\n');
      await eventually(() => assert.deepStrictEqual(roots(), ['', 'team-notes']), 10_000);
      await eventually(() => assert.ok(api.service.sessions.some((session) => session.name === 'Team notes')), 10_000);
    } finally {
      fs.rmSync(team, { recursive: true, force: true });
    }
    await eventually(() => assert.deepStrictEqual(roots(), ['']), 10_000);
    await api.service.whenReady();
  });

  it('leaves out the entries a .gitignore above a knowledge base comes to ignore, as a fresh start would', async () => {
    const team = path.join(root(), 'team-notes');
    const gitignore = path.join(root(), '.gitignore');
    fs.mkdirSync(path.join(team, 'drafts'), { recursive: true });
    try {
      fs.writeFileSync(path.join(team, 'a.md'), '# A\n');
      fs.writeFileSync(path.join(team, 'drafts', 'b.md'), '# B\n');
      fs.writeFileSync(path.join(team, 'commons.yml'), 'name: Team notes\n');
      const teamSession = () => api.service.sessions.find((session) => session.name === 'Team notes');
      await eventually(() => assert.ok(teamSession()), 10_000);
      await api.service.whenReady();
      await eventually(() => assert.deepStrictEqual([...teamSession()!.kb.index.paths()].sort(), ['a.md', 'drafts/b.md']), 10_000);
      // The repository's own .gitignore, above the knowledge base, now ignores its drafts.
      fs.writeFileSync(gitignore, 'team-notes/drafts/\n');
      await eventually(() => assert.deepStrictEqual([...teamSession()!.kb.index.paths()].sort(), ['a.md']), 10_000);
    } finally {
      fs.rmSync(gitignore, { force: true });
      fs.rmSync(team, { recursive: true, force: true });
    }
    await eventually(() => assert.deepStrictEqual(api.service.sessions.map((session) => session.kb.root), [root()]), 10_000);
    await api.service.whenReady();
  });
});
