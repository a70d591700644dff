import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GitHistory } from '../../src/core/git/history';
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

  it('reads a shallow clone', async () => {
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
    repo.remove();
    clone.remove();
  });
});
