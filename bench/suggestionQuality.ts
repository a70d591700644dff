// How good are suggested tags? On each real corpus, every tagged entry's tags are hidden, tags are
// suggested from what remains, and the top 5 are compared with the real ones (precision and recall
// at 5, summed over all entries). Run: node out/bench/suggestionQuality.js
import * as fs from 'node:fs';
import * as path from 'node:path';
import { splitFrontMatter } from '../src/core/frontMatter';
import { KnowledgeBase } from '../src/core/knowledgeBase';
import { plainEntry } from '../src/core/restoredEntry';
import { MentionMatcher, SimilarityIndex, suggestTags } from '../src/core/suggestions';
import { NodeFileSystem } from '../src/node/nodeFileSystem';
import { corpusAvailable, cppDocs, dendronSite } from '../test/corpus/corpora';

export interface SuggestionQuality {
  corpus: string;
  taggedEntries: number;
  precisionAt5: number;
  recallAt5: number;
  /** Recall over the real tags some other entry also uses: the ones any method could learn from the rest. */
  reachableRecallAt5: number;
  /** Share of real tags used by that entry alone. */
  uniqueTagShare: number;
  /** Entries where at least one real tag was among the five. */
  hitRate: number;
  msPerEntry: number;
}

export async function measureSuggestions(name: string, root: string): Promise<SuggestionQuality> {
  const kb = new KnowledgeBase(root, new NodeFileSystem());
  await kb.load({ sliceMs: Infinity });
  const similarity = new SimilarityIndex(kb.index);
  // Prepared in full first, as the editor has it once idle: a query alone prepares only part of a large knowledge base.
  await similarity.prepareInSlices(Infinity, async () => {});
  const counts = kb.index.tagCounts();
  // Tags used by at least two entries: a tag only the hidden entry uses could not be known.
  const mentions = new MentionMatcher([...counts].filter(([, n]) => n >= 2).map(([tag]) => tag), kb.vocabulary);
  let suggested = 0;
  let real = 0;
  let hits = 0;
  let entriesWithHit = 0;
  let tagged = 0;
  let reachable = 0;
  const started = Date.now();
  for (const entry of kb.index.all()) {
    if (!entry.tags.length) continue;
    tagged++;
    const text = fs.readFileSync(kb.absolutePath(entry.path), 'utf8');
    const block = splitFrontMatter(text);
    const body = block ? text.slice(block.bodyStart) : text;
    const hidden = { ...plainEntry(entry), tags: [], writtenTags: [] };
    const top = suggestTags({ entry: hidden, body, index: kb.index, vocabulary: kb.vocabulary, similarity, mentions, exclude: new Set() }, 5).map((s) => s.tag);
    const truth = new Set(entry.tags);
    const hit = top.filter((tag) => truth.has(tag)).length;
    suggested += top.length;
    real += truth.size;
    reachable += entry.tags.filter((tag) => (counts.get(tag) ?? 0) >= 2).length;
    hits += hit;
    if (hit) entriesWithHit++;
  }
  return {
    corpus: name,
    taggedEntries: tagged,
    precisionAt5: suggested ? hits / suggested : 0,
    recallAt5: real ? hits / real : 0,
    reachableRecallAt5: reachable ? hits / reachable : 0,
    uniqueTagShare: real ? (real - reachable) / real : 0,
    hitRate: tagged ? entriesWithHit / tagged : 0,
    msPerEntry: tagged ? (Date.now() - started) / tagged : 0,
  };
}

if (require.main === module) {
  void (async () => {
    if (!corpusAvailable()) {
      console.log('corpora not found: set COMMONS_CORPUS_DIR');
      return;
    }
    for (const [name, root] of [['dendron-site', path.join(dendronSite(), 'vault')], ['cpp-docs', cppDocs()]] as const) {
      const q = await measureSuggestions(name, root);
      console.log(`${q.corpus}: ${q.taggedEntries} tagged entries, precision@5 ${(q.precisionAt5 * 100).toFixed(1)}%, recall@5 ${(q.recallAt5 * 100).toFixed(1)}% (${(q.reachableRecallAt5 * 100).toFixed(1)}% of the tags another entry also uses; ${(q.uniqueTagShare * 100).toFixed(0)}% of tags are used by one entry only), at least one right ${(q.hitRate * 100).toFixed(1)}%, ${q.msPerEntry.toFixed(2)} ms an entry`);
    }
  })();
}
