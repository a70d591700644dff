// Contributions and contributors per calendar month (UTC), accumulated from GitHistory's commits in
// memory. The history only ever appends commits, or starts over after a rewrite, so the ledger reads
// just the commits it has not seen yet and never runs git itself.
import type { CommitRecord } from '../git/history';

/** What the ledger needs of a GitHistory: its commits, oldest first. */
export interface CommitSource {
  readonly commits: readonly CommitRecord[];
  /** Changes when the commits were read again from the first (see GitHistory.generation). */
  readonly generation?: number;
}

/** "YYYY-MM" of a time in seconds, in UTC so that every machine files a commit in the same month. */
export function monthOf(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 7);
}

/** The month after "YYYY-MM". */
export function nextMonth(month: string): string {
  const [year, index] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  return index === 12 ? `${year + 1}-01` : `${year}-${String(index + 1).padStart(2, '0')}`;
}

/** Every month from `first` to `last`, both included, so quiet months show as zero rather than vanish. */
export function monthRange(first: string, last: string): string[] {
  const months: string[] = [];
  for (let month = first; month <= last; month = nextMonth(month)) months.push(month);
  return months;
}

/** The `count` months ending with `last`, oldest first. */
export function monthsEndingWith(last: string, count: number): string[] {
  const months = [last];
  while (months.length < count) {
    const [year, index] = [Number(months[0].slice(0, 4)), Number(months[0].slice(5, 7))];
    months.unshift(index === 1 ? `${year - 1}-12` : `${year}-${String(index - 1).padStart(2, '0')}`);
  }
  return months;
}

export class ActivityLedger {
  /** Month -> person id -> contributing commits by that person in that month. */
  readonly byMonth = new Map<string, Map<string, number>>();
  /** Person id -> month of their first contribution. */
  readonly firstMonth = new Map<string, string>();
  /** Commits that touched at least one entry. */
  contributingCommits = 0;
  private processed = 0;
  private lastHash?: string;
  private lastGeneration?: number;
  private readonly entryPathMemo = new Map<string, boolean>();

  /**
   * `isEntryPath` decides which files count: entries by location (Markdown, not ignored), so that
   * work on entries deleted since still counts as the contribution it was.
   */
  constructor(private readonly isEntryPath: (path: string) => boolean) {}

  /** Reads the commits appended since the last call; starts over when the history was rewritten or read again. */
  update(source: CommitSource): void {
    const commits = source.commits;
    // The same commits read again under another .mailmap carry other person ids.
    const reread = source.generation !== this.lastGeneration;
    if (reread || this.processed > commits.length || (this.processed > 0 && commits[this.processed - 1].hash !== this.lastHash)) this.reset();
    this.lastGeneration = source.generation;
    for (let i = this.processed; i < commits.length; i++) this.add(commits[i]);
    this.processed = commits.length;
    this.lastHash = commits.length ? commits[commits.length - 1].hash : undefined;
  }

  get commitsRead(): number {
    return this.processed;
  }

  /** The first and last month with a contribution, if any. */
  span(): { first: string; last: string } | undefined {
    if (!this.byMonth.size) return undefined;
    let first = '9999-12';
    let last = '0000-01';
    for (const month of this.byMonth.keys()) {
      if (month < first) first = month;
      if (month > last) last = month;
    }
    return { first, last };
  }

  private reset(): void {
    this.byMonth.clear();
    this.firstMonth.clear();
    this.contributingCommits = 0;
    this.processed = 0;
  }

  private add(commit: CommitRecord): void {
    if (!commit.files.some((file) => this.countsAsEntry(file))) return;
    this.contributingCommits++;
    const month = monthOf(commit.time);
    let people = this.byMonth.get(month);
    if (!people) this.byMonth.set(month, (people = new Map()));
    people.set(commit.personId, (people.get(commit.personId) ?? 0) + 1);
    // Commits are appended in git's order, which is not strictly by author date (rebases keep old
    // dates), so the first month is a minimum rather than the month first seen.
    const first = this.firstMonth.get(commit.personId);
    if (first === undefined || month < first) this.firstMonth.set(commit.personId, month);
  }

  private countsAsEntry(path: string): boolean {
    let answer = this.entryPathMemo.get(path);
    if (answer === undefined) this.entryPathMemo.set(path, (answer = this.isEntryPath(path)));
    return answer;
  }
}
