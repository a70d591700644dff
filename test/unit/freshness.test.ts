// The entries due for review, as the Review view lists them: the same order whatever order the
// index came to hold them in (a fresh load, or files deleted and written again by a checkout).
import * as assert from 'node:assert/strict';
import { dueForReview } from '../../src/core/freshness';
import { KnowledgeBase } from '../../src/core/knowledgeBase';
import { MemoryFileSystem } from './fakes/memoryFileSystem';

const NOW = Date.parse('2026-06-15T00:00:00Z');
const entry = (title: string, reviewed: string) => `---\ntitle: ${title}\nreviewed: ${reviewed}\n---\n`;

describe('entries due for review', () => {
  it('lists the longest waiting first, and entries waiting as long by path, after changes as after a fresh load', async () => {
    const files = {
      '/kb/a.md': entry('A', '2024-01-01'),
      '/kb/b.md': entry('B', '2024-01-01'),
      '/kb/c.md': entry('C', '2023-01-01'),
      '/kb/d.md': entry('D', '2026-06-01'),
    };
    const fs = new MemoryFileSystem(files);
    const followed = new KnowledgeBase('/kb', fs);
    await followed.load();
    // A checkout deletes a.md and writes it back as it was: the index now holds it last.
    fs.delete('/kb/a.md');
    await followed.applyFileEvents([{ path: 'a.md', kind: 'deleted' }]);
    await fs.writeFile('/kb/a.md', new TextEncoder().encode(files['/kb/a.md']));
    await followed.applyFileEvents([{ path: 'a.md', kind: 'changed' }]);
    const fresh = new KnowledgeBase('/kb', new MemoryFileSystem(files));
    await fresh.load();

    const paths = (kb: KnowledgeBase) => dueForReview(kb.index.all(), 365, NOW).map((due) => due.path);
    assert.deepEqual(paths(fresh), ['c.md', 'a.md', 'b.md']);
    assert.deepEqual(paths(followed), paths(fresh));
  });
});
