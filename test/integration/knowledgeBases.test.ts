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
});
