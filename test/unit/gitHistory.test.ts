import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GitHistory } from '../../src/core/git/history';
import { ActivityLedger } from '../../src/core/insight/activity';
import { NodeGitRunner } from '../../src/node/nodeGitRunner';
import { TempRepo } from './gitRepo';
import { tempFolder } from './tempFolder';

const git = new NodeGitRunner();

describe('git history', () => {
  it('reads last changes and authors, then only newer commits', async () => {
    const repo = new TempRepo();
    repo.write('kb/a.md', '# A');
    repo.write('code.ts', 'x');
    repo.commit('first', 'Ana Lima <ana@example.com>');
    repo.write('kb/b.md', '# B');
    repo.commit('second', 'Bo <BO@example.com>');
    const history = new GitHistory(git, path.join(repo.dir, 'kb'));
    assert.deepEqual(await history.update(), { newCommits: 2 });
    assert.deepEqual([...history.files.keys()].sort(), ['a.md', 'b.md']);
    assert.deepEqual([...history.people.keys()].sort(), ['ana@example.com', 'bo@example.com']);
    const firstLast = history.files.get('a.md')!.lastChange;

    repo.write('kb/a.md', '# A2');
    repo.commit('third', 'bo <bo@example.com>');
    assert.deepEqual(await history.update(), { newCommits: 1 });
    assert.ok(history.files.get('a.md')!.lastChange > firstLast);
    assert.equal(history.people.get('bo@example.com')!.commits, 2);
    assert.equal(history.commits.length, 3);
    assert.deepEqual(await history.update(), { newCommits: 0 });
    repo.remove();
  });

  it('keeps what it read until a reading of everything again is done, and keeps it when that reading fails', async () => {
    const repo = new TempRepo();
    repo.write('a.md', '# A');
    repo.commit('first', 'Ana <ana@old.example.com>');
    repo.write('b.md', '# B');
    repo.commit('second', 'Ana Lima <ana@example.com>');
    // A runner whose log passes can be held, or made to fail, to look at the history meanwhile.
    let hold: Promise<void> | undefined;
    let fail = false;
    const runner = {
      run: (args: string[], cwd: string) => git.run(args, cwd),
      stream: async (args: string[], cwd: string, onChunk: (chunk: string) => void) => {
        await hold;
        if (fail) throw new Error('git log failed');
        return git.stream(args, cwd, onChunk);
      },
    };
    const history = new GitHistory(runner, repo.dir);
    await history.update();
    assert.equal(history.people.size, 2);
    // A .mailmap makes the next update read everything again: until it is read, the old reading stays.
    repo.write('.mailmap', 'Ana Lima <ana@example.com> Ana <ana@old.example.com>\n');
    let release!: () => void;
    hold = new Promise((resolve) => (release = resolve));
    const updating = history.update();
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(history.commits.length, 2, 'the commits stay while git is read again');
    assert.equal(history.people.size, 2);
    release();
    await updating;
    assert.equal(history.people.size, 1);
    // A reading that fails leaves the history as it was, and the next update reads again.
    repo.write('.mailmap', '');
    hold = undefined;
    fail = true;
    await assert.rejects(history.update());
    assert.equal(history.commits.length, 2);
    assert.equal(history.people.size, 1);
    fail = false;
    await history.update();
    assert.equal(history.people.size, 2);
    repo.remove();
  });

  it('names a person as their newest commit does, whether history is read at once or a pull at a time', async () => {
    const repo = new TempRepo();
    repo.write('a.md', '# A');
    repo.commit('first', 'Kev <kev@example.com>');
    const followed = new GitHistory(git, repo.dir);
    await followed.update();
    repo.write('a.md', '# A2');
    repo.commit('second', 'Kevin Lin <kev@example.com>');
    await followed.update();
    const fresh = new GitHistory(git, repo.dir);
    await fresh.update();
    assert.equal(fresh.people.get('kev@example.com')!.person.name, 'Kevin Lin');
    assert.equal(followed.people.get('kev@example.com')!.person.name, 'Kevin Lin');
    repo.remove();
  });

  it('reads each commit once when asked again before the last read finished (a pull seen twice by the watcher)', async () => {
    const repo = new TempRepo();
    repo.write('a.md', '# A');
    repo.commit('first', 'Ana Lima <ana@example.com>');
    repo.write('a.md', '# A2');
    repo.commit('second', 'Ana Lima <ana@example.com>');
    const history = new GitHistory(git, repo.dir);
    await Promise.all([history.update(), history.update()]);
    assert.equal(history.commits.length, 2);
    assert.equal(history.people.get('ana@example.com')!.commits, 2);
    assert.equal(history.files.get('a.md')!.commits, 2);
    repo.remove();
  });

  it('reads author names that hold the characters a log format separates with, without taking them for other records', async () => {
    const repo = new TempRepo();
    repo.write('kb/a.md', '# A');
    repo.commit('honest', 'Ana Lima <ana@example.com>');
    // An author name crafted to read as a second record, by someone else, for an entry they never touched.
    const fake = 'f'.repeat(40);
    repo.write('kb/b.md', '# B');
    repo.commit('crafted', `Mal\x1e${fake}\x1fVictim Person\x1fvictim@example.com\x1f1000000000 <mal@example.com>`);
    const history = new GitHistory(git, path.join(repo.dir, 'kb'));
    await history.update();
    assert.deepEqual([...history.people.keys()].sort(), ['ana@example.com', 'mal@example.com']);
    assert.deepEqual(history.commits.map((c) => c.hash), repo.git('rev-list', '--reverse', 'HEAD').trim().split('\n'));
    assert.deepEqual([...history.files.get('b.md')!.authors.keys()], ['mal@example.com']);
    assert.equal(history.people.get('mal@example.com')!.person.name, `Mal\x1e${fake}\x1fVictim Person\x1fvictim@example.com\x1f1000000000`);
    repo.remove();
  });

  it('starts over when history is rewritten', async () => {
    const repo = new TempRepo();
    repo.write('a.md', '1');
    repo.commit('one');
    repo.write('a.md', '2');
    repo.commit('two');
    const history = new GitHistory(git, repo.dir);
    await history.update();
    repo.git('reset', '-q', '--hard', 'HEAD~1');
    repo.write('b.md', '3');
    repo.commit('other');
    await history.update();
    assert.equal(history.commits.length, 2);
    assert.deepEqual([...history.files.keys()].sort(), ['a.md', 'b.md']);
    repo.remove();
  });

  it('reads every commit again when .mailmap changes, committed or not, as a first read would', async () => {
    const repo = new TempRepo();
    repo.write('kb/a.md', '1');
    repo.commit('one', 'Ana <ana@old.example.com>');
    repo.write('kb/b.md', '2');
    repo.commit('two', 'Ana Lima <ana@example.com>');
    const history = new GitHistory(git, path.join(repo.dir, 'kb'));
    await history.update();
    assert.equal(history.people.size, 2);
    // The dashboard's activity follows the history it was read from, commit by commit.
    const ledger = new ActivityLedger(() => true);
    ledger.update(history);
    const ledgerOf = (h: GitHistory) => {
      const fresh = new ActivityLedger(() => true);
      fresh.update(h);
      return [[...fresh.byMonth].map(([month, people]) => [month, [...people].sort()]).sort(), [...fresh.firstMonth].sort()];
    };
    const firstRead = () => {
      const fresh = new GitHistory(git, path.join(repo.dir, 'kb'));
      return fresh.update().then(() => fresh);
    };
    const people = (h: GitHistory) => [...h.people].map(([id, a]) => [id, a.person.name, a.commits, [...a.files].sort()]).sort();
    const files = (h: GitHistory) => [...h.files].map(([file, f]) => [file, [...f.authors].sort()]).sort();

    // Edited in the work tree (git log reads it from there), at the top of the repository.
    repo.write('.mailmap', 'Ana Lima <ana@example.com> Ana <ana@old.example.com>\n');
    await history.update();
    assert.equal(history.people.size, 1, 'one person once .mailmap says so');
    assert.deepEqual(people(history), people(await firstRead()));
    assert.deepEqual(files(history), files(await firstRead()));
    ledger.update(history);
    assert.deepEqual([[...ledger.byMonth].map(([month, people]) => [month, [...people].sort()]).sort(), [...ledger.firstMonth].sort()], ledgerOf(await firstRead()));

    // Then committed along with a new entry: the new commit and the old ones alike.
    repo.write('.mailmap', 'Ana L. <ana@example.com>\nAna L. <ana@example.com> Ana <ana@old.example.com>\n');
    repo.write('kb/c.md', '3');
    repo.commit('three', 'Ana <ana@old.example.com>');
    await history.update();
    assert.deepEqual(people(history), people(await firstRead()));
    assert.deepEqual(files(history), files(await firstRead()));
    assert.deepEqual(people(history)[0].slice(0, 3), ['ana@example.com', 'Ana L.', 3]);
    repo.remove();
  });

  it('follows an entry across renames, as git log --follow does, read at once or a commit at a time', async () => {
    const repo = new TempRepo();
    const text = (n: number) => `# Deploying\n\n${'Steps that stay the same across the rename.\n'.repeat(12)}Version ${n}\n`;
    repo.write('kb/deploy.md', text(1));
    repo.write('kb/other.md', '# Other\n');
    repo.commit('write', 'Ana <ana@example.com>');
    repo.write('kb/deploy.md', text(2));
    repo.commit('edit', 'Bo <bo@example.com>');
    const history = new GitHistory(git, path.join(repo.dir, 'kb'));
    await history.update();
    const times = repo.git('log', '--format=%at').trim().split('\n').map(Number).reverse();

    fs.mkdirSync(path.join(repo.dir, 'kb/ops'));
    repo.git('mv', 'kb/deploy.md', 'kb/ops/deploying.md');
    repo.commit('move into ops', 'Cy <cy@example.com>');
    await history.update();
    const moved = history.files.get('ops/deploying.md')!;
    assert.deepEqual([...moved.authors].sort(), [['ana@example.com', 1], ['bo@example.com', 1], ['cy@example.com', 1]]);
    assert.equal(moved.firstChange, times[0], 'written when Ana wrote it, not when Cy moved it');
    assert.equal(moved.commits, 3);
    assert.equal(history.files.has('deploy.md'), false);
    // Commits keep the names of their day: the activity they count stays an entry's.
    assert.deepEqual([...history.commits[0].files].sort(), ['deploy.md', 'other.md']);
    assert.deepEqual([...history.people.get('ana@example.com')!.files.keys()].sort(), ['ops/deploying.md', 'other.md']);

    // A new entry under the old name is another entry; a second rename carries the history on.
    repo.write('kb/deploy.md', '# A new page under the old name\n');
    repo.commit('new page', 'Dee <dee@example.com>');
    repo.git('mv', 'kb/ops/deploying.md', 'kb/ops/deploy-guide.md');
    repo.write('kb/ops/deploy-guide.md', text(3));
    repo.commit('rename and edit', 'Bo <bo@example.com>');
    await history.update();
    assert.deepEqual([...history.files.get('deploy.md')!.authors], [['dee@example.com', 1]]);
    assert.deepEqual([...history.files.get('ops/deploy-guide.md')!.authors].sort(), [['ana@example.com', 1], ['bo@example.com', 2], ['cy@example.com', 1]]);

    const fresh = new GitHistory(git, path.join(repo.dir, 'kb'));
    await fresh.update();
    const state = (h: GitHistory) => ({
      files: [...h.files].map(([file, f]) => [file, f.firstChange, f.lastChange, f.commits, [...f.authors].sort()]).sort(),
      people: [...h.people].map(([id, a]) => [id, a.commits, [...a.files].sort()]).sort(),
      commits: h.commits,
    });
    assert.deepEqual(state(history), state(fresh));
    repo.remove();
  });

  it('works in a repository without commits and outside git', async () => {
    const empty = new TempRepo();
    const history = new GitHistory(git, empty.dir);
    assert.deepEqual(await history.update(), { newCommits: 0 });
    assert.equal(history.available, true);
    empty.remove();
    const plain = tempFolder('commons-plain');
    const outside = new GitHistory(git, plain);
    assert.deepEqual(await outside.update(), { newCommits: 0 });
    assert.equal(outside.available, false);
  });

  it('reads a shallow clone, and all it holds once deepened', async () => {
    const repo = new TempRepo();
    for (let i = 0; i < 3; i++) {
      repo.write(`e${i}.md`, `# ${i}`);
      repo.commit(`c${i}`);
    }
    const clone = new TempRepo(false);
    clone.git('clone', '-q', '--depth', '1', `file://${repo.dir}`, '.');
    const history = new GitHistory(git, clone.dir);
    await history.update();
    assert.equal(history.shallow, true);
    assert.equal(history.commits.length, 1);
    // Deepened, then made whole, at the same HEAD: the older commits are read as a first read would.
    const firstRead = async () => {
      const fresh = new GitHistory(git, clone.dir);
      await fresh.update();
      return { commits: fresh.commits, files: [...fresh.files].sort(), shallow: fresh.shallow };
    };
    clone.git('fetch', '-q', '--deepen=1');
    await history.update();
    assert.equal(history.commits.length, 2);
    assert.deepEqual({ commits: history.commits, files: [...history.files].sort(), shallow: history.shallow }, await firstRead());
    clone.git('fetch', '-q', '--unshallow');
    await history.update();
    assert.equal(history.shallow, false);
    assert.deepEqual({ commits: history.commits, files: [...history.files].sort(), shallow: history.shallow }, await firstRead());
    repo.remove();
    clone.remove();
  });

  it('counts what a merge commit itself changes (a resolved conflict), and every commit that touched a file', async () => {
    const repo = new TempRepo();
    repo.write('x.md', 'base\n');
    repo.commit('base', 'Ana <ana@example.com>');
    repo.git('checkout', '-q', '-b', 'side');
    repo.write('x.md', 'side\n');
    repo.commit('side', 'Bo <bo@example.com>');
    repo.git('checkout', '-q', 'main');
    repo.write('x.md', 'main\n');
    repo.commit('main', 'Ana <ana@example.com>');
    try {
      repo.git('-c', 'user.name=Cy', '-c', 'user.email=cy@example.com', 'merge', '-q', 'side');
    } catch {
      // The conflict, resolved by a third person, who also adds a file in the merge itself.
    }
    assert.ok(fs.existsSync(path.join(repo.dir, '.git', 'MERGE_HEAD')), 'a merge is under way');
    repo.write('x.md', 'resolved\n');
    repo.write('z.md', 'new in the merge\n');
    repo.commit('merge', 'Cy <cy@example.com>');
    const history = new GitHistory(git, repo.dir);
    await history.update();
    const mergeTime = Number(repo.git('log', '-1', '--format=%at').trim());
    assert.equal(history.files.get('x.md')!.lastChange, mergeTime);
    assert.deepEqual([...history.files.get('x.md')!.authors.keys()].sort(), ['ana@example.com', 'bo@example.com', 'cy@example.com']);
    assert.ok(history.files.get('z.md'), 'a file added in the merge commit');
    repo.remove();
  });

  it('keeps commits of a branch whose changes a merge left out or already had (no history simplification)', async () => {
    const repo = new TempRepo();
    repo.write('a.md', '---\ntitle: A\n---\n');
    repo.commit('a', 'Ann <ann@example.com>');
    repo.git('checkout', '-q', '-b', 'side');
    repo.write('a.md', '---\ntitle: A\n---\nmore\n');
    repo.commit('bob', 'Bob <bob@example.com>');
    repo.git('checkout', '-q', 'main');
    // The merge keeps main's side: a path-limited log simplifies Bob's commit away.
    repo.git('-c', 'user.name=Ann', '-c', 'user.email=ann@example.com', 'merge', '-q', '-s', 'ours', '--no-edit', 'side');
    const history = new GitHistory(git, repo.dir);
    await history.update();
    assert.equal(history.people.get('bob@example.com')?.commits, 1);
    assert.deepEqual([...history.files.get('a.md')!.authors.keys()].sort(), ['ann@example.com', 'bob@example.com']);
    assert.equal(history.commits.length, Number(repo.git('rev-list', '--count', 'HEAD').trim()));
    // A merge that only brings in someone's work counts as a commit, but not as its merger's work.
    repo.git('checkout', '-q', '-b', 'more');
    repo.write('b.md', '# B\n');
    repo.commit('b', 'Cy <cy@example.com>');
    repo.git('checkout', '-q', 'main');
    repo.git('-c', 'user.name=Steward', '-c', 'user.email=steward@example.com', 'merge', '-q', '--no-ff', '--no-edit', 'more');
    await history.update();
    assert.equal(history.commits.length, Number(repo.git('rev-list', '--count', 'HEAD').trim()));
    assert.deepEqual([...history.people.keys()].sort(), ['ann@example.com', 'bob@example.com', 'cy@example.com']);
    repo.remove();
  });

  it('keys files whose names hold quotes, backslashes, tabs or line breaks by their real names', async () => {
    const repo = new TempRepo();
    const names = ['quo"te.md', 'back\\slash.md', 'tab\tname.md', 'new\nline.md', 'café.md'];
    for (const name of names) repo.write(name, '# x\n');
    repo.commit('odd names');
    const history = new GitHistory(git, repo.dir);
    await history.update();
    assert.deepEqual([...history.files.keys()].sort(), [...names].sort());
    repo.remove();
  });

  it('runs no signature program a repository configures, and reads no signature text as a file', async () => {
    const repo = new TempRepo();
    const outside = tempFolder('commons-signer');
    const marker = path.join(outside, 'pwned');
    const program = path.join(outside, 'evil.sh');
    fs.writeFileSync(program, `#!/bin/sh\ntouch '${marker}'\nexit 1\n`, { mode: 0o755 });
    repo.write('a.md', '# A\n');
    repo.commit('one');
    // A commit that carries a signature, so that showing signatures would verify it with the program.
    const body = repo.git('cat-file', 'commit', 'HEAD');
    const signed = body.replace(/^(committer .*\n)/m, '$1gpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEzBAABCAAdFiEE\n -----END PGP SIGNATURE-----\n');
    const object = execFileSync('git', ['hash-object', '-t', 'commit', '-w', '--stdin'], { cwd: repo.dir, input: signed, encoding: 'utf8' }).trim();
    repo.git('update-ref', 'refs/heads/main', object);
    repo.git('config', 'log.showSignature', 'true');
    repo.git('config', 'gpg.program', program);
    const history = new GitHistory(git, repo.dir);
    await history.update();
    assert.deepEqual([...history.files.keys()], ['a.md']);
    assert.equal(fs.existsSync(marker), false, 'the configured program ran');
    repo.remove();
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it('keeps the history when the pass over merges fails (a git without the option, say)', async () => {
    const repo = new TempRepo();
    repo.write('a.md', '# A\n');
    repo.commit('one');
    // Fails as soon as it is asked, while the main pass still streams.
    const failingMerges: typeof git = Object.assign(Object.create(git), {
      stream: (args: string[], cwd: string, onChunk: (chunk: string) => void) =>
        args.includes('--merges') ? Promise.reject(new Error('unknown option')) : git.stream(args, cwd, onChunk),
    });
    const history = new GitHistory(failingMerges, repo.dir);
    assert.deepEqual(await history.update(), { newCommits: 1 });
    assert.deepEqual([...history.files.keys()], ['a.md']);
    repo.remove();
  });
});
