// What entries keep, and what they share. A large knowledge base holds 100,000 entries for as
// long as the editor is open, so memory is decided here:
// - a string cut from a file's text keeps the whole text alive in V8, so every string an entry
//   keeps is copied out, all of an entry's at once (detachEntryStrings);
// - values many entries repeat (tags, people, dates, types, the layout of their front matter) are
//   kept once per knowledge base (StringPool, shareRepeatedValues).
import { dateText } from './frontMatter';
import { frontMatterLayoutKey, frontMatterLayoutOf, type FrontMatterLayout } from './frontMatterLayout';
import type { Entry } from './model';

/**
 * A copy of `text` in a string of its own, not a piece of another one. It costs more to make than
 * a piece, but pieces are slow to hash and compare: pooled values are keys of the index's maps.
 */
function ownCopy(text: string): string {
  return text.length < 13 ? text : (JSON.parse(JSON.stringify(text)) as string);
}

/** Values and front-matter layouts repeated across one knowledge base, kept once (see ParseContext.pool). */
export class StringPool {
  private readonly values = new Map<string, string>();
  private readonly layouts = new Map<string, FrontMatterLayout>();
  private readonly dates = new Map<number, string | undefined>();

  readonly intern = (value: string): string => {
    const known = this.values.get(value);
    if (known !== undefined) return known;
    const copy = ownCopy(value);
    this.values.set(copy, copy);
    return copy;
  };

  /** As intern, for a value that is no piece of a file's text (another thread sent it): kept as it is. */
  readonly internOwn = (value: string): string => {
    const known = this.values.get(value);
    if (known !== undefined) return known;
    this.values.set(value, value);
    return value;
  };

  /** How many distinct values and layouts it holds. */
  get size(): number {
    return this.values.size + this.layouts.size + this.dates.size;
  }

  /** A YAML date as text (see dateText), made once per distinct date: dates repeat across entries. */
  dateText(value: Date): string | undefined {
    const time = value.getTime();
    if (this.dates.has(time)) return this.dates.get(time);
    const text = dateText(value) ?? undefined;
    this.dates.set(time, text === undefined ? undefined : this.intern(text));
    return this.dates.get(time);
  }

  /**
   * The same field lines and filled fields for every entry whose front matter has this shape
   * (most entries of a knowledge base written from one template do). Shared objects are frozen.
   */
  frontMatterLayout(fieldLines: Record<string, number>, filledFields: string[]): FrontMatterLayout {
    const key = frontMatterLayoutKey(fieldLines, filledFields);
    return this.layouts.get(key) ?? this.keepLayout(key, fieldLines, filledFields);
  }

  /** As frontMatterLayout, for a layout given by its key (see frontMatterLayoutKey): the reader thread sends these. */
  frontMatterLayoutByKey(key: string): FrontMatterLayout {
    const known = this.layouts.get(key);
    if (known) return known;
    const { fieldLines, filledFields } = frontMatterLayoutOf(key);
    return this.keepLayout(key, fieldLines, filledFields);
  }

  private keepLayout(key: string, fieldLines: Record<string, number>, filledFields: string[]): FrontMatterLayout {
    const layout = { fieldLines: Object.freeze(fieldLines), filledFields: Object.freeze(filledFields) as string[] };
    this.layouts.set(key, layout);
    return layout;
  }
}

/**
 * Points a parsed entry at the pool's copies of what many entries repeat: tags, people, dates,
 * type and status, and the front matter's layout (packed entries are pooled as they are unpacked,
 * see entryPacking.ts). (Link keys are left alone: most are used by a few entries only, and
 * pooling them cost more than it saved.)
 */
export function shareRepeatedValues(entry: Entry, pool: StringPool): void {
  shareRepeatedStrings(entry, pool, false);
  Object.assign(entry.frontMatter, pool.frontMatterLayout(entry.frontMatter.fieldLines, entry.frontMatter.filledFields));
}

