// Reviewing contributions against real git repositories: listing, one entry's review, merging.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultBranch, kbPrefix, listContributions, mergeContribution, mergeReadiness, MergeError, reviewContribution, reviewEntry } from '../../src/core/git/review';
import type { GitRunner } from '../../src/core/ports';
import { fieldChanges } from '../../src/core/git/reviewDiff';
import { KnowledgeBase } from '../../src/core/knowledgeBase';
import { NodeFileSystem } from '../../src/node/nodeFileSystem';
import { NodeGitRunner } from '../../src/node/nodeGitRunner';
import { TempRepo } from './gitRepo';

const git = new NodeGitRunner();
const ports = { git, fs: new NodeFileSystem() };

const A_BEFORE = '---\ntitle: A\ntype: question\ntags: [git, legacy-tag]\nstatus: open\n---\n# A\n';
const A_AFTER = '---\ntitle: A\ntype: question\ntags: [legacy-tag, python, newtag]\nstatus: answered\n---\n# A\n\nAnswered.\n';

interface Setup {
  repo: TempRepo;
  remote: TempRepo;
  kbDir: string;
}

/**
 * main holds a knowledge base in kb/; kb/clean (by Bo) edits a.md, adds d.md, removes c.md and
 * touches code outside the knowledge base; kb/conflict (by Cy) edits b.md, which main edits too
 * afterwards; kb/done is already merged. kb/clean is also pushed to a bare remote.
 */
function setup(): Setup {
  const remote = new TempRepo(false);
  remote.git('init', '-q', '--bare', '-b', 'main');
  const repo = new TempRepo();
  repo.git('config', 'user.name', 'Steward Sam');
  repo.git('config', 'user.email', 'sam@example.com');
  repo.write('kb/commons.yml', 'tags: [git, python, docs]\n');
  repo.write('kb/a.md', A_BEFORE);
  repo.write('kb/b.md', '# B\n');
  repo.write('kb/c.md', '# C\n');
  repo.write('code.ts', 'export const x = 1;\n');
  repo.commit('start', 'Steward Sam <sam@example.com>');

  repo.git('switch', '-q', '-c', 'kb/done');
  repo.write('kb/e.md', '# E\n');
  repo.commit('add E', 'Di <di@example.com>');
  repo.git('switch', '-q', 'main');
  repo.git('merge', '-q', '--no-ff', '--no-edit', 'kb/done');

  repo.git('switch', '-q', '-c', 'kb/clean');
  repo.write('kb/a.md', A_AFTER);
  repo.write('kb/d.md', '# D\n');
  fs.rmSync(path.join(repo.dir, 'kb/c.md'));
  repo.write('code.ts', 'export const x = 2;\n');
  repo.commit('answer A', 'Bo Berg <bo@example.com>');

  repo.git('switch', '-q', 'main');
  repo.git('switch', '-q', '-c', 'kb/conflict');
  repo.write('kb/b.md', '# B from Cy\n');
  repo.commit('reword B', 'Cy Chen <cy@example.com>');

  repo.git('switch', '-q', 'main');
  repo.write('kb/b.md', '# B on main\n');
  repo.commit('B on main', 'Steward Sam <sam@example.com>');

  repo.git('remote', 'add', 'origin', remote.dir);
  repo.git('push', '-q', 'origin', 'main', 'kb/clean');
  repo.git('remote', 'set-head', 'origin', 'main');
  return { repo, remote, kbDir: path.join(repo.dir, 'kb') };
}

async function loadKb(dir: string): Promise<KnowledgeBase> {
  const kb = new KnowledgeBase(dir, new NodeFileSystem());
  await kb.load();
  return kb;
}

function cleanup({ repo, remote }: Setup): void {
  repo.remove();
  remote.remove();
}

