import * as assert from 'node:assert/strict';
import type { Contribution } from '../../src/core/git/review';
import { KnowledgeBase } from '../../src/core/knowledgeBase';
import { contributionsForSteward } from '../../src/core/stewardship';
import { MemoryFileSystem } from './fakes/memoryFileSystem';

const contribution = (name: string, changed: string[], added: string[] = []): Contribution => ({
  name, ref: `refs/heads/${name}`, kind: 'local', head: 'h', author: { name: 'A', email: 'a@example.com' }, timeMs: 0, mergeBase: 'b', added, changed, removed: [],
});

describe('contributions for a steward', () => {
  it('keeps those touching stewarded tags (and their children) and those adding entries', async () => {
    const fs = new MemoryFileSystem({
      '/kb/commons.yml': 'tags:\n  kubernetes: { stewards: [Ana@Example.com] }\n  testing: { stewards: [bo@example.com] }\n',
      '/kb/k.md': '---\ntags: [kubernetes/ingress]\n---\n',
      '/kb/t.md': '---\ntags: [testing]\n---\n',
    });
    const kb = new KnowledgeBase('/kb', fs);
    await kb.load();
    const all = [contribution('kb/k', ['k.md']), contribution('kb/t', ['t.md']), contribution('kb/new', [], ['n.md'])];
    assert.deepEqual(contributionsForSteward(all, kb.index, kb.config, 'ana@example.com').map((c) => c.name), ['kb/k', 'kb/new']);
  });
});
