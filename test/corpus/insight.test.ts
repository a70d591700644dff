// Community health on real and generated histories: dendron-site's monthly figures agree with an
// independent `git log` count, and the cache answers refreshes without reading git again. (How
// long it takes is measured by the benchmark, `npm run bench`.)
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { generatedHistory } from '../../bench/generateHistory';
import { GitHistory } from '../../src/core/git/history';
import { HealthCache } from '../../src/core/insight/healthCache';
import { computeHealth } from '../../src/core/insight/metrics';
import { KnowledgeBase } from '../../src/core/knowledgeBase';
import { NodeFileSystem } from '../../src/node/nodeFileSystem';
import { NodeGitRunner } from '../../src/node/nodeGitRunner';
import { corpusAvailable, dendronSite, indexedOnce } from './corpora';

const git = new NodeGitRunner();

/** Contributors and contributions per month straight from `git log`, sharing no code with Commons. */
function monthlyFromGitLog(cwd: string): Map<string, { contributions: number; people: Set<string> }> {
  // A merge counts when it changed entries itself (a resolved conflict): git's dense combined diff.
  // --full-history: a path limit would otherwise simplify away commits of branches a merge left out.
  const log = execFileSync('git', ['log', '--full-history', '--format=%x1e%at%x09%aE', '--name-only', '--no-renames', '--diff-merges=dense-combined', '--', '*.md'], { cwd, encoding: 'utf8', maxBuffer: 256 << 20 });
  const months = new Map<string, { contributions: number; people: Set<string> }>();
  for (const record of log.split('\x1e').slice(1)) {
    const [header, ...files] = record.split('\n');
    // Entries are Markdown files outside dot-folders (.git, .vscode, …), as discovery defines them.
    if (!files.some((file) => file && !file.split('/').slice(0, -1).some((part) => part.startsWith('.')))) continue;
    const [time, email] = header.split('\t');
    const month = new Date(Number(time) * 1000).toISOString().slice(0, 7);
    const figures = months.get(month) ?? { contributions: 0, people: new Set<string>() };
    figures.contributions++;
    figures.people.add(email.toLowerCase());
    months.set(month, figures);
  }
  return months;
}

describe('community health on dendron-site', function () {
  this.timeout(300_000);
  let kb: KnowledgeBase;
  let vault: string;

  before(async function () {
    if (!corpusAvailable()) this.skip();
    vault = path.join(dendronSite(), 'vault');
    kb = await indexedOnce(vault);
  });

  it('agrees with git log on contributions and new vs returning contributors per month', async () => {
    const history = new GitHistory(git, vault);
    await history.update();
    const health = computeHealth({ index: kb.index, config: kb.config, history, now: Date.parse('2026-11-26T00:00:00Z'), isEntryPath: (p) => kb.isEntryPath(p) });
    const expected = monthlyFromGitLog(vault);
    const seen = new Set<string>();
    const months = [...expected.keys()].sort();
    for (const month of months) {
      const figures = expected.get(month)!;
      const newPeople = [...figures.people].filter((person) => !seen.has(person));
      newPeople.forEach((person) => seen.add(person));
      const actual = health.months.find((m) => m.month === month);
      assert.deepEqual(
        actual && [actual.contributions, actual.contributors, actual.newContributors, actual.returningContributors],
        [figures.contributions, figures.people.size, newPeople.length, figures.people.size - newPeople.length],
        month,
      );
    }
    assert.equal(health.months.filter((m) => m.contributions).length, months.length, 'no month without commits has contributions');
    assert.equal(health.contributors.total, seen.size);
    assert.equal(health.history.contributingCommits, [...expected.values()].reduce((sum, m) => sum + m.contributions, 0));
    assert.ok(seen.size > 100, `${seen.size} contributors`);
  });

  it('answers a refresh with nothing changed from the cache', async () => {
    const history = new GitHistory(git, vault);
    await history.update();
    const cache = new HealthCache(kb, history);
    const health = cache.get(Date.now());
    assert.equal(cache.get(Date.now()), health);
    assert.equal(health.history.commits, history.commits.length);
    cache.dispose();
  });
});

describe('community health on a 20,000-commit history', function () {
  this.timeout(600_000);

  it('computes the figures again after an index change, and the same months from the commits it has', async () => {
    const root = path.join(generatedHistory(20_000), 'kb');
    const kb = new KnowledgeBase(root, new NodeFileSystem());
    await kb.load({ sliceMs: Infinity });
    const history = new GitHistory(git, root);
    await history.update();
    const cache = new HealthCache(kb, history);
    const health = cache.get(Date.now());
    assert.equal(history.commits.length, health.history.commits);
    assert.ok(health.contributors.total > 100);
    assert.equal(cache.get(Date.now()), health, 'nothing changed: the cached figures');
    await kb.applyFileEvents([{ path: [...kb.index.paths()][0], kind: 'changed' }]);
    const recomputed = cache.get(Date.now());
    assert.notEqual(recomputed, health, 'an index change computes the figures again');
    assert.deepEqual(recomputed.months, health.months);
    cache.dispose();
  });
});
