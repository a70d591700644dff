// The community health dashboard's cost: the first open (read the git history, compute every
// figure), a refresh with nothing changed (served from the cache), and a refresh after one entry
// changed (the commits already read are kept; only the figures are computed again).
import { GitHistory } from '../src/core/git/history';
import { HealthCache } from '../src/core/insight/healthCache';
import { KnowledgeBase } from '../src/core/knowledgeBase';
import { NodeFileSystem } from '../src/node/nodeFileSystem';
import { NodeGitRunner } from '../src/node/nodeGitRunner';
import { collectGarbage, peakRssMb, timeMs } from './timing';

export async function dashboardHealth(root: string): Promise<Record<string, unknown>> {
  const kb = new KnowledgeBase(root, new NodeFileSystem());
  await kb.load({ sliceMs: Infinity });
  collectGarbage();
  const history = new GitHistory(new NodeGitRunner(), root);
  const cache = new HealthCache(kb, history);
  const first = await timeMs(async () => {
    await history.update();
    return cache.get(Date.now());
  });
  const cached = await timeMs(() => cache.get(Date.now()));
  if (cached.value !== first.value) throw new Error('the second read was not served from the cache');
  await kb.applyFileEvents([{ path: [...kb.index.paths()][0], kind: 'changed' }]);
  const afterChange = await timeMs(() => cache.get(Date.now()));
  cache.dispose();
  return {
    entries: kb.index.size,
    commits: history.commits.length,
    firstOpenMs: first.ms,
    cachedMs: cached.ms,
    afterChangeMs: afterChange.ms,
    peakRssMb: peakRssMb(),
  };
}
