// Proposing from the editor against a bare remote on disk: the branch lands with exactly the chosen
// entry, and the user's branch, index and work tree stay as they were.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { CommonsApi } from '../../src/extension';

describe('proposing a contribution from the editor', () => {
  it('pushes a branch with only the chosen entry', async () => {
    const api = await vscode.extensions.getExtension<CommonsApi>('commons-kb.commons')!.activate();
    await api.service.whenReady();
    const root = api.service.sessions[0].kb.root;
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' });
    const remote = fs.mkdtempSync(path.join(os.tmpdir(), 'commons-remote-'));
    execFileSync('git', ['init', '-q', '--bare', remote]);
    git('remote', 'add', 'origin', remote);
    // The community's remote holds the default branch: a proposal starts from it.
    git('push', '-q', 'origin', 'HEAD:refs/heads/main');
    git('fetch', '-q', 'origin');
    const entry = path.join(root, 'docs', 'canary-checklist.md');
    const other = path.join(root, 'docs', 'not-yet.md');
    fs.writeFileSync(entry, '---\ntitle: Canary checklist\ntype: how-to\ntags: [deploy]\n---\n# Canary checklist\n');
    fs.writeFileSync(other, '---\ntitle: Not yet\n---\n');
    const headBefore = git('rev-parse', 'HEAD');
    const statusBefore = git('status', '--porcelain');
    try {
      await vscode.commands.executeCommand('commons.proposeContribution', { paths: ['docs/canary-checklist.md'], overrideErrors: true });
      const branches = execFileSync('git', ['branch', '--list'], { cwd: remote, encoding: 'utf8' });
      assert.match(branches, /kb\/canary-checklist/);
      const files = execFileSync('git', ['log', '-1', '--name-only', '--format=', 'refs/heads/kb/canary-checklist'], { cwd: remote, encoding: 'utf8' });
      assert.strictEqual(files, 'docs/canary-checklist.md\n');
      assert.strictEqual(git('rev-parse', 'HEAD'), headBefore);
      assert.strictEqual(git('status', '--porcelain'), statusBefore);
    } finally {
      fs.rmSync(entry, { force: true });
      fs.rmSync(other, { force: true });
      git('remote', 'remove', 'origin');
      for (const branch of git('branch', '--list', 'kb/*', '--format=%(refname:short)').split('\n').filter(Boolean)) git('branch', '-q', '-D', branch);
      fs.rmSync(remote, { recursive: true, force: true });
    }
  });
});