describe('reviewing contributions', () => {
  it('finds the default branch from origin/HEAD, else main or master, else the current branch', async () => {
    const s = setup();
    assert.deepEqual(await defaultBranch(git, s.kbDir), { name: 'main', ref: 'refs/heads/main', refs: ['refs/heads/main', 'refs/remotes/origin/main'] });
    const plain = new TempRepo(false);
    plain.git('init', '-q', '-b', 'trunk');
    plain.write('a.md', '# A\n');
    plain.commit('start');
    assert.equal((await defaultBranch(git, plain.dir)).name, 'trunk');
    plain.git('branch', 'master');
    assert.equal((await defaultBranch(git, plain.dir)).name, 'master');
    plain.remove();
    cleanup(s);
  });

  it('reviews a contribution of many entries with a few git processes at a time, not several per entry at once', async () => {
    const repo = new TempRepo();
    repo.write('kb/start.md', '# Start\n');
    repo.commit('start');
    repo.git('switch', '-q', '-c', 'kb/many');
    for (let i = 0; i < 60; i++) repo.write(`kb/n${i}.md`, `---\ntitle: Note ${i}\n---\n# Note ${i}\n`);
    repo.commit('many notes', 'Bo Berg <bo@example.com>');
    repo.git('switch', '-q', 'main');
    let running = 0;
    let most = 0;
    const counting: GitRunner = {
      stream: (args, cwd, onChunk, env) => git.stream(args, cwd, onChunk, env),
      async run(args, cwd, env) {
        most = Math.max(most, ++running);
        try {
          return await git.run(args, cwd, env);
        } finally {
          running--;
        }
      },
    };
    const kbDir = path.join(repo.dir, 'kb');
    const kb = new KnowledgeBase(kbDir, new NodeFileSystem());
    await kb.load();
    const prefix = await kbPrefix(git, kbDir);
    const { contributions } = await listContributions(git, kbDir, { kbPrefix: prefix, isEntry: (p) => kb.isEntryPath(p) });
    const reviews = await reviewContribution(counting, kbDir, contributions[0], { kb, kbPrefix: prefix });
    assert.equal(reviews.length, 60);
    assert.deepEqual(reviews.map((review) => review.path), contributions[0].added);
    assert.ok(most <= 16, `${most} git processes at once`);
    repo.remove();
  });

  it('lists unmerged local and remote branches with their entries, authors and merge bases', async () => {
    const s = setup();
    const kb = await loadKb(s.kbDir);
    const prefix = await kbPrefix(git, s.kbDir);
    assert.equal(prefix, 'kb/');
    const list = await listContributions(git, s.kbDir, { kbPrefix: prefix, isEntry: (p) => kb.isEntryPath(p), fetch: true });
    assert.equal(list.fetchError, undefined);
    assert.equal(list.defaultBranch.name, 'main');
    const byName = new Map(list.contributions.map((c) => [c.name, c]));
    // origin/kb/clean is at the same commit as kb/clean: one contribution, listed once.
    assert.deepEqual([...byName.keys()].sort(), ['kb/clean', 'kb/conflict']);

    const clean = byName.get('kb/clean')!;
    assert.equal(clean.ref, 'refs/heads/kb/clean');
    assert.equal(clean.kind, 'local');
    assert.equal(clean.head, s.repo.git('rev-parse', 'kb/clean').trim());
    assert.equal(clean.mergeBase, s.repo.git('merge-base', 'main', 'kb/clean').trim());
    assert.deepEqual(clean.author, { name: 'Bo Berg', email: 'bo@example.com' });
    assert.equal(clean.timeMs, Number(s.repo.git('log', '-1', '--format=%ct', 'kb/clean').trim()) * 1000);
    assert.deepEqual({ added: clean.added, changed: clean.changed, removed: clean.removed }, { added: ['d.md'], changed: ['a.md'], removed: ['c.md'] });

    const conflict = byName.get('kb/conflict')!;
    assert.deepEqual(conflict.author, { name: 'Cy Chen', email: 'cy@example.com' });
    assert.deepEqual(conflict.changed, ['b.md']);

    // Once the local branch moves on, the two differ and both are listed.
    const ahead = s.repo.git('commit-tree', 'kb/clean^{tree}', '-p', 'kb/clean', '-m', 'more').trim();
    s.repo.git('update-ref', 'refs/heads/kb/clean', ahead);
    const relisted = await listContributions(git, s.kbDir, { kbPrefix: prefix, isEntry: (p) => kb.isEntryPath(p) });
    const remote = relisted.contributions.find((c) => c.name === 'origin/kb/clean')!;
    assert.equal(remote.kind, 'remote');
    assert.equal(remote.head, clean.head);
    assert.equal(relisted.contributions.find((c) => c.name === 'kb/clean')!.head, ahead);
    cleanup(s);
  });

  it('compares contributions with the newer of the local default branch and the remote\'s, after a fetch', async () => {
    const s = setup();
    const kb = await loadKb(s.kbDir);
    // On the remote, main gains an entry, and a contribution starts from there; here, main stays behind.
    const localMain = s.repo.git('rev-parse', 'main').trim();
    s.repo.write('kb/f.md', '# F, on main\n');
    s.repo.commit('F on main');
    s.repo.git('switch', '-q', '-c', 'kb/later');
    s.repo.write('kb/b.md', '# B, later\n');
    s.repo.commit('B later', 'Di <di@example.com>');
    s.repo.git('push', '-q', 'origin', 'main', 'kb/later');
    s.repo.git('switch', '-q', 'main');
    s.repo.git('reset', '-q', '--hard', localMain);
    s.repo.git('branch', '-q', '-D', 'kb/later');
    const list = await listContributions(git, s.kbDir, { kbPrefix: 'kb/', isEntry: (p) => kb.isEntryPath(p), fetch: true });
    const later = list.contributions.find((c) => c.name === 'origin/kb/later')!;
    const remoteMain = s.repo.git('rev-parse', 'origin/main').trim();
    assert.deepEqual({ added: later.added, changed: later.changed, removed: later.removed }, { added: [], changed: ['b.md'], removed: [] }, 'f.md is main\'s, not the contribution\'s');
    assert.equal(later.mergeBase, remoteMain);
    const review = await reviewEntry(git, s.kbDir, 'origin/kb/later', 'f.md', { kb, kbPrefix: 'kb/' });
    assert.equal(review.mergeBase, remoteMain);
    assert.equal(review.before, review.after);
    cleanup(s);
  });

  it('knows the default branch of remotes of any name, slashes included, and lists a pushed branch once', async () => {
    const s = setup();
    const kb = await loadKb(s.kbDir);
    const names = async () => (await listContributions(git, s.kbDir, { kbPrefix: 'kb/', isEntry: (p) => kb.isEntryPath(p), fetch: true })).contributions.map((c) => c.name).sort();
    s.repo.git('remote', 'rename', 'origin', 'team/kb');
    s.repo.git('remote', 'set-head', 'team/kb', 'main');
    assert.deepEqual(await names(), ['kb/clean', 'kb/conflict']);
    // A second remote, fetched, whose HEAD was never set: its main is the default branch all the same.
    const upstream = new TempRepo(false);
    upstream.git('init', '-q', '--bare', '-b', 'main');
    s.repo.git('remote', 'add', 'upstream', upstream.dir);
    s.repo.git('push', '-q', 'upstream', 'main');
    assert.deepEqual(await names(), ['kb/clean', 'kb/conflict']);
    // Without a local main, the remote's HEAD still names the default branch.
    s.repo.git('switch', '-q', '--detach');
    s.repo.git('branch', '-q', '-D', 'main');
    s.repo.git('remote', 'remove', 'team/kb');
    s.repo.git('remote', 'set-head', 'upstream', 'main');
    const base = await defaultBranch(git, s.kbDir);
    assert.deepEqual(base, { name: 'main', ref: 'refs/remotes/upstream/main', refs: ['refs/remotes/upstream/main'] });
    upstream.remove();
    cleanup(s);
  });

  it('names the branches a shallow clone cannot compare with the default branch, rather than leaving them out in silence', async () => {
    const s = setup();
    const clone = new TempRepo(false);
    clone.git('clone', '-q', '--depth', '1', '--no-single-branch', `file://${s.remote.dir}`, '.');
    const list = await listContributions(git, clone.dir, { kbPrefix: 'kb/', isEntry: (p) => p.endsWith('.md') });
    assert.deepEqual(list.contributions.map((c) => c.name), []);
    assert.deepEqual(list.beyondShallow, ['origin/kb/clean']);
    // A full clone has nothing of the kind: a branch without common history (gh-pages) is simply not a contribution.
    s.repo.git('switch', '-q', '--orphan', 'gh-pages');
    s.repo.write('index.html', 'site');
    s.repo.commit('site');
    s.repo.git('switch', '-q', 'main');
    assert.deepEqual((await listContributions(git, s.kbDir, { kbPrefix: 'kb/', isEntry: (p) => p.endsWith('.md') })).beyondShallow, []);
    clone.remove();
    cleanup(s);
  });

  it('reports a failed fetch as a message and still lists what is known', async () => {
    const s = setup();
    s.repo.git('remote', 'set-url', 'origin', path.join(s.remote.dir, 'missing'));
    const list = await listContributions(git, s.kbDir, { kbPrefix: 'kb/', isEntry: (p) => p.endsWith('.md'), fetch: true });
    assert.ok(list.fetchError, 'the fetch error is returned');
    assert.equal(list.contributions.length, 2);
    cleanup(s);
  });

  it('reviews an entry: texts, field changes and only the findings the contribution brings in', async () => {
    const s = setup();
    const kb = await loadKb(s.kbDir);
    const review = await reviewEntry(git, s.kbDir, 'kb/clean', 'a.md', { kb, kbPrefix: 'kb/' });
    assert.equal(review.before, A_BEFORE);
    assert.equal(review.after, A_AFTER);
    assert.equal(review.beforeEntry!.status, 'open');
    assert.equal(review.afterEntry!.status, 'answered');
    const tags = review.fields.find((f) => f.field === 'tags')!;
    assert.equal(tags.kind, 'changed');
    assert.deepEqual(tags.added, ['python', 'newtag']);
    assert.deepEqual(tags.removed, ['git']);
    assert.deepEqual(review.fields.find((f) => f.field === 'status'), { field: 'status', kind: 'changed', before: 'open', after: 'answered' });
    assert.deepEqual(review.fields.map((f) => f.field), ['tags', 'status']);
    const unknownTags = review.introduced.filter((f) => f.rule === 'unknown-tag').map((f) => f.subject);
    assert.deepEqual(unknownTags, ['newtag'], 'the pre-existing legacy-tag is not reported');

    const added = await reviewEntry(git, s.kbDir, 'refs/heads/kb/clean', 'd.md', { kb, kbPrefix: 'kb/' });
    assert.equal(added.before, undefined);
    assert.equal(added.after, '# D\n');
    const removed = await reviewEntry(git, s.kbDir, 'kb/clean', 'c.md', { kb, kbPrefix: 'kb/', mergeBase: added.mergeBase });
    assert.equal(removed.before, '# C\n');
    assert.equal(removed.after, undefined);
    assert.equal(removed.afterEntry, undefined);
    assert.deepEqual(removed.introduced, []);
    cleanup(s);
  });

  it('diffs front-matter fields: added, removed, changed, and list items', () => {
    const changes = fieldChanges('---\ntitle: T\nowner: ana\nauthors: [ana]\n---\n', '---\ntitle: T2\nauthors: [ana, bo]\nsummary: new\n---\n');
    assert.deepEqual(changes, [
      { field: 'title', kind: 'changed', before: 'T', after: 'T2' },
      { field: 'authors', kind: 'changed', before: ['ana'], after: ['ana', 'bo'], added: ['bo'], removed: [] },
      { field: 'summary', kind: 'added', after: 'new' },
      { field: 'owner', kind: 'removed', before: 'ana' },
    ]);
    assert.deepEqual(fieldChanges(undefined, '---\ntags: a, b\n---\n'), [{ field: 'tags', kind: 'added', after: 'a, b', added: ['a', 'b'], removed: [] }]);
  });

  it('merges a clean contribution into the checked-out default branch without pushing', async () => {
    const s = setup();
    const remoteMain = s.remote.git('rev-parse', 'main');
    const result = await mergeContribution(ports, s.kbDir, 'kb/clean', { message: 'Merge kb/clean: answer A' });
    assert.equal(result.merged, true);
    assert.ok(result.merged && result.commit === s.repo.git('rev-parse', 'HEAD').trim());
    assert.equal(s.repo.git('log', '-1', '--format=%s%n%P').split('\n')[0], 'Merge kb/clean: answer A');
    assert.equal(s.repo.git('log', '-1', '--format=%P').trim().split(' ').length, 2, 'a merge commit even when a fast-forward was possible');
    assert.equal(s.repo.read('kb/a.md'), A_AFTER);
    assert.equal(s.repo.git('status', '--porcelain'), '');
    assert.equal(s.remote.git('rev-parse', 'main'), remoteMain, 'nothing is pushed');
    await assert.rejects(mergeContribution(ports, s.kbDir, 'kb/clean', { message: 'again' }), (e: MergeError) => e.code === 'already-merged');
    cleanup(s);
  });

  it('aborts a conflicting merge and leaves HEAD, index, work tree and status exactly as before', async () => {
    const s = setup();
    s.repo.write('notes.txt', 'untracked work\n');
    const status = s.repo.git('status', '--porcelain');
    const head = s.repo.git('rev-parse', 'HEAD');
    const index = s.repo.git('ls-files', '-s');
    const result = await mergeContribution(ports, s.kbDir, 'kb/conflict', { message: 'Merge kb/conflict' });
    assert.deepEqual(result, { merged: false, conflicts: ['kb/b.md'] });
    assert.equal(s.repo.git('status', '--porcelain'), status);
    assert.equal(s.repo.git('rev-parse', 'HEAD'), head);
    assert.equal(s.repo.git('ls-files', '-s'), index);
    assert.equal(s.repo.read('kb/b.md'), '# B on main\n');
    assert.equal(s.repo.read('notes.txt'), 'untracked work\n');
    assert.throws(() => s.repo.git('rev-parse', '--verify', '--quiet', 'MERGE_HEAD'), 'no merge is left in progress');
    cleanup(s);
  });

  it('refuses on a dirty work tree, off the default branch, or when the branch moved since review', async () => {
    const s = setup();
    s.repo.write('kb/b.md', '# unsaved idea\n');
    await assert.rejects(mergeContribution(ports, s.kbDir, 'kb/clean', { message: 'm' }), (e: MergeError) => e.code === 'dirty' && /uncommitted changes/.test(e.message));
    assert.equal(s.repo.read('kb/b.md'), '# unsaved idea\n');
    s.repo.git('checkout', '-q', '--', 'kb/b.md');
    s.repo.git('switch', '-q', 'kb/conflict');
    // Asked before anyone is asked to confirm, with the same answer.
    await assert.rejects(mergeReadiness(ports, s.kbDir, 'kb/clean', {}), (e: MergeError) => e.code === 'not-on-default-branch' && /switch to main/.test(e.message));
    await assert.rejects(mergeContribution(ports, s.kbDir, 'kb/clean', { message: 'm' }), (e: MergeError) => e.code === 'not-on-default-branch' && /switch to main/.test(e.message));
    s.repo.git('switch', '-q', 'main');
    assert.equal((await mergeReadiness(ports, s.kbDir, 'kb/clean', {})).base.name, 'main');
    await assert.rejects(mergeContribution(ports, s.kbDir, 'kb/clean', { message: 'm', expectedHead: '0'.repeat(40) }), (e: MergeError) => e.code === 'branch-moved');
    assert.equal(s.repo.git('log', '-1', '--format=%s'), 'B on main\n');
    cleanup(s);
  });

  it('refuses while git am or a rebase is stopped, as for a merge, cherry-pick or revert', async () => {
    const s = setup();
    // A patch that does not apply stops git am with HEAD on main and a clean index.
    s.repo.git('format-patch', '-q', '-1', 'kb/conflict', '-o', path.join(s.repo.dir, '.git', 'patches'));
    const patch = fs.readdirSync(path.join(s.repo.dir, '.git', 'patches'))[0];
    await assert.rejects(git.run(['am', '-q', path.join(s.repo.dir, '.git', 'patches', patch)], s.repo.dir));
    assert.equal(s.repo.git('status', '--porcelain', '--untracked-files=no'), '');
    await assert.rejects(mergeReadiness(ports, s.kbDir, 'kb/clean', {}), (e: MergeError) => e.code === 'operation-in-progress' && /git am/.test(e.message));
    s.repo.git('am', '--abort');
    // A rebase stopped with the branch still checked out (its folder left behind, say).
    fs.mkdirSync(path.join(s.repo.dir, '.git', 'rebase-merge'));
    await assert.rejects(mergeContribution(ports, s.kbDir, 'kb/clean', { message: 'm' }), (e: MergeError) => e.code === 'operation-in-progress' && /rebase/.test(e.message));
    fs.rmdirSync(path.join(s.repo.dir, '.git', 'rebase-merge'));
    assert.equal((await mergeContribution(ports, s.kbDir, 'kb/clean', { message: 'm' })).merged, true);
    cleanup(s);
  });

  it('says everything a merge brings, from the repository\'s top: files outside the knowledge base too', async () => {
    const s = setup();
    s.repo.git('switch', '-q', 'kb/clean');
    s.repo.write('.github/workflows/ci.yml', 'on: push\n');
    s.repo.git('add', '.github/workflows/ci.yml');
    s.repo.commit('and a workflow', 'Bo Berg <bo@example.com>');
    s.repo.git('switch', '-q', 'main');
    const ready = await mergeReadiness(ports, s.kbDir, 'kb/clean', {});
    const entries = s.repo.git('-c', 'core.quotePath=false', 'diff', '--name-only', 'main...kb/clean').split('\n').filter(Boolean);
    assert.deepEqual([...ready.changed].sort(), entries.sort());
    assert.ok(ready.changed.includes('.github/workflows/ci.yml'));
    cleanup(s);
  });

  it('refuses to merge over files git ignores here, which a merge would overwrite and an aborted one delete', async () => {
    const s = setup();
    // The steward's own files, ignored and in no commit, at paths the contributions bring.
    fs.writeFileSync(path.join(s.repo.dir, '.git', 'info', 'exclude'), 'kb/d.md\nkb/local.env\nbuild/\n');
    s.repo.write('kb/d.md', '# my private notes\n');
    s.repo.write('kb/local.env', 'TOKEN=mine\n');
    s.repo.write('build/out.txt', 'my build\n');
    await assert.rejects(mergeReadiness(ports, s.kbDir, 'kb/clean', {}), (e: MergeError) => e.code === 'ignored-files-in-the-way' && /kb\/d\.md/.test(e.message));
    await assert.rejects(mergeContribution(ports, s.kbDir, 'kb/clean', { message: 'm' }), (e: MergeError) => e.code === 'ignored-files-in-the-way');
    assert.equal(s.repo.read('kb/d.md'), '# my private notes\n');
    // A conflicting merge would be aborted, and the abort would delete the file: refused before.
    s.repo.git('switch', '-q', 'kb/conflict');
    s.repo.git('add', '-f', 'kb/local.env', 'build/out.txt');
    s.repo.git('-c', 'user.name=Cy', '-c', 'user.email=cy@example.com', 'commit', '-q', '-m', 'their env and build');
    s.repo.git('switch', '-q', 'main');
    s.repo.write('kb/local.env', 'TOKEN=mine\n');
    s.repo.write('build/out.txt', 'my build\n');
    await assert.rejects(mergeContribution(ports, s.kbDir, 'kb/conflict', { message: 'm' }), (e: MergeError) => e.code === 'ignored-files-in-the-way' && /build\/out\.txt, kb\/local\.env/.test(e.message));
    assert.equal(s.repo.read('kb/local.env'), 'TOKEN=mine\n');
    assert.equal(s.repo.read('build/out.txt'), 'my build\n');
    // Moved away, the merge goes ahead; an ignored folder the branch does not write into is no obstacle.
    fs.rmSync(path.join(s.repo.dir, 'kb/d.md'));
    fs.rmSync(path.join(s.repo.dir, 'build'), { recursive: true });
    s.repo.write('build/other.txt', 'kept\n');
    assert.equal((await mergeContribution(ports, s.kbDir, 'kb/clean', { message: 'm' })).merged, true);
    assert.equal(s.repo.read('build/other.txt'), 'kept\n');
    cleanup(s);
  });

  it('never reads branch names as options', async () => {
    const s = setup();
    const kb = await loadKb(s.kbDir);
    const marker = path.join(s.repo.dir, 'pwned');
    for (const hostile of [`--output=${marker}`, '-h', '--upload-pack=touch pwned']) {
      await assert.rejects(mergeContribution(ports, s.kbDir, hostile, { message: 'm' }), (e: MergeError) => e.code === 'bad-branch');
      await assert.rejects(reviewEntry(git, s.kbDir, hostile, 'a.md', { kb, kbPrefix: 'kb/' }), /not a branch or commit/);
    }
    assert.equal(fs.existsSync(marker), false);
    // Git allows a branch literally named like an option; it is listed, reviewed and merged as a branch.
    s.repo.git('update-ref', 'refs/heads/--abort', 'kb/clean');
    const list = await listContributions(git, s.kbDir, { kbPrefix: 'kb/', isEntry: (p) => kb.isEntryPath(p) });
    assert.deepEqual(list.contributions.find((c) => c.name === '--abort')?.changed, ['a.md']);
    assert.equal((await reviewEntry(git, s.kbDir, '--abort', 'a.md', { kb, kbPrefix: 'kb/' })).after, A_AFTER);
    const result = await mergeContribution(ports, s.kbDir, '--abort', { message: 'Merge the oddly named branch' });
    assert.equal(result.merged, true);
    assert.equal(s.repo.read('kb/a.md'), A_AFTER);
    assert.equal(s.repo.git('log', '-1', '--format=%s'), 'Merge the oddly named branch\n');
    cleanup(s);
  });
});
