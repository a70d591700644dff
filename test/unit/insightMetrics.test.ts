// Community health figures on a scripted history whose answers are worked out by hand below.
import * as assert from 'node:assert/strict';
import type { CommitRecord, FileHistory } from '../../src/core/git/history';
import { ActivityLedger } from '../../src/core/insight/activity';
import { computeHealth, type HealthInput } from '../../src/core/insight/metrics';
import { KnowledgeBase } from '../../src/core/knowledgeBase';
import { MemoryFileSystem } from './fakes/memoryFileSystem';

type Scripted = [day: string, person: string, files: string[]];

/** A GitHistory-shaped object from scripted commits, in the order given (git's order, not time order). */
export function scriptedHistory(script: Scripted[]): NonNullable<HealthInput['history']> {
  const commits: CommitRecord[] = script.map(([day, personId, files], i) => ({ hash: `c${i}`, personId, time: Date.parse(`${day}T12:00:00Z`) / 1000, files }));
  const files = new Map<string, FileHistory>();
  for (const commit of commits) {
    for (const file of commit.files) {
      const known = files.get(file) ?? { firstChange: commit.time, lastChange: commit.time, commits: 0, authors: new Map() };
      known.firstChange = Math.min(known.firstChange, commit.time);
      known.lastChange = Math.max(known.lastChange, commit.time);
      known.commits++;
      known.authors.set(commit.personId, (known.authors.get(commit.personId) ?? 0) + 1);
      files.set(file, known);
    }
  }
  return { commits, files, available: true, shallow: false };
}

const NOW = Date.parse('2026-06-15T00:00:00Z');

const SCRIPT: Scripted[] = [
  ['2025-03-10', 'ana', ['a.md']],
  ['2025-03-20', 'bo', ['b.md']],
  ['2025-03-21', 'bo', ['README.txt']],
  ['2025-05-02', 'ana', ['a.md']],
  ['2026-02-01', 'ana', ['c.md']],
  ['2026-02-03', 'cy', ['c.md']],
  ['2026-04-05', 'dee', ['d.md', 'q.md']],
  // Listed last but dated first, as a rebased commit can be: cy's first month is 2025-01.
  ['2025-01-05', 'cy', ['a.md']],
];

const FILES = {
  '/kb/commons.yml': 'review: { interval: 180d }\ntags:\n  kubernetes: { stewards: [ana@example.com] }\n  testing: { stewards: [cy@example.com] }\n',
  '/kb/a.md': '---\ntitle: A\ntype: practice\ntags: [kubernetes]\nreviewed: 2026-05-01\n---\n',
  '/kb/b.md': '---\ntitle: B\ntype: how-to\ntags: [testing/flaky]\n---\n',
  '/kb/c.md': '---\ntitle: C\ntags: [testing, docs]\n---\n',
  '/kb/d.md': '---\ntitle: D\ntype: how-to\ntags: [deploy/canary]\ncreated: 2026-04-05\nanswers: q.md\n---\n',
  '/kb/q.md': '---\ntitle: Q\ntype: question\ncreated: 2026-03-01\n---\n',
  '/kb/q2.md': '---\ntitle: Q2\ntype: question\nstatus: answered\ncreated: 2026-01-10\n---\n',
  '/kb/q3.md': '---\ntitle: Q3 <b>bold</b>\ntype: question\ncreated: 2026-05-01\n---\n',
};

async function loadKb(files: Record<string, string> = FILES): Promise<KnowledgeBase> {
  const kb = new KnowledgeBase('/kb', new MemoryFileSystem(files));
  await kb.load();
  return kb;
}

