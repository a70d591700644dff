// When an entry is due for review: `reviewed` when written, else its last change in git, else
// `created`, else the file's modification time; due once that is older than the review interval.
import type { GitHistory } from './git/history';
import type { Entry } from './model';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface Freshness {
  /** Milliseconds since the epoch of the date freshness is measured from. */
  since: number;
  basis: 'reviewed' | 'git' | 'created' | 'modified';
  ageDays: number;
  due: boolean;
}

export function freshnessOf(entry: Entry, intervalDays: number, now: number, history?: GitHistory): Freshness {
  let since: number | undefined;
  let basis: Freshness['basis'] = 'modified';
  const reviewed = parseDate(entry.reviewed);
  const lastChange = history?.files.get(entry.path)?.lastChange;
  const created = parseDate(entry.created);
  if (reviewed !== undefined) [since, basis] = [reviewed, 'reviewed'];
  else if (lastChange !== undefined) [since, basis] = [lastChange * 1000, 'git'];
  else if (created !== undefined) [since, basis] = [created, 'created'];
  else since = entry.mtimeMs;
  const ageDays = Math.floor((now - since) / DAY_MS);
  return { since, basis, ageDays, due: ageDays > intervalDays };
}

/** Parses YYYY-MM-DD, full ISO timestamps and times since 1970 (milliseconds or seconds); anything else is undefined rather than a guess. */
export function parseDate(text: string | undefined): number | undefined {
  // Dendron and others write times as milliseconds (or seconds) since 1970.
  if (text && /^\d{12,13}$/.test(text)) return Number(text);
  if (text && /^\d{9,10}$/.test(text)) return Number(text) * 1000;
  if (!text || !/^\d{4}-\d{2}-\d{2}/.test(text)) return undefined;
  const time = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
  // Date.parse rolls a day the month lacks over (2026-02-30 is March 2nd): that is no date.
  if (isNaN(time) || (text.length === 10 && isoDay(time) !== text)) return undefined;
  return time;
}

export function isoDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

export interface DueEntry {
  path: string;
  /** When the entry was last reviewed or changed (see freshnessOf). */
  since: number;
}

/**
 * The entries due for review, longest waiting first, and by path among entries waiting as long (the
 * files of one commit): the index's own order depends on what changed since it was loaded.
 */
export function dueForReview(entries: Iterable<Entry>, intervalDays: number, now: number, history?: GitHistory): DueEntry[] {
  const due: DueEntry[] = [];
  for (const entry of entries) {
    if (entry.skipped) continue;
    const freshness = freshnessOf(entry, intervalDays, now, history);
    if (freshness.due) due.push({ path: entry.path, since: freshness.since });
  }
  return due.sort((a, b) => a.since - b.since || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