/**
 * As shareRepeatedValues, for an entry whose front-matter layout is the pool's already.
 * `ownStrings`: its strings are no pieces of a file's text (another thread sent them), so new
 * values are pooled as they are rather than copied first.
 */
export function shareRepeatedStrings(entry: Entry, pool: StringPool, ownStrings: boolean): void {
  const intern = ownStrings ? pool.internOwn : pool.intern;
  mapRepeatedValues(entry, <T extends string | undefined>(value: T): T => (value === undefined ? value : (intern(value) as T)));
}

/**
 * Replaces each value many entries repeat (tags, people, dates, type, status) with what `map`
 * returns. Lists are changed in place: a parsed entry's lists are its own.
 */
function mapRepeatedValues(entry: Entry, map: <T extends string | undefined>(value: T) => T): void {
  // Tags written exactly as indexed share one array, here as in the parser.
  const tagsAsWritten = sameList(entry.tags, entry.writtenTags);
  mapInPlace(entry.tags, map);
  if (tagsAsWritten) entry.writtenTags = entry.tags;
  else mapInPlace(entry.writtenTags, map);
  mapInPlace(entry.authors, map);
  entry.type = map(entry.type);
  entry.owner = map(entry.owner);
  entry.created = map(entry.created);
  entry.reviewed = map(entry.reviewed);
  entry.status = map(entry.status);
}

function mapInPlace(values: string[], map: (value: string) => string): void {
  for (let i = 0; i < values.length; i++) values[i] = map(values[i]);
}

/** Pieces shorter than this are always copies in V8; longer ones may point into the file's text. */
const SHORT = 13;

/**
 * Cuts the entry's strings loose from the file's text, which would otherwise stay in memory as
 * long as the entry does. All of them are copied at once, through one JSON round trip: it makes
 * each a string of its own for about the cost of one copy. (Pieces of one shared copy cost 32
 * bytes of header each, against 16 for a string of its own: 20 MB more for 100k entries, and
 * pieces hash and compare more slowly as map keys.) Values kept once for the whole knowledge base
 * (ParseContext.pool) are detached there.
 */
export function detachEntryStrings(entry: Entry, pooled: boolean): void {
  const kept: string[] = [];
  const keep = (value: string | undefined) => {
    if (value !== undefined && value.length >= SHORT) kept.push(value);
  };
  visitEntryStrings(entry, pooled, keep);
  if (!kept.length) return;
  const copies = JSON.parse(JSON.stringify(kept)) as string[];
  let at = 0;
  visitEntryStrings(entry, pooled, (value) => (value === undefined || value.length < SHORT ? value : copies[at++]));
}

/** Calls `visit` on each string an entry holds that may come from its text, in a fixed order, and stores what it returns. */
function visitEntryStrings(entry: Entry, pooled: boolean, visit: (value: string | undefined) => string | undefined | void): void {
  const swap = <T extends string | undefined>(value: T): T => (visit(value) ?? value) as T;
  // Without a pool these are this entry's own and are detached with the rest.
  if (!pooled) mapRepeatedValues(entry, swap);
  entry.title = swap(entry.title);
  entry.summary = swap(entry.summary);
  entry.answers = swap(entry.answers);
  entry.frontMatter.language = swap(entry.frontMatter.language);
  for (const heading of entry.headings) heading.text = swap(heading.text);
  for (const link of entry.links) {
    // A wikilink's key is often its target itself: keep sharing one string then.
    const keyIsTarget = link.key === link.target;
    link.target = swap(link.target);
    link.key = keyIsTarget ? link.target : swap(link.key);
    if (link.heading !== undefined) link.heading = swap(link.heading);
    if (link.alias !== undefined) link.alias = swap(link.alias);
    if (link.altKey !== undefined) link.altKey = swap(link.altKey);
  }
  for (const finding of entry.findings) finding.message = swap(finding.message);
}

export function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}
