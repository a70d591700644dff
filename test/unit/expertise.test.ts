import * as assert from 'node:assert/strict';
import { summarizePeople } from '../../src/core/expertise';
import { KnowledgeBase } from '../../src/core/knowledgeBase';
import { MemoryFileSystem } from './fakes/memoryFileSystem';

describe('who knows what', () => {
  it('joins identities by email, ranks by activity and weighs tags', async () => {
    const fs = new MemoryFileSystem({
      '/kb/a.md': '---\ntags: [kubernetes, testing]\nauthors: [ana@example.com]\n---\n',
      '/kb/b.md': '---\ntags: [kubernetes]\nauthors: ["Ana Lima <ANA@example.com>"]\nowner: bo@example.com\n---\n',
      '/kb/c.md': '---\ntags: [testing]\nauthors: [Cy]\n---\n',
    });
    const kb = new KnowledgeBase('/kb', fs);
    await kb.load();
    const people = summarizePeople(kb.index, undefined, Date.now());
    assert.deepEqual(people.map((p) => p.person.name), ['Ana Lima', 'bo', 'Cy']);
    assert.deepEqual(people[0].entries, ['a.md', 'b.md']);
    assert.deepEqual(people[0].tags.map((t) => t.tag), ['kubernetes', 'testing']);
  });
});
