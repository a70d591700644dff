// Does indexing freeze the editor? Loads the generated 100k knowledge base the way the extension
// does (time-sliced, then the link sources for backlinks, then the search and similarity indexes,
// all in slices) while a timer measures the longest gap in the event loop, and reports when the
// first entries were available to the views. Run: node out/bench/stall.js
import { checkEntry } from '../src/core/checks/runChecks';
import { KnowledgeBase } from '../src/core/knowledgeBase';
import { SearchIndex } from '../src/core/search';
import { SimilarityIndex, suggestTags } from '../src/core/suggestions';
import { NodeFileSystem } from '../src/node/nodeFileSystem';
import { generatedKb } from './generateKb';

export async function measureStalls(root: string): Promise<{ entries: number; totalMs: number; linkSourcesMs: number; searchAheadMs: number; firstBatchMs: number; longestStallMs: number; stallsOver200: number; checkMedianMs: number; suggestMedianMs: number }> {
  const kb = new KnowledgeBase(root, new NodeFileSystem());
  const search = new SearchIndex(kb.index);
  const similarity = new SimilarityIndex(kb.index);
  let last = Date.now();
  let longest = 0;
  let over200 = 0;
  const timer = setInterval(() => {
    const now = Date.now();
    const gap = now - last;
    longest = Math.max(longest, gap);
    if (gap > 200) over200++;
    last = now;
  }, 5);
  const started = Date.now();
  let firstBatch = 0;
  await kb.load({ onProgress: () => (firstBatch ||= Date.now() - started) });
  const totalMs = Date.now() - started;
  // Then, as the editor does, the link sources for backlinks, in slices too.
  const linksStarted = Date.now();
  await kb.prepareLinkSources();
  const linkSourcesMs = Date.now() - linksStarted;
  // Then the search text and similarity vectors, which follow the index lazily.
  const aheadStarted = Date.now();
  const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
  await search.prepareInSlices(25, pause);
  await similarity.prepareInSlices(25, pause);
  const searchAheadMs = Date.now() - aheadStarted;
  clearInterval(timer);
  // What the editor does per keystroke in an open entry: its checks (diagnostics) and the tag
  // suggestions that lead the completion list, over a sample of entries.
  const sample = [...kb.index.all()].filter((_, i) => i % 2000 === 0);
  const checkMs: number[] = [];
  const suggestMs: number[] = [];
  const knownTags = [...kb.index.tagCounts().keys()];
  for (const entry of sample) {
    let t = performance.now();
    checkEntry(kb, entry);
    checkMs.push(performance.now() - t);
    t = performance.now();
    suggestTags({ entry, index: kb.index, vocabulary: kb.vocabulary, similarity, knownTags });
    suggestMs.push(performance.now() - t);
  }
  search.dispose();
  similarity.dispose();
  return { entries: kb.index.size, totalMs, linkSourcesMs, searchAheadMs, firstBatchMs: firstBatch, longestStallMs: longest, stallsOver200: over200, checkMedianMs: median(checkMs), suggestMedianMs: median(suggestMs) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

if (require.main === module) {
  void measureStalls(generatedKb()).then((r) =>
    console.log(`100k, sliced load as in the editor: ${r.entries} entries in ${(r.totalMs / 1000).toFixed(1)} s, then link sources in ${r.linkSourcesMs} ms, then search and similarity in ${r.searchAheadMs} ms; first entries for the views after ${r.firstBatchMs} ms; longest event-loop stall ${r.longestStallMs} ms (target <= 200 ms), ${r.stallsOver200} stalls over 200 ms; checks of one entry ${r.checkMedianMs.toFixed(2)} ms median (target <= 5 ms); tag suggestions for completion ${r.suggestMedianMs.toFixed(2)} ms median`),
  );
}
