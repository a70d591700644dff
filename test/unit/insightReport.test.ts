// The health report from a real git repository, and the cache that keeps computed health between
// changes.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { report } from '../../src/cli/report';
import { GitHistory } from '../../src/core/git/history';
import { HealthCache } from '../../src/core/insight/healthCache';
import { KnowledgeBase } from '../../src/core/knowledgeBase';
import { NodeFileSystem } from '../../src/node/nodeFileSystem';
import { NodeGitRunner } from '../../src/node/nodeGitRunner';
import { TempRepo } from './gitRepo';

const NOW = Date.parse('2024-01-15T00:00:00Z');

function guildRepo(): TempRepo {
  const repo = new TempRepo();
  repo.write('commons.yml', 'name: Test Guild\nentries: docs\ntags:\n  testing: { stewards: [ana@example.com] }\n');
  repo.write('docs/q.md', '---\ntitle: How do we test?\ntype: question\ntags: [testing]\n---\n');
  repo.commit('ask', 'Ana Lima <ana@example.com>');
  repo.write('docs/a.md', '---\ntitle: Testing how-to\ntype: how-to\ntags: [testing]\nanswers: docs/q.md\n---\n');
  repo.write('code/build.md', 'not an entry: outside docs/');
  repo.commit('answer', 'Bo <bo@example.com>');
  repo.write('docs/open.md', '---\ntitle: "Is [this](javascript:alert(1)) <script>safe</script>?"\ntype: question\ntags: [security]\n---\n');
  repo.commit('ask again', 'Cy <cy@example.com>');
  return repo;
}

async function run(dir: string, out?: string): Promise<{ code: number; out: string; err: string }> {
  const io = { out: '', err: '' };
  const code = await report(dir, out, { out: (t) => (io.out += t + '\n'), err: (t) => (io.err += t + '\n') }, NOW);
  return { code, ...io };
}

describe('health report', () => {
  it('writes the report with its charts as SVG files beside it, linking entries relative to it', async () => {
    const repo = guildRepo();
    const out = path.join(repo.dir, 'reports', 'health.md');
    const result = await run(repo.dir, out);
    assert.equal(result.code, 0, result.err);
    const files = fs.readdirSync(path.dirname(out)).sort();
    assert.deepEqual(files, ['health-contributions.svg', 'health-contributors.svg', 'health-growth.svg', 'health-tags.svg', 'health-types.svg', 'health.md']);
    const markdown = fs.readFileSync(out, 'utf8');
    assert.match(markdown, /^# Community health: Test Guild$/m);
    assert.match(markdown, /!\[Contributions per month \(commits touching entries\)\]\(health-contributions\.svg\)/);
    assert.match(markdown, /\| Contributors, all time \| 3 \|/);
    assert.match(markdown, /\| Questions \| 2: 1 open, 1 answered \(50 %\) \|/);
    assert.match(markdown, /\| Median time to answer \| 1\.0 days/, 'the answer came one commit-day later');
    assert.match(markdown, /- `security`: 1 entry/);
    // The hostile title is text: no link, no HTML.
    assert.match(markdown, /- \[Is \\\[this\\\]\\\(javascript:alert\\\(1\\\)\\\) \\<script\\>safe\\<\/script\\>\?\]\(<\.\.\/docs\/open\.md>\)/);
    const contributions = fs.readFileSync(path.join(path.dirname(out), 'health-contributions.svg'), 'utf8');
    assert.match(contributions, /<style>/, 'image files carry their own colours');
    assert.match(contributions, /2023-11: 3 contributions/);
    repo.remove();
  });

  it('prints the report with inline SVG when no file is given', async () => {
    const repo = guildRepo();
    const result = await run(repo.dir);
    assert.equal(result.code, 0, result.err);
    const svgs = result.out.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    assert.equal(svgs.length, 5);
    // A blank line would end the HTML block in Markdown and print the rest of the SVG as text.
    assert.ok(svgs.every((svg) => !/\n\s*\n/.test(svg)));
    assert.match(result.out, /\]\(<docs\/open\.md>\)/);
    repo.remove();
  });
});

describe('health cache', () => {
  it('keeps health until the history or the index changes', async () => {
    const repo = guildRepo();
    const kb = new KnowledgeBase(repo.dir, new NodeFileSystem());
    await kb.load();
    const history = new GitHistory(new NodeGitRunner(), repo.dir);
    await history.update();
    const cache = new HealthCache(kb, history);
    const first = cache.get(NOW);
    assert.equal(first.history.contributingCommits, 3);
    assert.equal(cache.get(NOW + 1000), first, 'nothing changed: the same object');

    repo.write('docs/q.md', '---\ntitle: How do we test?\ntype: question\ntags: [testing]\nstatus: answered\n---\n');
    repo.commit('close', 'Dee <dee@example.com>');
    await history.update();
    await kb.applyFileEvents([{ path: 'docs/q.md', kind: 'changed' }]);
    const second = cache.get(NOW);
    assert.notEqual(second, first);
    assert.equal(second.history.contributingCommits, 4);
    assert.equal(second.contributors.total, 4);

    await kb.applyFileEvents([{ path: 'docs/open.md', kind: 'deleted' }]);
    assert.equal(cache.get(NOW).entries, 2, 'an index change alone also refreshes');
    cache.dispose();
    repo.remove();
  });
});
