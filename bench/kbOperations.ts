// What a person does with a loaded index, timed one by one: saving a file, expanding a tag with
// thousands of entries, typing a search, renaming a popular tag, and running every check.
import * as fs from 'node:fs';
import { runChecks } from '../src/core/checks/runChecks';
import { planTagRename } from '../src/core/edit/tagOperations';
import type { KnowledgeBase } from '../src/core/knowledgeBase';
import { SearchIndex } from '../src/core/search';
import { NodeFileSystem } from '../src/node/nodeFileSystem';
import { collectGarbage, elapsedMs, median, now, percentile, timeMs } from './timing';

const CHANGED_FILES = 50;
const TREE_CHILDREN = 10_000;
const QUERIES = ['cache', 'roll back', 'kubernetes', '#observability', 'timeout retry', 'zzqx', 'a'];

export async function measureOperations(kb: KnowledgeBase): Promise<Record<string, unknown>> {
  // A load leaves the link sources unbuilt: the first backlinks query builds them (measured
  // first, before anything else has), later ones only look them up.
  const path = [...kb.index.paths()][0];
  const firstBacklinks = await timeMs(() => kb.index.backlinks(path));
  const backlinks = await timeMs(() => kb.index.backlinks(path));
  const broken = await timeMs(() => kb.index.brokenLinks().length);
  // The search index follows the index as in the editor: the first search prepares every entry,
  // later ones only what changed since (file changes below leave that to the next search).
  const build = await timeMs(() => {
    const index = new SearchIndex(kb.index);
    index.search(QUERIES[0]);
    return index;
  });
  const search = build.value;
  const figures: Record<string, unknown> = {
    firstBacklinksMs: firstBacklinks.ms,
    backlinksMs: backlinks.ms,
    brokenLinksMs: broken.ms,
    brokenLinks: broken.value,
    searchBuildMs: build.ms,
    ...searchFigures(search),
  };
  Object.assign(figures, tagFigures(kb));
  Object.assign(figures, await changeFigures(kb));
  search.dispose();
  Object.assign(figures, await renameFigures(kb));
  collectGarbage();
  const checks = await timeMs(() => runChecks(kb));
  figures.checksMs = checks.ms;
  figures.findings = checks.value.length;
  return figures;
}

function searchFigures(search: SearchIndex): Record<string, unknown> {
  const perQuery: Record<string, number> = {};
  const hits: Record<string, number> = {};
  for (const query of QUERIES) {
    const times: number[] = [];
    for (let run = 0; run < 5; run++) {
      const start = now();
      hits[query] = search.search(query).length;
      times.push(elapsedMs(start));
    }
    perQuery[query] = median(times);
  }
  const all = Object.values(perQuery);
  return { searchMedianMs: median(all), searchWorstMs: Math.max(...all), searchPerQueryMs: perQuery, searchHits: hits };
}

/** The most used tag (counting descendants, as the Tags view does) and a tree node's children. */
function tagFigures(kb: KnowledgeBase): Record<string, unknown> {
  const counts = kb.index.tagCounts();
  const [topTag, topCount] = [...counts].reduce((best, item) => (item[1] > best[1] ? item : best));
  const lookups: number[] = [];
  let members: ReadonlySet<string> = new Set();
  for (let run = 0; run < 101; run++) {
    const start = now();
    members = kb.index.withTagOrDescendant(topTag);
    lookups.push(elapsedMs(start));
  }
  const sortTimes: number[] = [];
  for (let run = 0; run < 5; run++) {
    const start = now();
    // The same steps the Tags view takes to list a node's entries: paths to entries, sorted by title.
    const children = [...members].slice(0, TREE_CHILDREN).map((path) => kb.index.get(path)!);
    children.sort((a, b) => a.title.localeCompare(b.title));
    sortTimes.push(elapsedMs(start));
  }
  return { topTag, topTagEntries: topCount, tagLookupMs: median(lookups), treeChildren: Math.min(TREE_CHILDREN, members.size), treeChildrenMs: median(sortTimes) };
}

/** Edits 50 files spread over the knowledge base, applying each change and then its undo. */
async function changeFigures(kb: KnowledgeBase): Promise<Record<string, unknown>> {
  const paths = [...kb.index.paths()].sort();
  const step = Math.floor(paths.length / CHANGED_FILES);
  const changeMs: number[] = [];
  const restoreMs: number[] = [];
  for (let i = 0; i < CHANGED_FILES; i++) {
    const path = paths[i * step];
    const absolute = kb.absolutePath(path);
    const original = fs.readFileSync(absolute, 'utf8');
    const edited = original.replace(/^title: (.*)$/m, 'title: $1 (revised)').replace(/^tags: \[/m, 'tags: [reviewed-this-week, ') + '\nAlso see [[a-page-written-later]].\n';
    try {
      fs.writeFileSync(absolute, edited);
      let start = now();
      await kb.applyFileEvents([{ path, kind: 'changed' }]);
      changeMs.push(elapsedMs(start));
      fs.writeFileSync(absolute, original);
      start = now();
      await kb.applyFileEvents([{ path, kind: 'changed' }]);
      restoreMs.push(elapsedMs(start));
    } finally {
      // Put the file back even if applying threw, so the cached knowledge base stays as generated.
      fs.writeFileSync(absolute, original);
    }
  }
  return {
    changeMedianMs: median(changeMs),
    changeP95Ms: percentile(changeMs, 0.95),
    changeMaxMs: Math.max(...changeMs),
    restoreMedianMs: median(restoreMs),
  };
}

/** Plans renaming the tag written on the number of entries closest to 10,000. */
async function renameFigures(kb: KnowledgeBase): Promise<Record<string, unknown>> {
  const written = new Map<string, number>();
  for (const entry of kb.index.all()) for (const tag of entry.writtenTags) written.set(tag, (written.get(tag) ?? 0) + 1);
  const [tag, count] = [...written].reduce((best, item) => (Math.abs(item[1] - 10_000) < Math.abs(best[1] - 10_000) ? item : best));
  collectGarbage();
  const plan = await timeMs(() => planTagRename(kb, new NodeFileSystem(), tag, `${tag}-renamed`));
  return { renameTag: tag, renameEntries: count, renameMs: plan.ms, renameChanges: plan.value.changes.length, renameRefused: plan.value.refused.length };
}
