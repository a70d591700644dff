// Questions and their answers: a question is answered when its status says so or when another
// entry names it in `answers:`.
import type { GitHistory } from './git/history';
import type { EntryIndex } from './index/entryIndex';
import type { Entry } from './model';
import { posixDirname, posixJoinNormalize } from './paths';
import { parseDate } from './freshness';

export interface QuestionView {
  entry: Entry;
  answered: boolean;
  /** Entries whose `answers:` points at this question. */
  answers: string[];
  /** When it was asked (ms): `created`, else its first commit, else the file's mtime. */
  askedAt: number;
}

/** `answers:` is written from the KB root (docs/q.md) or relative to the entry (../questions/q.md). */
export function answeredPath(entry: Entry): string | undefined {
  if (!entry.answers) return undefined;
  const target = entry.answers.trim();
  if (target.startsWith('.')) return posixJoinNormalize(posixDirname(entry.path), target);
  return posixJoinNormalize('', target.replace(/^\//, ''));
}

export function listQuestions(index: EntryIndex, history?: GitHistory): QuestionView[] {
  const answersByQuestion = new Map<string, string[]>();
  for (const entry of index.all()) {
    const target = answeredPath(entry);
    if (!target) continue;
    const list = answersByQuestion.get(target) ?? [];
    list.push(entry.path);
    answersByQuestion.set(target, list);
  }
  const questions: QuestionView[] = [];
  for (const path of index.withType('question')) {
    const entry = index.get(path)!;
    const answers = (answersByQuestion.get(path) ?? []).sort();
    const firstCommit = history?.files.get(path)?.firstChange;
    questions.push({
      entry,
      answers,
      answered: entry.status === 'answered' || answers.length > 0,
      askedAt: parseDate(entry.created) ?? (firstCommit ? firstCommit * 1000 : entry.mtimeMs),
    });
  }
  return questions.sort((a, b) => a.askedAt - b.askedAt || a.entry.path.localeCompare(b.entry.path));
}
