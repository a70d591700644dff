// A community's health as figures: contributions and contributors per month, entries by type, tags
// and their stewards, questions and how fast they are answered, entries due for review, and the
// maturity stage those figures add up to. Everything comes from the index and the git history
// already in memory; nothing here reads files or runs git.
import type { CommonsConfig } from '../config';
import { freshnessOf } from '../freshness';
import type { GitHistory } from '../git/history';
import type { EntryIndex } from '../index/entryIndex';
import { tagAndAncestors } from '../index/entryKeys';
import { listQuestions } from '../questions';
import { ActivityLedger, monthOf, monthRange, monthsEndingWith } from './activity';
import { answerTimes, median } from './answerTimes';
import { assessMaturity, type MaturityAssessment, type MaturityMeasures } from './maturity';

const DAY_MS = 86_400_000;
const TOP_TAGS = 12;
const WINDOW_MONTHS = 6;
const YEAR_MONTHS = 12;

export interface HealthInput {
  index: EntryIndex;
  config: CommonsConfig;
  /** Absent or unavailable when the folder is not a git work tree or the workspace is not trusted. */
  history?: Pick<GitHistory, 'commits' | 'files' | 'available' | 'shallow'>;
  /** Milliseconds since the epoch. */
  now: number;
  /** Which files count as entries by location; Markdown files by default. */
  isEntryPath?: (path: string) => boolean;
  /** A ledger kept between calls, so only new commits are read (see HealthCache). */
  ledger?: ActivityLedger;
}

export interface MonthActivity {
  month: string;
  /** Commits that touched at least one entry. */
  contributions: number;
  contributors: number;
  /** Contributors whose first contribution fell in this month. */
  newContributors: number;
  returningContributors: number;
  /** Entries in the knowledge base today whose first commit fell in this month. */
  entriesAdded: number;
}

export interface TagFigure {
  tag: string;
  /** Entries carrying the tag or one of its child tags. */
  entries: number;
  /** Stewards of the tag, or of the nearest ancestor tag that has some. */
  stewards: string[];
}

export interface OpenQuestion {
  path: string;
  title: string;
  askedAt: number;
  ageDays: number;
}

export interface CommunityHealth {
  now: number;
  entries: number;
  history: { available: boolean; shallow: boolean; commits: number; contributingCommits: number };
  months: MonthActivity[];
  contributors: { total: number; last6Months: number; new6Months: number; returning6Months: number };
  /** Entry types by count; the key '' holds entries without a type. */
  types: Array<{ type: string; entries: number }>;
  tags: { inUse: number; top: TagFigure[]; withoutSteward: TagFigure[]; stewardedShare?: number };
  questions: { total: number; open: number; answered: number; answerRate?: number; medianDaysToAnswer?: number; timedAnswers: number; openList: OpenQuestion[] };
  /** `configured`: commons.yml sets `review:`; otherwise the interval is the default. */
  review: { intervalDays: number; configured: boolean; checked: number; due: number; dueShare?: number };
  measures: MaturityMeasures;
  maturity: MaturityAssessment;
}

const isMarkdown = (path: string) => /\.(md|markdown)$/i.test(path);

