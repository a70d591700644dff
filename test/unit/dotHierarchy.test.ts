import * as assert from 'node:assert/strict';
import { dottedChildren, inDendronWorkspace } from '../../src/core/dotHierarchy';
import { KnowledgeBase } from '../../src/core/knowledgeBase';
import { MemoryFileSystem } from './fakes/memoryFileSystem';

const byName = (nodes: ReturnType<typeof dottedChildren>) => nodes.map(({ name, last, path, below }) => ({ name, last, path, below })).sort((a, b) => a.name.localeCompare(b.name));

describe('Dendron hierarchy', () => {
  const vault = ['notes/root.md', 'notes/dendron.md', 'notes/dendron.topic.md', 'notes/dendron.topic.schema.md', 'notes/dendron.topic.pod.md', 'notes/dendron.topic.pod.json.md', 'notes/careers.writer.md', 'notes/careers.designer.markdown'];

  it('gives the nodes under a name, naming the entry of each one and counting the entries below it', () => {
    assert.deepEqual(byName(dottedChildren(vault, '')), [
      { name: 'careers', last: 'careers', path: undefined, below: 2 },
      { name: 'dendron', last: 'dendron', path: 'notes/dendron.md', below: 4 },
      { name: 'root', last: 'root', path: 'notes/root.md', below: 0 },
    ]);
    assert.deepEqual(byName(dottedChildren(vault, 'dendron')), [{ name: 'dendron.topic', last: 'topic', path: 'notes/dendron.topic.md', below: 3 }]);
    assert.deepEqual(byName(dottedChildren(vault, 'dendron.topic')), [
      { name: 'dendron.topic.pod', last: 'pod', path: 'notes/dendron.topic.pod.md', below: 1 },
      { name: 'dendron.topic.schema', last: 'schema', path: 'notes/dendron.topic.schema.md', below: 0 },
    ]);
    assert.deepEqual(byName(dottedChildren(vault, 'careers')), [
      { name: 'careers.designer', last: 'designer', path: 'notes/careers.designer.markdown', below: 0 },
      { name: 'careers.writer', last: 'writer', path: 'notes/careers.writer.md', below: 0 },
    ]);
    assert.deepEqual(dottedChildren(vault, 'root'), []);
    // A name with an empty part stands alone, never as the top itself.
    assert.deepEqual(byName(dottedChildren(['.hidden.md', 'a..b.md', 'a.md'], '')).map((node) => node.name), ['.hidden', 'a', 'a..b']);
    // A name that only begins like another is not below it.
    assert.deepEqual(byName(dottedChildren(['dendronx.md', 'dendron.a.md'], 'dendron')).map((node) => node.name), ['dendron.a']);
  });

  it('reaches every entry exactly once from the top', () => {
    const reached: string[] = [];
    const visit = (parent: string) => {
      for (const node of dottedChildren(vault, parent)) {
        if (node.path) reached.push(node.path);
        visit(node.name);
      }
    };
    visit('');
    assert.deepEqual(reached.sort(), [...vault].sort());
  });

  it('knows a Dendron workspace by a dendron.yml in the knowledge base or above it, within its git work tree', async () => {
    const fs = new MemoryFileSystem({
      '/ws/.git/HEAD': 'ref: refs/heads/main\n',
      '/ws/dendron.yml': 'version: 5\n',
      '/ws/vault/root.md': '# Root\n',
      '/ws/other/commons.yml': 'name: Other\n',
      '/dendron.yml': 'version: 5\n',
      '/plain/.git/HEAD': 'ref: refs/heads/main\n',
      '/plain/kb/a.md': '# A\n',
      '/here/dendron.yml': 'version: 5\n',
    });
    assert.equal(await inDendronWorkspace(fs, '/ws/vault'), true);
    assert.equal(await inDendronWorkspace(fs, '/ws'), true);
    assert.equal(await inDendronWorkspace(fs, '/here'), true);
    // The dendron.yml above the repository is not its own.
    assert.equal(await inDendronWorkspace(fs, '/plain/kb'), false);
    const kb = new KnowledgeBase('/ws/vault', fs);
    await kb.load();
    assert.equal(kb.dendron, true);
    const plain = new KnowledgeBase('/plain/kb', fs);
    await plain.load();
    assert.equal(plain.dendron, false);
  });

  it('reloads when a dendron.yml comes or goes at the root, as a fresh start would read it', async () => {
    const fs = new MemoryFileSystem({ '/kb/a.md': '---\ndesc: About a\n---\n' });
    const kb = new KnowledgeBase('/kb', fs);
    await kb.load();
    assert.equal(kb.dendron, false);
    fs.set('/kb/dendron.yml', 'version: 5\n');
    assert.equal(await kb.applyFileEvents([{ path: 'dendron.yml', kind: 'changed' }]), true, 'a reload is due');
    await kb.load();
    assert.equal(kb.dendron, true);
    assert.equal(kb.index.get('a.md')?.summary, 'About a');
  });

  it("reads a Dendron note's desc as its summary, unless commons.yml maps the summary to another field", async () => {
    const note = '---\nid: x1\ntitle: Lookup\ndesc: Find and create notes\nabstract: Short\n---\n';
    const fs = new MemoryFileSystem({
      '/ws/.git/HEAD': 'ref: refs/heads/main\n',
      '/ws/dendron.yml': 'version: 5\n',
      '/ws/vault/lookup.md': note,
      '/ws/mapped/commons.yml': 'fields: { summary: abstract }\n',
      '/ws/mapped/lookup.md': note,
      '/plain/.git/HEAD': 'ref: refs/heads/main\n',
      '/plain/lookup.md': note,
    });
    const summaryOf = async (root: string) => {
      const kb = new KnowledgeBase(root, fs);
      await kb.load();
      return kb.index.get('lookup.md')?.summary;
    };
    assert.equal(await summaryOf('/ws/vault'), 'Find and create notes');
    assert.equal(await summaryOf('/ws/mapped'), 'Short');
    assert.equal(await summaryOf('/plain'), undefined);
  });
});
