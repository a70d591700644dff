// The figures `commons stats` prints: one pass over the index.
import { freshnessOf } from './freshness';
import type { GitHistory } from './git/history';
import type { KnowledgeBase } from './knowledgeBase';
import { parsePerson } from './people';
import { listQuestions } from './questions';

export interface KnowledgeBaseStats {
  entries: number;
  withFrontMatter: number;
  frontMatterErrors: number;
  skipped: number;
  types: Record<string, number>;
  tags: Record<string, number>;
  links: { total: number; broken: number };
  questions: { open: number; answered: number };
  dueForReview: number;
  people: number;
}

export function computeStats(kb: KnowledgeBase, now: number, history?: GitHistory): KnowledgeBaseStats {
  const stats: KnowledgeBaseStats = {
    entries: 0, withFrontMatter: 0, frontMatterErrors: 0, skipped: 0, types: {}, tags: {},
    links: { total: 0, broken: kb.index.brokenLinks().length }, questions: { open: 0, answered: 0 }, dueForReview: 0, people: 0,
  };
  // From history, people whose commits touched entries: not those who only edited commons.yml or a README, as the health report counts.
  const people = new Set<string>();
  for (const [id, activity] of history?.people ?? []) if ([...activity.files.keys()].some((file) => kb.isEntryPath(file))) people.add(id);
  for (const entry of kb.index.all()) {
    stats.entries++;
    if (entry.skipped) stats.skipped++;
    if (entry.frontMatter.present) stats.withFrontMatter++;
    if (entry.findings.some((f) => f.rule.startsWith('front-matter') && f.severity === 'error')) stats.frontMatterErrors++;
    stats.links.total += entry.links.length;
    for (const author of entry.authors) people.add(parsePerson(author).id);
    if (entry.owner) people.add(parsePerson(entry.owner).id);
    if (!entry.skipped && freshnessOf(entry, kb.config.reviewIntervalDays, now, history).due) stats.dueForReview++;
  }
  // Object.fromEntries defines each name as data: a tag named `__proto__` is counted like any other.
  stats.types = Object.fromEntries(kb.index.types());
  stats.tags = Object.fromEntries([...kb.index.tagCounts()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
  for (const question of listQuestions(kb.index, history)) {
    if (question.answered) stats.questions.answered++;
    else stats.questions.open++;
  }
  stats.people = people.size;
  return stats;
}
