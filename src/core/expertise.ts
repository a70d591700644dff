// Who knows what: people from front matter (authors, owner) and git history, with their entries and
// their strongest tags. Recent activity weighs more, so the people to ask now rank first.
import type { GitHistory } from './git/history';
import type { EntryIndex } from './index/entryIndex';
import type { Person } from './model';
import { parsePerson } from './people';

export interface PersonSummary {
  person: Person;
  /** Entries this person authored or owns (front matter). */
  entries: string[];
  /** Entries this person changed in git but is not named on. */
  contributed: string[];
  commits: number;
  /** Seconds since the epoch; 0 when unknown. */
  lastActive: number;
  /** Tags by weight, strongest first. */
  tags: Array<{ tag: string; weight: number }>;
  /** Ranking score: entries named on plus recent-weighted commits. */
  activity: number;
}

const HALF_LIFE_DAYS = 365;

export function summarizePeople(index: EntryIndex, history: GitHistory | undefined, now: number): PersonSummary[] {
  const people = new Map<string, PersonSummary>();
  const summaryFor = (person: Person) => {
    let summary = people.get(person.id);
    if (!summary) {
      summary = { person, entries: [], contributed: [], commits: 0, lastActive: 0, tags: [], activity: 0 };
      people.set(person.id, summary);
    }
    return summary;
  };
  const tagWeights = new Map<string, Map<string, number>>();
  const addTags = (id: string, path: string, weight: number) => {
    const entry = index.get(path);
    if (!entry) return;
    let weights = tagWeights.get(id);
    if (!weights) tagWeights.set(id, (weights = new Map()));
    for (const tag of entry.tags) weights.set(tag, (weights.get(tag) ?? 0) + weight);
  };

  for (const entry of index.all()) {
    const named = [...entry.authors, ...(entry.owner ? [entry.owner] : [])].map(parsePerson);
    for (const person of new Map(named.map((p) => [p.id, p])).values()) {
      const summary = summaryFor(person);
      if (hasOnlyEmailName(summary.person) && !hasOnlyEmailName(person)) summary.person = person;
      summary.entries.push(entry.path);
      addTags(person.id, entry.path, 2);
    }
  }
  if (history) {
    for (const [id, activity] of history.people) {
      const summary = people.get(id) ?? summaryFor(activity.person);
      if (hasOnlyEmailName(summary.person) && !hasOnlyEmailName(activity.person)) summary.person = activity.person;
      summary.commits = activity.commits;
      summary.lastActive = activity.lastActive;
      const recency = Math.pow(0.5, Math.max(0, now / 1000 - activity.lastActive) / 86400 / HALF_LIFE_DAYS);
      for (const [path, commits] of activity.files) {
        if (!index.get(path)) continue;
        if (!summary.entries.includes(path)) summary.contributed.push(path);
        addTags(id, path, Math.log2(1 + commits) * recency);
      }
    }
  }
  for (const summary of people.values()) {
    const recency = summary.lastActive ? Math.pow(0.5, Math.max(0, now / 1000 - summary.lastActive) / 86400 / HALF_LIFE_DAYS) : 0;
    summary.activity = summary.entries.length * 2 + summary.commits * recency;
    summary.tags = [...(tagWeights.get(summary.person.id) ?? new Map<string, number>())]
      .map(([tag, weight]) => ({ tag, weight }))
      .sort((a, b) => b.weight - a.weight || a.tag.localeCompare(b.tag));
    summary.entries.sort();
    summary.contributed.sort();
  }
  return [...people.values()].sort((a, b) => b.activity - a.activity || a.person.name.localeCompare(b.person.name));
}

/** True when all we know of a name is an email's local part: a real name seen elsewhere replaces it. */
function hasOnlyEmailName(person: Person): boolean {
  return !!person.email && person.name === person.email.split('@')[0];
}
