// Suggested tags for an entry, each with the reason it was suggested:
//   - vocabulary tags (or their aliases) mentioned in the title, headings, summary or text;
//   - tags of the entries it links to;
//   - tags of the most similar entries, by TF-IDF over titles, summaries and headings.
// The similarity index follows the entry index's events, like the search index.
import type { EntryIndex } from './index/entryIndex';
import { IndexFollower } from './index/indexFollower';
import type { Entry } from './model';
import { headingTexts } from './restoredEntry';
import type { Vocabulary } from './vocabulary';

export interface TagSuggestion {
  tag: string;
  score: number;
  reasons: string[];
}

const STOP_WORDS = new Set('a an and are as at be by can do for from how in into is it its of on or our that the this to use using we what when why with you your not no if then than vs via per'.split(' '));
const MAX_TERMS = 24;
const SIMILAR_ENTRIES = 8;
const MAX_POSTINGS = 1000;

export function terms(text: string): string[] {
  // Identifiers such as std::vector, take_view or c++ stay one term.
  return (text.toLowerCase().match(/[a-z0-9_][a-z0-9+#._:-]*[a-z0-9+#_]|[a-z0-9]/g) ?? []).filter((t) => t.length > 1 && !STOP_WORDS.has(t));
}

function entryTerms(entry: Entry): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (text: string | undefined, weight: number) => {
    for (const term of terms(text ?? '')) counts.set(term, (counts.get(term) ?? 0) + weight);
  };
  add(entry.title, 3);
  add(entry.summary, 2);
  for (const text of headingTexts(entry)) add(text, 1);
  // Only the strongest terms are kept: enough to find neighbours, small enough for 100k entries.
  return new Map([...counts].sort((a, b) => b[1] - a[1]).slice(0, MAX_TERMS));
}

/** How long a similarity query may spend preparing entries first (see IndexFollower.catchUpWithin). */
const SIMILARITY_BUDGET_MS = 30;

export class SimilarityIndex {
  private readonly vectors = new Map<string, Map<string, number>>();
  private readonly postings = new Map<string, Set<string>>();
  /** Adds entries on the first query after they changed, not as the index changes (see IndexFollower). */
  private readonly follower: IndexFollower;

  constructor(index: EntryIndex) {
    this.follower = new IndexFollower(index, { add: (entry) => this.add(entry), remove: (path) => this.remove(path) });
  }

  /** Adds what changed since the last query a slice at a time, ahead of the next query (see IndexFollower.catchUpInSlices). */
  prepareInSlices(sliceMs: number, pause: () => Promise<void>, cancelled?: () => boolean): Promise<void> {
    return this.follower.catchUpInSlices(sliceMs, pause, cancelled);
  }

  dispose(): void {
    this.follower.dispose();
  }

  private add(entry: Entry): void {
    if (entry.skipped) return;
    const vector = entryTerms(entry);
    this.vectors.set(entry.path, vector);
    for (const term of vector.keys()) {
      let set = this.postings.get(term);
      if (!set) this.postings.set(term, (set = new Set()));
      set.add(entry.path);
    }
  }

  private remove(path: string): void {
    const vector = this.vectors.get(path);
    if (!vector) return;
    for (const term of vector.keys()) {
      const set = this.postings.get(term);
      set?.delete(path);
      if (set && !set.size) this.postings.delete(term);
    }
    this.vectors.delete(path);
  }

  /** Entries most similar to the given one (which need not be indexed), best first. */
  similar(entry: Entry, limit = SIMILAR_ENTRIES): Array<{ path: string; score: number }> {
    // Suggestions can do with part of a large knowledge base while it is first prepared (a few
    // seconds at 100k entries), or after a reload changed every entry: a completion list does not
    // wait for all of it. Until then they draw on the folders prepared first.
    this.follower.catchUpWithin(SIMILARITY_BUDGET_MS);
    const total = Math.max(1, this.vectors.size);
    const scores = new Map<string, number>();
    for (const [term, weight] of entryTerms(entry)) {
      const holders = this.postings.get(term);
      // Terms found in a quarter of all entries, or in more than a thousand, say little about
      // this entry, and walking their postings would make completion slow on large bases.
      if (!holders || (total >= 40 && holders.size > total / 4) || holders.size > MAX_POSTINGS) continue;
      const idf = Math.log(total / holders.size);
      for (const path of holders) {
        if (path === entry.path) continue;
        const other = this.vectors.get(path)!.get(term)!;
        scores.set(path, (scores.get(path) ?? 0) + weight * other * idf * idf);
      }
    }
    return [...scores].map(([path, score]) => ({ path, score })).sort((a, b) => b.score - a.score || a.path.localeCompare(b.path)).slice(0, limit);
  }
}

/** Finds tags whose words (or an alias's words) appear in a text, in time proportional to the text. */
export class MentionMatcher {
  private readonly phrases = new Map<string, Array<{ tag: string; viaAlias?: string }>>();
  private maxWords = 1;

  constructor(tags: Iterable<string>, vocabulary: Vocabulary) {
    for (const tag of tags) {
      for (const name of [tag, ...(vocabulary.describe(tag)?.aliases ?? [])]) {
        // "take_view class [C++]": a bracketed qualifier is rarely written next to the words in the text.
        const words = terms(name.replace(/\[[^\]]*\]/g, ' ').replace(/\//g, ' '));
        if (!words.length || words.length > 4) continue;
        const phrase = words.join(' ');
        const list = this.phrases.get(phrase) ?? [];
        list.push({ tag, viaAlias: name === tag ? undefined : name });
        this.phrases.set(phrase, list);
        this.maxWords = Math.max(this.maxWords, words.length);
      }
    }
  }

  match(text: string): Map<string, string> {
    const words = terms(text);
    const found = new Map<string, string>();
    for (let i = 0; i < words.length; i++) {
      let phrase = '';
      for (let n = 0; n < this.maxWords && i + n < words.length; n++) {
        phrase = n ? `${phrase} ${words[i + n]}` : words[i];
        for (const { tag, viaAlias } of this.phrases.get(phrase) ?? []) {
          if (!found.has(tag)) found.set(tag, viaAlias ? `"${viaAlias}" (an alias) appears in the entry` : `"${tag}" appears in the entry`);
        }
      }
    }
    return found;
  }
}

export interface SuggestionInput {
  entry: Entry;
  /** The entry's body text, when at hand, to find vocabulary terms mentioned in it. */
  body?: string;
  index: EntryIndex;
  vocabulary: Vocabulary;
  similarity: SimilarityIndex;
  /** Tags to leave out (those the entry already has). */
  exclude?: Set<string>;
  /** Candidate tags for mentions when the vocabulary is empty (for example the tags in use). */
  knownTags?: Iterable<string>;
  /** A prebuilt matcher, when many entries are scored against the same candidates. */
  mentions?: MentionMatcher;
}

export function suggestTags(input: SuggestionInput, limit = 5): TagSuggestion[] {
  const { entry, index, vocabulary, similarity } = input;
  const exclude = input.exclude ?? new Set(entry.tags);
  const found = new Map<string, TagSuggestion>();
  const offer = (tag: string, score: number, reason: string) => {
    const canonical = vocabulary.resolve(tag);
    // A parent of a tag already there (observability for observability/metrics) adds nothing.
    if (exclude.has(canonical) || [...exclude].some((present) => present.startsWith(`${canonical}/`))) return;
    const suggestion = found.get(canonical) ?? { tag: canonical, score: 0, reasons: [] };
    suggestion.score += score;
    if (!suggestion.reasons.includes(reason) && suggestion.reasons.length < 3) suggestion.reasons.push(reason);
    found.set(canonical, suggestion);
  };

  // Mentions: a tag's words (or an alias) appearing in the entry's own words.
  const mentions = input.mentions ?? new MentionMatcher(vocabulary.isEmpty ? input.knownTags ?? [] : Object.keys(vocabulary.tags), vocabulary);
  const own = [entry.title, entry.summary ?? '', ...entry.headings.map((h) => h.text), input.body ?? ''].join('\n');
  for (const [tag, reason] of mentions.match(own)) offer(tag, 3, reason);

  // Linked entries.
  for (const link of entry.links) {
    for (const target of index.resolve(link).slice(0, 1).filter((path) => path !== entry.path)) {
      const linked = index.get(target);
      for (const tag of linked?.tags ?? []) offer(tag, 1, `linked entry "${linked!.title}" has it`);
    }
  }

  // Similar entries.
  const neighbours = similarity.similar(entry);
  const best = neighbours[0]?.score ?? 1;
  for (const { path, score } of neighbours) {
    const neighbour = index.get(path);
    for (const tag of neighbour?.tags ?? []) offer(tag, 2 * (score / best), `similar entry "${neighbour!.title}" has it`);
  }

  return [...found.values()].sort((a, b) => b.score - a.score || a.tag.localeCompare(b.tag)).slice(0, limit);
}