export function computeHealth(input: HealthInput): CommunityHealth {
  const { index, config, now } = input;
  const history = input.history?.available ? input.history : undefined;
  const ledger = input.ledger ?? new ActivityLedger(input.isEntryPath ?? isMarkdown);
  if (history) ledger.update(history);

  const months = monthlyActivity(ledger, index, history, now);
  const window = new Set(monthsEndingWith(monthOf(now / 1000), WINDOW_MONTHS));
  const year = monthsEndingWith(monthOf(now / 1000), YEAR_MONTHS);
  const recent = new Set<string>();
  for (const month of window) for (const person of ledger.byMonth.get(month)?.keys() ?? []) recent.add(person);
  const newRecent = [...recent].filter((person) => window.has(ledger.firstMonth.get(person)!)).length;
  const yearByPerson = new Map<string, number>();
  for (const month of year) for (const [person, commits] of ledger.byMonth.get(month) ?? []) yearByPerson.set(person, (yearByPerson.get(person) ?? 0) + commits);
  const yearTotal = [...yearByPerson.values()].reduce((sum, n) => sum + n, 0);

  let entries = 0;
  let checked = 0;
  let due = 0;
  for (const entry of index.all()) {
    entries++;
    if (entry.skipped) continue;
    checked++;
    if (freshnessOf(entry, config.reviewIntervalDays, now, history as GitHistory | undefined).due) due++;
  }
  const types = [...index.types()].map(([type, count]) => ({ type, entries: count }));
  const typed = types.reduce((sum, t) => sum + t.entries, 0);
  if (entries > typed) types.push({ type: '', entries: entries - typed });
  types.sort((a, b) => b.entries - a.entries || a.type.localeCompare(b.type));

  const tags = tagFigures(index, config);
  const questions = questionFigures(index, history, now);
  const measures: MaturityMeasures = {
    contributors6m: history ? recent.size : undefined,
    newContributors6m: history ? newRecent : undefined,
    returningShare6m: history && recent.size ? (recent.size - newRecent) / recent.size : undefined,
    activeMonths12: history ? year.filter((month) => ledger.byMonth.has(month)).length : undefined,
    topContributorShare12: yearTotal ? Math.max(...yearByPerson.values()) / yearTotal : undefined,
    typedShare: entries ? typed / entries : undefined,
    answerRate: questions.answerRate,
    medianDaysToAnswer: questions.medianDaysToAnswer,
    stewardedTagShare: tags.stewardedShare,
    freshShare: checked ? (checked - due) / checked : undefined,
  };
  return {
    now,
    entries,
    history: { available: !!history, shallow: !!history?.shallow, commits: history?.commits.length ?? 0, contributingCommits: history ? ledger.contributingCommits : 0 },
    months,
    contributors: { total: ledger.firstMonth.size, last6Months: recent.size, new6Months: newRecent, returning6Months: recent.size - newRecent },
    types,
    tags,
    questions,
    review: { intervalDays: config.reviewIntervalDays, configured: config.reviewConfigured, checked, due, dueShare: checked ? due / checked : undefined },
    measures,
    maturity: assessMaturity(measures),
  };
}

function monthlyActivity(ledger: ActivityLedger, index: EntryIndex, history: HealthInput['history'], now: number): MonthActivity[] {
  const span = ledger.span();
  if (!span || !history) return [];
  const added = new Map<string, number>();
  for (const path of index.paths()) {
    const first = history.files.get(path)?.firstChange;
    if (first === undefined) continue;
    const month = monthOf(first);
    added.set(month, (added.get(month) ?? 0) + 1);
  }
  const current = monthOf(now / 1000);
  const last = span.last > current ? span.last : current;
  return monthRange(span.first, last).map((month) => {
    const people = ledger.byMonth.get(month);
    let contributions = 0;
    let newContributors = 0;
    for (const [person, commits] of people ?? []) {
      contributions += commits;
      if (ledger.firstMonth.get(person) === month) newContributors++;
    }
    const contributors = people?.size ?? 0;
    return { month, contributions, contributors, newContributors, returningContributors: contributors - newContributors, entriesAdded: added.get(month) ?? 0 };
  });
}

function tagFigures(index: EntryIndex, config: CommonsConfig): CommunityHealth['tags'] {
  const stewardsOf = (tag: string) => {
    for (const candidate of tagAndAncestors(tag)) {
      const stewards = config.tags[candidate]?.stewards ?? [];
      if (stewards.length) return stewards;
    }
    return [];
  };
  const counts = index.tagCounts();
  const all = [...counts].map(([tag, entries]) => ({ tag, entries, stewards: stewardsOf(tag) }));
  all.sort((a, b) => b.entries - a.entries || a.tag.localeCompare(b.tag));
  // A parent tag that no entry carries itself (`testing` above `testing/flaky`) needs no steward
  // of its own, so only tags written on entries are held to having one.
  const written = all.filter((t) => index.withTag(t.tag).size > 0);
  const withoutSteward = written.filter((t) => !t.stewards.length);
  return {
    inUse: written.length,
    top: all.slice(0, TOP_TAGS),
    withoutSteward,
    stewardedShare: written.length ? (written.length - withoutSteward.length) / written.length : undefined,
  };
}

function questionFigures(index: EntryIndex, history: HealthInput['history'], now: number): CommunityHealth['questions'] {
  const questions = listQuestions(index, history as GitHistory | undefined);
  const answered = questions.filter((q) => q.answered).length;
  const times = answerTimes(questions.filter((q) => q.answered), index, history);
  const openList = questions
    .filter((q) => !q.answered)
    .map((q) => ({ path: q.entry.path, title: q.entry.title, askedAt: q.askedAt, ageDays: Math.max(0, Math.floor((now - q.askedAt) / DAY_MS)) }));
  return {
    total: questions.length,
    open: questions.length - answered,
    answered,
    answerRate: questions.length ? answered / questions.length : undefined,
    medianDaysToAnswer: median(times.map((t) => t.days)),
    timedAnswers: times.length,
    openList,
  };
}
