// Proposing contributions against real git repositories with a bare remote on disk.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { branchName, changedEntries, compareUrl, ContributionError, permalink, propose } from '../../src/core/git/contribution';
import { proposedAlready } from '../../src/core/git/proposed';
import { NodeFileSystem } from '../../src/node/nodeFileSystem';
import { NodeGitRunner } from '../../src/node/nodeGitRunner';
import { TempRepo } from './gitRepo';

const ports = { git: new NodeGitRunner(), fs: new NodeFileSystem() };
const tempDir = os.tmpdir();

function setup(): { repo: TempRepo; remote: TempRepo } {
  const remote = new TempRepo(false);
  remote.git('init', '-q', '--bare', '-b', 'main');
  const repo = new TempRepo();
  repo.git('config', 'user.name', 'Ana Lima');
  repo.git('config', 'user.email', 'ana@example.com');
  repo.write('docs/old.md', '# Old\n');
  repo.write('src/app.ts', 'export const x = 1;\n');
  repo.commit('start');
  repo.git('remote', 'add', 'origin', remote.dir);
  repo.git('push', '-q', 'origin', 'main');
  return { repo, remote };
}

describe('proposing a contribution', () => {
  it('commits only the chosen entries on a new branch and pushes it, leaving everything else as it was', async () => {
    const { repo, remote } = setup();
    repo.write('docs/new.md', '# New\n');
    repo.write('docs/draft.md', '# Not chosen\n');
    repo.write('docs/old.md', '# Old, improved\n');
    repo.write('src/app.ts', 'export const x = 2; // unrelated work in progress\n');
    repo.write('src/staged.ts', 'staged\n');
    repo.git('add', 'src/staged.ts');
    const statusBefore = repo.git('status', '--porcelain');
    const headBefore = repo.git('rev-parse', 'HEAD');

    const result = await propose(ports, { cwd: repo.dir, files: ['docs/new.md', 'docs/old.md'], branch: 'kb/new-entry', message: 'Add New', tempDir });

    assert.equal(result.pushed, true, result.pushError);
    assert.equal(result.branch, 'kb/new-entry');
    assert.equal(remote.git('ls-tree', '-r', '--name-only', 'kb/new-entry'), 'docs/new.md\ndocs/old.md\nsrc/app.ts\n');
    assert.equal(remote.git('show', 'kb/new-entry:docs/old.md'), '# Old, improved\n');
    assert.equal(remote.git('show', 'kb/new-entry:src/app.ts'), 'export const x = 1;\n');
    assert.equal(remote.git('log', '-1', '--format=%an <%ae> %s', 'kb/new-entry'), 'Ana Lima <ana@example.com> Add New\n');
    assert.equal(repo.git('rev-parse', 'HEAD'), headBefore, 'the current branch is untouched');
    assert.equal(repo.git('status', '--porcelain'), statusBefore, 'index and work tree are untouched');
    assert.equal(repo.read('src/app.ts'), 'export const x = 2; // unrelated work in progress\n');
    assert.equal(repo.git('rev-parse', '--abbrev-ref', 'kb/new-entry@{upstream}'), 'origin/kb/new-entry\n');
    assert.equal(remote.git('rev-parse', 'main'), headBefore, 'main on the remote is untouched');
    repo.remove();
    remote.remove();
  });

  it('bases a new proposal on the remote\'s default branch: unpushed commits of the current branch never leave the machine', async () => {
    const { repo, remote } = setup();
    repo.git('remote', 'set-head', 'origin', 'main');
    // Local-only work on main and on a feature branch: code and a secret nobody meant to share.
    repo.write('src/app.ts', 'export const x = 3; // not pushed\n');
    repo.commit('local work on main');
    repo.git('switch', '-q', '-c', 'feature');
    repo.write('src/secret.ts', 'export const token = "s3cret";\n');
    repo.commit('WIP with a secret');
    repo.write('docs/new.md', '# New\n');
    // The compare URL comes from the fetch URL; the push goes to the folder.
    repo.git('remote', 'set-url', 'origin', 'https://github.com/guild/kb.git');
    repo.git('remote', 'set-url', '--push', 'origin', remote.dir);

    const result = await propose(ports, { cwd: repo.dir, files: ['docs/new.md'], branch: 'kb/new', message: 'Add New', tempDir });

    assert.equal(result.pushed, true, result.pushError);
    assert.equal(remote.git('rev-parse', 'kb/new^'), remote.git('rev-parse', 'main'), 'the proposal sits on the remote\'s main');
    assert.equal(remote.git('ls-tree', '-r', '--name-only', 'kb/new'), 'docs/new.md\ndocs/old.md\nsrc/app.ts\n');
    assert.equal(remote.git('show', 'kb/new:src/app.ts'), 'export const x = 1;\n');
    assert.equal(remote.git('rev-list', '--count', 'kb/new'), '2\n', 'one commit on top of main, nothing else');
    assert.equal(result.compareUrl, 'https://github.com/guild/kb/compare/main...kb%2Fnew?expand=1', 'the pull request targets the default branch');
    repo.remove();
    remote.remove();
  });

  it('refuses to propose when the remote has no default branch and the current branch has commits it lacks', async () => {
    const { repo, remote } = setup();
    const empty = new TempRepo(false);
    empty.git('init', '-q', '--bare', '-b', 'main');
    repo.git('remote', 'remove', 'origin');
    repo.git('remote', 'add', 'origin', empty.dir);
    repo.write('docs/new.md', '# New\n');
    await assert.rejects(
      propose(ports, { cwd: repo.dir, files: ['docs/new.md'], branch: 'kb/new', message: 'Add', tempDir }),
      (e: ContributionError) => e.code === 'unshared-commits' && /origin/.test(e.message) && /git push origin main/.test(e.message),
    );
    assert.equal(empty.git('for-each-ref'), '', 'nothing was pushed');
    // Once main is there, the proposal sits on it.
    repo.git('push', '-q', 'origin', 'main');
    const result = await propose(ports, { cwd: repo.dir, files: ['docs/new.md'], branch: 'kb/new', message: 'Add', tempDir });
    assert.equal(result.pushed, true, result.pushError);
    assert.equal(empty.git('rev-parse', 'kb/new^'), empty.git('rev-parse', 'main'));
    repo.remove();
    remote.remove();
    empty.remove();
  });

  it('pushes to the remote git is told to push to, and refuses to guess between several', async () => {
    const { repo, remote } = setup();
    repo.git('remote', 'rename', 'origin', 'upstream');
    const fork = new TempRepo(false);
    fork.git('init', '-q', '--bare', '-b', 'main');
    repo.git('remote', 'add', 'fork', fork.dir);
    repo.git('push', '-q', 'fork', 'main');
    repo.write('docs/new.md', '# New\n');
    let n = 0;
    const proposeTo = async (remoteSetting?: string) => {
      const result = await propose(ports, { cwd: repo.dir, files: ['docs/new.md'], branch: `kb/new-${++n}`, message: 'Add', tempDir, remote: remoteSetting });
      assert.equal(result.pushed, true, result.pushError);
      return result.remote;
    };
    // Nothing decides between fork and upstream (alphabetically first was fork): refused, naming both and the setting.
    await assert.rejects(
      propose(ports, { cwd: repo.dir, files: ['docs/new.md'], branch: 'kb/none', message: 'Add', tempDir }),
      (e: ContributionError) => e.code === 'which-remote' && /fork, upstream/.test(e.message) && /commons\.contribution\.remote/.test(e.message),
    );
    assert.equal(repo.git('branch', '--list', 'kb/*'), '', 'nothing was committed');
    await assert.rejects(propose(ports, { cwd: repo.dir, files: ['docs/new.md'], branch: 'kb/none', message: 'Add', tempDir, remote: 'nowhere' }), (e: ContributionError) => e.code === 'which-remote' && /"nowhere"/.test(e.message));
    // The default branch's upstream, then the current branch's, remote.pushDefault, branch.<name>.pushRemote, each over the last.
    repo.git('config', 'branch.main.remote', 'upstream');
    repo.git('switch', '-q', '-c', 'feature');
    assert.equal(await proposeTo(), 'upstream');
    repo.git('config', 'branch.feature.remote', 'fork');
    assert.equal(await proposeTo(), 'fork');
    repo.git('config', 'remote.pushDefault', 'upstream');
    assert.equal(await proposeTo(), 'upstream');
    repo.git('config', 'branch.feature.pushRemote', 'fork');
    assert.equal(await proposeTo(), 'fork');
    // The setting over all of them.
    assert.equal(await proposeTo('upstream'), 'upstream');
    assert.equal(remote.git('rev-parse', '--verify', '--quiet', 'kb/new-5^'), remote.git('rev-parse', 'main'));
    assert.equal(fork.git('for-each-ref', '--format=%(refname)', 'refs/heads/kb/'), 'refs/heads/kb/new-2\nrefs/heads/kb/new-4\n');
    // A remote named origin still wins when nothing else decides.
    repo.git('config', '--unset', 'branch.feature.pushRemote');
    repo.git('config', '--unset', 'remote.pushDefault');
    repo.git('config', '--unset', 'branch.feature.remote');
    repo.git('config', '--unset', 'branch.main.remote');
    repo.git('remote', 'rename', 'upstream', 'origin');
    assert.equal(await proposeTo(), 'origin');
    repo.remove();
    remote.remove();
    fork.remove();
  });

  it('takes a name someone else uses on the remote as taken, and says why git rejected a push', async () => {
    const { repo, remote } = setup();
    // Someone else's kb/new on the remote, which this clone has not fetched yet.
    const other = remote.git('-c', 'user.name=Di', '-c', 'user.email=di@example.com', 'commit-tree', 'main^{tree}', '-p', 'main', '-m', 'their work').trim();
    remote.git('update-ref', 'refs/heads/kb/new', other);
    repo.write('docs/new.md', '# New\n');
    const first = await propose(ports, { cwd: repo.dir, files: ['docs/new.md'], branch: 'kb/new', message: 'Add', tempDir });
    assert.equal(first.pushed, false);
    assert.match(first.pushError!.split('\n')[0], /kb\/new.*rejected.*fetch first/, 'git\'s reason comes first, not only "failed to push some refs"');
    // Once fetched, the name is known to be taken: the proposal goes to the next free one, and is pushed.
    repo.git('fetch', '-q', 'origin');
    const again = await propose(ports, { cwd: repo.dir, files: ['docs/new.md'], branch: 'kb/new', message: 'Add', tempDir });
    assert.deepEqual([again.branch, again.pushed], ['kb/new-2', true], again.pushError);
    assert.equal(remote.git('rev-parse', 'kb/new'), `${other}\n`, 'their branch is untouched');
    // A name the remote has and no local branch follows: taken too.
    remote.git('update-ref', 'refs/heads/kb/other', other);
    repo.git('fetch', '-q', 'origin');
    repo.write('docs/other.md', '# Other\n');
    const third = await propose(ports, { cwd: repo.dir, files: ['docs/other.md'], branch: 'kb/other', message: 'Other', tempDir });
    assert.deepEqual([third.branch, third.pushed], ['kb/other-2', true], third.pushError);
    // This user's own open proposal (its upstream is the remote's branch) is still updated in place.
    repo.write('docs/new.md', '# New, revised\n');
    const revised = await propose(ports, { cwd: repo.dir, files: ['docs/new.md'], branch: 'kb/new', message: 'Revise', tempDir });
    assert.deepEqual([revised.branch, revised.pushed, revised.updated], ['kb/new-2', true, true], revised.pushError);
    repo.remove();
    remote.remove();
  });

  it('names branches in the title\'s own script, and proposes them', async () => {
    assert.equal(branchName('kb/<slug>', 'デプロイ手順'), 'kb/デプロイ手順');
    assert.equal(branchName('kb/<slug>', 'Как деплоить'), 'kb/как-деплоить');
    assert.equal(branchName('kb/<slug>', 'हिन्दी नोट'), 'kb/हिन्दी-नोट');
    assert.equal(branchName('kb/<slug>', 'Café: 2 tips'), 'kb/cafe-2-tips');
    const { repo, remote } = setup();
    for (const name of ['kb/デプロイ手順', 'kb/как-деплоить', 'kb/हिन्दी-नोट']) assert.equal(repo.git('check-ref-format', '--branch', name), `${name}\n`);
    repo.write('docs/deploy.md', '# デプロイ手順\n');
    const result = await propose(ports, { cwd: repo.dir, files: ['docs/deploy.md'], branch: branchName('kb/<slug>', 'デプロイ手順'), message: 'デプロイ手順', tempDir });
    assert.deepEqual([result.branch, result.pushed], ['kb/デプロイ手順', true], result.pushError);
    assert.equal(remote.git('show', 'kb/デプロイ手順:docs/deploy.md'), '# デプロイ手順\n');
    repo.remove();
    remote.remove();
  });

  it('keeps the commit and reports git\'s words when the remote rejects the push', async () => {
    const { repo, remote } = setup();
    fs.writeFileSync(path.join(remote.dir, 'hooks', 'pre-receive'), '#!/bin/sh\necho "contributions are frozen this week" >&2\nexit 1\n', { mode: 0o755 });
    repo.write('docs/new.md', '# New\n');
    const result = await propose(ports, { cwd: repo.dir, files: ['docs/new.md'], branch: 'kb/new', message: 'Add', tempDir });
    assert.equal(result.pushed, false);
    assert.match(result.pushError!, /contributions are frozen this week/);
    assert.equal(repo.git('show', `${result.commit}:docs/new.md`), '# New\n', 'the local commit is kept');
    assert.equal(repo.git('rev-parse', 'kb/new'), `${result.commit}\n`);
    // Proposing the same again pushes that branch again: no second branch with the same change.
    const again = await propose(ports, { cwd: repo.dir, files: ['docs/new.md'], branch: 'kb/new', message: 'Add', tempDir });
    assert.deepEqual([again.branch, again.commit, again.pushed], ['kb/new', result.commit, false]);
    fs.rmSync(path.join(remote.dir, 'hooks', 'pre-receive'));
    const accepted = await propose(ports, { cwd: repo.dir, files: ['docs/new.md'], branch: 'kb/new', message: 'Add', tempDir });
    assert.deepEqual([accepted.branch, accepted.commit, accepted.pushed], ['kb/new', result.commit, true]);
    assert.equal(repo.git('branch', '--list', 'kb/*').trim(), 'kb/new');
    // The entry revised and proposed again: its open proposal gets the change, as a commit on top.
    repo.write('docs/new.md', '# New, revised\n');
    const revised = await propose(ports, { cwd: repo.dir, files: ['docs/new.md'], branch: 'kb/new', message: 'Revise', tempDir });
    assert.deepEqual([revised.branch, revised.pushed, revised.updated], ['kb/new', true, true]);
    assert.equal(remote.git('rev-parse', 'kb/new^'), `${result.commit}\n`, 'a fast-forward of the pushed branch');
    assert.equal(remote.git('show', 'kb/new:docs/new.md'), '# New, revised\n');
    assert.equal(repo.git('branch', '--list', 'kb/*').trim(), 'kb/new');
    // Once merged (and the merge pushed), the next change under the same title starts from the default branch on the same branch.
    fs.rmSync(path.join(repo.dir, 'docs/new.md'));
    repo.git('merge', '-q', '--no-edit', 'kb/new');
    repo.git('push', '-q', 'origin', 'main');
    repo.write('docs/new.md', '# New, third\n');
    const third = await propose(ports, { cwd: repo.dir, files: ['docs/new.md'], branch: 'kb/new', message: 'Third', tempDir });
    assert.deepEqual([third.branch, third.pushed, third.updated], ['kb/new', true, undefined]);
    assert.equal(repo.git('rev-parse', 'kb/new^'), repo.git('rev-parse', 'HEAD'));
    repo.remove();
    remote.remove();
  });

  it('never moves a branch that is checked out or one the remote has moved on, and never carries work built on a proposal', async () => {
    const propose1 = (repo: TempRepo, message: string) => propose(ports, { cwd: repo.dir, files: ['docs/foo.md'], branch: 'kb/foo', message, tempDir });
    // Checked out to answer review comments: proposing again leaves it, HEAD, index and work tree alone.
    {
      const { repo, remote } = setup();
      repo.write('docs/foo.md', 'v1\n');
      await propose1(repo, 'Foo v1');
      fs.rmSync(path.join(repo.dir, 'docs/foo.md'));
      repo.git('switch', '-q', 'kb/foo');
      repo.write('docs/foo.md', 'v2\n');
      const [head, status] = [repo.git('rev-parse', 'HEAD'), repo.git('status', '--porcelain')];
      const again = await propose1(repo, 'Foo v2');
      assert.equal(again.branch, 'kb/foo-2');
      assert.deepEqual([repo.git('rev-parse', 'HEAD'), repo.git('status', '--porcelain')], [head, status]);
      repo.remove();
      remote.remove();
    }
    // A branch of one's own work built on the proposal: the proposal gets the change on top, never the work.
    {
      const { repo, remote } = setup();
      repo.write('docs/foo.md', 'v1\n');
      const first = await propose1(repo, 'Foo v1');
      fs.rmSync(path.join(repo.dir, 'docs/foo.md'));
      repo.git('switch', '-q', '-c', 'work', 'kb/foo');
      repo.write('docs/bar.md', 'private work in progress\n');
      repo.commit('WIP');
      repo.write('docs/foo.md', 'v2\n');
      const again = await propose1(repo, 'Foo v2');
      assert.deepEqual([again.branch, again.updated], ['kb/foo', true]);
      assert.equal(remote.git('rev-parse', 'kb/foo^'), `${first.commit}\n`);
      assert.equal(remote.git('ls-tree', '-r', '--name-only', 'kb/foo'), 'docs/foo.md\ndocs/old.md\nsrc/app.ts\n', 'the work in progress stays here');
      repo.remove();
      remote.remove();
    }
    // A branch of that name that also changes code outside the knowledge base (here docs/) is someone's other work.
    {
      const { repo, remote } = setup();
      repo.git('switch', '-q', '-c', 'kb/foo');
      repo.write('docs/foo.md', 'v0\n');
      repo.write('src/app.ts', 'export const y = 2;\n');
      repo.commit('foo and code');
      repo.git('switch', '-q', 'main');
      repo.write('docs/foo.md', 'v1\n');
      const proposed = await propose(ports, { cwd: path.join(repo.dir, 'docs'), files: ['foo.md'], branch: 'kb/foo', message: 'Foo v1', tempDir });
      assert.equal(proposed.branch, 'kb/foo-2');
      assert.equal(repo.git('show', 'kb/foo-2:src/app.ts'), 'export const x = 1;\n');
      repo.remove();
      remote.remove();
    }
    // A steward pushed a suggestion onto the proposal: the stale local branch is not stacked on.
    {
      const { repo, remote } = setup();
      repo.write('docs/foo.md', 'v1\n');
      await propose1(repo, 'Foo v1');
      const suggestion = remote.git('-c', 'user.name=Steward', '-c', 'user.email=steward@example.com', 'commit-tree', 'kb/foo^{tree}', '-p', 'kb/foo', '-m', 'suggestion').trim();
      remote.git('update-ref', 'refs/heads/kb/foo', suggestion);
      repo.git('fetch', '-q', 'origin');
      repo.write('docs/foo.md', 'v2\n');
      const again = await propose1(repo, 'Foo v2');
      assert.deepEqual([again.branch, again.pushed], ['kb/foo-2', true]);
      assert.equal(remote.git('rev-parse', 'kb/foo'), `${suggestion}\n`);
      repo.remove();
      remote.remove();
    }
    // Squash-merged and deleted on the remote: the name starts again from HEAD.
    {
      const { repo, remote } = setup();
      repo.write('docs/foo.md', 'v1\n');
      await propose1(repo, 'Foo v1');
      repo.git('add', 'docs/foo.md');
      repo.commit('Foo v1 (squashed)');
      repo.git('push', '-q', 'origin', 'main', ':kb/foo');
      repo.git('fetch', '-q', '--prune', 'origin');
      repo.write('docs/foo.md', 'v2\n');
      const again = await propose1(repo, 'Foo v2');
      assert.deepEqual([again.branch, again.pushed, again.updated], ['kb/foo', true, undefined]);
      assert.equal(repo.git('rev-parse', 'kb/foo^'), repo.git('rev-parse', 'HEAD'));
      repo.remove();
      remote.remove();
    }
  });

  it('knows which changed entries an open proposal holds as they are now', async () => {
    const { repo, remote } = setup();
    repo.write('docs/a.md', '# A\n');
    repo.write('docs/b.md', '# B\n');
    const waiting = async () => {
      const changed = await changedEntries(ports.git, repo.dir, (p) => p.endsWith('.md'));
      const held = await proposedAlready(ports.git, repo.dir, changed, 'kb/<slug>');
      return { changed: changed.map((c) => c.path).sort(), held: Object.fromEntries(held) };
    };
    assert.deepEqual(await waiting(), { changed: ['docs/a.md', 'docs/b.md'], held: {} });
    await propose(ports, { cwd: repo.dir, files: ['docs/a.md'], branch: 'kb/a', message: 'A', tempDir });
    assert.deepEqual(await waiting(), { changed: ['docs/a.md', 'docs/b.md'], held: { 'docs/a.md': 'kb/a' } });
    repo.write('docs/a.md', '# A, changed since\n');
    assert.deepEqual((await waiting()).held, {}, 'changed since it was proposed: waiting again');
    repo.remove();
    remote.remove();
  });

  it('counts an entry as proposed only once its branch is pushed as it is', async () => {
    const { repo, remote } = setup();
    repo.write('docs/a.md', '# A\n');
    const held = async () => Object.fromEntries(await proposedAlready(ports.git, repo.dir, await changedEntries(ports.git, repo.dir, (p) => p.endsWith('.md')), 'kb/<slug>'));
    // The remote refuses the push: the entry still waits to be shared.
    fs.writeFileSync(path.join(remote.dir, 'hooks', 'pre-receive'), '#!/bin/sh\nexit 1\n', { mode: 0o755 });
    const rejected = await propose(ports, { cwd: repo.dir, files: ['docs/a.md'], branch: 'kb/a', message: 'A', tempDir });
    assert.equal(rejected.pushed, false);
    assert.deepEqual(await held(), {});
    fs.rmSync(path.join(remote.dir, 'hooks', 'pre-receive'));
    const pushed = await propose(ports, { cwd: repo.dir, files: ['docs/a.md'], branch: 'kb/a', message: 'A', tempDir });
    assert.equal(pushed.pushed, true, pushed.pushError);
    assert.deepEqual(await held(), { 'docs/a.md': 'kb/a' });
    // The branch moved on here and not there: not shared as it is.
    const ahead = repo.git('commit-tree', 'kb/a^{tree}', '-p', 'kb/a', '-m', 'local only').trim();
    repo.git('update-ref', 'refs/heads/kb/a', ahead);
    assert.deepEqual(await held(), {});
    // Without a remote at all, a commit on a local branch is shared with nobody.
    repo.git('remote', 'remove', 'origin');
    repo.write('docs/b.md', '# B\n');
    const local = await propose(ports, { cwd: repo.dir, files: ['docs/b.md'], branch: 'kb/b', message: 'B', tempDir });
    assert.equal(local.pushed, false);
    assert.deepEqual(await held(), {});
    repo.remove();
    remote.remove();
  });

  it('keeps the commit without a remote and says how to add one; never reuses a branch name', async () => {
    const repo = new TempRepo();
    repo.git('config', 'user.name', 'Bo');
    repo.git('config', 'user.email', 'bo@example.com');
    repo.write('a.md', '# A\n');
    repo.commit('start');
    // Someone's own branch of that name, with other work: left alone.
    repo.git('checkout', '-q', '-b', 'kb/a');
    repo.write('b.md', '# B\n');
    repo.commit('other work');
    repo.git('checkout', '-q', '-');
    repo.write('a.md', '# A2\n');
    const result = await propose(ports, { cwd: repo.dir, files: ['a.md'], branch: 'kb/a', message: 'Change', tempDir });
    assert.equal(result.branch, 'kb/a-2');
    assert.equal(result.pushed, false);
    assert.match(result.pushError!, /git remote add origin/);
    repo.remove();
  });

  it('refuses with a plain reason: detached HEAD, merge in progress, missing identity, nothing changed', async () => {
    const { repo, remote } = setup();
    repo.write('docs/new.md', '# New\n');
    const attempt = (extra: Partial<Parameters<typeof propose>[1]> = {}) =>
      propose(ports, { cwd: repo.dir, files: ['docs/new.md'], branch: 'kb/x', message: 'm', tempDir, ...extra });
    await assert.rejects(attempt({ files: ['docs/old.md'] }), (e: ContributionError) => e.code === 'nothing-to-propose');
    fs.writeFileSync(path.join(repo.dir, '.git', 'MERGE_HEAD'), repo.git('rev-parse', 'HEAD'));
    await assert.rejects(attempt(), (e: ContributionError) => e.code === 'operation-in-progress');
    fs.rmSync(path.join(repo.dir, '.git', 'MERGE_HEAD'));
    repo.git('checkout', '-q', '--detach');
    await assert.rejects(attempt(), (e: ContributionError) => e.code === 'detached-head' && /git switch/.test(e.message));
    repo.git('checkout', '-q', 'main');
    repo.git('config', '--unset', 'user.email');
    // This machine's own global identity must not stand in for the missing one.
    const globalConfig = process.env.GIT_CONFIG_GLOBAL;
    process.env.GIT_CONFIG_GLOBAL = '/dev/null';
    try {
      await assert.rejects(attempt(), (e: ContributionError) => e.code === 'no-identity' && /git config --global user.email/.test(e.message));
    } finally {
      if (globalConfig === undefined) delete process.env.GIT_CONFIG_GLOBAL;
      else process.env.GIT_CONFIG_GLOBAL = globalConfig;
    }
    repo.remove();
    remote.remove();
  });

  it('asks for a first commit on a branch without any, unless the remote has a default branch to start from', async () => {
    const repo = new TempRepo();
    repo.git('config', 'user.name', 'Bo');
    repo.git('config', 'user.email', 'bo@example.com');
    repo.write('a.md', '# A\n');
    assert.deepEqual(await changedEntries(ports.git, repo.dir, (p) => p.endsWith('.md')), [{ path: 'a.md', status: 'new' }]);
    await assert.rejects(
      propose(ports, { cwd: repo.dir, files: ['a.md'], branch: 'kb/a', message: 'A', tempDir }),
      (e: ContributionError) => e.code === 'no-commits' && /make a first commit/.test(e.message),
    );
    // A fresh repository that fetched the community's: the proposal starts from its main.
    const { repo: other, remote } = setup();
    repo.git('remote', 'add', 'origin', remote.dir);
    repo.git('fetch', '-q', 'origin');
    const result = await propose(ports, { cwd: repo.dir, files: ['a.md'], branch: 'kb/a', message: 'A', tempDir });
    assert.equal(result.pushed, true, result.pushError);
    assert.equal(remote.git('rev-parse', 'kb/a^'), remote.git('rev-parse', 'main'));
    repo.remove();
    other.remove();
    remote.remove();
  });

  it('makes safe branch names from hostile titles', () => {
    assert.equal(branchName('kb/<slug>', '../../etc/passwd'), 'kb/etc-passwd');
    assert.equal(branchName('kb/<slug>', '--upload-pack=x'), 'kb/upload-pack-x');
    assert.equal(branchName('kb/<slug>', 'CON'), 'kb/con-entry');
    assert.equal(branchName('kb/<slug>', '🚀'), 'kb/entry');
    assert.equal(branchName('kb/<slug>', 'x'.repeat(300)).length, 83);
    assert.throws(() => branchName('-kb/<slug>', 'a'), ContributionError);
    assert.throws(() => branchName('kb/@{-1}/<slug>', 'a'), ContributionError);
  });

  it('builds compare URLs for GitHub, GitLab, Bitbucket and Azure DevOps, HTTPS and SSH', () => {
    const cases: Array<[string, string]> = [
      ['https://github.com/guild/kb.git', 'https://github.com/guild/kb/compare/main...kb%2Fx?expand=1'],
      ['git@github.com:guild/kb.git', 'https://github.com/guild/kb/compare/main...kb%2Fx?expand=1'],
      ['https://gitlab.com/group/sub/kb.git', 'https://gitlab.com/group/sub/kb/-/merge_requests/new?merge_request%5Bsource_branch%5D=kb%2Fx&merge_request%5Btarget_branch%5D=main'],
      ['git@gitlab.com:group/kb.git', 'https://gitlab.com/group/kb/-/merge_requests/new?merge_request%5Bsource_branch%5D=kb%2Fx&merge_request%5Btarget_branch%5D=main'],
      ['https://ana@bitbucket.org/team/kb.git', 'https://bitbucket.org/team/kb/pull-requests/new?source=kb%2Fx&dest=main'],
      ['git@bitbucket.org:team/kb.git', 'https://bitbucket.org/team/kb/pull-requests/new?source=kb%2Fx&dest=main'],
      ['https://dev.azure.com/org/project/_git/kb', 'https://dev.azure.com/org/project/_git/kb/pullrequestcreate?sourceRef=kb%2Fx&targetRef=main'],
      ['git@ssh.dev.azure.com:v3/org/project/kb', 'https://dev.azure.com/org/project/_git/kb/pullrequestcreate?sourceRef=kb%2Fx&targetRef=main'],
    ];
    for (const [remote, expected] of cases) assert.equal(compareUrl(remote, 'main', 'kb/x'), expected, remote);
    assert.equal(permalink('git@github.com:guild/app.git', 'abc123', 'src/a b.ts', 3, 9), 'https://github.com/guild/app/blob/abc123/src/a%20b.ts#L3-L9');
    assert.equal(permalink('https://gitlab.com/g/app.git', 'abc123', 'x.ts', 1, 2), 'https://gitlab.com/g/app/-/blob/abc123/x.ts#L1-2');
    assert.equal(permalink('/srv/app.git', 'abc', 'x.ts', 1, 2), undefined);
    assert.equal(compareUrl('/srv/git/kb.git', 'main', 'kb/x'), undefined);
  });
});

describe('changed entries', () => {
  it('lists new, changed and deleted entries, staged or not, and nothing else', async () => {
    const { changedEntries } = await import('../../src/core/git/contribution');
    const { repo, remote } = setup();
    repo.write('docs/gone.md', '# Gone\n');
    repo.commit('add gone');
    repo.write('docs/new.md', '# New\n');
    repo.write('docs/old.md', '# Changed\n');
    repo.git('add', 'docs/old.md');
    repo.git('rm', '-q', 'docs/gone.md');
    repo.write('src/app.ts', 'changed code\n');
    const entries = await changedEntries(ports.git, path.join(repo.dir, 'docs'), (p) => p.endsWith('.md'));
    assert.deepEqual(entries, [
      { path: 'gone.md', status: 'deleted' },
      { path: 'new.md', status: 'new' },
      { path: 'old.md', status: 'changed' },
    ]);
    repo.remove();
    remote.remove();
  });
});
