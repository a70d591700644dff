import * as assert from 'node:assert/strict';
import { linkEditsForRenames, relativePath } from '../../src/core/edit/linkRenames';
import { applyEdits } from '../../src/core/edit/textEdit';
import { load, reached, renamed } from './linkRenameOracle';

const BOTH = { markdown: true, wiki: true };

describe('links that follow renamed entries', () => {
  const files: Record<string, string> = {
    'commons.yml': 'name: G\n',
    'docs/guides/deploy.md': '---\ntitle: Deploying\n---\n# Deploying\nSee [rollback](../ops/rollback.md#steps "how") and [[rollback]], [[Rolling back]].\n',
    'docs/ops/rollback.md': '---\ntitle: Rolling back\n---\n# Rolling back\nBack to [deploy](../guides/deploy.md) and [index](/docs/index.md).\n',
    'docs/index.md': '# Index\n- [Rollback](./ops/rollback.md?x=1)\n- [[docs/ops/rollback|the rollback]]\n- `[not a link](ops/rollback.md)`\n- [[rollback.md]]\n',
  };

  it('keeps every link reaching its entry when an entry is renamed, and changes only the name it is written with', async () => {
    const kb = await load(files);
    const renames = [{ from: 'docs/ops/rollback.md', to: 'docs/ops/roll-back.md' }];
    const after = renamed(kb, files, renames);
    assert.deepEqual(await reached(after, renames), await reached(files));
    assert.equal(after['docs/guides/deploy.md'], files['docs/guides/deploy.md'].replace('../ops/rollback.md#steps', '../ops/roll-back.md#steps').replace('[[rollback]]', '[[roll-back]]'));
    assert.equal(
      after['docs/index.md'],
      files['docs/index.md'].replace('./ops/rollback.md?x=1', './ops/roll-back.md?x=1').replace('[[docs/ops/rollback|', '[[docs/ops/roll-back|').replace('[[rollback.md]]', '[[roll-back.md]]'),
    );
    // The entry's own links did not move: they are untouched; links by title need nothing.
    assert.equal(after['docs/ops/roll-back.md'], files['docs/ops/rollback.md']);
  });

  it('rewrites the relative links of an entry moved to another folder, and leaves those that still reach', async () => {
    const kb = await load(files);
    const renames = [{ from: 'docs/ops/rollback.md', to: 'docs/runbooks/deep/rollback.md' }];
    const after = renamed(kb, files, renames);
    assert.deepEqual(await reached(after, renames), await reached(files));
    assert.match(after['docs/runbooks/deep/rollback.md'], /\[deploy\]\(\.\.\/\.\.\/guides\/deploy\.md\) and \[index\]\(\/docs\/index\.md\)/);
    // Wikilinks by file name still reach an entry whose name did not change.
    assert.match(after['docs/guides/deploy.md'], /\[\[rollback\]\]/);
  });

  it('moves a whole folder: links within it still reach, links into it follow', async () => {
    const kb = await load(files);
    const renames = [{ from: 'docs/ops', to: 'docs/operations' }];
    const after = renamed(kb, files, renames);
    assert.deepEqual(await reached(after, renames), await reached(files));
    assert.match(after['docs/index.md'], /\[\[docs\/operations\/rollback\|the rollback\]\]/);
  });

  it('writes names a bare link cannot hold percent-encoded, and keeps angle brackets', async () => {
    const withSpaces = {
      'a.md': '[b](b.md) [c](<c.md>) [d](d%20one.md)\n',
      'b.md': '# B\n',
      'c.md': '# C\n',
      'd one.md': '# D\n',
    };
    const kb = await load(withSpaces);
    const renames = [
      { from: 'b.md', to: 'b (two).md' },
      { from: 'c.md', to: 'c two.md' },
      { from: 'd one.md', to: 'd é.md' },
    ];
    const after = renamed(kb, withSpaces, renames);
    assert.equal(after['a.md'], '[b](b%20%28two%29.md) [c](<c two.md>) [d](d%20%C3%A9.md)\n');
    assert.deepEqual(await reached(after, renames), await reached(withSpaces));
  });

  it('leaves Markdown links to the editor when it updates them itself, and broken or ambiguous links alone', async () => {
    const kb = await load({ ...files, 'docs/other/rollback.md': '# Another\n' });
    const renames = [{ from: 'docs/ops/rollback.md', to: 'docs/ops/roll-back.md' }];
    const text = files['docs/guides/deploy.md'];
    // [[rollback]] names two entries now: left alone, whoever updates the Markdown link.
    const both = linkEditsForRenames('docs/guides/deploy.md', text, renames, kb.index, BOTH);
    assert.equal(applyEdits(text, both), text.replace('../ops/rollback.md#steps', '../ops/roll-back.md#steps'));
    assert.deepEqual(linkEditsForRenames('docs/guides/deploy.md', text, renames, kb.index, { markdown: false, wiki: true }), []);
    // A link broken before the rename stays as written.
    const broken = '[gone](missing.md) [[missing]]\n';
    assert.deepEqual(linkEditsForRenames('docs/ops/rollback.md', broken, renames, kb.index, BOTH), []);
  });

  it('renames the side of a wikilink that names the entry: Dendron writes [[label|name]] and [[label|dendron://vault/name]]', async () => {
    const dendron = {
      'a.md': '[[label|b.one]] [[b.one|b.one]] [[here|dendron://site/b.one#part]] [[b.one#part|b.one]]\n',
      'b.one.md': '---\ntitle: Bee\n---\n## Part\n',
    };
    const kb = await load(dendron);
    const renames = [{ from: 'b.one.md', to: 'b.two.md' }];
    const after = renamed(kb, dendron, renames);
    assert.equal(after['a.md'], '[[label|b.two]] [[b.two|b.one]] [[here|dendron://site/b.two#part]] [[b.two#part|b.one]]\n');
    assert.deepEqual(await reached(after, renames), await reached(dendron));
  });

  it('names an entry by its path when its new file name is another entry\'s name', async () => {
    const shared = {
      'docs/lessons/jvm-heap.md': '# JVM heap\n',
      'docs/practices/code-review.md': '# Code review\n',
      'docs/a.md': 'See [[jvm-heap]] and [[JVM heap]].\n',
    };
    const kb = await load(shared);
    const renames = [{ from: 'docs/lessons/jvm-heap.md', to: 'docs/lessons/code-review.md' }];
    const after = renamed(kb, shared, renames);
    assert.equal(after['docs/a.md'], 'See [[docs/lessons/code-review]] and [[JVM heap]].\n');
    assert.deepEqual(await reached(after, renames), await reached(shared));
  });

  it('finds relative paths between folders', () => {
    assert.equal(relativePath('docs/a', 'docs/b/c.md'), '../b/c.md');
    assert.equal(relativePath('', 'x/y.md'), 'x/y.md');
    assert.equal(relativePath('x/y', 'z.md'), '../../z.md');
    assert.equal(relativePath('x', 'x/y.md'), 'y.md');
  });
});
