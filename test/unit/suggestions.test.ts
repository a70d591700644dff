import * as assert from 'node:assert/strict';
import { KnowledgeBase } from '../../src/core/knowledgeBase';
import { SimilarityIndex, suggestTags } from '../../src/core/suggestions';
import { MemoryFileSystem } from './fakes/memoryFileSystem';

describe('suggested tags', () => {
  it('suggests mentioned vocabulary tags, tags of linked and of similar entries, with reasons', async () => {
    const fs = new MemoryFileSystem({
      '/kb/commons.yml': 'tags:\n  kubernetes: { aliases: [k8s] }\n  postgres: {}\n  incidents: {}\n',
      '/kb/a.md': '---\ntitle: Vacuum a large postgres table\ntags: [postgres, maintenance]\n---\n',
      '/kb/b.md': '---\ntitle: Tune autovacuum thresholds\ntags: [postgres, tuning]\n---\n# Autovacuum\n',
      '/kb/c.md': '---\ntitle: Postmortem template\ntags: [incidents]\n---\n',
      '/kb/new.md': '---\ntitle: Autovacuum stalls on k8s nodes\n---\nSee [the template](c.md).\n',
    });
    const kb = new KnowledgeBase('/kb', fs);
    await kb.load();
    const similarity = new SimilarityIndex(kb.index);
    const entry = kb.index.get('new.md')!;
    const suggestions = suggestTags({ entry, index: kb.index, vocabulary: kb.vocabulary, similarity });
    const byTag = new Map(suggestions.map((s) => [s.tag, s]));
    assert.match(byTag.get('kubernetes')!.reasons[0], /"k8s" \(an alias\) appears/);
    assert.match(byTag.get('incidents')!.reasons.join(), /linked entry "Postmortem template"/);
    assert.match(byTag.get('postgres')!.reasons.join(), /similar entry "Tune autovacuum thresholds"/);
    assert.ok(byTag.has('tuning'));
  });

  it('does not suggest the parent of a tag the entry already has', async () => {
    const fs = new MemoryFileSystem({
      '/kb/commons.yml': 'tags:\n  postgres: {}\n  postgres/tuning: {}\n',
      '/kb/x.md': '---\ntitle: Postgres autovacuum\ntags: [postgres/tuning]\n---\nMore postgres.\n',
    });
    const kb = new KnowledgeBase('/kb', fs);
    await kb.load();
    const entry = kb.index.get('x.md')!;
    const suggestions = suggestTags({ entry, index: kb.index, vocabulary: kb.vocabulary, similarity: new SimilarityIndex(kb.index), body: 'More postgres.' });
    assert.deepEqual(suggestions.map((s) => s.tag), []);
  });

  it('follows index changes', async () => {
    const fs = new MemoryFileSystem({ '/kb/a.md': '---\ntitle: Canary deploys\ntags: [deploy]\n---\n' });
    const kb = new KnowledgeBase('/kb', fs);
    await kb.load();
    const similarity = new SimilarityIndex(kb.index);
    fs.set('/kb/b.md', '---\ntitle: Canary analysis\ntags: [canary]\n---\n');
    await kb.applyFileEvents([{ path: 'b.md', kind: 'changed' }]);
    assert.deepEqual(similarity.similar(kb.index.get('a.md')!).map((s) => s.path), ['b.md']);
    fs.delete('/kb/b.md');
    await kb.applyFileEvents([{ path: 'b.md', kind: 'deleted' }]);
    assert.deepEqual(similarity.similar(kb.index.get('a.md')!), []);
  });
});
