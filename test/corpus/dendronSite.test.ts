// dendron-site: 1,012 vault entries with wikilinks and 4,301 commits by 143 authors.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import * as fs from 'node:fs';
import { editText } from '../../src/core/edit/tagOperations';
import { applyEdits } from '../../src/core/edit/textEdit';
import { dottedChildren } from '../../src/core/dotHierarchy';
import { GitHistory } from '../../src/core/git/history';
import type { KnowledgeBase } from '../../src/core/knowledgeBase';
import { NodeGitRunner } from '../../src/node/nodeGitRunner';
import { movedPath } from '../../src/core/paths';
import { load, reached, renamed } from '../unit/linkRenameOracle';
import { corpusAvailable, dendronSite, indexedOnce } from './corpora';

describe('dendron-site corpus', function () {
  this.timeout(300_000);
  let kb: KnowledgeBase;
  let vault: string;

  before(async function () {
    if (!corpusAvailable()) this.skip();
    vault = path.join(dendronSite(), 'vault');
    kb = await indexedOnce(vault);
  });

  it('is read as a Dendron workspace, whose dotted names reach every entry once from a few dozen top nodes', () => {
    assert.equal(kb.dendron, true, 'dendron.yml is at the top of the repository, above the vault');
    // 248 notes write a desc: that is not empty (grep -h '^desc:' vault/*.md).
    const summaries = [...kb.index.all()].filter((entry) => entry.summary).length;
    assert.ok(summaries > 240 && summaries < 260, `${summaries} summaries from desc:`);
    const top = dottedChildren(kb.index.entriesInFolder(''), '');
    assert.ok(top.length < 60, `${top.length} top nodes`);
    const reached: string[] = [];
    const visit = (parent: string) => {
      for (const node of dottedChildren(kb.index.entriesInFolder(''), parent)) {
        if (node.path) reached.push(node.path);
        visit(node.name);
      }
    };
    visit('');
    assert.deepEqual(reached.sort(), [...kb.index.entriesInFolder('')].sort());
    // Checked by hand: dendron.topic.md is an entry with the topic notes below it.
    const topic = dottedChildren(kb.index.entriesInFolder(''), 'dendron').find((node) => node.name === 'dendron.topic');
    assert.equal(topic?.path, 'dendron.topic.md');
    assert.ok(topic!.below > 20, `${topic!.below} below dendron.topic`);
  });

  it('resolves most wikilinks, including Dendron label|target and dendron:// forms', () => {
    const wiki = [...kb.index.all()].flatMap((entry) => entry.links.filter((link) => link.kind === 'wiki'));
    const broken = kb.index.brokenLinks().filter((b) => b.link.kind === 'wiki');
    assert.ok(wiki.length > 3000, `${wiki.length} wikilinks`);
    assert.ok(broken.length < wiki.length * 0.08, `${broken.length} of ${wiki.length} wikilinks broken`);
    // Checked by hand: the label-first form with a vault prefix leads to community.discord.roles.md ...
    const release = kb.index.outgoing('changelog.release.2022-03-01.md').find((l) => l.link.target === 'Discord Roles');
    assert.deepEqual(release?.targets, ['community.discord.roles.md']);
    // ... and p.engine-client names a note that does not exist in the vault.
    assert.ok(broken.some((b) => b.link.target === 'p.engine-client'));
    assert.ok(!fs.existsSync(path.join(vault, 'p.engine-client.md')));
  });

  it('keeps every link reaching its entry when the most linked entries are renamed or moved', async () => {
    const files: Record<string, string> = {};
    for (const entry of kb.index.all()) files[entry.path] = fs.readFileSync(kb.absolutePath(entry.path), 'utf8');
    const before = await load(files);
    const mostLinked = [...before.index.paths()]
      .map((path) => ({ path, backlinks: before.index.backlinks(path).length }))
      .sort((a, b) => b.backlinks - a.backlinks || (a.path < b.path ? -1 : 1))
      .slice(0, 6);
    assert.ok(mostLinked[5].backlinks >= 10, `${mostLinked[5].backlinks} backlinks`);
    // Three renamed in place, three moved into folders of their own.
    const renames = mostLinked.map(({ path: from }, i) => ({ from, to: i < 3 ? from.replace(/\.md$/, '.renamed.md') : `moved/${i}/${from}` }));
    const after = renamed(before, files, renames);
    const changed = Object.keys(files).filter((path) => files[path] !== after[movedPath(path, renames) ?? path]);
    assert.ok(changed.length > 30, `${changed.length} entries edited`);
    assert.deepEqual(await reached(after, renames), await reached(files));
  });

  it('adds then removes a tag on every entry byte-identically (an empty `tags:` line is the one thing that goes)', () => {
    let roundTrips = 0;
    let emptyFieldDropped = 0;
    for (const entry of kb.index.all()) {
      const original = fs.readFileSync(kb.absolutePath(entry.path), 'utf8');
      const added = editText(original, (editor) => editor.addToList('tags', ['commons-round-trip']));
      assert.ok(added.ok, `${entry.path}: ${added.ok ? '' : added.reason}`);
      const withTag = applyEdits(original, added.ok ? added.edits : []);
      assert.notEqual(withTag, original);
      const removed = editText(withTag, (editor) => editor.removeFromList('tags', ['commons-round-trip']));
      const after = applyEdits(withTag, removed.ok ? removed.edits : []);
      if (/^tags:[ \t]*\r?\n/m.test(original) && after !== original) {
        // A field written with no value ends up absent: removing the last tag deletes the field.
        assert.equal(after, original.replace(/^tags:[ \t]*\r?\n/m, ''), entry.path);
        emptyFieldDropped++;
      } else {
        assert.equal(after, original, entry.path);
      }
      roundTrips++;
    }
    assert.equal(roundTrips, kb.index.size);
    assert.ok(emptyFieldDropped <= 7, `${emptyFieldDropped} entries with an empty tags field`);
  });

  it('reads git history that agrees with an independent git log', async () => {
    const history = new GitHistory(new NodeGitRunner(), vault);
    await history.update();
    // Every commit that reached the folder: --full-history, or a path limit simplifies some away.
    const log = execFileSync('git', ['log', '--full-history', '--format=%H %aE', '--', '.'], { cwd: vault, encoding: 'utf8', maxBuffer: 64 << 20 }).trim().split('\n');
    assert.equal(history.commits.length, log.length);
    // People: authors of commits that changed the folder themselves (a merge by what it resolved).
    const withFiles = execFileSync('git', ['log', '--full-history', '--format=%x1e%aE', '--name-only', '--diff-merges=dense-combined', '--', '.'], { cwd: vault, encoding: 'utf8', maxBuffer: 64 << 20 });
    const emails = new Set(withFiles.split('\x1e').filter((record) => record.trim().includes('\n')).map((record) => record.trim().split('\n')[0].toLowerCase()));
    assert.equal(history.people.size, emails.size);
    const lastChange = Number(execFileSync('git', ['log', '-1', '--format=%at', '--', 'dendron.topic.publish.md'], { cwd: vault, encoding: 'utf8' }).trim());
    assert.equal(history.files.get('dendron.topic.publish.md')?.lastChange, lastChange);
    assert.equal((await history.update()).newCommits, 0);
  });
});
