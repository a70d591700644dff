import * as assert from 'node:assert/strict';
import { KnowledgeBase } from '../../src/core/knowledgeBase';
import { SearchIndex, similarToTitle } from '../../src/core/search';
import { MemoryFileSystem } from './fakes/memoryFileSystem';

describe('search', () => {
  it('ranks title matches first, filters by #tag, keeps the best within the limit, and follows changes', async () => {
    const files: Record<string, string> = {
      '/kb/a.md': '---\ntitle: Kubernetes limits\ntags: [kubernetes]\n---\n',
      '/kb/b.md': '---\ntitle: Memory notes\ntags: [kubernetes]\nsummary: limits in practice\n---\n',
      '/kb/c.md': '---\ntitle: Unrelated\n---\n## Limits of retries\n',
    };
    for (let i = 0; i < 30; i++) files[`/kb/bulk${i}.md`] = `---\ntitle: Limits ${i}\n---\n`;
    const fs = new MemoryFileSystem(files);
    const kb = new KnowledgeBase('/kb', fs);
    await kb.load();
    const search = new SearchIndex(kb.index);
    const top = search.search('limits', 5);
    assert.equal(top.length, 5);
    assert.ok(top.every((r) => r.matchedIn === 'title'));
    assert.deepEqual(search.search('#kubernetes limits').map((r) => r.path), ['a.md', 'b.md']);
    assert.deepEqual(search.search('retries').map((r) => [r.path, r.matchedIn]), [['c.md', 'heading']]);
    fs.delete('/kb/a.md');
    await kb.applyFileEvents([{ path: 'a.md', kind: 'deleted' }]);
    assert.deepEqual(search.search('#kubernetes').map((r) => r.path), ['b.md']);
  });

  it('finds an entry by the plural of a word its title, tags, summary or headings hold in the singular', async () => {
    const kb = new KnowledgeBase('/kb', new MemoryFileSystem({
      '/kb/lookup.md': '---\ntitle: Lookup\n---\n',
      '/kb/lookups.md': '---\ntitle: Lookups in depth\n---\n',
      '/kb/entry.md': '---\ntitle: Where entries start\nsummary: the entry point\n---\n',
      '/kb/box.md': '---\ntitle: Unrelated\n---\n## One box\n',
    }));
    await kb.load();
    const search = new SearchIndex(kb.index);
    // The word as typed first: the entry that holds the plural itself ranks above the singular one.
    assert.deepEqual(search.search('lookups').map((r) => r.path), ['lookups.md', 'lookup.md']);
    assert.deepEqual(search.search('entries point').map((r) => r.path), ['entry.md']);
    assert.deepEqual(search.search('boxes').map((r) => [r.path, r.matchedIn]), [['box.md', 'heading']]);
  });

  it('finds an entry by its file name too, below every other kind of match, but not by its folders or .md', async () => {
    const kb = new KnowledgeBase('/kb', new MemoryFileSystem({
      '/kb/dendron.topic.lookup.md': '---\ntitle: Lookup\n---\n',
      '/kb/guides/setup.md': '---\ntitle: Getting ready\n---\n',
      '/kb/other.md': '---\ntitle: Other\nsummary: about the setup\n---\n',
    }));
    await kb.load();
    const search = new SearchIndex(kb.index);
    assert.deepEqual(search.search('dendron.topic.lookup').map((r) => [r.path, r.matchedIn]), [['dendron.topic.lookup.md', 'file name']]);
    assert.deepEqual(search.search('topic lookup').map((r) => r.path), ['dendron.topic.lookup.md']);
    // A word the summary holds ranks above a file of that name.
    assert.deepEqual(search.search('setup').map((r) => [r.path, r.matchedIn]), [['other.md', 'summary'], ['guides/setup.md', 'file name']]);
    assert.deepEqual(search.search('guides'), []);
    assert.deepEqual(search.search('md'), []);
  });

  it('reads #tag words through the vocabulary, and as the start of a tag while it is typed', async () => {
    const fs = new MemoryFileSystem({
      '/kb/commons.yml': 'tags:\n  kubernetes: { aliases: [k8s] }\n  observability: { aliases: [logging] }\n',
      '/kb/a.md': '---\ntitle: Pods\ntags: [k8s]\n---\n',
      '/kb/b.md': '---\ntitle: Ingress\ntags: [kubernetes/ingress]\n---\n',
      '/kb/c.md': '---\ntitle: Logs\ntags: [observability]\n---\n',
    });
    const kb = new KnowledgeBase('/kb', fs);
    await kb.load();
    const search = new SearchIndex(kb.index);
    const resolve = (tag: string) => kb.vocabulary.resolve(tag);
    const paths = (query: string) => search.search(query, 200, resolve).map((r) => r.path).sort();
    assert.deepEqual(paths('#k8s'), ['a.md', 'b.md']);
    assert.deepEqual(paths('#logging'), ['c.md']);
    assert.deepEqual(paths('#kube'), ['a.md', 'b.md']);
    assert.deepEqual(paths('#kubernetes/ing'), ['b.md']);
    assert.deepEqual(search.search('#kubernetes #kube', 200, resolve)[0].score > search.search('#kube', 200, resolve)[0].score, true);
    // A whole tag in use means that tag, not every tag it begins.
    const inUse = (tag: string) => kb.index.tagCount(tag) > 0;
    assert.deepEqual(search.search('#observability', 200, resolve, inUse).map((r) => r.path), ['c.md']);
    assert.deepEqual(search.search('#kubernetes/ing', 200, resolve, inUse).map((r) => r.path), ['b.md']);
  });

  it('reads a #word that is a whole tag in use as that tag, not as the start of longer ones', async () => {
    const fs = new MemoryFileSystem({ '/kb/j.md': '---\ntitle: J\ntags: [java]\n---\n', '/kb/s.md': '---\ntitle: S\ntags: [javascript]\n---\n' });
    const kb = new KnowledgeBase('/kb', fs);
    await kb.load();
    const search = new SearchIndex(kb.index);
    const paths = (query: string) => search.search(query, 200, (tag) => tag, (tag) => kb.index.tagCount(tag) > 0).map((r) => r.path).sort();
    assert.deepEqual(paths('#java'), ['j.md']);
    assert.deepEqual(paths('#jav'), ['j.md', 's.md']);
  });

  it('offers entries similar to a new title by the words that say something, and those sharing all but one when too few share them all', async () => {
    const kb = new KnowledgeBase('/kb', new MemoryFileSystem({
      '/kb/rename-note.md': '---\ntitle: Rename Note\n---\n',
      '/kb/changelog.md': '---\ntitle: Changelog\n---\n## Rename a note with a command\n',
      '/kb/lookup.md': '---\ntitle: Lookup\n---\n## Find a note\n',
      '/kb/ci.md': '---\ntitle: Set up CI for Go\n---\n',
      '/kb/releases.md': '---\ntitle: Releases\n---\n## Rename\n## Note\n## Lookup\n',
    }));
    await kb.load();
    const search = new SearchIndex(kb.index);
    const similar = (title: string) => similarToTitle(search, title).map((r) => r.path);
    // "with" says nothing about the entry: it no longer has to match, nor pushes "lookup" out.
    // A title holding two of the words ranks above a page whose headings hold all three.
    assert.deepEqual(similar('Rename a note with lookup'), ['rename-note.md', 'lookup.md', 'releases.md', 'changelog.md']);
    assert.deepEqual(similar('How to set up CI for Go?'), ['ci.md'], 'short words count: CI, Go');
    assert.deepEqual(similar('Rename note'), ['rename-note.md', 'releases.md', 'changelog.md']);
    assert.deepEqual(similar('How to'), []);
  });
});
