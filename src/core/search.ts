// Instant search over titles, tags, summaries, headings and file names. Each entry's searchable text is
// prepared once and kept up to date from index events (by the first search after them), so a
// keystroke is one linear scan of short lower-case strings, keeping only the best results as it goes.
import type { EntryIndex } from './index/entryIndex';
import { IndexFollower } from './index/indexFollower';
import type { Entry } from './model';
import { entryName } from './paths';
import { singular } from './plural';
import { headingTexts } from './restoredEntry';

interface Prepared {
  path: string;
  title: string;
  tags: string[];
  summary: string;
  headings: string;
  /**
   * The file name without its extension, in lower case: Dendron-style names (`dendron.topic.lookup`)
   * are found too. Not the folders, nor `.md`, which every entry of a folder or all of them share.
   */
  fileName: string;
}

export interface SearchResult {
  path: string;
  score: number;
  /** What matched, for the result's description: 'title', 'tag', 'summary', 'heading' or 'file name'. */
  matchedIn: string;
}

export class SearchIndex {
  private readonly prepared = new Map<string, Prepared>();
  /** Prepares entries on the first search after they changed, not as the index changes (see IndexFollower). */
  private readonly follower: IndexFollower;

  constructor(index: EntryIndex) {
    this.follower = new IndexFollower(index, {
      add: (entry) => this.prepared.set(entry.path, prepare(entry)),
      remove: (path) => this.prepared.delete(path),
    });
  }

  /** Prepares what changed since the last search a slice at a time, ahead of the next search (see IndexFollower.catchUpInSlices). */
  prepareInSlices(sliceMs: number, pause: () => Promise<void>, cancelled?: () => boolean): Promise<void> {
    return this.follower.catchUpInSlices(sliceMs, pause, cancelled);
  }

  dispose(): void {
    this.follower.dispose();
  }

  /**
   * Every word must match somewhere. `#tag` or `tag:name` words match tags only: the tag (an alias
   * read as its tag, through `resolveTag`) and its children, or, while it is no tag in use
   * (`isTagInUse`), tags it begins, as it is typed. Results are best first: title matches, then
   * tags, summaries, headings, file names. `missingOne`, when given, receives (the best `limit`
   * of) the entries that hold every word but one of the other words, in the same pass: what a
   * search for each word left out would find besides.
   */
  search(query: string, limit = 200, resolveTag: (tag: string) => string = (tag) => tag, isTagInUse: (tag: string) => boolean = () => false, missingOne?: SearchResult[]): SearchResult[] {
    this.follower.catchUp();
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (!words.length) return [];
    const tagWords = words
      .filter((w) => w.startsWith('#') || w.startsWith('tag:'))
      .map((w) => w.replace(/^#|^tag:/, ''))
      .filter(Boolean)
      // A word that is a whole tag in use means that tag (#java is not #javascript); others may be its start.
      .map((typed) => {
        const tag = resolveTag(typed);
        return { typed, tag: tag.toLowerCase(), whole: isTagInUse(tag) };
      });
    const textWords = words.filter((w) => !w.startsWith('#') && !w.startsWith('tag:')).map((typed) => ({ typed, singular: singular(typed) }));
    const results: SearchResult[] = [];
    for (const item of this.prepared.values()) {
      let score = 0;
      let matchedIn = '';
      let ok = true;
      for (const { typed, tag, whole } of tagWords) {
        if (item.tags.some((t) => t === tag || t.startsWith(tag + '/'))) score += 50;
        else if (!whole && item.tags.some((t) => t.startsWith(typed))) score += 30;
        else {
          ok = false;
          break;
        }
        matchedIn ||= 'tag';
      }
      if (!ok) continue;
      let missed = 0;
      for (const word of textWords) {
        // A plural finds the singular too ("lookups" finds Lookup), a little below the word as typed.
        const match = matchWord(item, word.typed) ?? (word.singular !== word.typed ? matchWord(item, word.singular) : undefined);
        if (!match) {
          if (missingOne && !missed++) continue;
          ok = false;
          break;
        }
        score += match.score - (match.typed === word.typed ? 0 : 1);
        matchedIn ||= match.field;
      }
      if (!ok) continue;
      keepBest(missed ? missingOne! : results, { path: item.path, score: score - item.title.length / 1000, matchedIn }, limit);
    }
    return results;
  }
}

/** Where a word first matches an entry (title, tags, summary, headings, file name, in that order) and what that is worth. */
function matchWord(item: Prepared, typed: string): { typed: string; score: number; field: string } | undefined {
  const titleAt = item.title.indexOf(typed);
  if (titleAt >= 0) return { typed, score: titleAt === 0 ? 100 : item.title.charCodeAt(titleAt - 1) === 32 ? 80 : 60, field: 'title' };
  if (item.tags.some((t) => t.includes(typed))) return { typed, score: 40, field: 'tag' };
  if (item.summary.includes(typed)) return { typed, score: 20, field: 'summary' };
  if (item.headings.includes(typed)) return { typed, score: 10, field: 'heading' };
  if (item.fileName.includes(typed)) return { typed, score: 5, field: 'file name' };
  return undefined;
}

const better = (a: SearchResult, b: SearchResult) => a.score > b.score || (a.score === b.score && a.path < b.path);

/** Keeps `results` as the best `limit` results, best first, without sorting every match. */
function keepBest(results: SearchResult[], candidate: SearchResult, limit: number): void {
  if (results.length === limit && !better(candidate, results[limit - 1])) return;
  let at = results.length;
  while (at > 0 && better(candidate, results[at - 1])) at--;
  results.splice(at, 0, candidate);
  if (results.length > limit) results.pop();
}

function prepare(entry: Entry): Prepared {
  return {
    path: entry.path,
    title: entry.title.toLowerCase(),
    tags: entry.tags.map((t) => t.toLowerCase()),
    summary: (entry.summary ?? '').toLowerCase(),
    headings: headingTexts(entry).join('\n').toLowerCase(),
    fileName: entryName(entry.path).toLowerCase(),
  };
}

// Words that say little about what an entry is about: a title's similar entries need not share them.
const FILLER_WORDS = new Set(
  ('a an the and or but nor of to in on at by for with without from into onto over under about after before between ' +
    'how what when where which who why is are was were be being been do does did can could should would will shall may might must ' +
    'we our us you your i my me it its this that these those there here not no up out off as if than then so just also').split(' '),
);

/**
 * Entries similar to a title being typed for a new entry: those whose title, tags, summary,
 * headings or file name hold each of its words that say something (not "a", "with", "how"),
 * best first. With three words or more and too few such entries, those holding all but one of them
 * count too, so a word no similar entry happens to use does not hide them all; all are ranked
 * together, so a title holding two of the words comes before a long page whose headings hold three.
 */
export function similarToTitle(search: SearchIndex, title: string, limit = 8): SearchResult[] {
  const words = title
    .toLowerCase()
    .split(/\s+/)
    .map((word) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}+#]+$/gu, ''))
    .filter((word) => word && !word.startsWith('#') && !FILLER_WORDS.has(word))
    .filter((word, at, all) => all.indexOf(word) === at)
    .slice(0, 5);
  if (!words.length) return [];
  // One pass: those missing one of three words or more come in the same scan.
  const fewer: SearchResult[] = [];
  const results = search.search(words.join(' '), limit, undefined, undefined, words.length >= 3 ? fewer : undefined);
  if (results.length >= limit || !fewer.length) return results;
  return [...results, ...fewer].sort((a, b) => b.score - a.score || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).slice(0, limit);
}