describe('community health figures', () => {
  it('counts contributions and new vs returning contributors per month, quiet months included', async () => {
    const kb = await loadKb();
    const health = computeHealth({ index: kb.index, config: kb.config, history: scriptedHistory(SCRIPT), now: NOW });
    assert.equal(health.months[0].month, '2025-01');
    assert.equal(health.months[health.months.length - 1].month, '2026-06');
    assert.equal(health.months.length, 18);
    const byMonth = Object.fromEntries(health.months.filter((m) => m.contributions).map((m) => [m.month, [m.contributions, m.newContributors, m.returningContributors]]));
    assert.deepEqual(byMonth, {
      '2025-01': [1, 1, 0],
      '2025-03': [2, 2, 0], // bo's README.txt commit touches no entry
      '2025-05': [1, 0, 1],
      '2026-02': [2, 0, 2], // cy started in 2025-01, even though that commit was read last
      '2026-04': [1, 1, 0],
    });
    assert.deepEqual(health.contributors, { total: 4, last6Months: 3, new6Months: 1, returning6Months: 2 });
    assert.equal(health.history.contributingCommits, 7);
    assert.equal(health.measures.activeMonths12, 2);
    assert.equal(health.measures.topContributorShare12, 1 / 3);
    assert.equal(health.measures.returningShare6m, 2 / 3);
    // Entries present today by the month of their first commit (q.md and d.md together).
    assert.deepEqual(health.months.filter((m) => m.entriesAdded).map((m) => [m.month, m.entriesAdded]), [['2025-01', 1], ['2025-03', 1], ['2026-02', 1], ['2026-04', 2]]);
  });

  it('measures questions: answer rate, median time to answer, open ones oldest first', async () => {
    const kb = await loadKb();
    const { questions } = computeHealth({ index: kb.index, config: kb.config, history: scriptedHistory(SCRIPT), now: NOW });
    assert.equal(questions.total, 3);
    assert.equal(questions.answered, 2);
    assert.equal(questions.answerRate, 2 / 3);
    assert.equal(questions.medianDaysToAnswer, 35, 'd.md (2026-04-05) answers q.md (2026-03-01)');
    assert.equal(questions.timedAnswers, 1, 'q2 is answered by its status only, so it has no time');
    assert.deepEqual(questions.openList.map((q) => [q.path, q.title, q.ageDays]), [['q3.md', 'Q3 <b>bold</b>', 45]]);
  });

  it('times an older entry linked as the answer from its first commit after the question', async () => {
    const kb = await loadKb({
      '/kb/how.md': '---\ntitle: How\ncreated: 2025-01-01\nanswers: q.md\n---\n',
      '/kb/old.md': '---\ntitle: Old\ncreated: 2025-01-01\nanswers: q2.md\n---\n',
      '/kb/q.md': '---\ntype: question\ncreated: 2026-01-01\n---\n',
      '/kb/q2.md': '---\ntype: question\ncreated: 2026-01-01\n---\n',
    });
    const history = scriptedHistory([
      ['2025-01-01', 'ana', ['how.md', 'old.md']],
      ['2025-06-01', 'ana', ['how.md']],
      ['2026-01-21', 'bo', ['how.md', 'q.md']],
    ]);
    const { questions } = computeHealth({ index: kb.index, config: kb.config, history, now: NOW });
    // how.md got its `answers:` in the 2026-01-21 commit at noon at the earliest (20.5 days); old.md
    // has no commit after the question, so it counts as answered at once (0 days).
    assert.equal(questions.timedAnswers, 2);
    assert.equal(questions.medianDaysToAnswer, 10.25);
  });

  it('counts types, top tags, tags without a steward (stewards inherited from a parent tag) and entries due', async () => {
    const kb = await loadKb();
    const health = computeHealth({ index: kb.index, config: kb.config, history: scriptedHistory(SCRIPT), now: NOW });
    assert.deepEqual(health.types, [{ type: 'question', entries: 3 }, { type: 'how-to', entries: 2 }, { type: '', entries: 1 }, { type: 'practice', entries: 1 }]);
    assert.deepEqual(health.tags.top.map((t) => [t.tag, t.entries]), [['testing', 2], ['deploy', 1], ['deploy/canary', 1], ['docs', 1], ['kubernetes', 1], ['testing/flaky', 1]]);
    assert.deepEqual(health.tags.top.find((t) => t.tag === 'testing/flaky')!.stewards, ['cy@example.com']);
    assert.deepEqual(health.tags.withoutSteward.map((t) => t.tag), ['deploy/canary', 'docs'], '`deploy` is carried by no entry itself, so it needs no steward');
    assert.equal(health.tags.inUse, 5);
    assert.equal(health.tags.stewardedShare, 3 / 5);
    // b.md last changed 2025-03-20 (over 180 days); q2 and q3 have recent `created` dates.
    assert.deepEqual(health.review, { intervalDays: 180, configured: true, checked: 7, due: 1, dueShare: 1 / 7 });
    assert.equal(health.maturity.stage, 'sporadic emergence');
    assert.deepEqual(health.maturity.evidence.filter((e) => e.rule.stage === 1).map((e) => [e.rule.id, e.value, e.met]), [
      ['contributors', 3, true],
      ['regularity', 2, false],
      ['typed', 6 / 7, true],
    ]);
    assert.equal(health.maturity.next?.steps.length, 1);
  });

  it('without git history keeps the index figures and leaves the history figures unmeasured', async () => {
    const kb = await loadKb();
    const health = computeHealth({ index: kb.index, config: kb.config, now: NOW });
    assert.equal(health.history.available, false);
    assert.deepEqual(health.months, []);
    assert.equal(health.measures.contributors6m, undefined);
    assert.equal(health.entries, 7);
    assert.equal(health.questions.answerRate, 2 / 3);
    assert.ok(!health.maturity.evidence.find((e) => e.rule.id === 'contributors')!.met);
  });

  it('reads only new commits, and starts over when the history was rewritten', () => {
    const full = scriptedHistory(SCRIPT);
    const ledger = new ActivityLedger((p) => p.endsWith('.md'));
    ledger.update({ commits: full.commits.slice(0, 4) });
    ledger.update({ commits: full.commits });
    const fresh = new ActivityLedger((p) => p.endsWith('.md'));
    fresh.update(full);
    assert.deepEqual([...ledger.byMonth].sort(), [...fresh.byMonth].sort());
    assert.deepEqual([...ledger.firstMonth].sort(), [...fresh.firstMonth].sort());
    assert.equal(ledger.contributingCommits, 7);

    const rewritten = scriptedHistory([['2026-01-01', 'eve', ['x.md']]]).commits.map((c) => ({ ...c, hash: 'other' }));
    ledger.update({ commits: rewritten });
    assert.deepEqual([...ledger.firstMonth], [['eve', '2026-01']]);
    assert.equal(ledger.contributingCommits, 1);
  });
});
