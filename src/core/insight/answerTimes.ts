// How long questions wait for an answer. A question's answer arrives when the first entry naming it
// in `answers:` appears: that entry's `created` date, else its first commit, else its file time.
// When the answering entry is older than the question (an existing how-to linked as the answer),
// the link can only have been added by a later commit to that entry, so the first commit touching
// it at or after the question was asked is taken instead; without one it counts as answered at once.
import { parseDate } from '../freshness';
import type { CommitRecord, FileHistory } from '../git/history';
import type { EntryIndex } from '../index/entryIndex';
import type { QuestionView } from '../questions';

const DAY_MS = 86_400_000;

export interface HistoryFacts {
  readonly commits: readonly CommitRecord[];
  readonly files: ReadonlyMap<string, FileHistory>;
}

export interface AnswerTime {
  question: string;
  /** The answering entry that came first. */
  answer: string;
  days: number;
}

/** Answer times of the answered questions that have an answering entry; status-only answers have no time. */
export function answerTimes(questions: QuestionView[], index: EntryIndex, history?: HistoryFacts): AnswerTime[] {
  const answerPaths = new Set(questions.flatMap((q) => q.answers));
  const commitTimes = history && answerPaths.size ? commitTimesOf(answerPaths, history.commits) : new Map<string, number[]>();
  const times: AnswerTime[] = [];
  for (const question of questions) {
    let best: { answer: string; at: number } | undefined;
    for (const path of question.answers) {
      const entry = index.get(path);
      if (!entry) continue;
      const firstCommit = history?.files.get(path)?.firstChange;
      const appeared = parseDate(entry.created) ?? (firstCommit !== undefined ? firstCommit * 1000 : entry.mtimeMs);
      let at = appeared;
      if (appeared < question.askedAt) {
        const later = (commitTimes.get(path) ?? []).find((seconds) => seconds * 1000 >= question.askedAt);
        at = later !== undefined ? later * 1000 : question.askedAt;
      }
      if (!best || at < best.at) best = { answer: path, at };
    }
    if (best) times.push({ question: question.entry.path, answer: best.answer, days: Math.max(0, best.at - question.askedAt) / DAY_MS });
  }
  return times;
}

/** Commit times (seconds, ascending) of the given paths, in one pass over the history. */
function commitTimesOf(paths: ReadonlySet<string>, commits: readonly CommitRecord[]): Map<string, number[]> {
  const times = new Map<string, number[]>();
  for (const commit of commits) {
    for (const file of commit.files) {
      if (!paths.has(file)) continue;
      let list = times.get(file);
      if (!list) times.set(file, (list = []));
      list.push(commit.time);
    }
  }
  for (const list of times.values()) list.sort((a, b) => a - b);
  return times;
}

export function median(values: number[]): number | undefined {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
